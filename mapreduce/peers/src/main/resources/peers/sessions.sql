-- The sessionize stage in SQL: day ${day}'s sessions and sessionized page views from the clean page views of
-- ${previous}, ${day} and ${next}, by the rules of io.clickstream.sessions (Sessionizer, Behaviour, SessionRules):
-- a visitor is (client address, User-Agent); exact duplicates are dropped; a visitor is a bot by its User-Agent, by
-- more than ${max_requests} requests, by fetching /robots.txt, by more than ${per_minute} page views within a minute,
-- or by ${burst} page views within five minutes and no static file; a human's session ends after more than
-- ${gap_ms} ms without a page view; sessions begun on ${day} run on into ${next} until ${lookahead_end_ms}; the
-- previous day only continues sessions begun before midnight.
-- Input: the temporary view page_views (page_view.avsc's columns, dt, ts_ms). Functions (the jobs' own rules):
-- visitor_id, session_id, agent_field (a User-Agent's browser_family ... bot_reason), channel.
-- Output: the temporary views peer_sessionized_page_views and peer_sessions.
-- Not reproduced: a session crossing midnight into ${day} is not cut at the lookahead after that midnight (a person
-- active without a 30-minute pause for six hours).

CREATE OR REPLACE TEMPORARY VIEW peer_read AS
SELECT visitor_id(client_ip, user_agent) AS visitor_id, client_ip, user_agent,
       CASE dt WHEN '${previous}' THEN 0 WHEN '${day}' THEN 1 ELSE 2 END AS origin,
       ts, ts_ms, method, path, query, protocol, status, bytes, referer, vhost, response_time_us, bytes_sent,
       fragment, request_class, coalesce(request_class, 'page') = 'page' AS is_page
FROM page_views
WHERE dt = '${day}'
   OR dt IN ('${previous}', '${next}') AND coalesce(request_class, 'page') = 'page'
      AND agent_field(user_agent, 'bot_reason') IS NULL AND (dt = '${previous}' OR ts_ms < ${lookahead_end_ms});

-- Behaviour is judged on every request read (duplicates too), the previous day's before midnight excepted.
CREATE OR REPLACE TEMPORARY VIEW peer_visitors AS
SELECT visitor_id, first(user_agent) AS user_agent,
       coalesce(agent_field(first(user_agent), 'bot_reason'),
                CASE WHEN count(*) > ${max_requests} THEN 'request_rate'
                     WHEN max(judged AND path = '/robots.txt') THEN 'robots_txt'
                     WHEN ${per_minute} > 0 AND max(per_minute) > ${per_minute} THEN 'request_rate'
                     WHEN ${burst} > 0 AND NOT max(judged AND request_class = 'asset') AND max(per_burst) >= ${burst}
                       THEN 'no_assets' END) AS bot_reason
FROM (
  SELECT visitor_id, user_agent, path, request_class, judged,
         CASE WHEN judged AND is_page THEN count(*) OVER (PARTITION BY visitor_id, judged AND is_page ORDER BY ts_ms
           RANGE BETWEEN 59999 PRECEDING AND CURRENT ROW) END AS per_minute,
         CASE WHEN judged AND is_page THEN count(*) OVER (PARTITION BY visitor_id, judged AND is_page ORDER BY ts_ms
           RANGE BETWEEN 299999 PRECEDING AND CURRENT ROW) END AS per_burst
  FROM (SELECT *, origin > 0 OR ts_ms >= ${day_start_ms} AS judged FROM peer_read) r
) judged
GROUP BY visitor_id;

-- Humans' requests without exact duplicates, each with the session it falls in: a page view more than the gap after
-- the visitor's previous one opens the next session; another request belongs to the session of the last page view
-- before it if that is within the gap.
CREATE OR REPLACE TEMPORARY VIEW peer_human_requests AS
SELECT *,
       sum(CASE WHEN is_page AND (previous_page_ms IS NULL OR ts_ms - previous_page_ms > ${gap_ms}) THEN 1 ELSE 0 END)
         OVER (PARTITION BY visitor_id ORDER BY ts_ms, origin, is_page DESC ROWS UNBOUNDED PRECEDING) AS session_number,
       last(CASE WHEN is_page THEN ts_ms END, true)
         OVER (PARTITION BY visitor_id ORDER BY ts_ms, origin, is_page DESC ROWS UNBOUNDED PRECEDING) AS last_page_ms
FROM (
  SELECT r.*, last(CASE WHEN is_page THEN ts_ms END, true) OVER (PARTITION BY r.visitor_id ORDER BY ts_ms, origin,
           is_page DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_page_ms
  FROM (SELECT DISTINCT * FROM peer_read) r JOIN peer_visitors v ON r.visitor_id = v.visitor_id
  WHERE v.bot_reason IS NULL
) r;

CREATE OR REPLACE TEMPORARY VIEW peer_all_sessions AS
SELECT visitor_id, session_number,
       session_id(first(client_ip), first(user_agent), min(ts_ms)) AS session_id,
       min(ts_ms) AS start_ms, max(ts_ms) AS end_ms, count(*) AS page_views,
       min_by(path, struct(ts_ms, origin)) AS landing_page,
       max_by(path, struct(ts_ms, origin)) AS exit_page,
       channel(min_by(referer, struct(ts_ms, origin)), min_by(query, struct(ts_ms, origin))) AS channel,
       coalesce(max(path LIKE '/product/%'), false) AS reached_product,
       coalesce(max(path = '/cart'), false) AS reached_cart,
       coalesce(max(path LIKE '/checkout%'), false) AS reached_checkout,
       array_sort(collect_set(CASE WHEN path = '/checkout/confirm'
                                   THEN nullif(regexp_extract(query, '(^|&)order=([^&]+)', 2), '') END)) AS order_ids
FROM peer_human_requests
WHERE is_page
GROUP BY visitor_id, session_number;

CREATE OR REPLACE TEMPORARY VIEW peer_sessions AS
SELECT s.session_id, s.visitor_id, timestamp_millis(s.start_ms) AS start_ts, timestamp_millis(s.end_ms) AS end_ts,
       (s.end_ms - s.start_ms) DIV 1000 AS duration_seconds, CAST(s.page_views AS INT) AS page_views,
       s.landing_page, s.exit_page, s.channel,
       agent_field(v.user_agent, 'device_class') AS device_class,
       agent_field(v.user_agent, 'browser_family') AS browser_family,
       agent_field(v.user_agent, 'os_family') AS os_family,
       s.page_views = 1 AS is_bounce, s.reached_product, s.reached_cart, s.reached_checkout, s.order_ids
FROM peer_all_sessions s JOIN peer_visitors v ON s.visitor_id = v.visitor_id
WHERE s.start_ms >= ${day_start_ms} AND s.start_ms < ${day_end_ms};

CREATE OR REPLACE TEMPORARY VIEW peer_sessionized_page_views AS
SELECT r.ts, r.visitor_id, s.session_id, timestamp_millis(s.start_ms) AS session_start,
       v.bot_reason IS NOT NULL AS is_bot, r.method, r.path, r.query, r.status, r.bytes, r.referer,
       agent_field(r.user_agent, 'browser_family') AS browser_family,
       agent_field(r.user_agent, 'browser_version') AS browser_version,
       agent_field(r.user_agent, 'os_family') AS os_family,
       agent_field(r.user_agent, 'device_class') AS device_class,
       r.request_class, v.bot_reason
FROM (
  SELECT visitor_id, user_agent, ts, method, path, query, status, bytes, referer, request_class,
         CASE WHEN ts_ms - last_page_ms <= ${gap_ms} THEN session_number END AS session_number
  FROM peer_human_requests WHERE origin = 1
  UNION ALL
  SELECT r.visitor_id, r.user_agent, r.ts, r.method, r.path, r.query, r.status, r.bytes, r.referer,
         r.request_class, CAST(NULL AS BIGINT) AS session_number
  FROM (SELECT DISTINCT * FROM peer_read) r JOIN peer_visitors v ON r.visitor_id = v.visitor_id
  WHERE r.origin = 1 AND v.bot_reason IS NOT NULL
) r
JOIN peer_visitors v ON r.visitor_id = v.visitor_id
LEFT JOIN peer_all_sessions s ON r.visitor_id = s.visitor_id AND r.session_number = s.session_number;
