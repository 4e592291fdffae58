-- The marts stage in SQL: day ${day}'s five marts from its sessionized page views, sessions and orders, by the rules
-- of io.clickstream.marts.MartRules (revenue by channel counts orders in ${currency} only; a request without a path
-- is grouped as '(invalid request)').
-- Input: the temporary views sessionized_page_views, sessions and orders (the day's current versions).
-- Output: the temporary views peer_traffic_by_hour, peer_pages_by_day, peer_channels_by_day, peer_funnel_by_day and
-- peer_revenue_by_segment, with the columns of the marts' schemas.

CREATE OR REPLACE TEMPORARY VIEW peer_traffic_by_hour AS
SELECT coalesce(v.hour, s.hour) AS hour,
       coalesce(v.requests, 0) AS requests, coalesce(v.page_views, 0) AS page_views,
       coalesce(v.bot_page_views, 0) AS bot_page_views, coalesce(v.visitors, 0) AS visitors,
       coalesce(s.sessions, 0) AS sessions, coalesce(s.bounced, 0) AS bounced_sessions,
       CASE WHEN coalesce(s.sessions, 0) = 0 THEN 0D ELSE CAST(s.bounced AS DOUBLE) / s.sessions END AS bounce_rate,
       coalesce(v.status_4xx, 0) AS status_4xx, coalesce(v.status_5xx, 0) AS status_5xx,
       CASE WHEN coalesce(v.requests, 0) = 0 THEN 0D ELSE CAST(v.status_4xx AS DOUBLE) / v.requests END AS rate_4xx,
       CASE WHEN coalesce(v.requests, 0) = 0 THEN 0D ELSE CAST(v.status_5xx AS DOUBLE) / v.requests END AS rate_5xx
FROM (
  SELECT hour(ts) AS hour, count(*) AS requests,
         count_if(NOT is_bot AND coalesce(request_class, 'page') = 'page') AS page_views,
         count_if(is_bot AND coalesce(request_class, 'page') = 'page') AS bot_page_views,
         count(DISTINCT CASE WHEN NOT is_bot AND coalesce(request_class, 'page') = 'page' THEN visitor_id END) AS visitors,
         count_if(status >= 400 AND status < 500) AS status_4xx, count_if(status >= 500 AND status < 600) AS status_5xx
  FROM sessionized_page_views GROUP BY hour(ts)
) v FULL OUTER JOIN (
  SELECT hour(start_ts) AS hour, count(*) AS sessions, count_if(is_bounce) AS bounced FROM sessions GROUP BY hour(start_ts)
) s ON v.hour = s.hour;

CREATE OR REPLACE TEMPORARY VIEW peer_pages_by_day AS
SELECT coalesce(v.path, l.path, e.path) AS path, coalesce(v.page_views, 0) AS page_views,
       coalesce(v.visitors, 0) AS visitors, coalesce(l.entrances, 0) AS entrances, coalesce(e.exits, 0) AS exits,
       coalesce(l.bounces, 0) AS bounces
FROM (
  SELECT coalesce(path, '(invalid request)') AS path, count(*) AS page_views, count(DISTINCT visitor_id) AS visitors
  FROM sessionized_page_views WHERE NOT is_bot AND coalesce(request_class, 'page') = 'page'
  GROUP BY coalesce(path, '(invalid request)')
) v FULL OUTER JOIN (
  SELECT coalesce(landing_page, '(invalid request)') AS path, count(*) AS entrances, count_if(is_bounce) AS bounces
  FROM sessions GROUP BY coalesce(landing_page, '(invalid request)')
) l ON v.path = l.path FULL OUTER JOIN (
  SELECT coalesce(exit_page, '(invalid request)') AS path, count(*) AS exits
  FROM sessions GROUP BY coalesce(exit_page, '(invalid request)')
) e ON coalesce(v.path, l.path) = e.path;

CREATE OR REPLACE TEMPORARY VIEW peer_channels_by_day AS
SELECT coalesce(s.channel, o.channel) AS channel, coalesce(s.sessions, 0) AS sessions,
       coalesce(s.bounced, 0) AS bounced_sessions, coalesce(s.converted, 0) AS converted_sessions,
       CASE WHEN coalesce(s.sessions, 0) = 0 THEN 0D ELSE CAST(s.converted AS DOUBLE) / s.sessions END AS conversion_rate,
       coalesce(o.orders, 0) AS orders, CAST(coalesce(o.revenue, 0) AS DECIMAL(14, 2)) AS revenue
FROM (
  SELECT channel, count(*) AS sessions, count_if(is_bounce) AS bounced, count_if(size(order_ids) > 0) AS converted
  FROM sessions GROUP BY channel
) s FULL OUTER JOIN (
  SELECT channel, count(*) AS orders, sum(CASE WHEN currency = '${currency}' THEN amount ELSE 0 END) AS revenue
  FROM orders GROUP BY channel
) o ON s.channel = o.channel;

CREATE OR REPLACE TEMPORARY VIEW peer_funnel_by_day AS
SELECT device_class, count(*) AS sessions, count_if(reached_product) AS product_sessions,
       count_if(reached_cart) AS cart_sessions, count_if(reached_checkout) AS checkout_sessions,
       count_if(size(order_ids) > 0) AS order_sessions
FROM sessions GROUP BY device_class;

CREATE OR REPLACE TEMPORARY VIEW peer_revenue_by_segment AS
SELECT segment, currency, count(*) AS orders, count(DISTINCT customer_id) AS customers,
       CAST(sum(amount) AS DECIMAL(14, 2)) AS revenue,
       CAST(round(sum(amount) / count(*), 2) AS DECIMAL(14, 2)) AS average_order_value
FROM orders GROUP BY segment, currency;
