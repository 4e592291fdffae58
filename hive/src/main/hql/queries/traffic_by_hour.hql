-- Traffic of a day by UTC hour: page views, visitors and error share.
-- Parameters:
--   --hivevar dt=YYYY-MM-DD   the day
SELECT hour_utc,
       COUNT(*) AS page_views,
       COUNT(DISTINCT client_ip) AS visitors,
       ROUND(100 * SUM(IF(is_error, 1, 0)) / COUNT(*), 2) AS error_pct
FROM analytics.page_views
WHERE dt = '${hivevar:dt}'
GROUP BY hour_utc
ORDER BY hour_utc;
