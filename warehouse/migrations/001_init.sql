-- 001: the whole warehouse schema (one DuckDB file).
-- Natural keys everywhere; append-only tables are never updated or deleted by the code.

CREATE TABLE IF NOT EXISTS schools (
    school_id   VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    aliases     VARCHAR[],
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Official accounts (kind own) and watched sources (kind watch), from the configuration.
CREATE TABLE IF NOT EXISTS accounts (
    account_id            VARCHAR PRIMARY KEY,
    school_id             VARCHAR NOT NULL,
    platform              VARCHAR NOT NULL,
    handle                VARCHAR NOT NULL,
    native_id             VARCHAR,
    kind                  VARCHAR NOT NULL,          -- own | watch
    principal             VARCHAR NOT NULL,
    reserve               VARCHAR NOT NULL,
    check_every_s         BIGINT NOT NULL,
    holiday_check_every_s BIGINT NOT NULL,
    active                BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at            TIMESTAMPTZ NOT NULL
);

-- Every fetchable source: one per account, one per public search.
CREATE TABLE IF NOT EXISTS sources (
    source_id   VARCHAR PRIMARY KEY,
    school_id   VARCHAR NOT NULL,
    platform    VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,                    -- account | search
    account_id  VARCHAR,
    spec        JSON NOT NULL,                       -- the SourceSpec, without secrets
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The warehouse owns cursors; one advances in the same transaction as the rows it covers.
CREATE TABLE IF NOT EXISTS cursors (
    source_id   VARCHAR PRIMARY KEY,
    cursor      JSON NOT NULL,
    run_id      VARCHAR NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Each landing file the single writer has taken in (data files and manifests).
CREATE TABLE IF NOT EXISTS landing_files (
    path            VARCHAR PRIMARY KEY,             -- relative to the landing root
    kind            VARCHAR NOT NULL,                -- data | manifest
    platform        VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    file_sha256     VARCHAR,
    status          VARCHAR NOT NULL,                -- loaded | quarantined
    lines           INTEGER NOT NULL DEFAULT 0,
    items_loaded    INTEGER NOT NULL DEFAULT 0,
    quarantined     INTEGER NOT NULL DEFAULT 0,
    error           VARCHAR,
    loaded_at       TIMESTAMPTZ NOT NULL
);

-- Raw first: every distinct version of every item, verbatim, with its hash.
CREATE TABLE IF NOT EXISTS raw_items (
    post_id      VARCHAR NOT NULL,                   -- platform:native_id
    sha256       VARCHAR NOT NULL,                   -- of the canonical JSON of item
    platform     VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    stream       VARCHAR,
    endpoint     VARCHAR,
    payload      JSON,                               -- the landing line's item + context; purged by retention
    landing_path VARCHAR NOT NULL,
    line_no      INTEGER NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    purged_at    TIMESTAMPTZ,
    PRIMARY KEY (post_id, sha256)
);

CREATE TABLE IF NOT EXISTS posts (
    post_id          VARCHAR PRIMARY KEY,            -- platform:native_id
    school_id        VARCHAR NOT NULL,
    platform         VARCHAR NOT NULL,
    native_id        VARCHAR NOT NULL,
    source_id        VARCHAR NOT NULL,
    account_id       VARCHAR,
    item_kind        VARCHAR NOT NULL,               -- post | comment | reply | mention | search_hit | article
    author_id        VARCHAR,
    author_handle    VARCHAR,
    author_name      VARCHAR,
    text             VARCHAR,
    url              VARCHAR,
    created_at       TIMESTAMPTZ NOT NULL,
    edited_at        TIMESTAMPTZ,
    parent_id        VARCHAR,                        -- post_id of the parent, when known
    conversation_id  VARCHAR,                        -- post_id of the thread root, when known
    is_hidden        BOOLEAN,
    raw_sha256       VARCHAR NOT NULL,               -- version this row was derived from
    first_seen       TIMESTAMPTZ NOT NULL,
    last_seen        TIMESTAMPTZ NOT NULL,
    removed_at       TIMESTAMPTZ,
    text_purged_at   TIMESTAMPTZ,
    author_pseudonymised BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS posts_created ON posts (created_at);

-- Bad records, with the reason and the check that failed; never silently dropped.
CREATE TABLE IF NOT EXISTS quarantine (
    landing_path  VARCHAR NOT NULL,
    line_no       INTEGER NOT NULL,                  -- 0: the whole file
    check_name    VARCHAR NOT NULL,                  -- e.g. parse, normalise, expect_column_values_to_not_be_null
    platform      VARCHAR,
    source_id     VARCHAR,
    native_id     VARCHAR,
    reason        VARCHAR NOT NULL,
    raw_line      VARCHAR,                           -- truncated to 10 kB
    quarantined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (landing_path, line_no, check_name)
);

-- great-expectations results per validated batch.
CREATE TABLE IF NOT EXISTS validation_results (
    batch_id        VARCHAR NOT NULL,                -- landing path
    expectation     VARCHAR NOT NULL,
    column_name     VARCHAR,
    success         BOOLEAN NOT NULL,
    element_count   INTEGER,
    unexpected_count INTEGER,
    validated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (batch_id, expectation, column_name)
);

-- Classifier findings; one row per (post, classifier version, category).
CREATE TABLE IF NOT EXISTS flags (
    post_id            VARCHAR NOT NULL,
    classifier_version VARCHAR NOT NULL,
    category           VARCHAR NOT NULL,
    severity           VARCHAR NOT NULL,
    score              DOUBLE NOT NULL,
    evidence           JSON NOT NULL,                -- [{"start","end","text","rule"}], offsets into posts.text
    source             VARCHAR NOT NULL,             -- rules | model | rules+model
    flagged_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, classifier_version, category)
);

-- Which classifier version last ran over each post (so unflagged posts are not re-run).
CREATE TABLE IF NOT EXISTS classified (
    post_id            VARCHAR NOT NULL,
    classifier_version VARCHAR NOT NULL,
    classified_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, classifier_version)
);

CREATE SEQUENCE IF NOT EXISTS case_ids START 1;

-- One case per post. State, assignee and deadlines are derived from case_events.
CREATE TABLE IF NOT EXISTS cases (
    case_id        INTEGER PRIMARY KEY DEFAULT nextval('case_ids'),
    post_id        VARCHAR NOT NULL UNIQUE,
    school_id      VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,                 -- most severe flag's category
    severity       VARCHAR NOT NULL,
    opened_at      TIMESTAMPTZ NOT NULL,
    due_at         TIMESTAMPTZ,                      -- opened_at + takedown window, for takedown categories
    thread_case_id INTEGER,                          -- a case on the thread root or parent, when there is one
    about_head     BOOLEAN NOT NULL DEFAULT FALSE
);

-- Append-only case history; hash-chained per case so an edit shows.
CREATE SEQUENCE IF NOT EXISTS case_event_ids START 1;
CREATE TABLE IF NOT EXISTS case_events (
    event_id    BIGINT PRIMARY KEY DEFAULT nextval('case_event_ids'),
    case_id     INTEGER NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       VARCHAR NOT NULL,                    -- a username or 'system'
    kind        VARCHAR NOT NULL,
    reason      VARCHAR,
    data        JSON,
    idem_key    VARCHAR UNIQUE,                      -- keyed side effects: a retried step never doubles
    prev_hash   VARCHAR NOT NULL,
    row_hash    VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id);

-- Evidence captured when a case opens (from the raw store, before anything else happens).
CREATE TABLE IF NOT EXISTS evidence (
    case_id      INTEGER PRIMARY KEY,
    post_id      VARCHAR NOT NULL,
    captured_at  TIMESTAMPTZ NOT NULL,
    payload      JSON,                               -- verbatim payload (NULL: not held, see note)
    payload_sha256 VARCHAR NOT NULL,
    text         VARCHAR,
    author       VARCHAR,
    url          VARCHAR,
    created_at   TIMESTAMPTZ,
    note         VARCHAR                             -- e.g. 'images not downloaded: URL only (IWF)'
);

-- Every e-mail the tool sends, keyed so a retried task never sends twice.
CREATE TABLE IF NOT EXISTS notifications (
    idem_key     VARCHAR PRIMARY KEY,                -- e.g. critical:<case_id>, escalate:<case_id>:<rung>
    kind         VARCHAR NOT NULL,
    case_id      INTEGER,
    recipients   VARCHAR[] NOT NULL,
    subject      VARCHAR NOT NULL,
    message_id   VARCHAR NOT NULL,
    body_sha256  VARCHAR,
    status       VARCHAR NOT NULL,                   -- pending | sent | failed
    attempts     INTEGER NOT NULL DEFAULT 0,
    error        VARCHAR,
    created_at   TIMESTAMPTZ NOT NULL,
    sent_at      TIMESTAMPTZ
);

-- The monitoring log: each automated fetch and each human review session; hash-chained.
CREATE SEQUENCE IF NOT EXISTS check_seq START 1;
CREATE TABLE IF NOT EXISTS monitoring_checks (
    seq          BIGINT PRIMARY KEY DEFAULT nextval('check_seq'),
    check_id     VARCHAR NOT NULL UNIQUE,            -- run id, or review:<session>:<account>
    school_id    VARCHAR NOT NULL,
    account_id   VARCHAR,
    source_id    VARCHAR,
    platform     VARCHAR,
    kind         VARCHAR NOT NULL,                   -- automated | human
    actor        VARCHAR NOT NULL,                   -- 'system' or the reviewer
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    status       VARCHAR NOT NULL,                   -- ok | partial | failed
    items        INTEGER NOT NULL DEFAULT 0,
    api_calls    INTEGER NOT NULL DEFAULT 0,
    error        VARCHAR,
    recorded_at  TIMESTAMPTZ NOT NULL,
    prev_hash    VARCHAR NOT NULL,
    row_hash     VARCHAR NOT NULL
);

-- Governance events that are not checks (erasures, retention runs, user changes); hash-chained.
CREATE SEQUENCE IF NOT EXISTS audit_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (
    seq        BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    occurred_at TIMESTAMPTZ NOT NULL,
    actor      VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,
    detail     JSON,
    prev_hash  VARCHAR NOT NULL,
    row_hash   VARCHAR NOT NULL
);

-- Each weekly digest, exactly once per school and ISO week.
CREATE TABLE IF NOT EXISTS digests (
    school_id   VARCHAR NOT NULL,
    iso_week    VARCHAR NOT NULL,                    -- e.g. 2026-W47
    status      VARCHAR NOT NULL,                    -- rendered | sent | failed
    recipients  VARCHAR[] NOT NULL,
    subject     VARCHAR NOT NULL,
    message_id  VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    eml_path    VARCHAR,
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    PRIMARY KEY (school_id, iso_week)
);

-- Web app users; passwords hashed with argon2.
CREATE TABLE IF NOT EXISTS users (
    username      VARCHAR PRIMARY KEY,
    role          VARCHAR NOT NULL,                  -- coordinator | dsl | head | auditor
    school_id     VARCHAR,                           -- NULL: trust-wide
    password_hash VARCHAR NOT NULL,
    email         VARCHAR,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
