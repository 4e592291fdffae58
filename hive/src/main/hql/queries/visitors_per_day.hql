-- Visitors and page views per UTC day. A visitor is a distinct (anonymised) client address; crawlers are
-- still included until the bot flag lands with the sessions stage.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive
SELECT dt,
       COUNT(DISTINCT client_ip) AS visitors,
       COUNT(*) AS page_views
FROM analytics.page_views
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt
ORDER BY dt;
