-- Visitors, sessions and page views of humans per day, by the day the session started (marts.sessions; bots
-- are flagged by sessionize and have no sessions). A visitor is a visitor_id (address + user agent fingerprint).
-- The dashboard's "Visitors and sessions per day" panel.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive (the same as from for one day)
SELECT dt,
       COUNT(DISTINCT visitor_id) AS visitors,
       COUNT(*) AS sessions,
       SUM(page_views) AS page_views,
       ROUND(100 * SUM(IF(is_bounce, 1, 0)) / COUNT(*), 1) AS bounce_pct
FROM marts.sessions
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt
ORDER BY dt;
