"""Evidence packs: one self-contained folder per case, fit to hand to the police or POSH.

``export_pack`` writes ``case-<id>-evidence/`` with

- ``evidence.json``: the case, the post (text, author, address, times), the verbatim payload
  as fetched, its SHA-256 (stored at fetch time and recomputed now), the media addresses,
  and the full event timeline with each event's chain hash;
- ``evidence.json.sha256``: the SHA-256 of that file, in ``sha256sum`` format;
- ``index.html``: the same for people, with inline CSS only, a strict Content-Security-Policy
  (nothing loads from anywhere) and every value escaped by Jinja2.

Images and video are never downloaded or embedded (policy 004 §8.2 asks for text, address
and time; for sexual content involving pupils holding the image is itself illegal: it is
reported to the IWF by its address), so the pack lists media addresses as text.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, select_autoescape

from alerts.cases import Case, CaseError, get_case
from schoolwatch.core.ids import sha256_text
from warehouse import chain

FORMAT = "schoolwatch-evidence-pack/1"
_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)

MEDIA_POLICY = "Images and video are never downloaded or embedded; media are recorded by address only."
SEXUAL_PUPIL_POLICY = (
    "Sexual content that may involve pupils: no image or video is held. Report the address to the "
    "Internet Watch Foundation (IWF); do not open, copy or forward the material."
)
_MEDIA_HINTS = ("media", "image", "photo", "picture", "video", "thumbnail", "preview", "attachment", "full_picture")


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _media_urls(payload: Any) -> list[str]:
    """Addresses of media in the payload (by key name), as text only."""
    found: list[str] = []

    def walk(value: Any, media: bool) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, media or any(h in str(k).lower() for h in _MEDIA_HINTS))
        elif isinstance(value, list):
            for v in value:
                walk(v, media)
        elif isinstance(value, str) and media and value.startswith(("http://", "https://")) and value not in found:
            found.append(value)

    walk(payload, False)
    return found


def _chain_state(con: duckdb.DuckDBPyConnection, case: Case) -> dict[str, Any]:
    """Re-verify this case's hash chain (the whole case_events table, reported for this case)."""
    rows = con.execute(
        "SELECT event_id, prev_hash, row_hash FROM case_events WHERE case_id = ? ORDER BY event_id", [case.case_id]
    ).fetchall()
    _, broken = chain.verify_chain(con, chain.CASE_EVENTS)
    mine = broken is not None and any(r[0] == broken.position for r in rows)
    return {
        "verified": not mine,
        "events": len(rows),
        "last_hash": rows[-1][2] if rows else None,
        "problem": f"event {broken.position}: {broken.reason}" if mine and broken else None,
    }


def build_pack(con: duckdb.DuckDBPyConnection, case_id: int, now: datetime) -> dict[str, Any]:
    """The evidence record of one case as a JSON-ready dict."""
    case = get_case(con, case_id)
    ev = con.execute(
        "SELECT post_id, captured_at, payload, payload_sha256, text, author, url, created_at, note FROM evidence WHERE case_id = ?",
        [case_id],
    ).fetchone()
    if ev is None:
        raise CaseError(f"case {case_id}: no evidence was captured, so there is no pack to export")
    post = con.execute("SELECT platform, native_id, removed_at, school_id FROM posts WHERE post_id = ?", [ev[0]]).fetchone()
    hashes = {r[0]: r[1] for r in con.execute(
        "SELECT event_id, row_hash FROM case_events WHERE case_id = ?", [case_id]).fetchall()}
    stored = ev[2] if isinstance(ev[2], str) or ev[2] is None else json.dumps(ev[2])
    payload = json.loads(stored) if stored is not None else None
    # raw_items.sha256 is the SHA-256 of the stored payload's text (the verbatim item and
    # its fetch context, as loaded), so anyone can recompute it from the pack
    recomputed = sha256_text(stored) if stored is not None else None
    sexual_pupils = case.category == "sexual" and case.severity == "critical"
    school = con.execute("SELECT school_id, name FROM schools WHERE school_id = ?", [case.school_id]).fetchone()
    ttr = case.time_to_removal
    return {
        "format": FORMAT,
        "exported_at": now.isoformat(),
        "school": {"school_id": case.school_id, "name": school[1] if school else case.school_id},
        "case": {
            "case_id": case.case_id, "category": case.category, "severity": case.severity, "state": case.state,
            "opened_at": _iso(case.opened_at), "deadline": _iso(case.deadline), "assignee": case.assignee,
            "about_head": case.about_head, "thread_case_id": case.thread_case_id,
            "removed_at": _iso(case.removed_at),
            "time_to_removal": str(ttr) if ttr is not None else None,
            "time_to_removal_s": int(ttr.total_seconds()) if ttr is not None else None,
        },
        "post": {
            "post_id": ev[0], "platform": post[0] if post else None, "native_id": post[1] if post else None,
            "author": ev[5], "url": ev[6], "text": ev[4], "created_at": _iso(ev[7]), "captured_at": _iso(ev[1]),
            "removed_at": _iso(post[2]) if post else None,
        },
        "hashes": {
            "payload_sha256": ev[3], "payload_sha256_recomputed": recomputed,
            "payload_matches": recomputed is not None and recomputed == ev[3],
            "algorithm": "SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of the stored payload: {\"item\": the platform's verbatim item, \"context\": what its page said about it}",
        },
        "media": {"policy": SEXUAL_PUPIL_POLICY if sexual_pupils else MEDIA_POLICY, "urls": _media_urls(payload),
                  "capture_note": ev[8]},
        "payload": payload,
        "chain": _chain_state(con, case),
        "timeline": [
            {"event_id": e.event_id, "occurred_at": _iso(e.occurred_at), "actor": e.actor, "kind": e.kind,
             "reason": e.reason, "data": e.data, "idem_key": e.idem_key, "row_hash": hashes.get(e.event_id)}
            for e in case.events
        ],
    }


def _template(name: str) -> str:
    return resources.files("alerts").joinpath("templates", name).read_text(encoding="utf-8")


def render_html(pack: dict[str, Any]) -> str:
    css = _template("evidence_pack.css")
    # The CSP allows exactly this stylesheet (by hash) and nothing else: no scripts, no images,
    # no fonts, no connections, no forms, so hostile text cannot load or run anything.
    style_hash = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    csp = (
        f"default-src 'none'; style-src 'sha256-{style_hash}'; img-src 'none'; script-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    timeline = [
        {**e, "data_text": json.dumps(e["data"], ensure_ascii=False, sort_keys=True, indent=1) if e["data"] else ""}
        for e in pack["timeline"]
    ]
    view = {**pack, "timeline": timeline,
            "payload_text": json.dumps(pack["payload"], ensure_ascii=False, indent=2, sort_keys=True)
            if pack["payload"] is not None else "(payload not held)"}
    return _env.from_string(_template("evidence_pack.html")).render(pack=view, css=css, csp=csp)


def export_pack(con: duckdb.DuckDBPyConnection, case_id: int, out_dir: Path, now: datetime) -> Path:
    """Write the evidence pack folder for a case and return its path."""
    pack = build_pack(con, case_id, now)
    folder = Path(out_dir) / f"case-{case_id}-evidence"
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps(pack, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode("utf-8") + b"\n"
    _write(folder / "evidence.json", body)
    _write(folder / "evidence.json.sha256", f"{hashlib.sha256(body).hexdigest()}  evidence.json\n".encode())
    _write(folder / "index.html", render_html(pack).encode("utf-8"))
    return folder


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
