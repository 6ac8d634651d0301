-- takedowns: every case where removal was asked for or verified, with the time the content
-- stayed up after the case opened (the policies' "within 24 hours", and their measure of
-- how serious a breach was: how long it stayed visible).
CREATE OR REPLACE VIEW takedowns AS
SELECT s.case_id, s.school_id, s.post_id, s.platform, s.category, s.severity,
       s.opened_at, s.due_at, s.takedown_requested_at, s.takedown_route, s.hidden_via_api_at,
       s.removed_at,
       round(epoch(s.removed_at - s.opened_at) / 3600.0, 2) AS hours_to_removal,
       CASE WHEN s.removed_at IS NULL THEN NULL
            WHEN s.due_at IS NULL THEN TRUE
            ELSE s.removed_at <= s.due_at END AS removed_in_time,
       p.removed_at AS post_gone_seen_at,
       s.escalations, s.state
FROM case_status s
LEFT JOIN posts p ON p.post_id = s.post_id
WHERE s.takedown_requested_at IS NOT NULL OR s.removed_at IS NOT NULL;
