-- Orders and revenue per UTC day and currency.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive
SELECT dt,
       currency,
       COUNT(*) AS orders,
       SUM(amount) AS revenue,
       ROUND(AVG(amount), 2) AS average_order_value,
       COUNT(DISTINCT customer_id) AS customers
FROM analytics.orders
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt, currency
ORDER BY dt, currency;
