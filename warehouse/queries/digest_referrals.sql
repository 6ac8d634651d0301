-- Weekly digest: escalations and reports to outside bodies made in the week.
SELECT case_id, occurred_at, kind, body_or_person, reference, rung, actor, category, severity
FROM outside_referrals
WHERE school_id = $school_id AND occurred_at >= $week_start AND occurred_at < $week_end
ORDER BY occurred_at, event_id;
