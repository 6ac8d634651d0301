-- 011: raw payloads compressed with zstd.
-- The verbatim payloads are most of what a load writes. DuckDB's default string
-- compression (FSST / dictionary, chosen at each checkpoint) cost ~0.4 s CPU per 100,000
-- payloads and left them at ~190 bytes each; zstd takes ~0.3 s and ~90 bytes
-- (measured on bench/load.py's payloads). DuckDB cannot change a column's compression in
-- place, so the table is rebuilt, rows and key unchanged.
CREATE TABLE raw_items_011 (
    post_id      VARCHAR NOT NULL,                   -- platform:native_id
    sha256       VARCHAR NOT NULL,                   -- SHA-256 of payload's text
    platform     VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    stream       VARCHAR,
    endpoint     VARCHAR,
    payload      JSON USING COMPRESSION zstd,        -- {"context": ..., "item": ...} as landed; purged by retention
    landing_path VARCHAR NOT NULL,
    line_no      INTEGER NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    purged_at    TIMESTAMPTZ,
    PRIMARY KEY (post_id, sha256)
);
INSERT INTO raw_items_011 SELECT post_id, sha256, platform, source_id, stream, endpoint, payload, landing_path, line_no, fetched_at, purged_at
FROM raw_items;
DROP TABLE raw_items;
ALTER TABLE raw_items_011 RENAME TO raw_items;
