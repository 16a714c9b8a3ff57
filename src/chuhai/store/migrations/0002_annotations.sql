-- chuhai zone store, schema version 2: what the enrich stage says about each voice.
-- Raw voices stay as imported; annotations live beside them so that models can be re-run.

CREATE TABLE voice_annotations (
    voice_id             TEXT PRIMARY KEY,
    market               TEXT NOT NULL,
    zone                 TEXT NOT NULL,
    language             TEXT NOT NULL,
    language_confidence  DOUBLE PRECISION NOT NULL,
    sentiment            TEXT NOT NULL,
    sentiment_score      DOUBLE PRECISION NOT NULL,
    sentiment_confidence DOUBLE PRECISION NOT NULL,
    emotion              TEXT NOT NULL,
    emotion_confidence   DOUBLE PRECISION NOT NULL,
    intent               TEXT NOT NULL,
    intent_confidence    DOUBLE PRECISION NOT NULL,
    toxicity_score       DOUBLE PRECISION NOT NULL,
    toxicity_severity    TEXT NOT NULL,
    tier                 TEXT NOT NULL,
    model_version        TEXT NOT NULL,
    detail               TEXT NOT NULL,
    annotated_at         TIMESTAMP NOT NULL
);
CREATE INDEX voice_annotations_sentiment ON voice_annotations (sentiment);

CREATE TABLE voice_aspects (
    id        TEXT PRIMARY KEY,
    voice_id  TEXT NOT NULL,
    market    TEXT NOT NULL,
    zone      TEXT NOT NULL,
    aspect    TEXT NOT NULL,
    sentiment TEXT NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    keyword   TEXT NOT NULL
);
CREATE INDEX voice_aspects_voice ON voice_aspects (voice_id);
CREATE INDEX voice_aspects_aspect ON voice_aspects (aspect);
