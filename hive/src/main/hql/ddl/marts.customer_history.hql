-- marts.customer_history: customer versions (SCD type 2) as of the snapshot of dt: the whole history in every partition; query one dt. Written by the MapReduce
-- job customer-history; columns and their comments come from the shared schema customer_history.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.customer_history
  COMMENT 'Customer versions (SCD type 2) as of the snapshot of dt: the whole history in every partition; query one dt. Job: customer-history'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of the snapshot the history is as of, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/customer_history'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/customer_history.avsc');
