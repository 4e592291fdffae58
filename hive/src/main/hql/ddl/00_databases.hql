-- The warehouse's layers, one database each:
--   clean       validated records of each source, one external table per dataset, partitioned by dt
--   quarantine  what each clean stage could not accept, with the reason (never dropped)
--   marts       sessions, facts joined to dimensions, and aggregates (written by the processing jobs)
--   analytics   views for analysts over the layers below
--   clean_audit, quarantine_audit, marts_audit: the same tables, where a run's new versions wait for their
--               data-quality checks; `warehouse publish` then points the tables above at the versions that passed
--   clean_hourly: page_views and events of streamed sources hour by hour, partitioned by dt and hour, as
--               `warehouse register-hour` adds them: provisional (not audited; events deduplicated within the
--               hour; late arrivals wait for the day), until the day's own run is published in clean
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

CREATE DATABASE IF NOT EXISTS clean_audit
  COMMENT 'The clean tables as a run wrote them, before their checks passed (write, audit, publish): not for analysts';

CREATE DATABASE IF NOT EXISTS quarantine_audit
  COMMENT 'The quarantine tables as a run wrote them, before their checks passed: not for analysts';

CREATE DATABASE IF NOT EXISTS marts_audit
  COMMENT 'The marts as a run wrote them, before their checks passed: not for analysts';

CREATE DATABASE IF NOT EXISTS clean_hourly
  COMMENT 'Streamed page views and events hour by hour, minutes after they happen: provisional until the day is published in clean';
