-- flags_by_category_week: classifier findings per school, ISO week (of the post's creation)
-- and category, with how many posts they touched and how many cases they opened.
CREATE OR REPLACE VIEW flags_by_category_week AS
SELECT p.school_id,
       strftime(p.created_at, '%G-W%V') AS iso_week,
       f.category, f.severity,
       count(*) AS flags,
       count(DISTINCT f.post_id) AS posts,
       count(DISTINCT c.case_id) AS cases
FROM flags f
JOIN posts p ON p.post_id = f.post_id
LEFT JOIN cases c ON c.post_id = f.post_id AND c.category = f.category
GROUP BY ALL;
