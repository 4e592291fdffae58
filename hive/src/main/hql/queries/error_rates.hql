-- Error rates per day: share of 4xx and 5xx responses among all page views.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive
SELECT dt,
       COUNT(*) AS page_views,
       SUM(IF(status_class = '4xx', 1, 0)) AS client_errors,
       SUM(IF(status_class = '5xx', 1, 0)) AS server_errors,
       ROUND(100 * SUM(IF(status_class = '4xx', 1, 0)) / COUNT(*), 3) AS client_error_pct,
       ROUND(100 * SUM(IF(status_class = '5xx', 1, 0)) / COUNT(*), 3) AS server_error_pct
FROM analytics.page_views
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt
ORDER BY dt;
