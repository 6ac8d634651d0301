"""The rule machinery: a hit, a pattern rule, and the names a school's context adds.

A rule looks at a :class:`~transforms.classify.normalise.Normalised` text and returns
:class:`Hit` objects whose spans are already offsets into the *original* text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.literals import Gated
from transforms.classify.normalise import Normalised, View

MAX_SPANS = 8  # evidence per hit: enough to show why, not the whole post


@dataclass(frozen=True, slots=True)
class Hit:
    category: Category
    score: float
    rule: str
    reason: str
    spans: tuple[tuple[int, int], ...]  # offsets into the original text
    pupils: bool = False  # the text involves pupils (raises sexual to critical)


@dataclass(frozen=True)
class Names:
    """Regex fragments for the school's own names and roster (empty matches nothing)."""

    schools: str = r"(?!x)x"
    people: str = r"(?!x)x"
    pupils: str = r"(?!x)x"
    heads: str = r"(?!x)x"
    keys: frozenset[str] = frozenset()  # prefilter keys of every name above

    @property
    def school(self) -> str:
        return lx.alt(lx.SCHOOL, self.schools)

    @property
    def person(self) -> str:
        """Someone a threat, insult or allegation can be aimed at."""
        return lx.B + lx.alt(lx.YOU, lx.PRON3, lx.TITLE_NAME, lx.STAFF, lx.PUPIL, lx.EVERYONE, self.people) + lx.E

    @property
    def target(self) -> str:
        return lx.alt(self.person, lx.B + self.school + lx.E)


def names_pattern(names: Sequence[str]) -> str:
    """Whole-word alternation of names, lower-cased, tolerant of stretched letters."""
    cleaned = sorted({" ".join(n.lower().split()) for n in names if n and len(n.strip()) >= 2}, key=lambda n: (-len(n), n))
    if not cleaned:
        return r"(?!x)x"
    return lx.B + lx.alt(*(re.escape(n).replace(r"\ ", r"\s+") for n in cleaned)) + lx.E


@dataclass
class Rule:
    """Every match of ``pattern`` in a view is a hit, unless ``unless`` matches the text."""

    name: str
    category: Category
    pattern: str
    score: float
    reason: str
    view: str = "deep"
    unless: str | None = None
    pupils: str | bool = False  # True, or a regex whose match in the text means pupils
    check: Callable[[re.Match[str], str], bool] | None = None
    keys: frozenset[str] | None = None  # run only when the text holds one (lexicon.text_keys)
    also: frozenset[str] | None = None  # ... and one of these too
    # a cheaper regex that every match of ``pattern`` holds a match of (proved by hand, and
    # tested): the pattern is searched only where the gate matches. Worth it where the
    # pattern's opening is tried at every position of a text and the gate opens with a
    # literal that Python's engine skips to ("@" for an e-mail address)
    gate: str | None = None
    _re: Gated = field(init=False, repr=False)
    _re_tolerant: Gated | None = field(init=False, repr=False)
    _unless: Gated | None = field(init=False, repr=False)
    _pupils: Gated | None = field(init=False, repr=False)
    _gate: re.Pattern[str] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._re = Gated(lx.expand(self.pattern, tolerant=False))
        self._gate = re.compile(self.gate) if self.gate is not None else None
        self._re_tolerant = None  # compiled on first use: few texts need it
        self._unless = Gated(lx.expand(self.unless, tolerant=False)) if self.unless else None
        self._pupils = Gated(self.pupils) if isinstance(self.pupils, str) else None

    def find(self, n: Normalised, present: set[str] | None = None) -> list[Hit]:
        if asleep(self.keys, self.also, present):
            return []
        return self.scan(n)

    def scan_patterns(self) -> list[str]:
        """What a :class:`~transforms.classify.scanner.Scanner` looks for: every match holds one."""
        return [self._re.pattern]

    def find_scanned(self, n: Normalised, found: list[int], present: set[str]) -> list[Hit]:
        """The hits in ``n``, where a scanner found the pattern (the caller checked it and the keys)."""
        return self.scan(n)

    def scan(self, n: Normalised, present: set[str] | None = None) -> list[Hit]:
        """The hits in ``n``, without asking the prefilter keys (the caller has woken the rule)."""
        view: View = n.deep if self.view == "deep" else n.clean
        text = view.text
        if self._gate is not None and self._gate.search(text) is None:
            return []
        spans: list[tuple[int, int]] = []
        rx = self._re
        if n.tolerant:
            if self._re_tolerant is None:
                self._re_tolerant = Gated(lx.expand(self.pattern, tolerant=True))
            rx = self._re_tolerant
        for m in rx.finditer(text):
            if self.check is not None and not self.check(m, text):
                continue
            a, b = m.span()
            # trim padding so the evidence starts and ends on the words themselves
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            spans.append(view.original(a, b))
            if len(spans) >= MAX_SPANS:
                break
        if not spans:
            return []
        if self._unless is not None and self._unless.search(n.deep.text):
            return []
        pupils = self.pupils is True or (self._pupils is not None and self._pupils.search(n.deep.text) is not None)
        return [Hit(self.category, self.score, self.name, self.reason, tuple(spans), pupils)]


# rules-7: a notice, an assembly write-up or a parent's account quotes the words it warns
# about: "if a friend says 'I can't do this any more'", "phrases like 'I know where you live'"
_NOTICE = re.compile(
    # generic words about words, not a report of what one child said ("Ruby just messaged
    # our group 'thanks for everything, love you all' and now her phone is off" must flag)
    r"\b(?:phrases?\s+(?:like|such)|things\s+like|words\s+like|such\s+as|messages?\s+like|comments?\s+like|awareness|assembly|"
    r"session|workshop|samaritans|childline|papyrus|warning\s+signs|signs\s+(?:of|that|someone)|report\s+(?:anyone|anything|it|them)\s+(?:who|that|to)|"
    r"if\s+(?:someone|anyone|a\s+friend|your\s+(?:child|friend)|a\s+(?:child|pupil))\s+(?:says|said|messages|texts|writes|tells)|"
    r"(?:teacher|speaker|volunteer|officer|nurse|counsellor)\s+(?:said|says|told))\b"
)


def quoted_in_notice(m: re.Match[str], text: str) -> bool:
    """Whether a match sits inside quotation marks (opened at most 40 characters before it)
    in a text that talks about words."""
    start = m.start()
    for q in range(start - 1, max(-1, start - 41), -1):
        c = text[q]
        if c not in "'\"":
            continue
        before = text[q - 1] if q > 0 else " "
        after = text[q + 1] if q + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word ("don't")
        if not before.isalnum() and (after.isalnum() or q + 1 == start):
            return _NOTICE.search(text) is not None  # an opening quote, not closed before the match
        return False  # a closing quote: the match follows a quotation, it is not in one
    return False


def not_quoted(m: re.Match[str], text: str) -> bool:
    """A Rule ``check``: the match counts unless it is quoted in a notice."""
    return not quoted_in_notice(m, text)


def near(a: str, b: str, gap: str = lx.GAP) -> str:
    """``a`` then ``b`` with at most a few words between them."""
    return f"{a}{gap}{b}"


def either_order(a: str, b: str, gap: str = lx.GAP) -> str:
    return lx.alt(near(a, b, gap), near(b, a, gap))


_WORD_RE = re.compile(r"[a-z0-9'_]+")


def _spans(n: Normalised, view: str, pattern: str, rx: Gated) -> list[tuple[int, int]]:
    """Every match of ``rx`` in the view, computed once per text for all rules that share it."""
    memo_key = (view, pattern, n.tolerant)
    found = n.memo.get(memo_key)
    if found is None:
        text = n.deep.text if view == "deep" else n.clean.text
        found = n.memo[memo_key] = [m.span() for m in rx.finditer(text)]
    return found


@dataclass
class NearRule:
    """``a`` and ``b`` within ``max_words`` words of each other (either order unless ``ordered``).

    Faster than one regex with a gap in the middle: each side is a plain alternation
    scanned once, and ``b`` is only scanned when ``a`` was found.
    """

    name: str
    category: Category
    a: str
    b: str
    score: float
    reason: str
    max_words: int = 6
    ordered: bool = False
    view: str = "deep"
    unless: str | None = None
    pupils: str | bool = False
    keys: frozenset[str] | None = None
    also: frozenset[str] | None = None
    _a: list[Gated | None] = field(init=False, repr=False)
    _b: list[Gated | None] = field(init=False, repr=False)
    _unless: Gated | None = field(init=False, repr=False)
    _pupils: Gated | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._a = [Gated(lx.expand(self.a, tolerant=False)), None]
        self._b = [Gated(lx.expand(self.b, tolerant=False)), None]
        self._unless = Gated(lx.expand(self.unless, tolerant=False)) if self.unless else None
        self._pupils = Gated(lx.expand(self.pupils, tolerant=False)) if isinstance(self.pupils, str) else None

    def find(self, n: Normalised, present: set[str] | None = None) -> list[Hit]:
        if asleep(self.keys, self.also, present):
            return []
        return self.scan(n)

    def scan_patterns(self) -> list[str]:
        """What a :class:`~transforms.classify.scanner.Scanner` looks for: ``a`` and ``b``."""
        plain_a, plain_b = self._patterns(False)
        return [plain_a.pattern, plain_b.pattern]

    def find_scanned(self, n: Normalised, found: list[int], present: set[str]) -> list[Hit]:
        """The hits in ``n``, where a scanner found both ``a`` and ``b`` (the caller checked
        them and the keys)."""
        return self.scan(n)

    def scan(self, n: Normalised, present: set[str] | None = None) -> list[Hit]:
        """The hits in ``n``, without asking the prefilter keys (the caller has woken the rule)."""
        view: View = n.deep if self.view == "deep" else n.clean
        text = view.text
        a_rx, b_rx = self._patterns(n.tolerant)
        a_spans = _spans(n, self.view, self.a, a_rx)
        if not a_spans:
            return []
        b_spans = _spans(n, self.view, self.b, b_rx)
        if not b_spans:
            return []
        spans: list[tuple[int, int]] = []
        reach = 12 * (self.max_words + 1)  # no gap of max_words words is longer than this
        b_starts = [s for s, _ in b_spans]
        for a0, a1 in a_spans:
            # only b matches that start near a: long posts hold hundreds of each
            lo = bisect_left(b_starts, a0 - reach - 120)
            hi = bisect_right(b_starts, a1 + reach)
            for b0, b1 in b_spans[lo:hi]:
                if b0 >= a1:
                    gap = text[a1:b0]
                elif a0 >= b1 and not self.ordered:
                    gap = text[b1:a0]
                else:
                    continue
                if len(gap) > 12 * (self.max_words + 1) or len(_WORD_RE.findall(gap)) > self.max_words:
                    continue
                if "\n" in gap:
                    continue
                s, e = min(a0, b0), max(a1, b1)
                spans.append(view.original(s, e))
                break
            if len(spans) >= MAX_SPANS:
                break
        if not spans:
            return []
        if self._unless is not None and self._unless.search(n.deep.text):
            return []
        pupils = self.pupils is True or (self._pupils is not None and self._pupils.search(n.deep.text) is not None)
        return [Hit(self.category, self.score, self.name, self.reason, tuple(spans), pupils)]

    def _patterns(self, tolerant: bool) -> tuple[Gated, Gated]:
        plain_a, plain_b = self._a[0], self._b[0]
        assert plain_a is not None and plain_b is not None
        if not tolerant:
            return plain_a, plain_b
        tol_a, tol_b = self._a[1], self._b[1]
        if tol_a is None or tol_b is None:
            tol_a = self._a[1] = Gated(lx.expand(self.a, tolerant=True))
            tol_b = self._b[1] = Gated(lx.expand(self.b, tolerant=True))
        return tol_a, tol_b


def woken(always: Iterable[int], by_key: dict[str, list[int]], present: Iterable[str]) -> list[int]:
    """Indexes of the patterns a text's prefilter keys wake (plus those always run), in order.

    A text looks up its ~20 keys instead of testing every pattern's key set, a loop that
    cost more than most of the regular expressions it saved.
    """
    out = set(always)
    for k in present:
        idx = by_key.get(k)
        if idx is not None:
            out.update(idx)
    return sorted(out)


def asleep(keys: frozenset[str] | None, also: frozenset[str] | None, present: set[str] | None) -> bool:
    """Whether a rule can be skipped: the text has none of its prefilter keys (or none of
    its second set). ``present`` None means no prefilter ran: never skip."""
    return present is not None and (
        (keys is not None and keys.isdisjoint(present)) or (also is not None and also.isdisjoint(present))
    )
