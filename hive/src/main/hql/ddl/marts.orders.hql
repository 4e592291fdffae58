-- marts.orders: orders placed, joined to the customer version valid at order time, the product catalogue and the confirming web session. Written by the MapReduce
-- job orders; columns and their comments come from the shared schema order.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.orders
  COMMENT 'Orders placed, joined to the customer version valid at order time, the product catalogue and the confirming web session. Job: orders'
  PARTITIONED BY (dt STRING COMMENT 'UTC day the order was placed, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/orders'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/order.avsc');
