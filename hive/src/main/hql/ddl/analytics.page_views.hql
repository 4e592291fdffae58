-- analytics.page_views: clean.page_views with the columns analysts derive again and again; every request, the
-- page views being those WHERE is_page_view (data cleaned before request_class existed counts as page views).
-- Idempotent (CREATE OR REPLACE). Parameters: none.
CREATE OR REPLACE VIEW analytics.page_views (
  dt COMMENT 'UTC day of the raw partition, YYYY-MM-DD',
  ts COMMENT 'Request time (UTC)',
  hour_utc COMMENT 'Hour of the request time, 0-23, UTC',
  client_ip COMMENT 'Client address after anonymisation',
  method COMMENT 'HTTP method; null for an invalid request line',
  path COMMENT 'Request path without the query string',
  query COMMENT 'Query string without the leading ?',
  status COMMENT 'HTTP status code',
  status_class COMMENT 'Status family: 1xx, 2xx, 3xx, 4xx or 5xx',
  is_error COMMENT 'True for 4xx and 5xx responses',
  bytes COMMENT 'Response size in bytes',
  referer COMMENT 'Referer header',
  user_agent COMMENT 'User-Agent header',
  vhost COMMENT 'Virtual host, when logged',
  response_time_us COMMENT 'Time taken in microseconds, when logged',
  request_class COMMENT 'page, asset, redirect, error or other (one definition, see clean.page_views.request_class)',
  is_page_view COMMENT 'True for a page view: GET or POST answered 200 or 304, not a static file')
  COMMENT 'Every logged request with derived columns, for analysts; count page views WHERE is_page_view'
AS SELECT
  dt,
  ts,
  hour(ts),
  client_ip,
  method,
  path,
  query,
  status,
  concat(cast(floor(status / 100) AS STRING), 'xx'),
  status >= 400,
  bytes,
  referer,
  user_agent,
  vhost,
  response_time_us,
  coalesce(request_class, 'page'),
  coalesce(request_class, 'page') = 'page'
FROM clean.page_views;
