-- Sessions recomputed from marts.sessionized_page_views with window functions: an implementation of the
-- session rule independent of the sessionize job (a new session after more than 30 minutes without a page
-- view; bots and requests that are no page views excluded), to cross-check it. Covers every registered
-- partition; filter on start_ts.
-- Parameters: none.
SELECT visitor_id, MIN(ts) AS start_ts, MAX(ts) AS end_ts, COUNT(*) AS page_views
FROM (
  SELECT visitor_id, ts,
         SUM(new_session) OVER (PARTITION BY visitor_id ORDER BY ts ROWS UNBOUNDED PRECEDING) AS session_number
  FROM (
    SELECT visitor_id, ts,
           IF(LAG(ts) OVER (PARTITION BY visitor_id ORDER BY ts) IS NULL
              OR unix_timestamp(ts) - unix_timestamp(LAG(ts) OVER (PARTITION BY visitor_id ORDER BY ts)) > 1800, 1, 0)
             AS new_session
    FROM marts.sessionized_page_views
    WHERE NOT is_bot AND coalesce(request_class, 'page') = 'page'
  ) marked
) numbered
GROUP BY visitor_id, session_number
