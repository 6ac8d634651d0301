-- case_timeline: the full, ordered history of every case (one row per case event), with
-- who did what, when and why. Filter on case_id for one case.
CREATE OR REPLACE VIEW case_timeline AS
SELECT e.case_id, e.event_id,
       row_number() OVER (PARTITION BY e.case_id ORDER BY e.event_id) AS step,
       e.occurred_at, e.actor, e.kind, e.reason, e.data,
       c.category, c.severity, c.school_id, c.post_id,
       round(epoch(e.occurred_at - c.opened_at) / 3600.0, 2) AS hours_since_opened
FROM case_events e
JOIN cases c ON c.case_id = e.case_id;
