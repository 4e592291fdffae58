-- Client (4xx) and server (5xx) errors per day, all requests including bots (marts.traffic_by_hour): shares
-- and counts. The dashboard's "Error rates" panel charts the shares.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive (the same as from for one day)
SELECT dt,
       SUM(requests) AS requests,
       ROUND(100 * SUM(status_4xx) / GREATEST(SUM(requests), 1), 2) AS pct_4xx,
       ROUND(100 * SUM(status_5xx) / GREATEST(SUM(requests), 1), 2) AS pct_5xx,
       SUM(status_4xx) AS status_4xx,
       SUM(status_5xx) AS status_5xx
FROM marts.traffic_by_hour
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt
ORDER BY dt;
