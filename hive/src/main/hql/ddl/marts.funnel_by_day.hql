-- marts.funnel_by_day: mart: sessions reaching product, cart, checkout and order, per device class. Written by the MapReduce
-- job marts; columns and their comments come from the shared schema funnel_by_day.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.funnel_by_day
  COMMENT 'Mart: sessions reaching product, cart, checkout and order, per device class. Job: marts'
  PARTITIONED BY (dt STRING COMMENT 'UTC day the sessions started, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/funnel_by_day'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/funnel_by_day.avsc');
