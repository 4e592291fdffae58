-- marts.sessions: sessions of human visitors, in the partition of the day they started. Written by the MapReduce
-- job sessionize; columns and their comments come from the shared schema session.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.sessions
  COMMENT 'Sessions of human visitors, in the partition of the day they started. Job: sessionize'
  PARTITIONED BY (dt STRING COMMENT 'UTC day the session started, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/sessions'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/session.avsc');
