-- case_status: each case's present state, derived from its events the way alerts/cases.py
-- derives it (the last state-changing event wins; a reopen clears an earlier removal).
-- open: open, takedown_requested or escalated. overdue: open and past due_at now.
CREATE OR REPLACE VIEW case_status AS
WITH agg AS (
    SELECT e.case_id,
           arg_max(e.kind, e.event_id) FILTER (WHERE e.kind IN (
               'opened', 'dismissed', 'takedown_requested', 'removal_verified', 'escalated',
               'reopened', 'closed')) AS last_state_event,
           min(e.occurred_at) FILTER (WHERE e.kind = 'takedown_requested') AS takedown_requested_at,
           arg_min(e.data ->> 'route', e.event_id) FILTER (WHERE e.kind = 'takedown_requested') AS takedown_route,
           min(e.occurred_at) FILTER (WHERE e.kind = 'hidden_via_api') AS hidden_via_api_at,
           max(e.event_id) FILTER (WHERE e.kind = 'removal_verified') AS last_removal_event,
           max(e.event_id) FILTER (WHERE e.kind = 'reopened') AS last_reopen_event,
           max(e.occurred_at) FILTER (WHERE e.kind = 'removal_verified') AS last_removal_at,
           count(*) FILTER (WHERE e.kind = 'escalated') AS escalations,
           count(*) FILTER (WHERE e.kind = 'reported_outside') AS outside_reports,
           arg_max(e.data ->> 'to', e.event_id) FILTER (WHERE e.kind = 'assigned') AS assignee,
           max(e.occurred_at) AS last_event_at
    FROM case_events e
    GROUP BY e.case_id
)
SELECT c.case_id, c.school_id, c.post_id, p.platform, c.category, c.severity, c.opened_at, c.due_at,
       c.about_head, c.thread_case_id,
       CASE a.last_state_event
           WHEN 'opened' THEN 'open' WHEN 'reopened' THEN 'open'
           WHEN 'removal_verified' THEN 'removed'
           ELSE coalesce(a.last_state_event, 'new') END AS state,
       coalesce(a.last_state_event IN ('opened', 'reopened', 'takedown_requested', 'escalated'), FALSE) AS is_open,
       coalesce(a.last_state_event IN ('opened', 'reopened', 'takedown_requested', 'escalated'), FALSE)
           AND c.due_at IS NOT NULL AND c.due_at < now() AS overdue,
       a.assignee, a.takedown_requested_at, a.takedown_route, a.hidden_via_api_at,
       CASE WHEN a.last_removal_event > coalesce(a.last_reopen_event, -1) THEN a.last_removal_at END AS removed_at,
       coalesce(a.escalations, 0) AS escalations,
       coalesce(a.outside_reports, 0) AS outside_reports,
       a.last_event_at
FROM cases c
LEFT JOIN posts p ON p.post_id = c.post_id
LEFT JOIN agg a ON a.case_id = c.case_id;
