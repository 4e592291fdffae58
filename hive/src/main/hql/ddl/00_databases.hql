-- The warehouse's layers, one database each:
--   clean       validated records of each source, one external table per dataset, partitioned by dt
--   quarantine  what each clean stage could not accept, with the reason (never dropped)
--   marts       sessions, facts joined to dimensions, and aggregates (written by the processing jobs)
--   analytics   views for analysts over the layers below
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root (hdfs:///data/clickstream, file:///.../warehouse)
CREATE DATABASE IF NOT EXISTS clean
  COMMENT 'Validated, typed records of each source (written by the clean-* MapReduce jobs)'
  LOCATION '${hivevar:warehouse}/clean';

CREATE DATABASE IF NOT EXISTS quarantine
  COMMENT 'Records a clean stage could not accept, with source file, byte offset, raw bytes and reason'
  LOCATION '${hivevar:warehouse}/quarantine';

CREATE DATABASE IF NOT EXISTS marts
  COMMENT 'Sessions, orders with customer history, and the daily marts (written by sessionize, customer-history, orders, marts)'
  LOCATION '${hivevar:warehouse}/marts';

CREATE DATABASE IF NOT EXISTS analytics
  COMMENT 'Analyst-facing views over clean and quarantine';
