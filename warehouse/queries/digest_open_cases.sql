-- Weekly digest: cases open when the digest is built, overdue ones first.
SELECT case_id, opened_at, platform, category, severity, state, due_at,
       due_at IS NOT NULL AND due_at < $now AS overdue,
       round(epoch($now - opened_at) / 3600.0, 1) AS age_hours, assignee, escalations
FROM case_status
WHERE school_id = $school_id AND is_open AND opened_at < $now
ORDER BY overdue DESC, due_at NULLS LAST, case_id;
