"""Credentials: resolved from a mapping at the edge, passed into connectors.

The mapping is ``os.environ`` at the CLI edge or an Airflow connection's fields in a DAG
task; library code never reads the environment itself. For a platform ``X`` and a key
``BEARER_TOKEN`` the lookup order is:

1. ``SCHOOLWATCH_X_BEARER_TOKEN_<ACCOUNT_ID>`` (account id upper-cased, ``-`` -> ``_``),
   so a trust can hold one token per school account;
2. ``SCHOOLWATCH_X_BEARER_TOKEN``;
3. the bare key (``BEARER_TOKEN`` or ``bearer_token``), as an Airflow connection's
   ``extra`` fields would spell it.

The result is a plain ``{KEY: value}`` dict (``{"BEARER_TOKEN": "..."}``) that each
platform module's ``from_credentials`` reads. Values are never logged or printed; use
:func:`describe` to say *which* variables were found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PREFIX = "SCHOOLWATCH"


@dataclass(frozen=True)
class PermissionCheck:
    """One line of ``schoolwatch accounts check``: what works, what does not, and the fix."""

    name: str
    ok: bool
    detail: str = ""
    fix: str = ""


def account_suffix(account_id: str) -> str:
    return re.sub(r"[^A-Z0-9_]", "_", account_id.upper().replace("-", "_"))


def env_name(platform: str, key: str, account_id: str | None = None) -> str:
    """``SCHOOLWATCH_<PLATFORM>_<KEY>[_<ACCOUNT>]``."""
    base = f"{PREFIX}_{platform.upper()}_{key.upper()}"
    return f"{base}_{account_suffix(account_id)}" if account_id else base


def key_of(platform: str, name: str) -> str:
    """``SCHOOLWATCH_X_BEARER_TOKEN`` -> ``BEARER_TOKEN`` (the key in a creds dict)."""
    prefix = f"{PREFIX}_{platform.upper()}_"
    return name[len(prefix) :] if name.startswith(prefix) else name


def lookup(
    source: Mapping[str, str], platform: str, key: str, account_id: str | None = None
) -> str | None:
    """One credential value, or None; empty strings count as unset."""
    names = []
    if account_id:
        names.append(env_name(platform, key, account_id))
    names += [env_name(platform, key), key.upper(), key.lower()]
    for name in names:
        value = source.get(name)
        if value:
            return value
    return None


def resolve(
    source: Mapping[str, str], platform: str, keys: Iterable[str], account_id: str | None = None
) -> dict[str, str]:
    """``{KEY: value}`` for every key found (keys may be given as bare keys or env names)."""
    out: dict[str, str] = {}
    for key in keys:
        k = key_of(platform, key)
        value = lookup(source, platform, k, account_id)
        if value is not None:
            out[k] = value
    return out


def missing(creds: Mapping[str, str], platform: str, required: Iterable[str]) -> list[str]:
    """The env names (generic form) of required keys absent from ``creds``."""
    return [name for name in required if key_of(platform, name) not in creds]


def describe(
    source: Mapping[str, str], platform: str, keys: Iterable[str], account_id: str | None = None
) -> list[str]:
    """Which variable each key came from ("set"/"missing"), never the value."""
    lines = []
    for key in keys:
        k = key_of(platform, key)
        found = next(
            (
                n
                for n in ([env_name(platform, k, account_id)] if account_id else [])
                + [env_name(platform, k), k.upper(), k.lower()]
                if source.get(n)
            ),
            None,
        )
        lines.append(f"{env_name(platform, k)}: {'from ' + found if found else 'missing'}")
    return lines


def from_connection(
    platform: str,
    *,
    password: str | None = None,
    password_key: str | None = None,
    extra: Mapping[str, object] | None = None,
) -> dict[str, str]:
    """An Airflow connection's fields as a lookup source for :func:`resolve`.

    The DAG task reads the connection (``BaseHook.get_connection``) and passes its
    ``password`` (the main secret, stored as ``password_key``, e.g. ``BEARER_TOKEN``) and
    its ``extra`` JSON (other keys, e.g. ``{"app_secret": "..."}``). Keys are upper-cased;
    empty values are dropped. Library code never sees the connection object itself.
    """
    out: dict[str, str] = {}
    for key, value in (extra or {}).items():
        if isinstance(value, str) and value:
            out[key_of(platform, str(key)).upper()] = value
    if password and password_key:
        out[key_of(platform, password_key).upper()] = password
    return out
