-- marts.pages_by_day: mart: page views, visitors, entrances, exits and bounces per path. Written by the MapReduce
-- job marts; columns and their comments come from the shared schema pages_by_day.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.pages_by_day
  COMMENT 'Mart: page views, visitors, entrances, exits and bounces per path. Job: marts'
  PARTITIONED BY (dt STRING COMMENT 'UTC day, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/pages_by_day'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/pages_by_day.avsc');
