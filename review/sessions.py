"""Server-side review sessions, CSRF tokens and the login rate limit.

The cookie carries only a random session id, signed with the app's secret key; everything
else (who, role, when, which cases were viewed) stays in this process. A session ends at
logout, after ``idle`` without a request, or ``absolute`` after login, whichever is first.
An ended session becomes a pending *review check* (one per account whose cases were
viewed) that the app writes to the monitoring log the next time it has the database open.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer


@dataclass
class Session:
    sid: str
    username: str
    role: str
    started_at: datetime
    last_seen: datetime
    # (school_id, account_id, source_id, platform) -> the cases viewed there
    viewed: dict[tuple[str, str | None, str | None, str | None], set[int]] = field(default_factory=dict)
    flashes: list[str] = field(default_factory=list)
    skip_view: int | None = None  # the case page shown right after an action is not a new view

    def note_view(self, case_id: int, school_id: str, account_id: str | None, source_id: str | None,
                  platform: str | None) -> None:
        self.viewed.setdefault((school_id, account_id, source_id, platform), set()).add(case_id)


@dataclass(frozen=True)
class EndedSession:
    session: Session
    ended_at: datetime
    why: str  # logout | idle | absolute | disabled


class SessionStore:
    """Sessions in memory, keyed by a random id; thread-safe (uvicorn runs sync routes in threads)."""

    def __init__(self, secret_key: str, *, idle: timedelta, absolute: timedelta) -> None:
        self._signer = URLSafeSerializer(secret_key, salt="schoolwatch-session")
        self._csrf_key = hashlib.sha256(("csrf:" + secret_key).encode()).digest()
        self.idle = idle
        self.absolute = absolute
        self._sessions: dict[str, Session] = {}
        self._ended: list[EndedSession] = []
        self._lock = threading.Lock()

    # -- cookies ---------------------------------------------------------------
    def cookie_value(self, session: Session) -> str:
        return str(self._signer.dumps(session.sid))

    def sid_from_cookie(self, value: str | None) -> str | None:
        if not value:
            return None
        try:
            sid = self._signer.loads(value)
        except BadSignature:
            return None
        return sid if isinstance(sid, str) else None

    # -- lifecycle -------------------------------------------------------------
    def create(self, username: str, role: str, now: datetime) -> Session:
        session = Session(secrets.token_urlsafe(32), username, role, now, now)
        with self._lock:
            self._sessions[session.sid] = session
        return session

    def get(self, cookie: str | None, now: datetime) -> Session | None:
        """The live session for this cookie, touching it; an expired one is ended here."""
        sid = self.sid_from_cookie(cookie)
        self.sweep(now)
        if sid is None:
            return None
        with self._lock:
            session = self._sessions.get(sid)
            if session is None:
                return None
            session.last_seen = now
            return session

    def end(self, session: Session, now: datetime, why: str) -> None:
        with self._lock:
            if self._sessions.pop(session.sid, None) is not None:
                self._ended.append(EndedSession(session, now, why))

    def sweep(self, now: datetime) -> None:
        """End every session past its idle or absolute limit."""
        with self._lock:
            for sid, s in list(self._sessions.items()):
                if now - s.started_at >= self.absolute:
                    why, ended = "absolute", s.started_at + self.absolute
                elif now - s.last_seen >= self.idle:
                    why, ended = "idle", s.last_seen
                else:
                    continue
                del self._sessions[sid]
                self._ended.append(EndedSession(s, min(ended, now), why))

    def end_all(self, now: datetime, why: str = "shutdown") -> None:
        with self._lock:
            for s in self._sessions.values():
                self._ended.append(EndedSession(s, now, why))
            self._sessions.clear()

    def take_ended(self) -> list[EndedSession]:
        with self._lock:
            ended, self._ended = self._ended, []
        return ended

    def put_back(self, ended: list[EndedSession]) -> None:
        """Ended sessions whose checks could not be written yet (the database was busy)."""
        with self._lock:
            self._ended[:0] = ended

    # -- CSRF ------------------------------------------------------------------
    def csrf_token(self, bound_to: str) -> str:
        """A token bound to a session id (or, before login, to the pre-login cookie)."""
        return hmac.new(self._csrf_key, bound_to.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, bound_to: str | None, token: str | None) -> bool:
        if not bound_to or not token:
            return False
        return hmac.compare_digest(self.csrf_token(bound_to), token)


class LoginLimiter:
    """At most ``attempts`` failed logins per username and per client address in ``window``."""

    def __init__(self, attempts: int = 5, window: timedelta = timedelta(minutes=15)) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        q = self._failures.setdefault(key, deque())
        while q and now - q[0] >= self.window:
            q.popleft()
        return q

    def blocked(self, username: str, ip: str, now: datetime) -> bool:
        with self._lock:
            return any(len(self._recent(k, now)) >= self.attempts for k in (f"u:{username.lower()}", f"ip:{ip}"))

    def failed(self, username: str, ip: str, now: datetime) -> None:
        with self._lock:
            for k in (f"u:{username.lower()}", f"ip:{ip}"):
                self._recent(k, now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(f"u:{username.lower()}", None)
