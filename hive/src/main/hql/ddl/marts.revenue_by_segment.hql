-- marts.revenue_by_segment: mart: orders, customers and revenue per customer segment (as of order time) and currency. Written by the MapReduce
-- job marts; columns and their comments come from the shared schema revenue_by_segment.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.revenue_by_segment
  COMMENT 'Mart: orders, customers and revenue per customer segment (as of order time) and currency. Job: marts'
  PARTITIONED BY (dt STRING COMMENT 'UTC day the orders were placed, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/revenue_by_segment'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/revenue_by_segment.avsc');
