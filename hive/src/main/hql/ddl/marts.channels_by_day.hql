-- marts.channels_by_day: mart: sessions, conversion, orders and revenue per channel. Written by the MapReduce
-- job marts; columns and their comments come from the shared schema channels_by_day.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.channels_by_day
  COMMENT 'Mart: sessions, conversion, orders and revenue per channel. Job: marts'
  PARTITIONED BY (dt STRING COMMENT 'UTC day, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/channels_by_day'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/channels_by_day.avsc');
