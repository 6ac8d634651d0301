"""Literal prefilters: skip a regular-expression search that cannot match.

Every match of a pattern such as ``(?<![a-z0-9])(?:kill|stab)\\s+(?:you|u)`` contains one
of a few plain strings (here ``kill`` or ``stab``). Testing ``"kill" in text`` costs tens
of nanoseconds; running the pattern costs microseconds, because Python's regex engine
tries a pattern that opens with a lookbehind at every position of the text. So a rule
first asks whether any of its pattern's *needles* is in the text, and searches only then.

The needles are read from the pattern's parse tree, so they are a *necessary* condition
by construction: where none is present the pattern has no match, and skipping it changes
nothing. (The parser is ``re._parser``, the one ``re.compile`` itself uses; it is private,
but has kept this shape since Python 3.5 as ``sre_parse``, and ``tests/test_classify_literals.py``
fails if a new version changes it.)
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

# the regex parser and its node names (private modules: typed loosely on purpose)
_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")

_MAX_SET = 64  # alternatives multiply when concatenated; past this a set is too costly to test
_MAX_CLASS = 8  # a character class of up to this many characters still counts as literal ("[sz]")
# how likely a needle of each length is to occur in a post anyway (1: always); lower is better
_LIKELY = {0: 10.0, 1: 1.0, 2: 0.4, 3: 0.12, 4: 0.05}
_WORTH = 0.6  # a needle set likelier than this is not worth testing (each test costs ~0.1 us)
_MAX_SETS = 3  # at most this many sets are tested, the most selective first

Needles = frozenset[str]
# what a parse-tree node tells: every string it can match (None: too many), and sets of
# strings of which every match holds at least one from each
_Info = tuple[Needles | None, tuple[Needles, ...]]
_NOTHING: _Info = (None, ())
_EMPTY: _Info = (frozenset({""}), ())


def _likely(needles: Needles) -> float:
    if "" in needles:
        return 10.0
    return sum(_LIKELY.get(len(s), 0.02) for s in needles)


def _cross(a: Needles, b: Needles) -> Needles | None:
    if len(a) * len(b) > _MAX_SET:
        return None
    return frozenset(x + y for x in a for y in b)


def _power(e: Needles, n: int) -> Needles | None:
    out: Needles | None = frozenset({""})
    for _ in range(n):
        out = _cross(out, e) if out is not None else None
    return out


def _seq(items: Iterable[tuple[Any, Any]]) -> _Info:
    """A concatenation: literal runs are joined into longer strings; each part's sets are required."""
    required: list[Needles] = []
    run: Needles = frozenset({""})
    exact = True
    for op, av in items:
        e, r = _node(op, av)
        required.extend(r)
        if e is not None:
            joined = _cross(run, e)
            if joined is None:
                required.append(run)
                exact = False
                run = e
            else:
                run = joined
        else:
            required.append(run)
            exact = False
            run = frozenset({""})
    required.append(run)
    return (run if exact else None), tuple(s for s in required if "" not in s)


def _one(info: _Info) -> Needles | None:
    """The most selective single set a node's every match holds one of."""
    e, r = info
    options = [s for s in (e, *r) if s is not None and "" not in s]
    return min(options, key=_likely) if options else None


def _node(op: Any, av: Any) -> _Info:  # noqa: PLR0911, PLR0912 - one case per parse-tree node
    if op is C.LITERAL:
        return frozenset({chr(av)}), ()
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _EMPTY  # zero-width: consumes nothing
    if op is C.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(chr(value))
            elif kind is C.RANGE and value[1] - value[0] < _MAX_CLASS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return _NOTHING  # a category, a negation or a wide range
        return (frozenset(chars), ()) if 0 < len(chars) <= _MAX_CLASS else _NOTHING
    if op is C.BRANCH:
        branches = [_seq(b) for b in av[1]]
        exact: Needles | None = None
        if all(e is not None for e, _ in branches):
            union = frozenset().union(*(e for e, _ in branches if e is not None))
            exact = union if len(union) <= _MAX_SET else None
        needed: set[str] = set()
        for b in branches:
            one = _one(b)
            if one is None:
                return exact, ()
            needed |= one
        return exact, (frozenset(needed),)
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, p = av
        if add_flags & re.IGNORECASE:
            return _NOTHING
        return _seq(p)
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, item = av
        e, r = _seq(item)
        if lo == 0:
            return ((e | {""}) if e is not None and hi == 1 else None), ()
        if e is not None:
            first = _power(e, lo)  # any match opens with ``lo`` repetitions
            if hi == lo:
                return first, r
            return None, (*r, first if first is not None else e)
        return None, r
    return _NOTHING  # any character, a negated one, a back-reference: nothing certain


_Groups = tuple[tuple[str, ...], ...]


def needles(pattern: str | re.Pattern[str], flags: int = 0) -> _Groups:
    """Sets of strings such that every match of ``pattern`` holds one string of each set.

    Only sets worth testing are returned (a set of common short strings saves nothing),
    the most selective first; () means the pattern has no such set. ``flags``: those a
    source string is compiled with (a compiled pattern brings its own).
    """
    if isinstance(pattern, re.Pattern):
        flags, source = pattern.flags, pattern.pattern
    else:
        source = pattern
    if not isinstance(source, str):
        return ()
    return _needles_of(_parser.parse(source, flags), flags)


def _needles_of(parsed: Any, flags: int) -> _Groups:
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return ()
    e, r = _seq(parsed.data)
    sets = {s for s in (e, *r) if s is not None and _likely(s) < _WORTH}
    best = sorted(sets, key=lambda s: (_likely(s), sorted(s)))[:_MAX_SETS]
    # in each set, longest first: the rarer needles usually settle the question soonest
    return tuple(tuple(sorted(s, key=lambda x: (-len(x), x))) for s in best)


def _holds(groups: tuple[tuple[str, ...], ...], text: str) -> bool:
    """Whether ``text`` holds a string of every group."""
    for group in groups:
        for s in group:
            if s in text:
                break
        else:
            return False
    return True


def top_alternatives(source: str) -> list[str] | None:
    """The top-level alternatives of a pattern (``a|b`` or ``(?:a|b)``), or None when it has fewer than two.

    Read from the source text: escapes, character classes and groups are skipped whole.
    """
    body = source
    if body.startswith("(?:") and _closing(body, 0) == len(body) - 1:
        body = body[3:-1]
    alts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(body, i) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alts.append(body[start:i])
            start = i + 1
        i += 1
    alts.append(body[start:])
    return alts if len(alts) > 1 else None


def _class_end(s: str, i: int) -> int:
    """Index of the ``]`` closing the character class opened at ``s[i]``."""
    j = i + 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1  # a "]" first in a class is a literal
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "]":
            return j
        j += 1
    return len(s)


def _closing(s: str, i: int) -> int:
    """Index of the ``)`` closing the group opened at ``s[i]`` (-1 if none)."""
    depth, j = 0, i
    while j < len(s):
        ch = s[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _class_end(s, j) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


_MAX_SUBSETS = 256  # narrower patterns kept per pattern (the most seen over 115k texts: 136)


class Gated:
    """A compiled pattern that tests its needles before it searches.

    ``search`` and ``finditer`` return exactly what the pattern's own do; they only skip
    work that cannot change the result:

    - where the text lacks the needles of the whole pattern, there is no match at all;
    - where a pattern is an alternation ``A|B|C`` and the text lacks the needles of ``A``,
      ``A`` matches nowhere in it, so ``B|C`` finds the same matches (leftmost, and the
      first alternative that matches there) as ``A|B|C``: the narrower pattern is searched
      instead. Many rules are long alternations of phrases each of which is rare, and the
      engine otherwise tries every alternative at every position of the text.
    """

    __slots__ = ("_alt_needles", "_alts", "_flags", "_narrow", "_pending", "finditer", "needles", "pattern", "regex", "search")

    search: Callable[[str], re.Match[str] | None]
    finditer: Callable[[str], Iterator[re.Match[str]]]
    regex: re.Pattern[str]
    needles: _Groups

    def __init__(self, pattern: str | re.Pattern[str]) -> None:
        # Nothing is parsed or compiled here: ``needles`` and ``regex`` are worked out on
        # first use (``__getattr__``). A rule set holds over a thousand patterns, which
        # took ~0.8 s to parse and compile, and a process that classifies a few texts
        # wakes few of them; a long batch pays the same as before, spread over its texts.
        if isinstance(pattern, re.Pattern):
            self.regex = pattern
            self.pattern, self._flags = pattern.pattern, pattern.flags
        else:
            self.pattern, self._flags = pattern, 0
        self._alts: list[str] | None = None
        self._alt_needles: list[_Groups] = []
        self._narrow: dict[tuple[int, ...], re.Pattern[str]] = {}
        # an alternation's alternatives are read on its first search, as are the needles
        self._pending = True
        self.search, self.finditer = self._search, self._finditer

    def __getattr__(self, name: str) -> Any:
        # called only for a slot not yet set: once set, reading it costs what any slot does
        if name == "regex":
            self.regex = re.compile(self.pattern, self._flags)
            return self.regex
        if name == "needles":
            self.needles = _whole(self.pattern, self._flags)[0]
            return self.needles
        raise AttributeError(name)

    def _bind(self) -> None:
        if self._pending or self._alts is not None or self.needles:
            self.search, self.finditer = self._search, self._finditer
        else:
            # nothing to test: the pattern's own methods, without a wrapper's call per text
            self.search, self.finditer = self.regex.search, self.regex.finditer

    def _settle(self) -> None:
        if self._splittable() and top_alternatives(self.pattern) is not None:
            self._alts, self._alt_needles = _split(self.pattern)
        self._pending = False
        self._bind()

    def _splittable(self) -> bool:
        # numbered groups would be renumbered, flags set inside the pattern could be
        # dropped with the alternative that sets them, and a comment could hide a "|"
        return _whole(self.pattern, self._flags)[1] == 0 and not _INLINE_FLAGS.search(self.pattern)

    def possible(self, text: str) -> bool:
        """Whether the pattern can match ``text`` at all (False: it certainly cannot)."""
        return self._pick(text) is not None

    def _pick(self, text: str) -> re.Pattern[str] | None:
        """The pattern to search ``text`` with (None: it cannot match)."""
        if self._pending:
            self._settle()
        if self._alts is None:
            return self.regex if _holds(self.needles, text) else None
        live = []
        for i, groups in enumerate(self._alt_needles):  # _holds, inlined: this runs per alternative
            for group in groups:
                for s in group:
                    if s in text:
                        break
                else:
                    break
            else:
                live.append(i)
        if not live:
            return None
        if len(live) == len(self._alts):
            return self.regex
        key = tuple(live)
        narrow = self._narrow.get(key)
        if narrow is None:
            if len(self._narrow) >= _MAX_SUBSETS:
                self._narrow.clear()
            narrow = self._narrow[key] = re.compile("(?:" + "|".join(self._alts[i] for i in key) + ")", self._flags)
        return narrow

    def _search(self, text: str) -> re.Match[str] | None:
        rx = self._pick(text)
        return rx.search(text) if rx is not None else None

    def _finditer(self, text: str) -> Iterator[re.Match[str]]:
        rx = self._pick(text)
        return rx.finditer(text) if rx is not None else iter(())


@lru_cache(maxsize=4096)
def _whole(source: str, flags: int) -> tuple[_Groups, int]:
    """The needles of a whole pattern and its number of capturing groups, from one parse,
    kept: each school's rule set holds the same patterns."""
    parsed = _parser.parse(source, flags)
    return _needles_of(parsed, flags), parsed.state.groups - 1


@lru_cache(maxsize=4096)
def _split(source: str) -> tuple[list[str] | None, list[_Groups]]:
    """A pattern's top-level alternatives and their needles, where some have needles."""
    alts = top_alternatives(source)
    if alts is not None:
        alt_needles = [needles(a) for a in alts]
        if any(alt_needles):
            return alts, alt_needles
    return None, []


_INLINE_FLAGS = re.compile(r"\(\?(?:[aiLmsux-]+[:)]|#)")  # inline flags, or a comment (which may hold "|")
