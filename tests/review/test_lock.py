"""The pipeline holds the database while a reviewer acts: wait and succeed, or say "busy"."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.review.conftest import csrf_of, login, make_app

HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])          # read-write, like the loader
con.execute("SELECT count(*) FROM cases").fetchone()
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
print("released", flush=True)
"""


def _hold(path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_action_waits_for_the_lock_and_then_succeeds(warehouse):
    web = make_app(warehouse, lock_wait_s=15.0)
    client = web.client()
    login(client, "cole")
    case_id = warehouse.cases["abuse"]
    token = csrf_of(client.get(f"/cases/{case_id}").text)
    holder = _hold(warehouse.path, 1.5)
    try:
        started = time.monotonic()
        r = client.post(f"/cases/{case_id}/note", data={"csrf": token, "text": "written while the loader ran"})
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert r.status_code == 200 and "Note added." in r.text
    assert waited >= 0.5, "the request should have had to wait for the loader's lock"
    assert [k for k, _ in warehouse.events(case_id)][-1] == "note"


def test_a_long_lock_shows_the_busy_page_then_recovers(warehouse):
    web = make_app(warehouse, lock_wait_s=0.5)
    client = web.client()
    login(client, "cole")
    case_id = warehouse.cases["abuse"]
    token = csrf_of(client.get(f"/cases/{case_id}").text)
    holder = _hold(warehouse.path, 2.5)
    try:
        page = client.get(f"/cases/{case_id}")
        action = client.post(f"/cases/{case_id}/close", data={"csrf": token, "reason": "done"})
    finally:
        holder.wait(timeout=30)
    for r in (page, action):
        assert r.status_code == 503
        assert r.headers["retry-after"] == "5"
        assert "Busy, retrying" in r.text
        assert f'http-equiv="refresh" content="5; url=/cases/{case_id}"' in r.text
        assert "Traceback" not in r.text and "IOException" not in r.text and "duckdb" not in r.text.lower()
        assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "was not recorded" in action.text
    assert [k for k, _ in warehouse.events(case_id)] == ["opened", "viewed"]
    # the lock has cleared: the same action now goes through
    r = client.post(f"/cases/{case_id}/close", data={"csrf": token, "reason": "done"})
    assert "Closed." in r.text
