-- Orders and revenue of a day by customer segment and country valid when each order was placed
-- (analytics.orders over marts.orders). Orders whose customer had no version then count under 'unknown'.
-- Parameters:
--   --hivevar dt=YYYY-MM-DD   the day
SELECT segment,
       country,
       COUNT(*) AS orders,
       SUM(amount) AS revenue,
       ROUND(AVG(amount), 2) AS average_order_value
FROM analytics.orders
WHERE dt = '${hivevar:dt}'
GROUP BY segment, country
ORDER BY revenue DESC, segment, country;
