-- weekly_compliance: was every active account checked as often as its policy requires, in
-- every ISO week since monitoring began? One row per active account per ISO week.
--
-- Definitions (docs/audit-sql.md repeats them for readers):
--   week            ISO week, Monday 00:00 to the next Monday 00:00, in UTC (iso_week 2026-W47).
--                   Weeks run from the week of the first account check in the log to the
--                   week containing `as_of` (the view: now()).
--   successful      a monitoring_checks row with status ok or partial (a partial run read the
--                   account but stopped at a page budget; the cursor resumes it). A failed
--                   fetch never counts, whatever else it did. Human review sessions of the
--                   account (kind = 'human') count as checks too and are listed by name.
--   longest gap     the longest stretch without a successful check, measured over the
--                   week's successful checks plus the gap from the last successful check
--                   before the week (however long ago) to the first one in it, and from the
--                   last one to the week's end (or to as_of for the current week). With no
--                   check ever before, the week's start stands in for "the last check".
--   holiday week    a week in which at least 3 of the 5 school days (Monday to Friday) are
--                   holidays in calendar_days (a listed break, or outside every term; with
--                   no calendar stored there are no holidays). So a half-term week is a
--                   holiday week, and a term that starts on a Thursday makes its first week
--                   a holiday week.
--   required        holiday_check_every_s in holiday weeks, else check_every_s.
--   status          missed: the longest gap exceeded the requirement (for the current week
--                   as soon as that is certain); met: a finished week that did not;
--                   in progress: the current week, not missed so far.
--
-- weekly_compliance_at(as_of) is the same table at any instant (the Python compliance
-- report passes its injected clock's time); the view is that macro at now().

CREATE OR REPLACE MACRO weekly_compliance_at(as_of) AS TABLE
WITH
p AS (SELECT CAST(as_of AS TIMESTAMPTZ) AS as_of),
good AS (
    SELECT m.account_id, m.finished_at AS t
    FROM monitoring_checks m, p
    WHERE m.account_id IS NOT NULL AND m.status IN ('ok', 'partial') AND m.finished_at <= p.as_of
),
gaps AS (
    SELECT account_id, date_trunc('week', t) AS week_start,
           t - coalesce(lag(t) OVER (PARTITION BY account_id ORDER BY t), date_trunc('week', t)) AS gap
    FROM good
),
in_week AS (
    SELECT account_id, week_start, max(gap) AS max_gap FROM gaps GROUP BY ALL
),
counts AS (
    SELECT m.account_id, date_trunc('week', m.finished_at) AS week_start,
           count(*) FILTER (WHERE m.kind = 'automated' AND m.status IN ('ok', 'partial')) AS automated_ok,
           count(*) FILTER (WHERE m.status = 'failed') AS failed,
           count(*) FILTER (WHERE m.kind = 'human' AND m.status IN ('ok', 'partial')) AS human_sessions,
           string_agg(DISTINCT m.actor, ', ' ORDER BY m.actor) FILTER (WHERE m.kind = 'human') AS reviewers
    FROM monitoring_checks m, p
    WHERE m.account_id IS NOT NULL AND m.finished_at <= p.as_of
    GROUP BY ALL
),
bounds AS (
    SELECT date_trunc('week', coalesce(min(m.finished_at), any_value(p.as_of))) AS first_week,
           date_trunc('week', any_value(p.as_of)) AS last_week
    FROM p LEFT JOIN monitoring_checks m ON m.account_id IS NOT NULL AND m.finished_at <= p.as_of
),
weeks AS (
    SELECT unnest(generate_series(first_week, last_week, INTERVAL 7 DAY)) AS week_start FROM bounds
),
cal AS (SELECT count(*) > 0 AS has_calendar FROM calendar_days),
holiday_weeks AS (
    SELECT w.week_start,
           count(*) FILTER (WHERE coalesce(c.holiday, cal.has_calendar)) AS holiday_school_days
    FROM weeks w
    CROSS JOIN range(5) AS d(i)
    CROSS JOIN cal
    LEFT JOIN calendar_days c ON c.day = CAST(w.week_start AS DATE) + CAST(d.i AS INTEGER)
    GROUP BY ALL
),
grid AS (
    SELECT a.school_id, a.account_id, a.platform, a.handle, a.principal, a.reserve,
           w.week_start, w.week_start + INTERVAL 7 DAY AS week_end,
           least(w.week_start + INTERVAL 7 DAY, p.as_of) AS upto,
           p.as_of,
           h.holiday_school_days >= 3 AS holiday_week,
           CASE WHEN h.holiday_school_days >= 3 THEN a.holiday_check_every_s ELSE a.check_every_s END
               AS required_every_s
    FROM accounts a
    CROSS JOIN weeks w
    JOIN holiday_weeks h ON h.week_start = w.week_start
    CROSS JOIN p
    WHERE a.active
),
last_before AS (  -- the last successful check at or before the end of each account-week
    SELECT g.account_id, g.week_start, good.t AS last_t
    FROM grid g ASOF LEFT JOIN good ON g.account_id = good.account_id AND g.upto >= good.t
),
scored AS (
    SELECT g.*,
           coalesce(c.automated_ok, 0) AS automated_checks,
           coalesce(c.failed, 0) AS failed_checks,
           coalesce(c.human_sessions, 0) AS human_sessions,
           c.reviewers,
           lb.last_t AS last_successful_check,
           CAST(round(epoch(greatest(
               coalesce(iw.max_gap, INTERVAL 0 SECOND),
               g.upto - coalesce(lb.last_t, g.week_start)
           ))) AS BIGINT) AS longest_gap_s
    FROM grid g
    LEFT JOIN counts c ON c.account_id = g.account_id AND c.week_start = g.week_start
    LEFT JOIN in_week iw ON iw.account_id = g.account_id AND iw.week_start = g.week_start
    LEFT JOIN last_before lb ON lb.account_id = g.account_id AND lb.week_start = g.week_start
)
SELECT school_id, account_id, platform, handle, principal, reserve,
       strftime(week_start, '%G-W%V') AS iso_week, week_start, week_end, holiday_week,
       required_every_s, automated_checks, failed_checks, human_sessions, reviewers,
       last_successful_check, longest_gap_s,
       round(longest_gap_s / 3600.0, 1) AS longest_gap_h,
       CASE WHEN longest_gap_s > required_every_s THEN 'missed'
            WHEN week_end > as_of THEN 'in progress'
            ELSE 'met' END AS status
FROM scored
ORDER BY school_id, account_id, week_start;

CREATE OR REPLACE VIEW weekly_compliance AS
SELECT * FROM weekly_compliance_at(now());
