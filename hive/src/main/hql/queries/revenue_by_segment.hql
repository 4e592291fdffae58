-- Orders and revenue of a day by customer segment and country, using that day's customer snapshot.
-- Orders whose customer is not in the snapshot are counted under segment 'unknown'.
-- Parameters:
--   --hivevar dt=YYYY-MM-DD   the day
SELECT COALESCE(c.segment, 'unknown') AS segment,
       COALESCE(c.country, 'unknown') AS country,
       COUNT(*) AS orders,
       SUM(o.amount) AS revenue,
       ROUND(AVG(o.amount), 2) AS average_order_value
FROM analytics.orders o
LEFT JOIN (SELECT customer_id, segment, country FROM clean.customers WHERE dt = '${hivevar:dt}') c
  ON o.customer_id = c.customer_id
WHERE o.dt = '${hivevar:dt}'
GROUP BY COALESCE(c.segment, 'unknown'), COALESCE(c.country, 'unknown')
ORDER BY revenue DESC, segment, country;
