-- Bounce rate of a day's sessions by channel and device class: sessions with one page view / sessions.
-- Parameters:
--   --hivevar dt=YYYY-MM-DD   the day the sessions started
SELECT channel,
       device_class,
       COUNT(*) AS sessions,
       SUM(IF(is_bounce, 1, 0)) AS bounced_sessions,
       ROUND(100 * SUM(IF(is_bounce, 1, 0)) / COUNT(*), 2) AS bounce_pct
FROM marts.sessions
WHERE dt = '${hivevar:dt}'
GROUP BY channel, device_class
ORDER BY sessions DESC;
