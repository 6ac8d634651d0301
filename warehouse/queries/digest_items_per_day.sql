-- Weekly digest: posts seen per day (of their creation) and platform, for one school and week.
SELECT CAST(created_at AS DATE) AS day, platform, count(*) AS items
FROM posts
WHERE school_id = $school_id AND created_at >= $week_start AND created_at < $week_end
GROUP BY ALL
ORDER BY day, platform;
