"""Evidence packs: self-contained, hashed, escaped; opened in Debian chromium."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import timedelta

import pytest

from alerts import actions
from alerts.cases import CaseError
from alerts.escalation import tick
from alerts.evidence import export_pack
from schoolwatch.core.ids import sha256_text
from warehouse.db import connect

from .conftest import DEMO_OPENED, HOSTILE, add_flagged_post

NOW = DEMO_OPENED + timedelta(days=2)


def _worked_case(wh, fakes, settings) -> int:
    """A demo threat case with a takedown request, a report and a verified removal."""
    cid = wh.case_id("threat")
    platform, native = wh.post_of(cid)
    with connect(wh.db) as con:
        actions.record_view(con, cid, actor="helen", now=DEMO_OPENED + timedelta(minutes=20))
        actions.request_takedown(con, cid, "reported_platform", "knife threat", actor="helen",
                                 now=DEMO_OPENED + timedelta(minutes=30))
        actions.report_outside(con, cid, "police", "CAD-4471-16NOV", actor="helen",
                               now=DEMO_OPENED + timedelta(minutes=40))
    fakes[platform].states[native] = "removed"
    wh.clock.set(DEMO_OPENED + timedelta(hours=6))
    with connect(wh.db) as con:
        tick(con, wh.cfg, wh.clock, fakes, settings)
    return cid


def test_pack_json_holds_payload_hashes_and_timeline(wh, fakes, settings, tmp_path):
    cid = _worked_case(wh, fakes, settings)
    with connect(wh.db, read_only=True) as con:
        folder = export_pack(con, cid, tmp_path, NOW)
        raw = con.execute("SELECT e.payload, e.payload_sha256, p.text FROM evidence e JOIN posts p USING (post_id) "
                          "WHERE case_id = ?", [cid]).fetchone()
    body = (folder / "evidence.json").read_bytes()
    assert (folder / "evidence.json.sha256").read_text() == f"{hashlib.sha256(body).hexdigest()}  evidence.json\n"
    pack = json.loads(body)
    assert pack["payload"] == json.loads(raw[0])
    # the hash covers the stored payload's text (the item and its fetch context), byte for byte
    assert pack["hashes"]["payload_sha256"] == raw[1] == sha256_text(raw[0])
    assert pack["hashes"]["payload_matches"] is True and pack["chain"]["verified"] is True
    assert pack["post"]["text"] == raw[2]
    kinds = [e["kind"] for e in pack["timeline"]]
    assert kinds[:2] == ["opened", "flagged"] and "removal_verified" in kinds and "reported_outside" in kinds
    assert all(len(e["row_hash"]) == 64 for e in pack["timeline"])
    assert pack["case"]["time_to_removal_s"] == 6 * 3600
    html = (folder / "index.html").read_text()
    assert "http-equiv=\"Content-Security-Policy\"" in html and "default-src 'none'" in html
    assert "<script" not in html and "<img" not in html and "<link" not in html


def test_pack_escapes_hostile_text_and_never_holds_media(wh, tmp_path):
    cid = add_flagged_post(wh.db, wh.cfg, native_id="1000000000009_2000000000007001", text=HOSTILE,
                           category="sexual", severity="critical", now=DEMO_OPENED)
    with connect(wh.db) as con:
        con.execute(
            "UPDATE raw_items SET payload = json_merge_patch(payload, ?) WHERE post_id = ?",
            ['{"item": {"full_picture": "https://scontent.example/photo.jpg"}}', "facebook:1000000000009_2000000000007001"],
        )
        con.execute("UPDATE evidence SET payload = (SELECT payload FROM raw_items WHERE post_id = evidence.post_id) WHERE case_id = ?", [cid])
        folder = export_pack(con, cid, tmp_path, NOW)
    pack = json.loads((folder / "evidence.json").read_text())
    html = (folder / "index.html").read_text()
    assert pack["media"]["urls"] == ["https://scontent.example/photo.jpg"]
    assert "IWF" in pack["media"]["policy"]
    assert pack["hashes"]["payload_matches"] is False  # the payload was changed after capture: the pack says so
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html
    assert sorted(p.name for p in folder.iterdir()) == ["evidence.json", "evidence.json.sha256", "index.html"]


def test_no_evidence_no_pack(wh, tmp_path):
    with connect(wh.db) as con:
        con.execute("DELETE FROM evidence WHERE case_id = 1")
        with pytest.raises(CaseError, match="no evidence was captured"):
            export_pack(con, 1, tmp_path, NOW)


@pytest.mark.browser
@pytest.mark.slow
def test_pack_opens_in_chromium_showing_post_hashes_and_timeline(wh, fakes, settings, tmp_path, artifacts):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    cid = _worked_case(wh, fakes, settings)
    with connect(wh.db, read_only=True) as con:
        folder = export_pack(con, cid, tmp_path, NOW)
        text, sha = con.execute("SELECT text, payload_sha256 FROM evidence WHERE case_id = ?", [cid]).fetchone()
    requests: list[str] = []
    csp_errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto((folder / "index.html").as_uri())
        assert page.inner_text("#post-text").strip() == text.strip()
        hashes = page.inner_text("#hashes")
        assert sha in hashes and "matches" in hashes and "intact" in hashes
        timeline = page.inner_text("#timeline")
        for kind in ("opened", "takedown_requested", "reported_outside", "removal_verified"):
            assert kind in timeline
        assert "CAD-4471-16NOV" in timeline
        # the inline stylesheet is allowed by its hash: the page is styled
        assert page.eval_on_selector("h2", "e => getComputedStyle(e).borderBottomStyle") == "solid"
        page.screenshot(path=str(artifacts / "evidence-pack.png"), full_page=True)
        browser.close()
    assert [u for u in requests if not u.startswith("file://")] == []
    assert csp_errors == []
