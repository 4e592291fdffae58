-- The sessionize stage in HQL, the Hive peer of the sessionize job (and of mapreduce/peers' Spark SQL): day
-- ${hivevar:dt}'s sessions and sessionized page views from the registered clean page views of ${hivevar:from} (the day
-- before), ${hivevar:dt} and ${hivevar:to} (the day after), by the rules of io.clickstream.sessions: a visitor is (client
-- address, User-Agent); exact duplicates are dropped; a visitor is a bot by its User-Agent, by more than
-- ${hivevar:max_requests_count} requests, by fetching /robots.txt, by more than ${hivevar:per_minute_count} page views
-- within a minute, or by ${hivevar:burst_count} page views within five minutes and no static file; a human's session
-- ends after more than ${hivevar:gap_ms} ms without a page view; sessions begun on the day run on into the next until
-- ${hivevar:lookahead_ms} ms after midnight.
-- Parameters: dt, from, to (dates), gap_ms, lookahead_ms, max_requests_count, per_minute_count, burst_count.
-- Functions: visitor_id, session_id, agent_field, channel (io.clickstream.hive.peer.HiveFunctions).
-- Output: peer.sessions and peer.sessionized_page_views (times as epoch milliseconds: start_ms, end_ms, ts_ms,
-- session_start_ms).
CREATE DATABASE IF NOT EXISTS peer;

DROP TABLE IF EXISTS peer.read_requests;
CREATE TEMPORARY TABLE peer.read_requests STORED AS ORC AS
SELECT visitor_id(client_ip, user_agent) AS visitor_id, client_ip, user_agent,
       CASE dt WHEN '${hivevar:from}' THEN 0 WHEN '${hivevar:dt}' THEN 1 ELSE 2 END AS origin,
       ts_ms, method, path, query, protocol, status, bytes, referer, vhost, response_time_us, bytes_sent, fragment,
       request_class, coalesce(request_class, 'page') = 'page' AS is_page
FROM (
  SELECT *, unix_timestamp(ts) * 1000 + CAST(date_format(ts, 'SSS') AS INT) AS ts_ms,
         unix_timestamp('${hivevar:dt}', 'yyyy-MM-dd') * 1000 AS day_start_ms
  FROM clean_audit.page_views
  WHERE dt IN ('${hivevar:from}', '${hivevar:dt}', '${hivevar:to}')
) p
WHERE dt = '${hivevar:dt}'
   OR coalesce(request_class, 'page') = 'page' AND agent_field(user_agent, 'bot_reason') IS NULL
      AND (dt = '${hivevar:from}' OR dt = '${hivevar:to}' AND ts_ms < day_start_ms + 86400000 + ${hivevar:lookahead_ms});

-- Behaviour is judged on every request read (duplicates too), the previous day's before midnight excepted.
DROP TABLE IF EXISTS peer.visitors;
CREATE TEMPORARY TABLE peer.visitors STORED AS ORC AS
SELECT visitor_id, min(user_agent) AS user_agent,
       coalesce(agent_field(min(user_agent), 'bot_reason'),
                CASE WHEN count(*) > ${hivevar:max_requests_count} THEN 'request_rate'
                     WHEN max(IF(judged AND path = '/robots.txt', 1, 0)) = 1 THEN 'robots_txt'
                     WHEN ${hivevar:per_minute_count} > 0 AND max(per_minute) > ${hivevar:per_minute_count} THEN 'request_rate'
                     WHEN ${hivevar:burst_count} > 0 AND max(IF(judged AND request_class = 'asset', 1, 0)) = 0
                          AND max(per_burst) >= ${hivevar:burst_count} THEN 'no_assets' END) AS bot_reason
FROM (
  SELECT visitor_id, user_agent, path, request_class, judged,
         IF(judged AND is_page, count(*) OVER (PARTITION BY visitor_id, judged AND is_page ORDER BY ts_ms
           RANGE BETWEEN 59999 PRECEDING AND CURRENT ROW), NULL) AS per_minute,
         IF(judged AND is_page, count(*) OVER (PARTITION BY visitor_id, judged AND is_page ORDER BY ts_ms
           RANGE BETWEEN 299999 PRECEDING AND CURRENT ROW), NULL) AS per_burst
  FROM (SELECT *, origin > 0 OR ts_ms >= unix_timestamp('${hivevar:dt}', 'yyyy-MM-dd') * 1000 AS judged
        FROM peer.read_requests) r
) judged
GROUP BY visitor_id;

-- Humans' requests without exact duplicates, each with the session it falls in (see the Spark SQL peer).
DROP TABLE IF EXISTS peer.human_requests;
CREATE TEMPORARY TABLE peer.human_requests STORED AS ORC AS
SELECT *,
       sum(IF(is_page AND (previous_page_ms IS NULL OR ts_ms - previous_page_ms > ${hivevar:gap_ms}), 1, 0))
         OVER (PARTITION BY visitor_id ORDER BY ts_ms, origin, is_page DESC ROWS UNBOUNDED PRECEDING) AS session_number,
       last_value(IF(is_page, ts_ms, NULL), true)
         OVER (PARTITION BY visitor_id ORDER BY ts_ms, origin, is_page DESC ROWS UNBOUNDED PRECEDING) AS last_page_ms
FROM (
  SELECT r.*, last_value(IF(r.is_page, r.ts_ms, NULL), true) OVER (PARTITION BY r.visitor_id ORDER BY r.ts_ms,
           r.origin, r.is_page DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_page_ms
  FROM (SELECT DISTINCT * FROM peer.read_requests) r JOIN peer.visitors v ON r.visitor_id = v.visitor_id
  WHERE v.bot_reason IS NULL
) r;

DROP TABLE IF EXISTS peer.all_sessions;
CREATE TEMPORARY TABLE peer.all_sessions STORED AS ORC AS
SELECT visitor_id, session_number,
       session_id(min(client_ip), min(user_agent), min(ts_ms)) AS session_id,
       min(ts_ms) AS start_ms, max(ts_ms) AS end_ms, count(*) AS page_views,
       min(named_struct('t', ts_ms, 'o', origin, 'p', path)).p AS landing_page,
       max(named_struct('t', ts_ms, 'o', origin, 'p', path)).p AS exit_page,
       channel(min(named_struct('t', ts_ms, 'o', origin, 'r', referer)).r,
               min(named_struct('t', ts_ms, 'o', origin, 'q', query)).q) AS channel,
       max(IF(path LIKE '/product/%', 1, 0)) = 1 AS reached_product,
       max(IF(path = '/cart', 1, 0)) = 1 AS reached_cart,
       max(IF(path LIKE '/checkout%', 1, 0)) = 1 AS reached_checkout,
       sort_array(collect_set(IF(path = '/checkout/confirm',
                                 nullif(regexp_extract(query, '(^|&)order=([^&]+)', 2), ''), NULL))) AS order_ids
FROM peer.human_requests
WHERE is_page
GROUP BY visitor_id, session_number;

DROP TABLE IF EXISTS peer.sessions;
CREATE TABLE peer.sessions STORED AS AVRO AS
SELECT s.session_id, s.visitor_id, s.start_ms, s.end_ms, (s.end_ms - s.start_ms) DIV 1000 AS duration_seconds,
       CAST(s.page_views AS INT) AS page_views, s.landing_page, s.exit_page, s.channel,
       agent_field(v.user_agent, 'device_class') AS device_class,
       agent_field(v.user_agent, 'browser_family') AS browser_family,
       agent_field(v.user_agent, 'os_family') AS os_family,
       s.page_views = 1 AS is_bounce, s.reached_product, s.reached_cart, s.reached_checkout, s.order_ids
FROM peer.all_sessions s JOIN peer.visitors v ON s.visitor_id = v.visitor_id
WHERE s.start_ms >= unix_timestamp('${hivevar:dt}', 'yyyy-MM-dd') * 1000
  AND s.start_ms < unix_timestamp('${hivevar:to}', 'yyyy-MM-dd') * 1000;

DROP TABLE IF EXISTS peer.sessionized_page_views;
CREATE TABLE peer.sessionized_page_views STORED AS AVRO AS
SELECT r.ts_ms, r.visitor_id, s.session_id, s.start_ms AS session_start_ms,
       v.bot_reason IS NOT NULL AS is_bot, r.method, r.path, r.query, r.status, r.bytes, r.referer,
       agent_field(r.user_agent, 'browser_family') AS browser_family,
       agent_field(r.user_agent, 'browser_version') AS browser_version,
       agent_field(r.user_agent, 'os_family') AS os_family,
       agent_field(r.user_agent, 'device_class') AS device_class,
       r.request_class, v.bot_reason
FROM (
  SELECT visitor_id, user_agent, ts_ms, method, path, query, status, bytes, referer, request_class,
         IF(ts_ms - last_page_ms <= ${hivevar:gap_ms}, session_number, NULL) AS session_number
  FROM peer.human_requests WHERE origin = 1
  UNION ALL
  SELECT r.visitor_id, r.user_agent, r.ts_ms, r.method, r.path, r.query, r.status, r.bytes, r.referer,
         r.request_class, CAST(NULL AS BIGINT) AS session_number
  FROM (SELECT DISTINCT * FROM peer.read_requests) r JOIN peer.visitors v ON r.visitor_id = v.visitor_id
  WHERE r.origin = 1 AND v.bot_reason IS NOT NULL
) r
JOIN peer.visitors v ON r.visitor_id = v.visitor_id
LEFT JOIN peer.all_sessions s ON r.visitor_id = s.visitor_id AND r.session_number = s.session_number;
