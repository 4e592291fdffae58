-- Dashboard panel: traffic by UTC hour over a range of days (marts.traffic_by_hour, summed over the days).
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day
--   --hivevar to=YYYY-MM-DD     last day
SELECT hour,
       SUM(page_views) AS page_views,
       SUM(bot_page_views) AS bot_page_views,
       SUM(sessions) AS sessions,
       ROUND(100 * SUM(bounced_sessions) / GREATEST(SUM(sessions), 1), 1) AS bounce_pct
FROM marts.traffic_by_hour
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY hour
ORDER BY hour;
