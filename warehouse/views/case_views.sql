-- case_views: who looked at which case and when (the web app records a 'viewed' event each
-- time a case page is opened), so access to sensitive material can be accounted for.
CREATE OR REPLACE VIEW case_views AS
SELECT e.case_id, e.actor AS viewer, e.occurred_at AS viewed_at,
       c.category, c.severity, c.school_id
FROM case_events e
JOIN cases c ON c.case_id = e.case_id
WHERE e.kind = 'viewed';
