-- analytics.orders: one row per order placed, from clean.events.
-- Idempotent (CREATE OR REPLACE). Parameters: none.
CREATE OR REPLACE VIEW analytics.orders (
  dt COMMENT 'UTC day the order was placed, YYYY-MM-DD',
  order_id COMMENT 'Order id',
  customer_id COMMENT 'Customer who placed it (dimension customers)',
  placed_at COMMENT 'When it was placed (UTC)',
  amount COMMENT 'Order total in currency',
  currency COMMENT 'ISO 4217 currency code',
  line_count COMMENT 'Number of order lines')
  COMMENT 'Orders placed, one row per order, for analysts'
AS SELECT
  dt,
  order_id,
  customer_id,
  event_time,
  amount,
  currency,
  size(items)
FROM clean.events
WHERE event_type = 'order_placed';
