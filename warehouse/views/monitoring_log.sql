-- monitoring_log: every automated fetch and human review session, newest last, with the
-- ISO week it counts for and whether it counts as a check at all (failed fetches do not).
-- The hash columns are here so anyone can see the chain; `schoolwatch audit verify`
-- recomputes them.
CREATE OR REPLACE VIEW monitoring_log AS
SELECT m.seq, m.check_id, m.school_id, m.account_id, m.source_id, m.platform, m.kind, m.actor,
       m.started_at, m.finished_at,
       strftime(m.finished_at, '%G-W%V') AS iso_week,
       round(epoch(m.finished_at - m.started_at), 1) AS duration_s,
       m.status, m.status IN ('ok', 'partial') AS counts_as_check,
       m.items, m.api_calls, m.error, m.recorded_at, m.prev_hash, m.row_hash
FROM monitoring_checks m;
