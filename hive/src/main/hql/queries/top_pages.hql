-- The most viewed paths over a range of days (marts.pages_by_day): human page views, entrances, exits and the
-- bounce rate of the sessions that landed there. The dashboard's "Top pages" panel (limit 15).
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive (the same as from for one day)
--   --hivevar limit=N           how many paths
SELECT path,
       SUM(page_views) AS page_views,
       SUM(entrances) AS entrances,
       SUM(exits) AS exits,
       ROUND(100 * SUM(bounces) / GREATEST(SUM(entrances), 1), 1) AS bounce_pct
FROM marts.pages_by_day
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY path
ORDER BY page_views DESC, path
LIMIT ${hivevar:limit};
