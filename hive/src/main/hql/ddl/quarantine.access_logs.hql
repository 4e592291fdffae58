-- quarantine.access_logs: every access-log line clean-access-logs could not accept, with the reason.
-- Columns and their comments come from the shared schema quarantine_record.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS quarantine.access_logs
  COMMENT 'Quarantined access-log lines: source file, byte offset, raw bytes, reason. Job: clean-access-logs'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of the raw partition the lines arrived in, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/quarantine/access_logs'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/quarantine_record.avsc');
