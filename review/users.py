"""Web app users: argon2 password hashes in the ``users`` table, and password checks.

User changes (added, disabled, password set) go to the hash-chained ``audit_log`` so a
governor can see who was given access and when. Passwords are never logged or stored in
clear; a login for an unknown user still spends the time of one hash check, so response
times do not reveal which names exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from warehouse import chain

ROLES = ("coordinator", "dsl", "head", "auditor")
MIN_PASSWORD = 10
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
# argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile). Tests swap in a
# cheaper PasswordHasher: it is still argon2, just faster on a 2-core CI machine.
HASHER = PasswordHasher()
_dummy: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash to verify against for unknown names, with the current hasher's parameters."""
    key = f"{HASHER.time_cost}:{HASHER.memory_cost}:{HASHER.parallelism}"
    if key not in _dummy:
        _dummy[key] = HASHER.hash("not-a-real-password-only-for-equal-timing")
    return _dummy[key]


class UserError(ValueError):
    """A user could not be added or changed; the message says why."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    school_id: str | None
    email: str | None
    disabled: bool
    created_at: datetime


def _row_to_user(r: tuple[Any, ...]) -> User:
    return User(r[0], r[1], r[2], r[3], bool(r[4]), r[5])


_COLS = "username, role, school_id, email, disabled, created_at"


def get_user(con: duckdb.DuckDBPyConnection, username: str) -> User | None:
    row = con.execute(f"SELECT {_COLS} FROM users WHERE username = ?", [username]).fetchone()
    return _row_to_user(row) if row else None


def list_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    return [_row_to_user(r) for r in con.execute(f"SELECT {_COLS} FROM users ORDER BY username").fetchall()]


def _audit(con: duckdb.DuckDBPyConnection, actor: str, action: str, detail: dict[str, Any], now: datetime) -> None:
    seq = con.execute("SELECT nextval('audit_seq')").fetchone()
    assert seq is not None
    chain.append(con, chain.AUDIT, {"seq": int(seq[0]), "occurred_at": now, "actor": actor, "action": action, "detail": detail})


def add_user(
    con: duckdb.DuckDBPyConnection,
    username: str,
    role: str,
    password: str,
    *,
    now: datetime,
    email: str | None = None,
    school_id: str | None = None,
    actor: str = "cli",
) -> User:
    """Create a user with an argon2 hash of ``password``."""
    if not _NAME.match(username):
        raise UserError("user names are 2-40 characters: lower-case letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"password must be at least {MIN_PASSWORD} characters")
    if get_user(con, username) is not None:
        raise UserError(f"user {username!r} already exists")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "INSERT INTO users (username, role, school_id, password_hash, email, disabled, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)",
            [username, role, school_id, HASHER.hash(password), email, now, now],
        )
        _audit(con, actor, "user_added", {"username": username, "role": role, "school_id": school_id}, now)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    user = get_user(con, username)
    assert user is not None
    return user


def disable_user(con: duckdb.DuckDBPyConnection, username: str, *, now: datetime, actor: str = "cli") -> None:
    user = get_user(con, username)
    if user is None:
        raise UserError(f"no user {username!r}")
    if user.disabled:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE users SET disabled = TRUE, updated_at = ? WHERE username = ?", [now, username])
        _audit(con, actor, "user_disabled", {"username": username}, now)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def authenticate(con: duckdb.DuckDBPyConnection, username: str, password: str) -> User | None:
    """The user when the password matches and the account is enabled, else None."""
    row = con.execute(
        f"SELECT {_COLS}, password_hash FROM users WHERE username = ?", [username]
    ).fetchone()
    stored = row[6] if row else _dummy_hash()
    try:
        HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or row[4]:
        return None
    return _row_to_user(row[:6])
