-- 009: proof of monitoring (issue 7).
-- calendar_days: the term calendar from the configuration, one row per day, so that SQL
-- (weekly_compliance) knows holiday weeks. Written by warehouse.calendar.sync_calendar.
-- Days outside the stored range are holidays when any calendar is stored (outside every
-- term), as schoolwatch.core.config.Calendar.is_holiday says.
CREATE TABLE IF NOT EXISTS calendar_days (
    day         DATE PRIMARY KEY,
    holiday     BOOLEAN NOT NULL,
    name        VARCHAR,                             -- the term or break it falls in
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The audit views (warehouse/views/*.sql) installed in this file, by content hash, so a
-- changed view file is re-created on the next read-write open and an unchanged one is not.
CREATE TABLE IF NOT EXISTS audit_views (
    name          VARCHAR PRIMARY KEY,               -- the file name, e.g. weekly_compliance.sql
    sha256        VARCHAR NOT NULL,
    installed_at  TIMESTAMPTZ NOT NULL
);

-- The heads of the hash chains at the time each digest was sent (an outside witness: the
-- e-mail carries them too), so `schoolwatch audit verify` can tell when history up to a
-- sent digest was rewritten wholesale or cut short, which a chain alone cannot show.
ALTER TABLE digests ADD COLUMN IF NOT EXISTS chain_heads JSON;
