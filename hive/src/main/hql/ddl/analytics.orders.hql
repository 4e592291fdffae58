-- analytics.orders: one row per order placed (from clean.events), with the customer's segment and country
-- as of the order's day (clean.customers snapshot of the same dt; 'unknown' when the customer is missing).
-- Idempotent (CREATE OR REPLACE). Parameters: none.
CREATE OR REPLACE VIEW analytics.orders (
  dt COMMENT 'UTC day the order was placed, YYYY-MM-DD',
  order_id COMMENT 'Order id',
  customer_id COMMENT 'Customer who placed it (dimension customers)',
  segment COMMENT 'Customer segment that day: consumer, business, vip, or unknown',
  country COMMENT 'Customer country (ISO 3166-1 alpha-2) that day, or unknown',
  placed_at COMMENT 'When it was placed (UTC)',
  amount COMMENT 'Order total in currency',
  currency COMMENT 'ISO 4217 currency code',
  line_count COMMENT 'Number of order lines')
  COMMENT 'Orders placed with customer attributes, one row per order, for analysts'
AS SELECT
  e.dt,
  e.order_id,
  e.customer_id,
  COALESCE(c.segment, 'unknown'),
  COALESCE(c.country, 'unknown'),
  e.event_time,
  e.amount,
  e.currency,
  size(e.items)
FROM clean.events e
LEFT JOIN clean.customers c
  ON c.customer_id = e.customer_id AND c.dt = e.dt
WHERE e.event_type = 'order_placed';
