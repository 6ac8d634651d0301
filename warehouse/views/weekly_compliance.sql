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

-- Implementation note: times are handled as epoch microseconds and weeks as integer
-- week numbers (Monday-based, from 1970-01-05) because DuckDB's time-zone-aware
-- date_trunc/strftime on TIMESTAMPTZ cost ~20x more per row on a year of checks.

CREATE OR REPLACE MACRO weekly_compliance_at(as_of) AS TABLE
WITH
-- 604800000000 = one week in microseconds; 345600000000 = 1970-01-05 00:00 UTC, a Monday.
good AS NOT MATERIALIZED (  -- successful checks only: a failed fetch never counts
    SELECT account_id, epoch_us(finished_at) AS t,
           (epoch_us(finished_at) - 345600000000) // 604800000000 AS wk
    FROM monitoring_checks
    WHERE account_id IS NOT NULL AND status IN ('ok', 'partial')
      AND finished_at <= CAST(as_of AS TIMESTAMPTZ)
),
in_week AS MATERIALIZED (  -- per account-week: the longest gap ending at one of its checks (from the check before, in any week)
    SELECT account_id, wk, max(t - coalesce(prev_t, wk * 604800000000 + 345600000000)) AS max_gap
    FROM (SELECT account_id, wk, t, lag(t) OVER (PARTITION BY account_id ORDER BY t) AS prev_t FROM good)
    GROUP BY ALL
),
last_in_week AS (
    SELECT account_id, wk, max(t) AS last_t FROM good GROUP BY ALL
),
counts AS MATERIALIZED (
    SELECT account_id, (epoch_us(finished_at) - 345600000000) // 604800000000 AS wk,
           count(*) FILTER (WHERE kind = 'automated' AND status IN ('ok', 'partial')) AS automated_ok,
           count(*) FILTER (WHERE status = 'failed') AS failed,
           count(*) FILTER (WHERE kind = 'human' AND status IN ('ok', 'partial')) AS human_sessions,
           string_agg(DISTINCT actor, ', ' ORDER BY actor) FILTER (WHERE kind = 'human') AS reviewers,
           min(epoch_us(finished_at)) AS first_t
    FROM monitoring_checks
    WHERE account_id IS NOT NULL AND finished_at <= CAST(as_of AS TIMESTAMPTZ)
    GROUP BY ALL
),
now_c AS (
    SELECT epoch_us(CAST(as_of AS TIMESTAMPTZ)) AS now_us,
           (epoch_us(CAST(as_of AS TIMESTAMPTZ)) - 345600000000) // 604800000000 AS now_wk
),
bounds AS (
    SELECT coalesce((SELECT min(wk) FROM counts), n.now_wk) AS first_wk, n.now_wk AS last_wk, n.now_us
    FROM now_c n
),
weeks AS (
    SELECT unnest(range(first_wk, last_wk + 1)) AS wk FROM bounds
),
cal AS (SELECT count(*) > 0 AS has_calendar FROM calendar_days),
holiday_weeks AS (
    SELECT w.wk,
           count(*) FILTER (WHERE coalesce(c.holiday, cal.has_calendar)) AS holiday_school_days
    FROM weeks w
    CROSS JOIN range(5) AS d(i)
    CROSS JOIN cal
    LEFT JOIN calendar_days c ON c.day = DATE '1970-01-05' + CAST(w.wk * 7 + d.i AS INTEGER)
    GROUP BY ALL
),
grid AS (
    SELECT a.school_id, a.account_id, a.platform, a.handle, a.principal, a.reserve, h.wk,
           h.wk * 604800000000 + 345600000000 AS start_us,
           (h.wk + 1) * 604800000000 + 345600000000 AS end_us,
           least((h.wk + 1) * 604800000000 + 345600000000, b.now_us) AS upto_us,
           b.now_us,
           h.holiday_school_days >= 3 AS holiday_week,
           CASE WHEN h.holiday_school_days >= 3 THEN a.holiday_check_every_s ELSE a.check_every_s END
               AS required_every_s
    FROM accounts a
    CROSS JOIN holiday_weeks h
    CROSS JOIN bounds b
    WHERE a.active
),
last_before AS (  -- the last successful check at or before the end of each account-week, in any week
    SELECT g.account_id, g.wk, l.last_t
    FROM grid g ASOF LEFT JOIN last_in_week l ON g.account_id = l.account_id AND g.wk >= l.wk
),
scored AS (
    SELECT g.*,
           coalesce(c.automated_ok, 0) AS automated_checks,
           coalesce(c.failed, 0) AS failed_checks,
           coalesce(c.human_sessions, 0) AS human_sessions,
           c.reviewers,
           lb.last_t,
           greatest(coalesce(iw.max_gap, 0), g.upto_us - coalesce(lb.last_t, g.start_us)) // 1000000 AS longest_gap_s
    FROM grid g
    LEFT JOIN counts c ON c.account_id = g.account_id AND c.wk = g.wk
    LEFT JOIN in_week iw ON iw.account_id = g.account_id AND iw.wk = g.wk
    LEFT JOIN last_before lb ON lb.account_id = g.account_id AND lb.wk = g.wk
)
SELECT school_id, account_id, platform, handle, principal, reserve,
       strftime(make_timestamp(start_us), '%G-W%V') AS iso_week,
       make_timestamptz(start_us) AS week_start,
       make_timestamptz(end_us) AS week_end,
       holiday_week, required_every_s, automated_checks, failed_checks, human_sessions, reviewers,
       make_timestamptz(last_t) AS last_successful_check,
       longest_gap_s,
       round(longest_gap_s / 3600.0, 1) AS longest_gap_h,
       CASE WHEN longest_gap_s > required_every_s THEN 'missed'
            WHEN end_us > now_us THEN 'in progress'
            ELSE 'met' END AS status
FROM scored
ORDER BY school_id, account_id, wk;

CREATE OR REPLACE VIEW weekly_compliance AS
SELECT * FROM weekly_compliance_at(now());
