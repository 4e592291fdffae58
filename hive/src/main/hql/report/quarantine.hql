-- Dashboard panel: what the clean stages quarantined per day, source and reason.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day
--   --hivevar to=YYYY-MM-DD     last day
SELECT dt, source, reason, COUNT(*) AS records
FROM (
  SELECT dt, 'access_logs' AS source, reason FROM quarantine.access_logs WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT dt, 'events', reason FROM quarantine.events WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT dt, 'customers', reason FROM quarantine.customers WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT dt, 'products', reason FROM quarantine.products WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
) q
GROUP BY dt, source, reason
ORDER BY dt, records DESC, source, reason;
