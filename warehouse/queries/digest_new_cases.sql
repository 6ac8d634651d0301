-- Weekly digest: critical and high cases opened in the week (no post text: category only).
SELECT case_id, opened_at, platform, category, severity, state, due_at, assignee
FROM case_status
WHERE school_id = $school_id AND opened_at >= $week_start AND opened_at < $week_end
  AND severity IN ('critical', 'high')
ORDER BY CASE severity WHEN 'critical' THEN 0 ELSE 1 END, opened_at, case_id;
