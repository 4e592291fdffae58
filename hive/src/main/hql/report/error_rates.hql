-- Dashboard panel: client and server error rates per day, all requests including bots (marts.traffic_by_hour).
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day
--   --hivevar to=YYYY-MM-DD     last day
SELECT dt,
       SUM(requests) AS requests,
       ROUND(100 * SUM(status_4xx) / GREATEST(SUM(requests), 1), 2) AS pct_4xx,
       ROUND(100 * SUM(status_5xx) / GREATEST(SUM(requests), 1), 2) AS pct_5xx
FROM marts.traffic_by_hour
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt
ORDER BY dt;
