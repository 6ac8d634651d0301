"""Verifying every hash chain in the warehouse (``schoolwatch audit verify``).

Walks the monitoring log, the audit log and each case's event history with
:func:`warehouse.chain.verify_chain`, and then checks the chain heads that each sent
digest recorded: a chain recomputed wholesale after an edit, or cut short at its end,
still links up, but no longer matches the head that went out in an e-mail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from warehouse import chain

CHAINS: tuple[chain.ChainSpec, ...] = (chain.MONITORING, chain.AUDIT, chain.CASE_EVENTS)


@dataclass(frozen=True)
class Finding:
    table: str
    position: Any  # the ordering value (seq, event_id) of the first broken row
    reason: str
    case_id: int | None = None  # for case_events: whose history broke

    def describe(self) -> str:
        where = f"{self.table} row {self.position}"
        if self.case_id is not None:
            where += f" (case {self.case_id})"
        return f"{where}: {self.reason}"


@dataclass
class VerifyReport:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows checked
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "findings": [f.__dict__ for f in self.findings],
        }


def chain_heads(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """The last row (order value and hash) of the unpartitioned chains, for a digest to carry."""
    heads: dict[str, dict[str, Any]] = {}
    for spec in CHAINS:
        if spec.partition:
            continue
        row = con.execute(
            f"SELECT {spec.order_by}, row_hash FROM {spec.table} ORDER BY {spec.order_by} DESC LIMIT 1"
        ).fetchone()
        if row:
            heads[spec.table] = {"position": int(row[0]), "row_hash": row[1]}
    return heads


def verify_all(con: duckdb.DuckDBPyConnection) -> VerifyReport:
    """Check every chain; report the first broken row of each, and any digest-head mismatch."""
    report = VerifyReport()
    for spec in CHAINS:
        _checked, broken = chain.verify_chain(con, spec)
        report.rows[spec.table] = int(
            con.execute(f"SELECT count(*) FROM {spec.table}").fetchone()[0]  # type: ignore[index]
        )
        if broken is not None:
            case_id = None
            if spec.partition:
                found = con.execute(
                    f"SELECT {spec.partition} FROM {spec.table} WHERE {spec.order_by} = ?", [broken.position]
                ).fetchone()
                case_id = int(found[0]) if found else None
            report.findings.append(Finding(broken.table, broken.position, broken.reason, case_id))
    report.findings.extend(_check_digest_heads(con))
    return report


def _check_digest_heads(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    rows = con.execute(
        "SELECT school_id, iso_week, chain_heads FROM digests WHERE status = 'sent' AND chain_heads IS NOT NULL "
        "ORDER BY sent_at DESC"
    ).fetchall()
    for school_id, iso_week, heads_json in rows:
        heads = json.loads(heads_json) if isinstance(heads_json, str) else heads_json
        for table, head in (heads or {}).items():
            spec = next((s for s in CHAINS if s.table == table), None)
            if spec is None or table in seen:
                continue
            now_row = con.execute(
                f"SELECT row_hash FROM {spec.table} WHERE {spec.order_by} = ?", [head["position"]]
            ).fetchone()
            if now_row is None or now_row[0] != head["row_hash"]:
                seen.add(table)  # one finding per table is enough to act on
                what = "is gone" if now_row is None else "has a different hash now"
                findings.append(
                    Finding(
                        table,
                        head["position"],
                        f"the row that headed the chain when the {iso_week} digest for {school_id} was sent {what}: "
                        "history up to that digest was rewritten or cut short",
                    )
                )
    return findings
