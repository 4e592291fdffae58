-- What the clean stages quarantined, per day, source and reason, with the files it came from and one example
-- message each (quarantine.access_logs, .events, .customers, .products). The dashboard's "Quarantine" panel.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive (the same as from for one day)
SELECT dt,
       source,
       reason,
       COUNT(*) AS records,
       COUNT(DISTINCT source_file) AS files,
       MIN(message) AS example_message
FROM (
  SELECT dt, source, reason, source_file, message FROM quarantine.access_logs WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT dt, source, reason, source_file, message FROM quarantine.events WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT dt, source, reason, source_file, message FROM quarantine.customers WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
  UNION ALL
  SELECT dt, source, reason, source_file, message FROM quarantine.products WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
) quarantined
GROUP BY dt, source, reason
ORDER BY dt, records DESC, source, reason;
