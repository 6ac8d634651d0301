"""Helpers every route shares: the app's state, rendering, the per-request database, roles.

The database is opened per request, briefly, through :func:`warehouse.db.connect` with a
bounded wait, so a pipeline load can take the lock between requests; when the wait runs
out the app shows the "busy, retrying" page instead of an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from connectors.base import Connector
from review.sessions import LoginLimiter, Session, SessionStore
from review.users import get_user
from schoolwatch.core.categories import SAFEGUARDING
from schoolwatch.core.clock import Clock
from schoolwatch.core.config import Config
from warehouse.db import connect, transaction
from warehouse.loader import record_check

log = logging.getLogger(__name__)

ConnectorProvider = Callable[[str, str | None], Connector]
ACTING_ROLES = frozenset({"coordinator", "dsl", "head"})
SESSION_COOKIE = "sw_session"
PRELOGIN_COOKIE = "sw_pre"


@dataclass(frozen=True)
class WebSettings:
    secret_key: str
    lock_wait_s: float = 5.0
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=8)
    export_dir: Path | None = None
    login_attempts: int = 5
    login_window: timedelta = timedelta(minutes=15)
    busy_retry_s: int = 5


@dataclass
class AppState:
    db_path: Path
    config: Config | None
    clock: Clock
    settings: WebSettings
    sessions: SessionStore
    limiter: LoginLimiter
    templates: Jinja2Templates
    connector_provider: ConnectorProvider | None
    secure_cookies: bool | None


class LoginRequired(Exception):  # noqa: N818 - a control-flow signal, handled by the app
    """The request has no live session (or its user was disabled)."""


class Forbidden(Exception):  # noqa: N818
    """The user's role may not do this; the message says what."""


class NotFound(Exception):  # noqa: N818
    pass


def state(request: Request) -> AppState:
    st: AppState = request.app.state.sw
    return st


def session_of(request: Request) -> Session:
    session = getattr(request.state, "session", None)
    if session is None:
        raise LoginRequired()
    return session


def render(request: Request, name: str, context: dict[str, Any], status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    st = state(request)
    session = getattr(request.state, "session", None)
    ctx = {
        "user": session,
        "csrf": st.sessions.csrf_token(session.sid) if session else context.get("csrf", ""),
        "flashes": _take_flashes(session),
        "now": st.clock.now(),
        **context,
    }
    return st.templates.TemplateResponse(request, name, ctx, status_code=status, headers=headers)


def _take_flashes(session: Session | None) -> list[str]:
    if session is None:
        return []
    out, session.flashes[:] = list(session.flashes), []
    return out


@contextmanager
def db(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse for this request, with the session's user re-checked against it."""
    st = state(request)
    session = getattr(request.state, "session", None)
    with connect(st.db_path, max_wait=st.settings.lock_wait_s) as con:
        write_review_checks(st, con)
        if session is not None:
            user = get_user(con, session.username)
            if user is None or user.disabled or user.role != session.role:
                st.sessions.end(session, st.clock.now(), "disabled")
                write_review_checks(st, con)
                raise LoginRequired()
        yield con


def write_review_checks(st: AppState, con: duckdb.DuckDBPyConnection) -> int:
    """Record each ended review session as human monitoring checks (one per account viewed)."""
    ended = st.sessions.take_ended()
    written = done = 0
    try:
        for e in ended:
            s = e.session
            with transaction(con):
                for (school_id, account_id, source_id, platform), views in sorted(s.viewed.items(), key=str):
                    target = account_id or source_id or "unattributed"
                    if record_check(
                        con,
                        check_id=f"review:{s.sid[:16]}:{target}",
                        school_id=school_id,
                        account_id=account_id,
                        source_id=source_id,
                        platform=platform,
                        kind="human",
                        actor=s.username,
                        started_at=s.started_at,
                        finished_at=max(e.ended_at, s.started_at),
                        status="ok",
                        items=len(views),
                        api_calls=0,
                        error=None,
                        recorded_at=st.clock.now(),
                    ):
                        written += 1
            done += 1
    finally:
        if done < len(ended):
            st.sessions.put_back(ended[done:])
    return written


# -- roles -------------------------------------------------------------------------

def is_safeguarding(category: str) -> bool:
    return category in {c.value for c in SAFEGUARDING}


def can_see_content(role: str, category: str) -> bool:
    if role == "dsl":
        return True
    if role in {"coordinator", "head"}:
        return not is_safeguarding(category)
    return False


def can_act(role: str) -> bool:
    return role in ACTING_ROLES


def require_actor(session: Session, category: str, action: str) -> None:
    """Raise :class:`Forbidden` unless this role may take ``action`` on a case of ``category``."""
    if not can_act(session.role):
        raise Forbidden("your role is read-only: it cannot act on cases")
    if not can_see_content(session.role, category) and action != "assign":
        raise Forbidden("this is a safeguarding case: only the DSL can work it; you can hand it to the DSL")

