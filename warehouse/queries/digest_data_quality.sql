-- Weekly digest: records the quality gates refused in the week, by check and platform,
-- plus failed great-expectations checks (rows refused / rows in the batch).
SELECT 'quarantined' AS what, q.check_name AS check_name, q.platform,
       count(*) AS rows_affected, NULL::BIGINT AS rows_checked, min(q.reason) AS example_reason
FROM quarantine q
LEFT JOIN sources s ON s.source_id = q.source_id
WHERE coalesce(s.school_id, $school_id) = $school_id
  AND q.quarantined_at >= $week_start AND q.quarantined_at < $week_end
GROUP BY ALL
UNION ALL
SELECT 'expectation failed', v.expectation || coalesce('(' || nullif(v.column_name, '') || ')', ''),
       split_part(v.batch_id, '/', 1), sum(v.unexpected_count), sum(v.element_count), NULL
FROM validation_results v
LEFT JOIN sources s ON s.source_id = split_part(v.batch_id, '/', 2)
WHERE NOT v.success AND coalesce(s.school_id, $school_id) = $school_id
  AND v.validated_at >= $week_start AND v.validated_at < $week_end
GROUP BY ALL
ORDER BY 1 DESC, 4 DESC, 2;
