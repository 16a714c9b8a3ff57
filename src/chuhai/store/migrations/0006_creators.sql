-- chuhai zone store, schema version 6: affiliate creators, their content and the orders the
-- platform attributes to them (issue 18). Creators are personal data of their market's zone
-- like buyers; buyers are keyed pseudonyms. Money is kept as decimal text in the row's
-- currency (never a float), rates as decimal text between 0 and 1.

CREATE TABLE creators (
    id              TEXT PRIMARY KEY,
    handle          TEXT NOT NULL,
    platform        TEXT NOT NULL,
    market          TEXT NOT NULL,
    zone            TEXT NOT NULL,
    commission_rate TEXT NOT NULL,
    agency          TEXT,
    samples_sent    INTEGER NOT NULL,
    sample_sku      TEXT,
    sample_cost     TEXT,
    currency        TEXT NOT NULL,
    followers       INTEGER,
    source_system   TEXT NOT NULL,
    source_file     TEXT,
    source_locator  TEXT,
    source_id       TEXT,
    content_hash    TEXT NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX creators_market_handle ON creators (market, handle);

CREATE TABLE creator_content (
    id             TEXT PRIMARY KEY,
    content_id     TEXT NOT NULL,
    creator_id     TEXT NOT NULL,
    market         TEXT NOT NULL,
    zone           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    time           TIMESTAMP NOT NULL,
    views          INTEGER NOT NULL,
    clicks         INTEGER,
    skus           TEXT NOT NULL,
    source_system  TEXT NOT NULL,
    source_file    TEXT,
    source_locator TEXT,
    source_id      TEXT,
    content_hash   TEXT NOT NULL
);
CREATE INDEX creator_content_creator ON creator_content (creator_id, time);

CREATE TABLE affiliate_orders (
    id              TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL,
    creator_id      TEXT NOT NULL,
    content_id      TEXT,
    content_kind    TEXT,
    attribution     TEXT NOT NULL,
    sku             TEXT NOT NULL,
    market          TEXT NOT NULL,
    zone            TEXT NOT NULL,
    quantity        INTEGER NOT NULL,
    unit_price      TEXT NOT NULL,
    currency        TEXT NOT NULL,
    commission_rate TEXT,
    commission      TEXT,
    status          TEXT NOT NULL,
    refund_amount   TEXT NOT NULL,
    returned_units  INTEGER NOT NULL,
    time            TIMESTAMP NOT NULL,
    buyer           TEXT,
    source_system   TEXT NOT NULL,
    source_file     TEXT,
    source_locator  TEXT,
    source_id       TEXT,
    content_hash    TEXT NOT NULL
);
CREATE INDEX affiliate_orders_creator ON affiliate_orders (creator_id, time);
CREATE INDEX affiliate_orders_order ON affiliate_orders (order_id);
