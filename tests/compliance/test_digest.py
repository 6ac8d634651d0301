"""The weekly digest: content, escaping, exactly-once sending, real SMTP, real chromium."""

from __future__ import annotations

import base64
import re
import shutil
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from alerts.cases import append_event
from alerts.digest import parse_iso_week, send_weekly
from schoolwatch.cli.main import app
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import Config, load_config
from warehouse.db import connect
from warehouse.verify import verify_all

from .conftest import check, settings_for

WEEK = "2026-W47"  # the demo's cases open on Monday 16 November 2026 at 08:00 UTC
MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
HOSTILE_REF = '<img src=x onerror="window.__pwned=1">CAD-0042'
HOSTILE_REASON = "<script>window.__pwned=2</script> bad & broken"
HOSTILE_SCHOOL = 'Kestrel <b>Vale</b> & "Co"'


def _week_of_activity(con: duckdb.DuckDBPyConnection) -> None:
    """Actions on the demo's cases during W47, some carrying text a stranger could have typed."""
    at = MONDAY + timedelta(hours=8)
    append_event(con, 1, "takedown_requested", actor="coordinator1", now=at + timedelta(hours=2),
                 data={"route": "reported_platform"})
    append_event(con, 1, "removal_verified", actor="system", now=at + timedelta(hours=18))
    append_event(con, 2, "reported_outside", actor="dsl1", now=at + timedelta(hours=1),
                 data={"body": "police", "reference": HOSTILE_REF})
    append_event(con, 2, "escalated", actor="system", now=at + timedelta(hours=25), reason="not removed within 24 h",
                 data={"to": "head", "rung": 1})
    con.execute(
        "INSERT INTO quarantine (landing_path, line_no, check_name, platform, source_id, native_id, reason, raw_line, quarantined_at) "
        "VALUES ('x/x-main/run.jsonl.gz', 7, 'parse', 'x', 'x-main', NULL, ?, '{', ?)",
        [HOSTILE_REASON, MONDAY + timedelta(days=2)],
    )
    for d in range(7):
        check(con, "x-main", MONDAY + timedelta(days=d, hours=8))


@pytest.fixture
def setup(demo_copy: Path, tmp_path: Path, smtp_server):  # noqa: ANN001, ANN201
    cfg = load_config(demo_copy / "schoolwatch.toml")
    school = cfg.schools[0].model_copy(update={"name": HOSTILE_SCHOOL})
    cfg = cfg.model_copy(update={"schools": [school]})
    with connect(cfg.db_path) as con:
        _week_of_activity(con)
    settings = settings_for(cfg, smtp_server.port, tmp_path / "outbox")
    clock = ManualClock(datetime(2026, 11, 23, 7, 0, tzinfo=UTC))  # the Monday after
    return cfg, settings, clock, smtp_server


def _send(cfg: Config, settings, clock, week: str | None = WEEK, send: bool = True):  # noqa: ANN001, ANN202
    with connect(cfg.db_path) as con:
        return send_weekly(con, cfg, clock, settings, week=week, send=send)


def _inline_images(msg: EmailMessage) -> dict[str, bytes]:
    return {
        str(part["Content-ID"]).strip("<>"): part.get_content()
        for part in msg.walk()
        if part.get_content_type() == "image/png"
    }


def test_digest_is_received_by_smtp_with_inline_charts(setup) -> None:  # noqa: ANN001
    cfg, settings, clock, server = setup
    result = _send(cfg, settings, clock)
    assert result.status == "sent", result.as_dict()
    (msg,) = server.wait_for(1)
    assert msg["Subject"].endswith(WEEK)
    to = [a.strip() for a in msg["To"].split(",")]
    assert to == ["governors@kestrelvale.example.org", "esafety@kestrelvale.example.org",
                  "head@kestrelvale.example.org", "dsl@kestrelvale.example.org"]
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    cids = set(re.findall(r'src="cid:([^"]+)"', html))
    images = _inline_images(msg)
    assert cids == set(images) == {"items_per_day", "flags_by_category", "time_to_removal"}
    assert all(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000 for png in images.values())
    related = next(p for p in msg.walk() if p.get_content_type() == "multipart/related")
    assert related.get_body(("html",)) is not None
    # The tables carry the week's facts.
    assert "REMOVALS CONFIRMED" in text and "reported_platform" in text
    assert "| report | police | " + HOSTILE_REF + " | dsl1 | threat" in text
    assert "| escalation | head |  | system | threat" in text
    removal_row = re.search(r"<tr>\s*<td[^>]*>1</td>.*?</tr>", html.split('id="removals"')[1], re.S)
    assert removal_row and ">18<" in removal_row.group(0)  # 18 hours from case opened to removal
    # Proof of monitoring: the chain head went out in the e-mail and is recorded with it.
    with connect(cfg.db_path, read_only=True) as con:
        row = con.execute("SELECT status, sha256, chain_heads, eml_path FROM digests").fetchone()
        head = con.execute("SELECT row_hash FROM monitoring_checks ORDER BY seq DESC LIMIT 1").fetchone()[0]
        assert verify_all(con).ok
    assert row[0] == "sent" and row[1] == result.schools[0].sha256 and head in row[2] and head in html
    assert Path(row[3]).read_bytes().startswith(b"Subject:") or b"Message-ID" in Path(row[3]).read_bytes()


def test_everything_displayed_is_escaped_and_no_post_is_quoted(setup) -> None:  # noqa: ANN001
    cfg, settings, clock, server = setup
    _send(cfg, settings, clock)
    (msg,) = server.wait_for(1)
    html = msg.get_body(("html",)).get_content()
    text = msg.get_body(("plain",)).get_content()
    assert "<script>" not in html and "<img src=x" not in html and "<b>Vale</b>" not in html
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt; bad &amp; broken" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;CAD-0042" in html
    assert "Kestrel &lt;b&gt;Vale&lt;/b&gt; &amp; &#34;Co&#34;" in html
    with connect(cfg.db_path, read_only=True) as con:
        texts = [r[0] for r in con.execute(
            "SELECT p.text FROM posts p JOIN flags f USING (post_id) WHERE length(p.text) > 15").fetchall()]
        authors = [r[0] for r in con.execute(
            "SELECT DISTINCT p.author_handle FROM posts p JOIN cases c USING (post_id) WHERE p.author_handle IS NOT NULL").fetchall()]
    assert texts and authors
    for t in texts:
        assert t not in html and t not in text
        assert t[:40] not in html
    for a in authors:
        assert a not in html and a not in text


def test_retried_digest_sends_nothing_new(setup) -> None:  # noqa: ANN001
    cfg, settings, clock, server = setup
    first = _send(cfg, settings, clock)
    assert first.status == "sent"
    clock.advance(timedelta(minutes=10))
    second = _send(cfg, settings, clock)
    assert second.status == "already_sent"
    assert second.schools[0].message_id == first.schools[0].message_id
    assert len(server.wait_for(2, timeout=0.5)) == 1
    with connect(cfg.db_path, read_only=True) as con:
        assert con.execute("SELECT count(*), any_value(status) FROM digests").fetchone() == (1, "sent")
        assert con.execute("SELECT count(*) FROM notifications WHERE kind = 'digest'").fetchone()[0] == 1


def test_failed_send_is_retried_once_with_the_same_message_id(setup) -> None:  # noqa: ANN001
    cfg, settings, clock, server = setup
    server.refuse = True
    failed = _send(cfg, settings, clock)
    assert failed.status == "failed" and "550" in (failed.schools[0].error or "")
    with connect(cfg.db_path, read_only=True) as con:
        assert con.execute("SELECT status FROM digests").fetchone()[0] == "failed"
    server.refuse = False
    clock.advance(timedelta(minutes=15))
    retried = _send(cfg, settings, clock)
    assert retried.status == "sent"
    assert retried.schools[0].message_id == failed.schools[0].message_id
    assert _send(cfg, settings, clock).status == "already_sent"
    msgs = server.wait_for(2, timeout=0.5)
    assert len(msgs) == 1 and msgs[0]["Message-ID"] == failed.schools[0].message_id


def test_preview_sends_nothing_and_never_downgrades_a_sent_week(setup) -> None:  # noqa: ANN001
    cfg, settings, clock, server = setup
    preview = _send(cfg, settings, clock, send=False)
    s = preview.schools[0]
    assert s.status == "rendered" and s.eml_path and s.eml_path.exists() and s.html_path and s.html_path.exists()
    assert "data:image/png;base64," in s.html_path.read_text(encoding="utf-8")
    assert server.wait_for(1, timeout=0.3) == []
    sent = _send(cfg, settings, clock)
    assert sent.status == "sent" and sent.schools[0].sha256 == s.sha256  # same data, same content hash
    assert _send(cfg, settings, clock, send=False).schools[0].status == "already_sent"
    with connect(cfg.db_path, read_only=True) as con:
        assert con.execute("SELECT status FROM digests").fetchone()[0] == "sent"


def test_default_week_is_the_last_full_week_and_bad_weeks_are_refused(setup) -> None:  # noqa: ANN001
    cfg, settings, clock, _server = setup
    assert _send(cfg, settings, clock, week=None, send=False).iso_week == WEEK
    with pytest.raises(ValueError, match="2026-W47"):
        parse_iso_week("2026-47", UTC)
    with pytest.raises(ValueError, match="no such ISO week"):
        parse_iso_week("2026-W54", UTC)
    with pytest.raises(ValueError, match="not started"):
        _send(cfg, settings, clock, week="2026-W49")


def test_cli_digest_preview(demo_copy: Path) -> None:
    result = CliRunner().invoke(app, ["digest", "--config", str(demo_copy / "schoolwatch.toml"), "--week", WEEK])
    assert result.exit_code == 0, result.output
    assert "kestrel-vale 2026-W47: rendered; 4 recipient(s)" in result.output
    assert (demo_copy / "outbox" / "digest_kestrel-vale_2026-W47.html").exists()


@pytest.mark.browser
@pytest.mark.slow
def test_received_digest_renders_in_chromium(setup, artifacts: Path) -> None:  # noqa: ANN001
    """The HTML part as received, with its cid: images resolved from its own parts."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    cfg, settings, clock, server = setup
    _send(cfg, settings, clock)
    (msg,) = server.wait_for(1)
    html = msg.get_body(("html",)).get_content()
    for cid, png in _inline_images(msg).items():
        html = html.replace(f"cid:{cid}", "data:image/png;base64," + base64.b64encode(png).decode())
    page_file = artifacts / "digest-received.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 820, "height": 1200})
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            widths = page.eval_on_selector_all("img.chart", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
            assert len(widths) == 3 and all(w > 300 for w in widths)
            assert page.evaluate("window.__pwned") is None  # no hostile markup ran
            assert page.inner_text("#school-name") == HOSTILE_SCHOOL
            assert "CAD-0042" in page.inner_text("#referrals")
            assert page.locator("#compliance td.status-met").count() >= 1  # x-main was checked daily
            page.screenshot(path=str(artifacts / "digest-2026-W47.png"), full_page=True)
        finally:
            browser.close()
    assert (artifacts / "digest-2026-W47.png").stat().st_size > 20_000
