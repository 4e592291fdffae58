-- analytics.session_page_views: human page views with their session's channel, landing page and device, for
-- analysts who start from page views. A page view continuing a session begun the day before finds that
-- session in the previous day's partition (joined on session start day). Bots, and requests that are not page
-- views (static files, redirects, errors: request_class), are left out.
-- Idempotent (CREATE OR REPLACE). Parameters: none.
CREATE OR REPLACE VIEW analytics.session_page_views (
  dt COMMENT 'UTC day of the page view partition, YYYY-MM-DD',
  ts COMMENT 'Request time (UTC)',
  visitor_id COMMENT 'Visitor: fingerprint of anonymised client address and User-Agent',
  session_id COMMENT 'Session the page view belongs to (marts.sessions)',
  path COMMENT 'Request path without the query string',
  status COMMENT 'HTTP status code',
  channel COMMENT 'Channel of the session: direct, search, social, email, paid, internal or referral',
  landing_page COMMENT 'First page of the session',
  device_class COMMENT 'desktop, mobile, tablet or other',
  session_page_views COMMENT 'Page views in the whole session',
  is_bounce COMMENT 'True when the session has one page view')
  COMMENT 'Human page views with their session (channel, landing page, device), for analysts'
AS SELECT
  p.dt,
  p.ts,
  p.visitor_id,
  p.session_id,
  p.path,
  p.status,
  s.channel,
  s.landing_page,
  s.device_class,
  s.page_views,
  s.is_bounce
FROM marts.sessionized_page_views p
JOIN marts.sessions s
  ON s.session_id = p.session_id AND s.dt = to_date(p.session_start)
WHERE NOT p.is_bot AND coalesce(p.request_class, 'page') = 'page';
