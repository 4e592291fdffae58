-- Conversion and revenue of a day by channel, from the channels_by_day mart.
-- Parameters:
--   --hivevar dt=YYYY-MM-DD   the day
SELECT channel,
       sessions,
       converted_sessions,
       ROUND(100 * conversion_rate, 2) AS conversion_pct,
       orders,
       revenue
FROM marts.channels_by_day
WHERE dt = '${hivevar:dt}'
ORDER BY revenue DESC, sessions DESC;
