-- clean.products: the daily snapshot of the shop database's products table, validated, written by clean-dimension
-- (from the CSV export or over JDBC). Columns and their comments come from the shared schema product.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS clean.products
  COMMENT 'Daily snapshot of the shop database table products. Job: clean-dimension'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of the snapshot, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/clean/products'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/product.avsc');
