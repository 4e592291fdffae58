-- marts.traffic_by_hour: mart: requests, page views, visitors, sessions, bounce and error rates per UTC hour. Written by the MapReduce
-- job marts; columns and their comments come from the shared schema traffic_by_hour.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.traffic_by_hour
  COMMENT 'Mart: requests, page views, visitors, sessions, bounce and error rates per UTC hour. Job: marts'
  PARTITIONED BY (dt STRING COMMENT 'UTC day, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/traffic_by_hour'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/traffic_by_hour.avsc');
