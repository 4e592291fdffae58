-- quarantine.events: every event line clean-events could not accept (invalid JSON, broken rules, too late,
-- from the future), with the reason. Columns and their comments come from quarantine_record.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS quarantine.events
  COMMENT 'Quarantined event lines: source file, byte offset, raw bytes, reason. Job: clean-events'
  PARTITIONED BY (dt STRING COMMENT 'UTC day the lines arrived on, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/quarantine/events'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/quarantine_record.avsc');
