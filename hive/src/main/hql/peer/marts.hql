-- The marts stage in HQL, the Hive peer of the marts job: day ${hivevar:dt}'s five marts from its registered
-- sessionized page views, sessions and orders, by the rules of io.clickstream.marts.MartRules (revenue by channel counts
-- orders in ${hivevar:currency} only; a request without a path is grouped as '(invalid request)').
-- Parameters: dt (date), currency.
-- Output: peer.traffic_by_hour, peer.pages_by_day, peer.channels_by_day, peer.funnel_by_day and
-- peer.revenue_by_segment, with the columns of the marts' schemas.
CREATE DATABASE IF NOT EXISTS peer;

DROP TABLE IF EXISTS peer.traffic_by_hour;
CREATE TABLE peer.traffic_by_hour STORED AS AVRO AS
SELECT coalesce(v.hour, s.hour) AS hour,
       coalesce(v.requests, 0) AS requests, coalesce(v.page_views, 0) AS page_views,
       coalesce(v.bot_page_views, 0) AS bot_page_views, coalesce(v.visitors, 0) AS visitors,
       coalesce(s.sessions, 0) AS sessions, coalesce(s.bounced, 0) AS bounced_sessions,
       IF(coalesce(s.sessions, 0) = 0, 0D, CAST(s.bounced AS DOUBLE) / s.sessions) AS bounce_rate,
       coalesce(v.status_4xx, 0) AS status_4xx, coalesce(v.status_5xx, 0) AS status_5xx,
       IF(coalesce(v.requests, 0) = 0, 0D, CAST(v.status_4xx AS DOUBLE) / v.requests) AS rate_4xx,
       IF(coalesce(v.requests, 0) = 0, 0D, CAST(v.status_5xx AS DOUBLE) / v.requests) AS rate_5xx
FROM (
  SELECT hour(ts) AS hour, count(*) AS requests,
         sum(IF(NOT is_bot AND coalesce(request_class, 'page') = 'page', 1, 0)) AS page_views,
         sum(IF(is_bot AND coalesce(request_class, 'page') = 'page', 1, 0)) AS bot_page_views,
         count(DISTINCT IF(NOT is_bot AND coalesce(request_class, 'page') = 'page', visitor_id, NULL)) AS visitors,
         sum(IF(status >= 400 AND status < 500, 1, 0)) AS status_4xx,
         sum(IF(status >= 500 AND status < 600, 1, 0)) AS status_5xx
  FROM marts_audit.sessionized_page_views WHERE dt = '${hivevar:dt}' GROUP BY hour(ts)
) v FULL OUTER JOIN (
  SELECT hour(start_ts) AS hour, count(*) AS sessions, sum(IF(is_bounce, 1, 0)) AS bounced
  FROM marts_audit.sessions WHERE dt = '${hivevar:dt}' GROUP BY hour(start_ts)
) s ON v.hour = s.hour;

DROP TABLE IF EXISTS peer.pages_by_day;
CREATE TABLE peer.pages_by_day STORED AS AVRO AS
SELECT coalesce(v.path, l.path, e.path) AS path, coalesce(v.page_views, 0) AS page_views,
       coalesce(v.visitors, 0) AS visitors, coalesce(l.entrances, 0) AS entrances, coalesce(e.exits, 0) AS exits,
       coalesce(l.bounces, 0) AS bounces
FROM (
  SELECT coalesce(path, '(invalid request)') AS path, count(*) AS page_views, count(DISTINCT visitor_id) AS visitors
  FROM marts_audit.sessionized_page_views
  WHERE dt = '${hivevar:dt}' AND NOT is_bot AND coalesce(request_class, 'page') = 'page'
  GROUP BY coalesce(path, '(invalid request)')
) v FULL OUTER JOIN (
  SELECT coalesce(landing_page, '(invalid request)') AS path, count(*) AS entrances, sum(IF(is_bounce, 1, 0)) AS bounces
  FROM marts_audit.sessions WHERE dt = '${hivevar:dt}' GROUP BY coalesce(landing_page, '(invalid request)')
) l ON v.path = l.path FULL OUTER JOIN (
  SELECT coalesce(exit_page, '(invalid request)') AS path, count(*) AS exits
  FROM marts_audit.sessions WHERE dt = '${hivevar:dt}' GROUP BY coalesce(exit_page, '(invalid request)')
) e ON coalesce(v.path, l.path) = e.path;

DROP TABLE IF EXISTS peer.channels_by_day;
CREATE TABLE peer.channels_by_day STORED AS AVRO AS
SELECT coalesce(s.channel, o.channel) AS channel, coalesce(s.sessions, 0) AS sessions,
       coalesce(s.bounced, 0) AS bounced_sessions, coalesce(s.converted, 0) AS converted_sessions,
       IF(coalesce(s.sessions, 0) = 0, 0D, CAST(s.converted AS DOUBLE) / s.sessions) AS conversion_rate,
       coalesce(o.orders, 0) AS orders, CAST(coalesce(o.revenue, 0) AS DECIMAL(14, 2)) AS revenue
FROM (
  SELECT channel, count(*) AS sessions, sum(IF(is_bounce, 1, 0)) AS bounced,
         sum(IF(size(order_ids) > 0, 1, 0)) AS converted
  FROM marts_audit.sessions WHERE dt = '${hivevar:dt}' GROUP BY channel
) s FULL OUTER JOIN (
  SELECT channel, count(*) AS orders, sum(IF(currency = '${hivevar:currency}', amount, 0)) AS revenue
  FROM marts_audit.orders WHERE dt = '${hivevar:dt}' GROUP BY channel
) o ON s.channel = o.channel;

DROP TABLE IF EXISTS peer.funnel_by_day;
CREATE TABLE peer.funnel_by_day STORED AS AVRO AS
SELECT device_class, count(*) AS sessions, sum(IF(reached_product, 1, 0)) AS product_sessions,
       sum(IF(reached_cart, 1, 0)) AS cart_sessions, sum(IF(reached_checkout, 1, 0)) AS checkout_sessions,
       sum(IF(size(order_ids) > 0, 1, 0)) AS order_sessions
FROM marts_audit.sessions WHERE dt = '${hivevar:dt}' GROUP BY device_class;

DROP TABLE IF EXISTS peer.revenue_by_segment;
CREATE TABLE peer.revenue_by_segment STORED AS AVRO AS
SELECT segment, currency, count(*) AS orders, count(DISTINCT customer_id) AS customers,
       CAST(sum(amount) AS DECIMAL(14, 2)) AS revenue,
       CAST(round(sum(amount) / count(*), 2) AS DECIMAL(14, 2)) AS average_order_value
FROM marts_audit.orders WHERE dt = '${hivevar:dt}' GROUP BY segment, currency;
