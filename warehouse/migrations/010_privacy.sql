-- 010: privacy. Redactable case-event content, the erasure register.

-- Retention purges a closed case's event content (reason, data) after the records policy
-- period but keeps the metadata (kind, actor, time). The chain hashes the SHA-256 of those
-- fields, so `redacted` keeps their digests and `audit verify` still checks every link.
ALTER TABLE case_events ADD COLUMN redacted_at TIMESTAMPTZ;
ALTER TABLE case_events ADD COLUMN redacted JSON;          -- {"reason": sha256, "data": sha256}

-- Erasure requests (`schoolwatch forget`), stored only as keyed hashes of the handle / id,
-- so the register can re-apply an erasure to items collected later without keeping who.
CREATE TABLE IF NOT EXISTS erasure_register (
    subject_psn   VARCHAR PRIMARY KEY,                  -- HMAC-SHA256 pseudonym of the handle or id
    platform      VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,                     -- handle | id
    request_id    VARCHAR NOT NULL,                     -- links the audit_log entry
    requested_at  TIMESTAMPTZ NOT NULL,
    actor         VARCHAR NOT NULL
);
