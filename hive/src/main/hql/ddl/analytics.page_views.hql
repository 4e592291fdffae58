-- analytics.page_views: clean.page_views with the columns analysts derive again and again.
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
  response_time_us COMMENT 'Time taken in microseconds, when logged')
  COMMENT 'Page views with derived columns, for analysts'
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
  response_time_us
FROM clean.page_views;
