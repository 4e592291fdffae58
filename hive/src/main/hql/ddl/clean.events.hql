-- clean.events: application events of the shop backend, validated and deduplicated by event_id, written by
-- clean-events and partitioned by the UTC day the event happened (late arrivals included once that day is
-- cleaned again). Columns and their comments come from the shared schema event.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS clean.events
  COMMENT 'Shop backend events (signup, login, add_to_cart, checkout, order_placed), one row per event_id. Job: clean-events'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of event_time, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/clean/events'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/event.avsc');
