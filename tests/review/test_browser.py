"""The review app in Debian's chromium, driven by Playwright: log in, work a case, hostile posts inert.

Screenshots go to test-artifacts/review/ for a person to look at.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.review.conftest import PASSWORD, add_post_case, make_app
from warehouse.db import connect

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "review"
HOSTILE_TEXT = (
    '<script>alert("s")</script> <img src=x onerror=alert("i")> {{ 7*7 }} {% raw %} '
    "\u202eevil.exe\u202c <a href=\"javascript:alert('a')\">click</a>"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(warehouse) -> Iterator[str]:
    with connect(warehouse.path) as con:
        warehouse.cases["hostile"] = add_post_case(
            con, "9001", HOSTILE_TEXT, spans=[(0, 8), (40, 60)], url="javascript:alert('u')",
            author="<img src=y onerror=alert('n')>")
    web = make_app(warehouse)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(web.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.dialogs = []  # type: ignore[attr-defined]
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        yield pg
        context.close()
        browser.close()


def _login(page, username: str) -> None:
    page.goto("/queue")
    assert page.url.endswith("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url("**/queue")


def test_log_in_and_work_a_case_from_open_to_closed(page, warehouse):
    case_id = warehouse.cases["abuse"]
    _login(page, "cole")
    assert page.locator("table.queue tbody tr").count() == 3
    assert "left" in page.locator("td.countdown").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "01-queue.png"), full_page=True)

    page.click(f"a[href='/cases/{case_id}']")
    page.wait_for_url(f"**/cases/{case_id}")
    assert page.locator("mark").first.inner_text() == "useless clown"
    page.screenshot(path=str(ARTIFACTS / "02-case-open.png"), full_page=True)

    page.select_option(f"form[action='/cases/{case_id}/assign'] select", "dee")
    page.click(f"form[action='/cases/{case_id}/assign'] button")
    page.get_by_text("Assigned to dee.").wait_for()
    page.fill(f"form[action='/cases/{case_id}/note'] textarea", "Spoke to the head of year.")
    page.click(f"form[action='/cases/{case_id}/note'] button")
    page.get_by_text("Note added.").wait_for()
    page.select_option(f"form[action='/cases/{case_id}/takedown'] select", "reported_platform")
    page.click(f"form[action='/cases/{case_id}/takedown'] button")
    page.get_by_text("Takedown requested.").wait_for()
    # an empty reason is stopped by the browser (required) and would be refused by the server anyway
    page.click(f"form[action='/cases/{case_id}/close'] button")
    assert page.locator(".casehead .state").inner_text().lower() == "takedown requested"
    page.fill(f"form[action='/cases/{case_id}/close'] input[name=reason]", "Removed by the platform after report.")
    page.click(f"form[action='/cases/{case_id}/close'] button")
    page.get_by_text("Closed.").wait_for()
    assert page.locator(".casehead .state").inner_text().lower() == "closed"
    timeline = page.locator("#timeline li").all_inner_texts()
    kinds = [t.split(" by ")[0].split("UTC ")[-1] for t in timeline]
    assert kinds == ["opened", "viewed", "assigned", "note", "takedown requested", "closed"]
    assert any("Spoke to the head of year." in t for t in timeline)
    assert any("Removed by the platform after report." in t for t in timeline)
    page.screenshot(path=str(ARTIFACTS / "03-case-closed.png"), full_page=True)
    assert [k for k, _ in warehouse.events(case_id)][-1] == "closed"

    page.goto("/queue")
    assert page.locator(f"a[href='/cases/{case_id}']").count() == 0
    page.click("button:has-text('Log out')")
    page.wait_for_url("**/login")
    rows = warehouse.query("SELECT kind, actor, account_id FROM monitoring_checks")
    assert rows == [("human", "cole", "x-main")]
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_hostile_post_is_inert_in_the_browser(page, warehouse):
    case_id = warehouse.cases["hostile"]
    _login(page, "dee")
    page.goto(f"/cases/{case_id}")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "04-hostile-case.png"), full_page=True)
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length") == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert all(h.startswith(("/", "http://", "https://")) for h in hrefs), hrefs
    text = page.locator(".posttext").inner_text()
    assert '<script>alert("s")</script>' in text and "{{ 7*7 }}" in text and "[U+202E]evil.exe[U+202C]" in text
    assert "javascript:alert('u')" in page.locator(".inert").inner_text()
    # clicking everything that looks like a link in the post does nothing dangerous
    page.locator(".inert").click()
    page.wait_for_timeout(200)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_coordinator_hands_a_safeguarding_case_to_the_dsl_without_seeing_it(page, warehouse):
    case_id = warehouse.cases["safeguarding"]
    _login(page, "cole")
    page.goto(f"/cases/{case_id}")
    assert "only the DSL may read" not in page.content()
    assert page.locator(".restricted").first.is_visible()
    page.select_option(f"form[action='/cases/{case_id}/assign'] select", "dee")
    page.click(f"form[action='/cases/{case_id}/assign'] button")
    page.get_by_text("Assigned to dee.").wait_for()
    assert page.locator(f"form[action='/cases/{case_id}/note']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "05-coordinator-safeguarding.png"), full_page=True)
    assert [k for k, _ in warehouse.events(case_id)][-1] == "assigned"
