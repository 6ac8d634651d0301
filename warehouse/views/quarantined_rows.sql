-- quarantined_rows: every record the quality gates refused, with the check that failed and
-- the reason. The raw line itself stays in quarantine.raw_line (it may hold personal data),
-- so this view shows only its length.
CREATE OR REPLACE VIEW quarantined_rows AS
SELECT q.quarantined_at, strftime(q.quarantined_at, '%G-W%V') AS iso_week,
       q.platform, q.source_id, q.landing_path, q.line_no, q.check_name, q.native_id, q.reason,
       length(q.raw_line) AS raw_chars
FROM quarantine q;
