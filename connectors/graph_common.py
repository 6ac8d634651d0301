"""What the Facebook and Instagram connectors share: watermarks, removal checks, token checks.

A :class:`Watermark` is a ``since`` time plus the ids seen in the overlap window just
before it. Each run re-reads ``overlap`` before ``since`` (late-arriving items, clock skew)
and drops ids it has already seen, so nothing is skipped and nothing is landed twice.

Removal checks follow platforms.md: the Graph API answers code 100 / subcode 33 both for a
deleted object and for one the token may not see. So "removed" is returned only after
``/debug_token`` says the token is valid; otherwise the answer is "unknown".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.base import ActionResult, CheckResult
from connectors.credentials import PermissionCheck
from connectors.errors import AuthError, ConnectorError
from connectors.graph import GraphClient, GraphMissingObject

OVERLAP = timedelta(minutes=10)


def parse_graph_time(value: Any) -> datetime | None:
    """Graph's ``2026-09-06T10:00:00+0000`` (and ISO forms) -> aware UTC, or None."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":
        text = text[:-2] + ":" + text[-2:]
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


@dataclass
class Watermark:
    since: datetime
    seen: dict[str, str] = field(default_factory=dict)  # id -> created time (ISO), overlap window

    @classmethod
    def from_cursor(cls, cur: Mapping[str, Any] | None, default_since: datetime) -> Watermark:
        cur = cur or {}
        since = parse_graph_time(cur.get("since")) or default_since
        seen = cur.get("seen") if isinstance(cur.get("seen"), dict) else {}
        return cls(since, dict(seen or {}))

    @property
    def query_since(self) -> datetime:
        return self.since - OVERLAP

    def is_new(self, native_id: str) -> bool:
        return native_id not in self.seen

    def observe(self, native_id: str, created: Any) -> None:
        when = parse_graph_time(created)
        if when is not None:
            self.seen[native_id] = when.isoformat()

    def held(self) -> dict[str, Any]:
        """The cursor after a run cut short: the old ``since`` (written down, so a first
        run's default does not drift), and every id read so far, so the run that finishes
        the gap neither lands them twice nor forgets them when it advances ``since``."""
        return {"since": self.since.isoformat(), "seen": dict(self.seen)}

    def advanced(self) -> dict[str, Any]:
        """The cursor after a complete run: since = newest created time, seen = its overlap."""
        times = [t for t in (parse_graph_time(v) for v in self.seen.values()) if t is not None]
        since = max([self.since, *times])
        keep = {
            k: v for k, v in self.seen.items() if (parse_graph_time(v) or since) >= since - OVERLAP
        }
        return {"since": since.isoformat(), "seen": keep}


def check_object(
    graph: GraphClient, native_id: str, fields: str, *, app_token: str | None
) -> CheckResult:
    """present / removed (100/33 with a valid token) / unknown."""
    try:
        obj = graph.get(native_id, {"fields": fields}, endpoint="/{object-id}")
    except GraphMissingObject as exc:
        try:
            token = graph.debug_token(app_token)
        except ConnectorError as dexc:
            return CheckResult(
                "unknown",
                {"error": exc.body, "debug_token_error": str(dexc)},
                "object not visible and the token could not be checked",
            )
        if token.get("is_valid") is True:
            return CheckResult(
                "removed",
                {"error": exc.body, "token": _safe_token_facts(token)},
                "Graph API code 100/33 with a valid token: the object is gone",
            )
        return CheckResult(
            "unknown",
            {"error": exc.body, "token": _safe_token_facts(token)},
            "object not visible but the token is not valid: cannot tell deleted from hidden to us",
        )
    except AuthError as exc:
        return CheckResult("unknown", {"error": str(exc)}, "credential or permission problem")
    except ConnectorError as exc:
        return CheckResult("unknown", {"error": str(exc)}, exc.kind)
    return CheckResult("present", {"object": obj})


def act(
    graph: GraphClient, method: str, native_id: str, params: dict[str, Any], endpoint: str
) -> ActionResult:
    """POST/DELETE on an object; the platform's JSON answer is the evidence."""
    try:
        if method == "DELETE":
            resp = graph.delete(native_id, endpoint=endpoint)
        else:
            resp = graph.post(native_id, params, endpoint=endpoint)
    except ConnectorError as exc:
        evidence = getattr(exc, "body", None) or {"error": str(exc)}
        return ActionResult(False, evidence, str(exc))
    ok = resp.get("success") is True
    return ActionResult(ok, resp, "" if ok else "the platform did not confirm success")


def _safe_token_facts(token: Mapping[str, Any]) -> dict[str, Any]:
    """debug_token data without anything secret (it holds none, but keep only what we use)."""
    keys = (
        "app_id",
        "type",
        "application",
        "is_valid",
        "expires_at",
        "data_access_expires_at",
        "scopes",
        "profile_id",
        "user_id",
    )
    return {k: token[k] for k in keys if k in token}


def verify_token(
    graph: GraphClient,
    *,
    needs: Mapping[str, str],
    app_token: str | None,
    node: str | None,
    node_fields: str,
    node_label: str,
) -> list[PermissionCheck]:
    """debug_token (valid, expiry, scopes) plus one read of the account node."""
    checks: list[PermissionCheck] = []
    try:
        token = graph.debug_token(app_token)
    except ConnectorError as exc:
        return [
            PermissionCheck(
                "access token",
                False,
                str(exc),
                "create a new long-lived Page access token (runbook)",
            )
        ]
    valid = token.get("is_valid") is True
    expires = token.get("expires_at")
    when = (
        "never expires"
        if expires in (0, None)
        else f"expires {datetime.fromtimestamp(int(expires), tz=UTC):%Y-%m-%d}"
    )
    checks.append(
        PermissionCheck(
            "access token",
            valid,
            f"{token.get('type', '?')} token, {when}" if valid else "token is not valid",
            "" if valid else "create a new long-lived Page access token (runbook)",
        )
    )
    scopes = set(token.get("scopes") or [])
    for perm, purpose in needs.items():
        ok = perm in scopes
        checks.append(
            PermissionCheck(
                f"{perm} ({purpose})",
                ok,
                "granted" if ok else "not granted to this token",
                ""
                if ok
                else f"add {perm} to the app's permissions, re-authorise, and create a new token",
            )
        )
    if node:
        try:
            obj = graph.get(node, {"fields": node_fields}, endpoint="/{node}")
            checks.append(
                PermissionCheck(
                    f"read {node_label}",
                    True,
                    f"{obj.get('name') or obj.get('username') or obj.get('id')}",
                )
            )
        except ConnectorError as exc:
            checks.append(
                PermissionCheck(
                    f"read {node_label}",
                    False,
                    str(exc),
                    f"check the {node_label} id in schoolwatch.toml and the token's access",
                )
            )
    return checks
