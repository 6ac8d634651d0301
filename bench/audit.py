"""Audit-query benchmark: a year of a busy trust's data, every documented query timed.

Builds (with DuckDB SQL, in seconds) a warehouse with one million posts over a year,
a year of monitoring checks (every account fetched every 15 minutes, with failures and
outages, plus weekly human review sessions), flags, cases with realistic histories,
quarantined rows and sent digests; then times each query in README.md's "Audit questions in SQL" through a
read-only connection (as `schoolwatch sql` runs them), plus the Python compliance grid,
one digest render and a full `audit verify`.

    /work/main/.venv/bin/python bench/audit.py [--dir /tmp/sw-bench] [--posts 1000000] [--accounts 20]

Target: every documented query under one second. The monitoring log's hashes are real
(computed with warehouse.chain, so `audit verify` walks a genuine chain); case-event
hashes are link-consistent placeholders (the SQL link check passes; verify would not).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from schoolwatch.core.config import Calendar, Holiday, Term  # noqa: E402
from warehouse import chain  # noqa: E402
from warehouse.calendar import sync_calendar  # noqa: E402
from warehouse.db import connect  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
END = datetime(2026, 11, 23, tzinfo=UTC)  # a Monday: the year ends with the week just finished
START = END - timedelta(weeks=52)
SECTION = "## Audit questions in SQL"

CALENDAR = Calendar(
    terms=[
        Term(name="Autumn 2025", start=date(2025, 9, 3), end=date(2025, 12, 19)),
        Term(name="Spring 2026", start=date(2026, 1, 5), end=date(2026, 3, 27)),
        Term(name="Summer 2026", start=date(2026, 4, 13), end=date(2026, 7, 22)),
        Term(name="Autumn 2026", start=date(2026, 9, 3), end=date(2026, 12, 18)),
    ],
    holidays=[
        Holiday(name="Autumn half term 2025", start=date(2025, 10, 27), end=date(2025, 10, 31)),
        Holiday(name="Spring half term", start=date(2026, 2, 16), end=date(2026, 2, 20)),
        Holiday(name="Summer half term", start=date(2026, 5, 25), end=date(2026, 5, 29)),
        Holiday(name="Autumn half term 2026", start=date(2026, 10, 26), end=date(2026, 10, 30)),
    ],
)


def documented_queries(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    body = text[text.find(SECTION) + len(SECTION):]
    nxt = re.search(r"^## ", body, re.M)
    body = body[: nxt.start()] if nxt else body
    return re.findall(r"^###\s+(.+?)\s*\n\s*```sql\n(.*?)```", body, re.M | re.S)


def timed(label: str, fn, out: list[tuple[str, float]]) -> None:  # noqa: ANN001
    t = time.perf_counter()
    fn()
    out.append((label, time.perf_counter() - t))


def build(db: Path, n_posts: int, n_accounts: int) -> list[tuple[str, float]]:
    steps: list[tuple[str, float]] = []
    with connect(db) as con:
        span_s = int((END - START).total_seconds())

        def registry() -> None:
            con.execute("INSERT INTO schools VALUES ('trust-school', 'Bench Academy', ['BA'], $start)", {"start": START})
            con.execute(
                """
                INSERT INTO accounts
                SELECT 'acct-' || i, 'trust-school', (['x','facebook','reddit','youtube','bluesky'])[1 + i % 5],
                       'handle' || i, NULL, 'own', 'Supervisor ' || (i % 7), 'Reserve ' || (i % 5 + 10),
                       CASE WHEN i % 4 = 0 THEN 172800 ELSE 86400 END, 604800, TRUE, $start
                FROM range($accounts) t(i)
                """,
                {"start": START, "accounts": n_accounts},
            )
            con.execute(
                "INSERT INTO sources SELECT account_id, school_id, platform, 'account', account_id, '{}', TRUE, updated_at FROM accounts"
            )
            sync_calendar(con, CALENDAR, START)

        def posts() -> None:
            con.execute(
                """
                INSERT INTO posts (post_id, school_id, platform, native_id, source_id, account_id, item_kind,
                                   author_id, author_handle, text, url, created_at, raw_sha256, first_seen, last_seen)
                SELECT 'p:' || i, 'trust-school', (['x','facebook','reddit','youtube','bluesky'])[1 + i % 5], i::VARCHAR,
                       'acct-' || (i % $accounts), 'acct-' || (i % $accounts),
                       (['post','comment','reply','mention'])[1 + (i // 7) % 4],
                       'u' || (hash(i) % 50000), 'user' || (hash(i) % 50000), 'invented text number ' || i,
                       'https://example.org/p/' || i,
                       $start + to_seconds((hash(i * 31) % $span)::BIGINT), sha256(i::VARCHAR),
                       $start + to_seconds((hash(i * 31) % $span)::BIGINT) + INTERVAL 10 MINUTE,
                       $start + to_seconds((hash(i * 31) % $span)::BIGINT) + INTERVAL 10 MINUTE
                FROM range($n) t(i)
                """,
                {"start": START, "n": n_posts, "accounts": n_accounts, "span": span_s},
            )

        def flags() -> None:
            con.execute(
                """
                INSERT INTO flags
                SELECT post_id, 'rules-0', cat,
                       CASE WHEN cat IN ('threat','self_harm','grooming','sexual','extremism') THEN 'critical'
                            WHEN cat = 'complaint' THEN 'low' ELSE 'high' END,
                       0.9, '[]', 'rules', created_at + INTERVAL 12 MINUTE
                FROM (
                    SELECT post_id, created_at,
                           (['complaint','complaint','complaint','abuse','abuse','hate','defamation','personal_data',
                             'threat','self_harm','grooming','sexual','extremism'])[1 + (hash(post_id) % 13)::INT] AS cat
                    FROM posts WHERE hash(post_id) % 20 = 0
                )
                """
            )

        def cases() -> None:
            con.execute(
                """
                INSERT INTO cases (case_id, post_id, school_id, category, severity, opened_at, due_at)
                SELECT row_number() OVER (ORDER BY f.flagged_at, f.post_id), f.post_id, 'trust-school', f.category,
                       f.severity, f.flagged_at + INTERVAL 3 MINUTE,
                       CASE WHEN f.category IN ('hate','abuse','defamation','personal_data')
                            THEN f.flagged_at + INTERVAL 3 MINUTE + INTERVAL 24 HOUR END
                FROM flags f WHERE f.severity <> 'low'
                """
            )
            con.execute(
                """
                CREATE TEMP TABLE ev AS
                WITH c AS (SELECT case_id, category, severity, opened_at, hash(case_id) AS h FROM cases),
                steps AS (
                    SELECT case_id, 1 AS k, opened_at AS t, 'system' AS actor, 'opened' AS kind, NULL AS reason, '{}' AS data FROM c
                    UNION ALL SELECT case_id, 2, opened_at, 'system', 'flagged', NULL, '{"score":0.9}' FROM c
                    UNION ALL SELECT case_id, 3, opened_at + INTERVAL 40 MINUTE, 'coordinator' || (h % 3), 'viewed', NULL, '{}' FROM c
                    UNION ALL SELECT case_id, 4, opened_at + INTERVAL 55 MINUTE, 'dsl1', 'viewed', NULL, '{}' FROM c WHERE severity = 'critical'
                    UNION ALL SELECT case_id, 5, opened_at + INTERVAL 2 HOUR, 'coordinator1', 'takedown_requested', NULL,
                                     '{"route":"reported_platform"}' FROM c WHERE h % 10 < 8
                    UNION ALL SELECT case_id, 6, opened_at + INTERVAL 3 HOUR, 'dsl1', 'reported_outside', NULL,
                                     '{"body":"police","reference":"REF-' || case_id || '"}' FROM c WHERE category = 'threat'
                    UNION ALL SELECT case_id, 7, opened_at + INTERVAL 25 HOUR, 'system', 'escalated', 'not removed within 24 h',
                                     '{"to":"head","rung":1}' FROM c WHERE h % 10 IN (6, 7)
                    UNION ALL SELECT case_id, 8, opened_at + to_seconds((2 * 3600 + h % (40 * 3600))::BIGINT), 'system',
                                     'removal_verified', NULL, '{}' FROM c WHERE h % 10 < 6
                    UNION ALL SELECT case_id, 9, opened_at + INTERVAL 3 DAY, 'coordinator1', 'closed', 'resolved', '{}' FROM c WHERE h % 10 < 5
                )
                SELECT row_number() OVER (ORDER BY case_id, k) AS event_id, * FROM steps
                """
            )
            con.execute(
                """
                INSERT INTO case_events (event_id, case_id, occurred_at, actor, kind, reason, data, idem_key, prev_hash, row_hash)
                SELECT event_id, case_id, t, actor, kind, reason, data::JSON, NULL,
                       coalesce(lag(sha256(event_id::VARCHAR)) OVER (PARTITION BY case_id ORDER BY event_id), repeat('0', 64)),
                       sha256(event_id::VARCHAR)
                FROM ev
                """
            )

        def checks() -> None:
            # Every account every 15 minutes; ~2% of fetches fail; each account has a few
            # outages (a day or two with nothing) so missed weeks exist; two human review
            # sessions per account per week.
            con.execute(
                """
                CREATE TEMP TABLE ck AS
                WITH auto AS (
                    SELECT a.account_id, a.platform, t AS started_at
                    FROM accounts a, range($start, $end, INTERVAL 15 MINUTE) r(t)
                    WHERE NOT (hash(a.account_id || strftime(t, '%G-W%V')) % 9 = 0
                               AND dayofweek(t) IN (2, 3) )
                ),
                human AS (
                    SELECT a.account_id, a.platform, t + INTERVAL 10 HOUR AS started_at
                    FROM accounts a, range($start, $end, INTERVAL 1 DAY) r(t)
                    WHERE dayofweek(t) IN (1, 4)
                )
                SELECT account_id, platform, started_at, 'automated' AS kind, 'system' AS actor,
                       CASE WHEN hash(account_id || started_at::VARCHAR) % 50 = 0 THEN 'failed' ELSE 'ok' END AS status
                FROM auto
                UNION ALL
                SELECT account_id, platform, started_at, 'human', 'reviewer' || (hash(account_id) % 4), 'ok' FROM human
                """,
                {"start": START, "end": END},
            )
            df = con.execute(
                """
                SELECT row_number() OVER (ORDER BY started_at, account_id, kind) AS seq,
                       CASE kind WHEN 'human' THEN 'review:' || strftime(started_at, '%Y%m%d') || ':' || account_id
                            ELSE strftime(started_at, '%Y%m%dT%H%M%S') || 'Z-' || account_id END AS check_id,
                       'trust-school' AS school_id, account_id, account_id AS source_id, platform, kind, actor,
                       started_at, started_at + INTERVAL 20 SECOND AS finished_at, status,
                       CASE WHEN status = 'ok' THEN 3 ELSE 0 END AS items, 1 AS api_calls,
                       CASE WHEN status = 'failed' THEN 'HTTPError 503 from the platform' END AS error,
                       started_at + INTERVAL 1 MINUTE AS recorded_at
                FROM ck ORDER BY seq
                """
            ).df()
            prev = chain.GENESIS
            prevs, hashes = [], []
            fields = chain.MONITORING.fields
            for rec in df[list(fields)].itertuples(index=False, name=None):
                content = dict(zip(fields, rec, strict=True))
                for k in ("started_at", "finished_at", "recorded_at"):
                    content[k] = content[k].to_pydatetime()
                for k in ("seq", "items", "api_calls"):
                    content[k] = int(content[k])
                if content["error"] is None or (isinstance(content["error"], float)):
                    content["error"] = None
                h = chain.row_hash(prev, content)
                prevs.append(prev)
                hashes.append(h)
                prev = h
            df["prev_hash"], df["row_hash"] = prevs, hashes
            con.register("ck_df", df)
            con.execute("INSERT INTO monitoring_checks SELECT * FROM ck_df")
            con.unregister("ck_df")

        def dq() -> None:
            con.execute(
                """
                INSERT INTO quarantine
                SELECT 'x/acct-' || (i % 20) || '/run' || i || '.jsonl.gz', i % 200 + 1,
                       (['parse','normalise','expect_column_values_to_match_regex(url)'])[1 + i % 3],
                       'x', 'acct-' || (i % 20), i::VARCHAR, 'invented reason ' || (i % 17), '{"bad": true}',
                       $start + to_seconds((hash(i) % $span)::BIGINT)
                FROM range(5000) t(i)
                """,
                {"start": START, "span": span_s},
            )
            con.execute(
                """
                INSERT INTO validation_results
                SELECT 'x/acct-' || (i % 20) || '/run' || i || '.jsonl.gz', 'expect_column_values_to_match_regex', 'url',
                       i % 7 <> 0, 200, CASE WHEN i % 7 = 0 THEN 1 ELSE 0 END, $start + to_seconds((hash(i) % $span)::BIGINT)
                FROM range(35000) t(i)
                """,
                {"start": START, "span": span_s},
            )
            con.execute(
                """
                INSERT INTO digests (school_id, iso_week, status, recipients, subject, message_id, sha256, created_at, sent_at)
                SELECT 'trust-school', strftime(w, '%G-W%V'), 'sent', ['governors@bench.example.org'],
                       'Weekly monitoring digest', '<d' || epoch(w) || '@bench.example.org>', sha256(w::VARCHAR),
                       w + INTERVAL 7 DAY + INTERVAL 7 HOUR, w + INTERVAL 7 DAY + INTERVAL 7 HOUR
                FROM range($start, $end, INTERVAL 7 DAY) r(w)
                """,
                {"start": START, "end": END},
            )

        for label, fn in (("registry + calendar", registry), (f"{n_posts:,} posts", posts), ("flags", flags),
                          ("cases + case events", cases), ("a year of checks (real hash chain)", checks),
                          ("quarantine, validation, digests", dq)):
            timed(label, fn, steps)
        timed("checkpoint", lambda: con.execute("CHECKPOINT"), steps)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - our table names
                  for t in ("posts", "flags", "cases", "case_events", "monitoring_checks", "quarantine", "validation_results")}
    print("built:", ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    return steps


def bench(db: Path, repeats: int) -> list[tuple[str, float, float, int]]:
    import duckdb  # noqa: PLC0415

    out = []
    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    for i, (question, sql) in enumerate(documented_queries(ROOT / "README.md")):
        engine, fetch, n = [], [], 0
        for _ in range(repeats):
            # Engine time: the whole result materialised inside DuckDB (every column, every row).
            t = time.perf_counter()
            con.execute(f"CREATE OR REPLACE TEMP TABLE bench_q{i} AS {sql}")
            engine.append(time.perf_counter() - t)
            # End to end as `schoolwatch sql` sees it: rows fetched into Python objects.
            t = time.perf_counter()
            n = len(con.execute(sql).fetchall())
            fetch.append(time.perf_counter() - t)
        out.append((question, statistics.median(engine), statistics.median(fetch), n))
    con.close()
    return out


def bench_python(db: Path) -> list[tuple[str, float]]:
    import tomllib  # noqa: PLC0415
    from importlib import resources  # noqa: PLC0415

    from alerts.compliance import compliance_grid  # noqa: PLC0415
    from alerts.digest import render_digest  # noqa: PLC0415
    from schoolwatch.core.config import parse_config  # noqa: PLC0415
    from warehouse.verify import verify_all  # noqa: PLC0415

    data = tomllib.loads(resources.files("schoolwatch").joinpath("example.toml").read_text(encoding="utf-8"))
    data["school"] = {"id": "trust-school", "name": "Bench Academy"}
    cfg = parse_config(data)
    out: list[tuple[str, float]] = []
    with connect(db) as con:
        now = END + timedelta(hours=7)
        timed("compliance_grid (Python, 52 weeks)", lambda: compliance_grid(con, now), out)
        timed("compliance_grid (Python, --weeks 6)", lambda: compliance_grid(con, now, weeks=6), out)
        timed("render_digest (one week, with charts)",
              lambda: render_digest(con, cfg, cfg.schools[0], END - timedelta(days=7), now), out)
        holder: dict[str, object] = {}
        timed("audit verify (all chains)", lambda: holder.setdefault("r", verify_all(con)), out)
    report = holder["r"]
    print(f"audit verify walked {report.rows}; monitoring chain intact: "  # type: ignore[attr-defined]
          f"{not any(f.table == 'monitoring_checks' for f in report.findings)}")  # type: ignore[attr-defined]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/schoolwatch-bench"))
    ap.add_argument("--posts", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="Reuse the warehouse in --dir if it exists.")
    args = ap.parse_args()
    db = args.dir / "bench.duckdb"
    if not (args.keep and db.exists()):
        shutil.rmtree(args.dir, ignore_errors=True)
        args.dir.mkdir(parents=True)
        t = time.perf_counter()
        for label, s in build(db, args.posts, args.accounts):
            print(f"  build {label:<40} {s:7.2f} s")
        print(f"  build total {time.perf_counter() - t:.1f} s")
    with connect(db):  # a read-write open installs the current view files
        pass
    results = bench(db, args.repeats)
    print(f"\nDocumented audit queries (README.md), read-only connection, median of {args.repeats}:")
    print(f"  {'question':<96} {'engine s':>9} {'fetchall s':>11} {'rows':>7}")
    for q, eng, fetch, n in results:
        flag = "" if eng < 1.0 else "  <-- over 1 s"
        print(f"  {q[:96]:<96} {eng:9.3f} {fetch:11.3f} {n:7,}{flag}")
    worst = max(r[1] for r in results)
    print(f"  slowest engine median: {worst:.3f} s; all under 1 s: {worst < 1.0}")
    print("  (fetchall adds Python's conversion of every TIMESTAMPTZ value; large results pay most)")
    print("\nPython paths:")
    for label, s in bench_python(db):
        print(f"  {label:<45} {s:7.3f} s")


if __name__ == "__main__":
    main()
