-- chuhai zone store, schema version 5: the live rooms' journal (viewers, gifts, likes,
-- questions answered, moderation actions, pins), read by the post-live review. No personal
-- data: comments are voices; an entry refers to one by id.

CREATE TABLE live_journal (
    id         TEXT PRIMARY KEY,
    room       TEXT NOT NULL,
    session_id TEXT,
    market     TEXT NOT NULL,
    zone       TEXT NOT NULL,
    time       TIMESTAMP NOT NULL,
    kind       TEXT NOT NULL,
    ref        TEXT,
    sku        TEXT,
    count      INTEGER NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    actor      TEXT,
    detail     TEXT NOT NULL
);
CREATE INDEX live_journal_session ON live_journal (session_id, time);
CREATE INDEX live_journal_room ON live_journal (room, time);
