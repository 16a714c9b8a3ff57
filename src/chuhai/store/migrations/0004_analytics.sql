-- chuhai zone store, schema version 4: analytics tables for the VOC dashboard.
-- One row per voice (and per aspect mention, per theme assignment) with every dimension a
-- dashboard filters or groups by, so that its queries scan one table instead of joining
-- three. They are derived data: rebuilt from voices, annotations, aspects and themes when
-- those changed (analytics_state.dirty), and erased together with them.

CREATE TABLE analytics_state (
    name         TEXT PRIMARY KEY,
    dirty        INTEGER NOT NULL,
    refreshed_at TIMESTAMP
);
INSERT INTO analytics_state (name, dirty, refreshed_at) VALUES ('voc', 1, NULL);

CREATE TABLE voice_facts (
    id        TEXT NOT NULL,
    market    TEXT NOT NULL,
    time      TIMESTAMP NOT NULL,
    channel   TEXT NOT NULL,
    sku       TEXT,
    language  TEXT NOT NULL,
    person    TEXT NOT NULL,
    stars     INTEGER,
    sentiment TEXT,
    emotion   TEXT,
    intent    TEXT
);

CREATE TABLE aspect_facts (
    voice_id  TEXT NOT NULL,
    aspect    TEXT NOT NULL,
    polarity  TEXT NOT NULL,
    market    TEXT NOT NULL,
    time      TIMESTAMP NOT NULL,
    channel   TEXT NOT NULL,
    sku       TEXT,
    language  TEXT NOT NULL,
    person    TEXT NOT NULL,
    stars     INTEGER,
    sentiment TEXT,
    emotion   TEXT,
    intent    TEXT
);

CREATE TABLE theme_facts (
    voice_id  TEXT NOT NULL,
    theme_id  TEXT NOT NULL,
    market    TEXT NOT NULL,
    time      TIMESTAMP NOT NULL,
    channel   TEXT NOT NULL,
    sku       TEXT,
    language  TEXT NOT NULL,
    person    TEXT NOT NULL,
    stars     INTEGER,
    sentiment TEXT,
    emotion   TEXT,
    intent    TEXT
);
