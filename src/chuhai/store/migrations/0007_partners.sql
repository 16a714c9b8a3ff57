-- chuhai zone store, schema version 7: refunds and returns of orders, read by the partners'
-- profit-share statements (net sales, clawbacks). No personal data: a refund refers to its
-- order by the platform's order id (and SKU); the buyer stays on the order.

CREATE TABLE refunds (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL,
    sku            TEXT,
    market         TEXT NOT NULL,
    zone           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    quantity       INTEGER NOT NULL,
    amount         DOUBLE PRECISION NOT NULL,
    currency       TEXT NOT NULL,
    time           TIMESTAMP NOT NULL,
    reason         TEXT,
    source_system  TEXT NOT NULL,
    source_file    TEXT,
    source_locator TEXT,
    source_id      TEXT,
    ingested_at    TIMESTAMP NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id);
CREATE INDEX refunds_time ON refunds (time);
