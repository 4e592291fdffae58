-- The session funnel over a range of days (marts.funnel_by_day, all device classes): sessions reaching each
-- step, any order of pages. The dashboard's "Funnel" panel.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive (the same as from for one day)
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
