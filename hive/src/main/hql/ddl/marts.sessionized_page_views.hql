-- marts.sessionized_page_views: page views of clean.page_views with visitor, session, user agent and bot flag; exact duplicate lines removed. Written by the MapReduce
-- job sessionize; columns and their comments come from the shared schema sessionized_page_view.avsc.
-- Idempotent. Parameters:
--   --hivevar warehouse=URI   warehouse root
--   --hivevar schemas=URI     where `warehouse apply` put the .avsc files (WAREHOUSE/schemas)
CREATE EXTERNAL TABLE IF NOT EXISTS marts.sessionized_page_views
  COMMENT 'Page views of clean.page_views with visitor, session, user agent and bot flag; exact duplicate lines removed. Job: sessionize'
  PARTITIONED BY (dt STRING COMMENT 'UTC day of the page_views partition, YYYY-MM-DD')
  STORED AS AVRO
  LOCATION '${hivevar:warehouse}/marts/sessionized_page_views'
  TBLPROPERTIES ('avro.schema.url' = '${hivevar:schemas}/sessionized_page_view.avsc');
