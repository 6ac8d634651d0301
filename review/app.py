"""The review web app: login, queue, case page and actions, server-rendered with Jinja2.

Security in one place:

* every path but ``/login`` and ``/static/`` needs a live session (the middleware redirects
  pages to the login and refuses other methods with 401), so a new route cannot escape;
* every POST carries a CSRF token tied to the session (or, on the login form, to a
  pre-login cookie), checked by an app-wide dependency;
* cookies are HttpOnly, SameSite=Strict, and Secure over HTTPS (or when configured);
* Jinja autoescapes everything; no template marks strangers' text safe;
* a strict Content-Security-Policy with no script at all, nosniff, no referrer, no framing.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import jinja2
from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from review import pages, routes_actions
from review.render import visible
from review.sessions import LoginLimiter, SessionStore
from review.users import authenticate
from review.web import (
    PRELOGIN_COOKIE,
    SESSION_COOKIE,
    AppState,
    ConnectorProvider,
    Forbidden,
    LoginRequired,
    NotFound,
    WebSettings,
    db,
    render,
    state,
    write_review_checks,
)
from schoolwatch.core.clock import Clock
from schoolwatch.core.config import Config
from warehouse.db import DatabaseBusyError, connect

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
PUBLIC_PATHS = frozenset({"/login"})

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(
    db_path: str | Path,
    config: Config | None,
    clock: Clock,
    connector_provider: ConnectorProvider | None = None,
    secure_cookies: bool | None = None,
    *,
    settings: WebSettings | None = None,
) -> FastAPI:
    """Build the app. ``secure_cookies`` None: Secure exactly when the request came over HTTPS.

    ``settings.secret_key`` comes from the edge (``SCHOOLWATCH_SECRET_KEY``); without
    settings a random key is made, so sessions do not survive a restart.
    """
    if settings is None:
        log.warning("no secret key given: using a random one (sessions end when the server restarts)")
        settings = WebSettings(secret_key=secrets.token_urlsafe(32))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    templates = Jinja2Templates(env=env)
    templates.env.filters["visible"] = visible
    templates.env.filters["when"] = _when
    sw = AppState(
        db_path=Path(db_path),
        config=config,
        clock=clock,
        settings=settings,
        sessions=SessionStore(settings.secret_key, idle=settings.idle, absolute=settings.absolute),
        limiter=LoginLimiter(settings.login_attempts, settings.login_window),
        templates=templates,
        connector_provider=connector_provider,
        secure_cookies=secure_cookies,
    )
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        # sessions still open at shutdown end now, and their review checks are written
        sw.sessions.end_all(clock.now())
        try:
            with connect(sw.db_path, max_wait=sw.settings.lock_wait_s) as con:
                write_review_checks(sw, con)
        except DatabaseBusyError:
            log.error("database busy at shutdown: %d review session(s) not written to the monitoring log",
                      len(sw.sessions.take_ended()))

    app = FastAPI(
        title="schoolwatch review",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(_csrf_guard)],
    )
    app.state.sw = sw
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.middleware("http")(_guard)
    _add_error_handlers(app)
    _add_auth_routes(app)
    app.include_router(pages.router)
    app.include_router(routes_actions.router)
    return app


def _when(value: datetime | None) -> str:
    return value.strftime("%a %d %b %Y %H:%M UTC") if value else ""


async def _guard(request: Request, call_next):  # type: ignore[no-untyped-def]
    st = state(request)
    path = request.url.path
    if path in PUBLIC_PATHS or path.startswith("/static/"):
        response = await call_next(request)
    else:
        session = st.sessions.get(request.cookies.get(SESSION_COOKIE), st.clock.now())
        if session is None:
            response = _login_required(request)
        else:
            request.state.session = session
            response = await call_next(request)
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    return response


def _login_required(request: Request) -> Response:
    if request.method in {"GET", "HEAD"}:
        response: Response = RedirectResponse("/login", status_code=303)
    else:
        response = PlainTextResponse("login required", status_code=401)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


async def _csrf_guard(request: Request) -> None:
    """Every POST carries the form's CSRF token; it must match the session (or pre-login cookie)."""
    if request.method != "POST":
        return
    st = state(request)
    form = await request.form()
    token = form.get("csrf")
    session = getattr(request.state, "session", None)
    bound = session.sid if session is not None else request.cookies.get(PRELOGIN_COOKIE)
    if not st.sessions.csrf_ok(bound, token if isinstance(token, str) else None):
        raise HTTPException(status_code=403, detail="missing or invalid form token: reload the page and try again")


def _secure(request: Request) -> bool:
    st = state(request)
    return st.secure_cookies if st.secure_cookies is not None else request.url.scheme == "https"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DatabaseBusyError)
    async def busy(request: Request, exc: DatabaseBusyError) -> Response:
        st = state(request)
        wait = st.settings.busy_retry_s
        retry = request.url.path if request.method == "GET" else _case_page_of(request.url.path)
        log.warning("database busy for %.1fs serving %s %s", exc.waited, request.method, request.url.path)
        return render(request, "busy.html", {"retry_url": retry, "wait": wait, "was_post": request.method != "GET"},
                      status=503, headers={"Retry-After": str(wait)})

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return _login_required(request)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "message.html", {"title": "Not allowed", "message": str(exc)}, status=403)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return render(request, "message.html", {"title": "Not found", "message": str(exc) or "No such page."}, status=404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "That request could not be handled."
        return render(request, "message.html", {"title": f"Error {exc.status_code}", "message": message},
                      status=exc.status_code)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        # Name the error class only: messages can quote data, and logs hold no post content.
        log.error("unhandled %s serving %s %s", exc.__class__.__name__, request.method, request.url.path)
        body = "<!doctype html><title>Something went wrong</title><p>Something went wrong. It has been logged; please try again.</p>"
        return HTMLResponse(body, status_code=500, headers=SECURITY_HEADERS)


def _case_page_of(path: str) -> str:
    parts = path.strip("/").split("/")
    if len(parts) >= 2 and parts[0] == "cases" and parts[1].isdigit():
        return f"/cases/{parts[1]}"
    return "/queue"


def _add_auth_routes(app: FastAPI) -> None:
    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        return _login_form(request)

    @app.post("/login", response_class=HTMLResponse)
    def login(request: Request, username: str = Form(""), password: str = Form("")) -> Response:
        st = state(request)
        now = st.clock.now()
        ip = request.client.host if request.client else "unknown"
        username = username.strip().lower()[:64]
        if st.limiter.blocked(username, ip, now):
            log.warning("login rate limit reached (user or address)")
            return _login_form(request, "Too many failed attempts. Wait 15 minutes and try again.", status=429)
        with connect(st.db_path, max_wait=st.settings.lock_wait_s) as con:
            write_review_checks(st, con)
            user = authenticate(con, username, password[:1024])
        if user is None:
            st.limiter.failed(username, ip, now)
            return _login_form(request, "That user name and password did not match.", status=401)
        st.limiter.succeeded(username)
        old = st.sessions.get(request.cookies.get(SESSION_COOKIE), now)
        if old is not None:  # a fresh session id at every login; the old session ends here
            st.sessions.end(old, now, "relogin")
        session = st.sessions.create(user.username, user.role, now)
        response = RedirectResponse("/overview" if user.role == "auditor" else "/queue", status_code=303)
        response.set_cookie(SESSION_COOKIE, st.sessions.cookie_value(session), httponly=True, samesite="strict",
                            secure=_secure(request), path="/", max_age=int(st.settings.absolute.total_seconds()))
        response.delete_cookie(PRELOGIN_COOKIE, path="/login")
        return response

    @app.post("/logout")
    def logout(request: Request) -> Response:
        st = state(request)
        session = request.state.session
        st.sessions.end(session, st.clock.now(), "logout")
        try:
            with db_no_user(request) as con:
                write_review_checks(st, con)
        except DatabaseBusyError:
            pass  # the check stays pending and is written by the next request that opens the database
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        session = request.state.session
        return RedirectResponse("/overview" if session.role == "auditor" else "/queue", status_code=303)


def db_no_user(request: Request):  # type: ignore[no-untyped-def]
    st = state(request)
    return connect(st.db_path, max_wait=st.settings.lock_wait_s)


def _login_form(request: Request, error: str = "", status: int = 200) -> Response:
    st = state(request)
    pre = request.cookies.get(PRELOGIN_COOKIE) or secrets.token_urlsafe(24)
    response = render(request, "login.html", {"csrf": st.sessions.csrf_token(pre), "error": error}, status=status)
    response.set_cookie(PRELOGIN_COOKIE, pre, httponly=True, samesite="strict", secure=_secure(request), path="/login")
    return response


__all__ = ["create_app", "WebSettings", "db"]
