-- analytics.orders: one row per order placed, for analysts: marts.orders (the orders stage's one definition of an
-- order) with the customer's segment and country valid when the order was placed (customer_history, SCD type 2;
-- 'unknown' when the customer had no version then).
-- Idempotent (CREATE OR REPLACE). Parameters: none.
CREATE OR REPLACE VIEW analytics.orders (
  dt COMMENT 'UTC day the order was placed, YYYY-MM-DD',
  order_id COMMENT 'Order id',
  customer_id COMMENT 'Customer who placed it (dimension customers)',
  segment COMMENT 'Customer segment when the order was placed: consumer, business, vip, or unknown',
  country COMMENT 'Customer country (ISO 3166-1 alpha-2) when the order was placed, or unknown',
  placed_at COMMENT 'When it was placed (UTC)',
  amount COMMENT 'Order total in currency',
  currency COMMENT 'ISO 4217 currency code',
  line_count COMMENT 'Number of order lines',
  channel COMMENT 'Channel of the web session that confirmed it, or unattributed')
  COMMENT 'Orders placed with customer attributes, one row per order, for analysts (over marts.orders)'
AS SELECT
  dt,
  order_id,
  customer_id,
  segment,
  country,
  order_ts,
  amount,
  currency,
  line_count,
  channel
FROM marts.orders;
