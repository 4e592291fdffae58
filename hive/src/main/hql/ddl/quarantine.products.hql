-- quarantine.products: rows of the products snapshot clean-dimension could not accept, with the reason.
-- Columns and their comments come from quarantine_record.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS quarantine.products
  COMMENT 'Quarantined rows of the products snapshot: source, offset or row number, raw row, reason. Job: clean-dimension'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of the snapshot, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/quarantine/products'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/quarantine_record.avsc');
