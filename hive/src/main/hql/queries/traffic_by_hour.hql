-- Traffic by UTC hour over a range of days, summed over the days (marts.traffic_by_hour): human page views,
-- bot page views, sessions started and their bounce rate. The dashboard's "Traffic by hour" panel.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive (the same as from for one day)
SELECT hour,
       SUM(page_views) AS page_views,
       SUM(bot_page_views) AS bot_page_views,
       SUM(sessions) AS sessions,
       ROUND(100 * SUM(bounced_sessions) / GREATEST(SUM(sessions), 1), 1) AS bounce_pct
FROM marts.traffic_by_hour
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY hour
ORDER BY hour;
