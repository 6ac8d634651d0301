-- Weekly digest: removals verified in the week, with how long the content stayed up.
SELECT case_id, platform, category, severity, opened_at, removed_at, hours_to_removal, removed_in_time,
       takedown_route
FROM takedowns
WHERE school_id = $school_id AND removed_at >= $week_start AND removed_at < $week_end
ORDER BY removed_at, case_id;
