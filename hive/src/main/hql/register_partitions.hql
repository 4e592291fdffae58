-- Registers one day's partitions of every dataset after its clean stage succeeded (the workflow reaches this
-- node only then). Idempotent: re-registering an existing partition does nothing. The list of tables must
-- stay the one of the catalogue, Datasets.TABLES (RegisterScriptTest checks it). The Oozie package ships it as hql/.
-- Parameters:
--   --hivevar dt=YYYY-MM-DD   the day
--   --hivevar warehouse=URI   warehouse root
ALTER TABLE clean.customers ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/clean/customers/dt=${hivevar:dt}';
ALTER TABLE quarantine.customers ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/quarantine/customers/dt=${hivevar:dt}';
ALTER TABLE clean.products ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/clean/products/dt=${hivevar:dt}';
ALTER TABLE quarantine.products ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/quarantine/products/dt=${hivevar:dt}';
ALTER TABLE clean.page_views ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/clean/page_views/dt=${hivevar:dt}';
ALTER TABLE quarantine.access_logs ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/quarantine/access_logs/dt=${hivevar:dt}';
ALTER TABLE clean.events ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/clean/events/dt=${hivevar:dt}';
ALTER TABLE quarantine.events ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/quarantine/events/dt=${hivevar:dt}';
ALTER TABLE marts.sessionized_page_views ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/sessionized_page_views/dt=${hivevar:dt}';
ALTER TABLE marts.sessions ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/sessions/dt=${hivevar:dt}';
ALTER TABLE marts.customer_history ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/customer_history/dt=${hivevar:dt}';
ALTER TABLE marts.orders ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/orders/dt=${hivevar:dt}';
ALTER TABLE marts.traffic_by_hour ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/traffic_by_hour/dt=${hivevar:dt}';
ALTER TABLE marts.pages_by_day ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/pages_by_day/dt=${hivevar:dt}';
ALTER TABLE marts.channels_by_day ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/channels_by_day/dt=${hivevar:dt}';
ALTER TABLE marts.funnel_by_day ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/funnel_by_day/dt=${hivevar:dt}';
ALTER TABLE marts.revenue_by_segment ADD IF NOT EXISTS PARTITION (dt='${hivevar:dt}') LOCATION '${hivevar:warehouse}/marts/revenue_by_segment/dt=${hivevar:dt}';
