-- A day still streaming in, hour by hour, from its provisional hours (clean_hourly.page_views and
-- clean_hourly.events; the hour is the one records arrived in): requests, page views, distinct client
-- addresses, distinct events and orders placed. Bots are not told apart yet (sessionize does that for the
-- whole day), so these are upper bounds of the day's human figures. The dashboard's "Today so far" panel,
-- shown while the last day of its range is not published.
-- Parameters:
--   --hivevar to=YYYY-MM-DD     the day
SELECT COALESCE(p.hour, e.hour) AS hour,
       COALESCE(p.requests, 0) AS requests,
       COALESCE(p.page_views, 0) AS page_views,
       COALESCE(p.client_addresses, 0) AS client_addresses,
       COALESCE(e.events, 0) AS events,
       COALESCE(e.orders, 0) AS orders
FROM (SELECT hour,
             COUNT(*) AS requests,
             SUM(IF(request_class = 'page' OR request_class IS NULL, 1, 0)) AS page_views,
             COUNT(DISTINCT client_ip) AS client_addresses
      FROM clean_hourly.page_views
      WHERE dt = '${hivevar:to}'
      GROUP BY hour) p
FULL OUTER JOIN
     (SELECT hour,
             COUNT(DISTINCT event_id) AS events,
             COUNT(DISTINCT IF(event_type = 'order_placed', event_id, NULL)) AS orders
      FROM clean_hourly.events
      WHERE dt = '${hivevar:to}'
      GROUP BY hour) e
ON p.hour = e.hour
ORDER BY hour;
