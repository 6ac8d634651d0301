-- Weekly digest: classifier findings in the week by category and severity (counts only:
-- the digest never quotes the content itself).
SELECT f.category, f.severity, count(DISTINCT f.post_id) AS posts
FROM flags f
JOIN posts p ON p.post_id = f.post_id
WHERE p.school_id = $school_id AND f.flagged_at >= $week_start AND f.flagged_at < $week_end
  AND f.category <> 'none'
GROUP BY ALL
ORDER BY posts DESC, f.category;
