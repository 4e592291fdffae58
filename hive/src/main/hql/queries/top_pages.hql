-- The most requested paths of a day, with their share of the day's page views and error count.
-- Parameters:
--   --hivevar dt=YYYY-MM-DD   the day
--   --hivevar limit=N         how many paths
SELECT path,
       COUNT(*) AS page_views,
       ROUND(100 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS share_pct,
       SUM(IF(is_error, 1, 0)) AS errors
FROM analytics.page_views
WHERE dt = '${hivevar:dt}' AND path IS NOT NULL
GROUP BY path
ORDER BY page_views DESC, path
LIMIT ${hivevar:limit};
