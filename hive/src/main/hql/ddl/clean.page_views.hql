-- clean.page_views: one row per accepted web-server access-log line, written by clean-access-logs.
-- Columns and their comments come from the shared schema page_view.avsc (the contract with the job);
-- partitions are registered by `warehouse register` once the job's _SUCCESS is there.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS clean.page_views
  COMMENT 'Accepted access-log lines (page views); times in UTC. Source: raw/access_logs. Job: clean-access-logs'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of the raw partition the lines arrived in, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/clean/page_views'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/page_view.avsc');
