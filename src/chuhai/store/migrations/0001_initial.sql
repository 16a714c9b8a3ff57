-- chuhai zone store, schema version 1.
-- Portable SQL: runs unchanged on DuckDB and PostgreSQL. Times are UTC in TIMESTAMP columns;
-- JSON values are stored as TEXT so no engine-specific JSON type is needed.

CREATE TABLE voices (
    id              TEXT PRIMARY KEY,
    channel         TEXT NOT NULL,
    market          TEXT NOT NULL,
    zone            TEXT NOT NULL,
    language        TEXT NOT NULL,
    sku             TEXT,
    time            TIMESTAMP NOT NULL,
    author          TEXT,
    text            TEXT NOT NULL,
    rating          DOUBLE PRECISION,
    rating_max      DOUBLE PRECISION,
    conversation_id TEXT,
    source_system   TEXT NOT NULL,
    source_file     TEXT,
    source_locator  TEXT,
    source_id       TEXT,
    metadata        TEXT NOT NULL,
    ingested_at     TIMESTAMP NOT NULL
);
CREATE INDEX voices_market_time ON voices (market, time);
CREATE INDEX voices_sku ON voices (sku);

CREATE TABLE orders (
    id             TEXT PRIMARY KEY,
    sku            TEXT NOT NULL,
    market         TEXT NOT NULL,
    zone           TEXT NOT NULL,
    quantity       INTEGER NOT NULL,
    unit_price     DOUBLE PRECISION NOT NULL,
    currency       TEXT NOT NULL,
    time           TIMESTAMP NOT NULL,
    session_id     TEXT,
    buyer          TEXT,
    source_system  TEXT NOT NULL,
    source_file    TEXT,
    source_locator TEXT,
    source_id      TEXT,
    ingested_at    TIMESTAMP NOT NULL
);
CREATE INDEX orders_sku_time ON orders (sku, time);

CREATE TABLE products (
    sku          TEXT PRIMARY KEY,
    category     TEXT,
    names        TEXT NOT NULL,
    markets      TEXT NOT NULL,
    attributes   TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE knowledge_entries (
    id       TEXT PRIMARY KEY,
    sku      TEXT NOT NULL,
    language TEXT NOT NULL,
    question TEXT NOT NULL,
    answer   TEXT NOT NULL,
    tags     TEXT NOT NULL
);
CREATE INDEX knowledge_entries_sku ON knowledge_entries (sku);

CREATE TABLE live_sessions (
    id             TEXT PRIMARY KEY,
    room           TEXT NOT NULL,
    market         TEXT NOT NULL,
    zone           TEXT NOT NULL,
    platform       TEXT NOT NULL,
    host           TEXT,
    started_at     TIMESTAMP NOT NULL,
    ended_at       TIMESTAMP,
    products       TEXT NOT NULL,
    source_system  TEXT NOT NULL,
    source_file    TEXT,
    source_locator TEXT,
    source_id      TEXT,
    content_hash   TEXT NOT NULL
);

CREATE TABLE quarantine (
    id          TEXT PRIMARY KEY,
    connector   TEXT NOT NULL,
    file        TEXT NOT NULL,
    line        INTEGER,
    locator     TEXT,
    reason      TEXT NOT NULL,
    raw         TEXT NOT NULL,
    market      TEXT,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    connector   TEXT NOT NULL,
    accepted    INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    quarantined INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL
);
