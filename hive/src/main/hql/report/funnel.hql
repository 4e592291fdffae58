-- Dashboard panel: the session funnel over a range of days (marts.funnel_by_day, all device classes).
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day
--   --hivevar to=YYYY-MM-DD     last day
SELECT step, sessions FROM (
  SELECT 1 AS n, 'all sessions' AS step, SUM(sessions) AS sessions FROM marts.funnel_by_day WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT 2, 'viewed a product', SUM(product_sessions) FROM marts.funnel_by_day WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT 3, 'viewed the cart', SUM(cart_sessions) FROM marts.funnel_by_day WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT 4, 'reached checkout', SUM(checkout_sessions) FROM marts.funnel_by_day WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT 5, 'ordered', SUM(order_sessions) FROM marts.funnel_by_day WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
) steps
ORDER BY n;
