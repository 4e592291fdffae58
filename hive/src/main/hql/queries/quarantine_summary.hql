-- What the clean stages quarantined, per day, source file and reason, with one example message each.
-- Parameters:
--   --hivevar from=YYYY-MM-DD   first day, inclusive
--   --hivevar to=YYYY-MM-DD     last day, inclusive
SELECT dt,
       source,
       reason,
       COUNT(*) AS records,
       COUNT(DISTINCT source_file) AS files,
       MIN(message) AS example_message
FROM (
  SELECT dt, source, reason, source_file, message FROM quarantine.access_logs
  UNION ALL
  SELECT dt, source, reason, source_file, message FROM quarantine.events
) quarantined
WHERE dt BETWEEN '${hivevar:from}' AND '${hivevar:to}'
GROUP BY dt, source, reason
ORDER BY dt, records DESC, reason;
