-- outside_referrals: every report to a body outside the school (police, CEOP, IWF, POSH,
-- Report Harmful Content, the host or ISP, Prevent/ACT) and every escalation, with its
-- reference and who made it.
CREATE OR REPLACE VIEW outside_referrals AS
SELECT e.case_id, e.event_id, e.occurred_at, e.actor,
       CASE e.kind WHEN 'reported_outside' THEN 'report' ELSE 'escalation' END AS kind,
       coalesce(e.data ->> 'body', e.data ->> 'to') AS body_or_person,
       e.data ->> 'reference' AS reference,
       TRY_CAST(e.data ->> 'rung' AS INTEGER) AS rung,
       e.reason, c.category, c.severity, c.school_id
FROM case_events e
JOIN cases c ON c.case_id = e.case_id
WHERE e.kind IN ('reported_outside', 'escalated');
