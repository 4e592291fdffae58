-- Dashboard panel: the 15 most viewed paths over a range of days (marts.pages_by_day).
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day
--   --hivevar to=YYYY-MM-DD     last day
SELECT path,
       SUM(page_views) AS page_views,
       SUM(entrances) AS entrances,
       SUM(exits) AS exits,
       ROUND(100 * SUM(bounces) / GREATEST(SUM(entrances), 1), 1) AS bounce_pct
FROM marts.pages_by_day
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY path
ORDER BY page_views DESC, path
LIMIT 15;
