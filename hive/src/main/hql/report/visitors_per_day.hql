-- Dashboard panel: visitors, sessions and page views in sessions per day (marts.sessions, by start day).
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day
--   --hivevar to=YYYY-MM-DD     last day
SELECT dt,
       COUNT(DISTINCT visitor_id) AS visitors,
       COUNT(*) AS sessions,
       SUM(page_views) AS page_views,
       ROUND(100 * SUM(IF(is_bounce, 1, 0)) / COUNT(*), 1) AS bounce_pct
FROM marts.sessions
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt
ORDER BY dt;
