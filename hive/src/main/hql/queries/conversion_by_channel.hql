-- Channel performance over a range of days (marts.channels_by_day): sessions, conversion (sessions with an
-- order), orders and revenue (shop currency). The dashboard's "Channel performance" panel.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive (the same as from for one day)
SELECT channel,
       SUM(sessions) AS sessions,
       SUM(converted_sessions) AS converted_sessions,
       ROUND(100 * SUM(converted_sessions) / GREATEST(SUM(sessions), 1), 2) AS conversion_pct,
       SUM(orders) AS orders,
       CAST(SUM(revenue) AS DECIMAL(16,2)) AS revenue
FROM marts.channels_by_day
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY channel
ORDER BY revenue DESC, sessions DESC;
