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

import ahocorasick

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


def needles(pattern: str | re.Pattern[str]) -> _Groups:
    """Sets of strings such that every match of ``pattern`` holds one string of each set.

    Only sets worth testing are returned (a set of common short strings saves nothing),
    the most selective first; () means the pattern has no such set.
    """
    if isinstance(pattern, re.Pattern):
        flags, source = pattern.flags, pattern.pattern
    else:
        flags, source = 0, pattern
    if not isinstance(source, str):
        return ()
    parsed = _parser.parse(source, flags)
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


_BUILD_AFTER = 256  # searches by patterns whose needles wait for the automaton, before it is rebuilt


class _Index:
    """Every needle of every gated pattern in one Aho-Corasick automaton.

    One pass of the automaton over a text (in C) finds which of some two thousand needles
    it holds; each pattern then asks that set instead of testing its own needles one
    ``in`` at a time (an alternation of 60 phrases tested ~100 needles per text).

    Patterns register their needles as they are compiled or split; the automaton is
    rebuilt (a few milliseconds) only once enough searches have waited for it, and until
    then a pattern whose needles it lacks tests them with ``in`` (same answer, slower).
    ``gen`` counts the builds: needles registered as generation ``g`` are in the
    automaton once ``gen >= g``.
    """

    __slots__ = ("_auto", "_built", "_last", "_pending", "_prev", "_waited", "gen", "words")

    def __init__(self) -> None:
        self.words: set[str] = set()  # every needle registered
        self._built: frozenset[str] = frozenset()  # ... and those in the automaton
        self._pending = False  # needles registered since the last build
        self._waited = 0  # searches that found their needles not yet built in
        self._auto: Any = None
        self.gen = 0
        # the last two texts asked about, each as (text, automaton, needles found): rules
        # alternate between a text's two views, and every pattern asks about the same
        # ones. One tuple per entry, replaced whole, so a reader never sees half of one.
        self._last: tuple[str | None, Any, frozenset[str]] = (None, None, frozenset())
        self._prev = self._last

    def register(self, groups: Iterable[Iterable[str]]) -> int:
        """Add needles; the generation from which the automaton holds them."""
        needed = {s for g in groups for s in g}
        if needed <= self._built:
            return self.gen
        self.words |= needed
        self._pending = True
        return self.gen + 1

    def wait(self) -> None:
        """A search found its needles not built in yet: rebuild once enough have waited."""
        self._waited += 1
        if self._waited >= _BUILD_AFTER and self._pending:
            words = frozenset(self.words)
            auto = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
            for s in words:
                auto.add_word(s, s)
            auto.make_automaton()
            self._built, self._auto, self._pending, self._waited = words, auto, False, 0
            self.gen += 1

    def found(self, text: str) -> frozenset[str]:
        """The needles ``text`` holds, of those in the automaton (every match, overlapping ones too)."""
        auto = self._auto
        last = self._last
        if last[1] is auto and text == last[0]:
            return last[2]
        prev = self._prev
        if prev[1] is auto and text == prev[0]:
            return prev[2]
        here = frozenset([s for _, s in auto.iter(text)]) if auto is not None else frozenset()
        self._prev, self._last = last, (text, auto, here)
        return here


_INDEX = _Index()
_UNSET: Any = object()
_MAX_FOUND = 1024  # needle sets remembered per pattern


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

    __slots__ = (
        "_alt_needles", "_alts", "_by_found", "_gen", "_groups", "_narrow", "_nset", "_pending",
        "finditer", "needles", "pattern", "regex", "search",
    )

    search: Callable[[str], re.Match[str] | None]
    finditer: Callable[[str], Iterator[re.Match[str]]]

    def __init__(self, pattern: str | re.Pattern[str]) -> None:
        self.regex = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        self.pattern = self.regex.pattern
        self.needles = _whole(self.pattern, self.regex.flags)
        self._groups = tuple(frozenset(g) for g in self.needles)
        self._gen = _INDEX.register(self.needles)  # from which build the automaton holds them
        self._nset: frozenset[str] = frozenset()  # every alternative's needles
        # per set of those needles a text holds: the pattern to search it with (None: none)
        self._by_found: dict[frozenset[str], re.Pattern[str] | None] = {}
        self._alts: list[str] | None = None
        self._alt_needles: list[_Groups] = []
        self._narrow: dict[tuple[int, ...], re.Pattern[str]] = {}
        # an alternation's alternatives are read on its first search: a rule set compiles
        # hundreds of patterns, and a process that classifies a few texts wakes few of them
        self._pending = self._splittable() and top_alternatives(self.pattern) is not None
        self._bind()

    def _bind(self) -> None:
        if self._pending or self._alts is not None or self.needles:
            self.search, self.finditer = self._search, self._finditer
        else:
            # nothing to test: the pattern's own methods, without a wrapper's call per text
            self.search, self.finditer = self.regex.search, self.regex.finditer

    def _settle(self) -> None:
        self._alts, self._alt_needles = _split(self.pattern)
        if self._alts is not None:
            self._nset = frozenset(s for groups in self._alt_needles for g in groups for s in g)
            self._gen = _INDEX.register([self._nset])
        self._pending = False
        self._bind()

    def _splittable(self) -> bool:
        # numbered groups would be renumbered, flags set inside the pattern could be
        # dropped with the alternative that sets them, and a comment could hide a "|"
        return self.regex.groups == 0 and not _INLINE_FLAGS.search(self.pattern)

    def possible(self, text: str) -> bool:
        """Whether the pattern can match ``text`` at all (False: it certainly cannot)."""
        return self._pick(text) is not None

    def _pick(self, text: str) -> re.Pattern[str] | None:
        """The pattern to search ``text`` with (None: it cannot match)."""
        if self._pending:
            self._settle()
        index = _INDEX
        if self._gen > index.gen:
            index.wait()
            if self._gen > index.gen:
                return self._pick_testing(text)
        here = index.found(text)
        if self._alts is None:
            for group in self._groups:
                if here.isdisjoint(group):
                    return None
            return self.regex
        key = self._nset & here
        rx = self._by_found.get(key, _UNSET)
        if rx is _UNSET:
            if len(self._by_found) >= _MAX_FOUND:
                self._by_found.clear()
            live = [i for i, groups in enumerate(self._alt_needles) if all(not key.isdisjoint(g) for g in groups)]
            rx = self._by_found[key] = self._narrowed(live)
        return rx

    def _pick_testing(self, text: str) -> re.Pattern[str] | None:
        """``_pick`` by testing each needle with ``in``: until the automaton holds them."""
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
        return self._narrowed(live)

    def _narrowed(self, live: list[int]) -> re.Pattern[str] | None:
        """The alternation of the ``live`` alternatives (None: no alternative)."""
        assert self._alts is not None
        if not live:
            return None
        if len(live) == len(self._alts):
            return self.regex
        key = tuple(live)
        narrow = self._narrow.get(key)
        if narrow is None:
            if len(self._narrow) >= _MAX_SUBSETS:
                self._narrow.clear()
            narrow = self._narrow[key] = re.compile("(?:" + "|".join(self._alts[i] for i in key) + ")", self.regex.flags)
        return narrow

    def _search(self, text: str) -> re.Match[str] | None:
        rx = self._pick(text)
        return rx.search(text) if rx is not None else None

    def _finditer(self, text: str) -> Iterator[re.Match[str]]:
        rx = self._pick(text)
        return rx.finditer(text) if rx is not None else iter(())


@lru_cache(maxsize=4096)
def _whole(source: str, flags: int) -> _Groups:
    """The needles of a whole pattern, kept: each school's rule set compiles the same patterns."""
    return needles(re.compile(source, flags))


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
