-- clean.customers: the daily snapshot of the shop database's customers table, validated, written by clean-dimension
-- (from the CSV export or over JDBC). Columns and their comments come from the shared schema customer.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS clean.customers
  COMMENT 'Daily snapshot of the shop database table customers. Job: clean-dimension'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of the snapshot, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/clean/customers'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/customer.avsc');
