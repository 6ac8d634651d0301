"""One pass over a text for every rule's patterns, before any rule runs.

Python's regex engine searches one pattern at a time, and the rules hold about four
hundred. Prefilter keys and literal needles already skip most of them, but everyday words
wake many (three texts in four woke the grooming rule, which found one in ten thousand),
so the rules were three quarters of the classifier's time.

Hyperscan compiles all the patterns into one automaton and says, in one pass over the
text, which of them match. Each is compiled in its *prefilter* mode, which approximates
what Hyperscan cannot do (lookarounds above all) by something looser: the automaton
reports a superset of the patterns that match (or should: it missed a few, so every text is
scanned with two databases, see :func:`_compile`). A rule none of whose patterns was
reported cannot match, and is skipped; a rule that was reported runs its own Python
patterns as before, which find the spans, apply the checks and have the last word. The
scanner therefore changes how fast a text is classified, never how:
``tests/test_classify_scanner.py`` compares both ways over every labelled line in
``tests/data`` and on generated texts.

Hyperscan reads bytes, so a text is scanned as plain ASCII (tabs and line breaks allowed),
where Python's ``\\s``, ``\\w`` and ``\\b`` mean what Hyperscan's do. Emoji, other symbols
and punctuation beyond ASCII are scanned as ``\\x01`` and Unicode spaces as a space: every
construct that matches such a character in Python (``.``, ``\\W``, ``\\S``, a negated class,
``\\s`` for a space) matches its stand-in in Hyperscan, so no match is lost. A text with
any other character beyond ASCII (letters with accents, digits of other scripts), or with
one that a pattern names (``£``), takes the Python path alone, as before. A text with
stretched letters or masks is scanned too (``RuleSet.__init__`` says how its rules'
tolerant patterns are handled).

Compiling takes seconds, so the compiled automaton is kept in a cache directory (the
caller names it: :func:`cache_dir` reads the usual environment variables from the mapping
it is given), keyed by a hash of the patterns (a school's names are part of them) and
Hyperscan's version, and a process compiles only when asked to (enough texts to repay
it). Without the ``hyperscan`` package, or where it fails, the rules run without a
scanner: slower, with the same results.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import re
import threading
import time
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_hs: Any
try:  # an optional accelerator: every result is the same without it
    import hyperscan as _hs
except ImportError:  # pragma: no cover - a dependency where it has wheels (x86-64, macOS)
    _hs = None

UNUSED_DAYS = 30  # a cached scanner not loaded for this long is deleted (it holds a roster's names)
FORMAT = 4  # bump when the cached file's layout, the compile flags or what is compiled change
_MAGIC = b"schoolwatch-scanner\n"
# where Python's character classes and Hyperscan's agree: printable ASCII, tab, newline,
# carriage return (Python's \s also holds \x0b, \x0c and \x1c-\x1f, Hyperscan's not all)
_SCANNABLE = re.compile(r"[\t\n\r\x20-\x7e]*")


def available() -> bool:
    """Whether the ``hyperscan`` package can be imported here."""
    return _hs is not None


def cache_dir(environ: Mapping[str, str]) -> Path:
    """Where a process keeps compiled scanners: ``$SCHOOLWATCH_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/schoolwatch``, else ``~/.cache/schoolwatch`` (the caller passes its
    environment: library code reads none)."""
    explicit = environ.get("SCHOOLWATCH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    home = environ.get("HOME")
    base = environ.get("XDG_CACHE_HOME") or str((Path(home) if home else Path.home()) / ".cache")
    return Path(base) / "schoolwatch"


@functools.lru_cache(maxsize=4096)
def _stand_in_for(ch: str) -> str | None:
    """What a character beyond ASCII is scanned as: a space for a Unicode space, ``\\x01``
    for a symbol or punctuation (neither word, space nor digit, in Python as in Hyperscan),
    None for anything else (a letter, a mark, a digit: Python's ``\\w`` and ``\\d`` hold those)."""
    if ch.isspace():
        return " "
    if unicodedata.category(ch)[0] in "SP" and not ch.isalnum():
        return "\x01"
    return None


def _found(pid: int, start: int, end: int, flags: int, found: set[int]) -> None:
    found.add(pid)  # returning None (falsy) lets the scan go on


class Scanner:
    """Which patterns may match a text: one Hyperscan database per view (``deep``, ``clean``)."""

    def __init__(self, databases: dict[str, Any], key: str, named: frozenset[str] = frozenset()) -> None:
        self._db = databases
        self.key = key
        self._named = named  # characters beyond ASCII that some pattern names: such a text is not scanned
        self._local = threading.local()  # scratch space: one per thread, as Hyperscan requires

    def _stand_in(self, text: str) -> str | None:
        """``text`` with each character beyond ASCII replaced by its stand-in (None: one has none)."""
        out = []
        for ch in text:
            if " " <= ch <= "~" or ch in "\t\n\r":
                out.append(ch)
                continue
            if ch in self._named:
                return None
            sub = _stand_in_for(ch)
            if sub is None:
                return None
            out.append(sub)
        return "".join(out)

    def scan(self, deep: str, clean: str) -> set[int] | None:
        """The ids of the patterns that may match in a text's two views (None: the text is
        not scannable)."""
        # (isprintable answers at C speed for most texts, which have no tab or line break)
        if not (deep.isascii() and deep.isprintable()) and _SCANNABLE.fullmatch(deep) is None:
            deep = self._stand_in(deep)  # type: ignore[assignment]
            if deep is None:
                return None
        if not (clean.isascii() and clean.isprintable()) and _SCANNABLE.fullmatch(clean) is None:
            clean = self._stand_in(clean)  # type: ignore[assignment]
            if clean is None:
                return None
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = {view: _hs.Scratch(db) for view, db in self._db.items()}
        found: set[int] = set()
        for view, db in self._db.items():
            text = deep if view.startswith("deep") else clean
            db.scan(text.encode("ascii"), match_event_handler=_found, context=found, scratch=scratch[view])
        return found


def scanner_key(patterns: Sequence[tuple[str, str]]) -> str:
    """The cache key of a pattern list: it changes with any pattern, its order or Hyperscan's version."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{_hs.__version__ if _hs else ''}\0".encode())
    for view, pattern in patterns:
        h.update(view.encode() + b"\0" + pattern.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


def _flags() -> int:
    return int(_hs.HS_FLAG_PREFILTER | _hs.HS_FLAG_SINGLEMATCH | _hs.HS_FLAG_ALLOWEMPTY)


_BOUNDED = re.compile(r"\{(\d*),(\d+)\}\??")


def loosen(pattern: str) -> str:
    """``pattern`` with every bounded repeat made open-ended (``{0,80}?`` becomes ``{0,}``):
    a superset of what it matches, compiled into the second of each view's two databases
    (see :func:`_compile`)."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):  # a "]" first in a class is literal
                j = i + (3 if pattern[i + 1] == "^" else 2)
                out.append(pattern[i:j])
                i = j
                continue
        elif ch == "{":
            m = _BOUNDED.match(pattern, i)
            if m:
                out.append("{" + (m.group(1) or "0") + ",}")
                i = m.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _compile(patterns: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Two databases per view: the patterns as written (``deep``, ``clean``), and the same
    with their bounded repeats made open-ended (``deep~``, ``clean~``). A text is scanned
    with both, and a pattern counts as found where either reports it.

    One database was not enough. Hyperscan (Vectorscan 5.4.12, which every ``hyperscan``
    wheel from 0.7.30 to 0.9.1 bundles) missed a few matches, and so left asleep rules that
    Python's engine fires, in two ways measured on this project's lines:

    - the self-harm pattern for goodbye letters left for the family (``...[^!?]{0,80}?...``)
      matched a blind set's line alone, but went unreported in the database beside the
      rules' target pattern (``(?:he|(?:year|yr|y)\\s?...)`` beside it is enough to lose it);
    - with its repeat open-ended, ``rip[^!?]*\\bi\\s+envy`` misses "rip from hillcrest.
      honestly i envy" even alone, where the bounded ``{0,80}`` form finds it.

    Each form lost a match the other found. Over the 148,000 labelled school and public
    lines the union of the two lost none, against one line each for either form alone
    (``tests/test_classify_scanner.py`` compares the flags with and without a scanner on
    every labelled line)."""
    by_view: dict[str, tuple[list[bytes], list[int]]] = {}
    for pid, (view, pattern) in enumerate(patterns):
        loose = loosen(pattern)
        forms = [(view, pattern)]
        if loose != pattern:  # else the first database has it as it is
            forms.append((view + "~", loose))
        for name, form in forms:
            exprs, ids = by_view.setdefault(name, ([], []))
            exprs.append(form.encode("utf-8"))
            ids.append(pid)
    out = {}
    for view, (exprs, ids) in sorted(by_view.items()):
        db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
        db.compile(expressions=exprs, ids=ids, elements=len(exprs), flags=[_flags()] * len(exprs))
        out[view] = db
    return out


def _path(directory: Path, key: str) -> Path:
    return directory / f"scanner-{key[:32]}.hsdb"


def _dump(databases: dict[str, Any], key: str) -> bytes:
    parts = [_MAGIC, key.encode() + b"\n"]
    for view, db in sorted(databases.items()):
        blob = _hs.dumpb(db)
        parts.append(f"{view} {len(blob)} {hashlib.sha256(blob).hexdigest()}\n".encode())
        parts.append(blob)
    return b"".join(parts)


def _load(data: bytes, key: str) -> dict[str, Any]:
    """The databases in a cache file; ValueError when it is not the one for ``key`` or is damaged."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a scanner cache file")
    pos = len(_MAGIC)
    end = data.index(b"\n", pos)
    if data[pos:end].decode() != key:
        raise ValueError("cache file for other patterns")
    pos = end + 1
    out = {}
    while pos < len(data):
        end = data.index(b"\n", pos)
        view, size, digest = data[pos:end].decode().split(" ")
        pos = end + 1
        blob = data[pos : pos + int(size)]
        if len(blob) != int(size) or hashlib.sha256(blob).hexdigest() != digest:
            raise ValueError("cache file damaged")
        out[view] = _hs.loadb(blob, _hs.HS_MODE_BLOCK)
        pos += int(size)
    return out


def _prune(directory: Path, keep: Path) -> None:
    """Delete the cached scanners not used for :data:`UNUSED_DAYS` (and writes left half
    done a day ago): each holds a school's names, and a roster changes."""
    now = time.time()
    for old in [*directory.glob("scanner-*.hsdb"), *directory.glob("scanner-*.tmp")]:
        limit = UNUSED_DAYS * 86400 if old.suffix == ".hsdb" else 86400
        try:
            if old != keep and now - old.stat().st_mtime > limit:
                old.unlink()
                log.info("pruned unused scanner cache %s", old.name)
        except OSError:
            continue


def load_or_compile(patterns: Sequence[tuple[str, str]], *, compile: bool, directory: Path | None = None) -> Scanner | None:
    """A scanner for ``patterns`` (each ``(view, regex)``; a pattern's id is its index).

    From the cache ``directory`` when it holds one; else compiled, when ``compile``, and
    stored there (``directory`` None: no cache, compiled for this process alone). None when
    there is none to be had: no ``hyperscan``, a cache miss without ``compile``, or a
    failure (logged; the rules then run without a scanner).
    """
    if _hs is None or not patterns:
        return None
    key = scanner_key(patterns)
    path = _path(directory, key) if directory is not None else None
    data = None
    if path is not None:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
    named = frozenset(ch for _, pattern in patterns for ch in pattern if not ch.isascii())
    if directory is not None and path is not None:
        _prune(directory, path)
    if data is not None and path is not None:
        try:
            found = Scanner(_load(data, key), key, named)
        except (ValueError, _hs.HyperscanError) as e:  # another CPU, another version, a damaged file
            log.info("scanner cache %s unusable (%s): compiling afresh", path, e)
        else:
            with contextlib.suppress(OSError):
                os.utime(path)  # in use: not pruned
            return found
    if not compile:
        return None
    try:
        databases = _compile(patterns)
    except _hs.HyperscanError as e:  # a pattern Hyperscan refuses even as a prefilter
        log.warning("rules run without the scanner (slower, same results): %s", e)
        return None
    if directory is None or path is None:
        return Scanner(databases, key, named)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        # readable by this user alone: the patterns hold the school's roster
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_dump(databases, key))
        os.replace(tmp, path)
    except OSError as e:  # a read-only home: the next process compiles again
        log.info("scanner not cached in %s: %s", directory, e)
    return Scanner(databases, key, named)
