-- chuhai zone store, schema version 3: the Voice-of-Customer system.
-- Themes are found (or defined by seed phrases) inside a zone; their quotes are voice ids, so
-- erasing a voice erases it from every theme. Alert deliveries make webhooks send each once.

CREATE TABLE themes (
    id          TEXT PRIMARY KEY,
    zone        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    key_phrases TEXT NOT NULL,
    seeds       TEXT NOT NULL,
    threshold   DOUBLE PRECISION,
    markets     TEXT NOT NULL,
    size        INTEGER NOT NULL,
    detail      TEXT NOT NULL,
    run_id      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE voice_themes (
    id       TEXT PRIMARY KEY,
    voice_id TEXT NOT NULL,
    theme_id TEXT NOT NULL,
    market   TEXT NOT NULL,
    zone     TEXT NOT NULL,
    score    DOUBLE PRECISION NOT NULL
);
CREATE INDEX voice_themes_theme ON voice_themes (theme_id);
CREATE INDEX voice_themes_voice ON voice_themes (voice_id);

CREATE TABLE alert_deliveries (
    id           TEXT PRIMARY KEY,
    alert_id     TEXT NOT NULL,
    target       TEXT NOT NULL,
    status       INTEGER NOT NULL,
    delivered_at TIMESTAMP NOT NULL
);
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id);
