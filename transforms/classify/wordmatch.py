"""Word lists matched by looking the text's words up in a set, not by scanning every character.

A rule's word list (:func:`transforms.classify.lexicon.words`) compiles to
``(?<![a-z0-9])(?:kill|stab|...)(?![a-z0-9])``. Python's regex engine tries that at every
position of the text: 4-8 us on a short post, and the big lists (slurs, obscenities) run
on most texts their prefilter keys wake. Yet a match can only *start* where a word does:

- the lookbehind wants no letter or digit before the match, and every listed word opens
  with a letter or digit, so a match starts where a run of ``[a-z0-9]`` (a *token*) does;
- inside a match, only the list's spaces (``[\\s_-]*``, possibly empty) and its literal
  punctuation (``emj_knife``, ``don't``) are not letters or digits, so the token where a
  match starts is one of a few strings known in advance: the word itself, or its first
  words joined (``piece``, ``pieceof``, ``pieceofshit`` for "piece of shit").

So :class:`WordList` keeps those *starts*, asks which of them the text's set of tokens
holds (one set intersection, in C), and runs the list's own compiled pattern with
``match`` only where such a token begins. The matches are the pattern's own ``Match``
objects, in the order ``finditer`` gives them: positions are tried left to right, and
one inside an earlier match is skipped, as ``finditer`` resumes where a match ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from transforms.classify.literals import Gated

_TOKEN = re.compile(r"[a-z0-9]+")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SEGMENT = re.compile(r"[a-z0-9 ]+")  # an entry's opening run of words, up to other punctuation
_MEMO: list[tuple[str, frozenset[str]]] = []  # the last texts' token sets (rules share them)
_MEMO_SIZE = 4  # a text's deep and clean views, with room to spare


def starts(items: Iterable[str]) -> frozenset[str] | None:
    """The tokens a match of the word list can start with; None when an entry opens otherwise."""
    out: set[str] = set()
    for entry in items:
        if not entry or entry[0] not in _ALNUM:
            return None
        m = _SEGMENT.match(entry)
        assert m is not None  # the entry opens with a letter or digit
        joined = ""
        for word in m.group(0).split(" "):
            if word:
                joined += word
                out.add(joined)
    return frozenset(out)


def tokens(text: str) -> frozenset[str]:
    """The distinct runs of ``[a-z0-9]`` in ``text``, kept for the few texts last asked about."""
    for seen, toks in _MEMO:
        if seen is text:
            return toks
    toks = frozenset(_TOKEN.findall(text))
    if len(_MEMO) >= _MEMO_SIZE:
        del _MEMO[0]
    _MEMO.append((text, toks))
    return toks


def _positions(text: str, token: str) -> Iterator[int]:
    """Where ``token`` occurs in ``text`` as a whole token."""
    size, end = len(token), len(text)
    i = text.find(token)
    while i >= 0:
        j = i + size
        if (i == 0 or text[i - 1] not in _ALNUM) and (j == end or text[j] not in _ALNUM):
            yield i
        i = text.find(token, j)  # tokens do not overlap: the next one starts after this one


class WordList:
    """A word list's pattern, searched only where its possible first tokens stand.

    ``search`` and ``finditer`` return exactly what the pattern's own do.
    """

    __slots__ = ("pattern", "regex", "starts")

    def __init__(self, regex: re.Pattern[str], first_tokens: frozenset[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.starts = first_tokens

    def _candidates(self, text: str) -> list[int]:
        here = self.starts.intersection(tokens(text))
        if not here:
            return []
        if len(here) == 1:
            return list(_positions(text, next(iter(here))))
        return sorted(p for t in here for p in _positions(text, t))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        candidates = self._candidates(text)
        return self._matches(text, candidates) if candidates else iter(())

    def _matches(self, text: str, candidates: list[int]) -> Iterator[re.Match[str]]:
        match = self.regex.match
        resume = 0
        for p in candidates:
            if p < resume:
                continue
            m = match(text, p)
            if m is not None:
                yield m
                resume = m.end()

    def search(self, text: str) -> re.Match[str] | None:
        match = self.regex.match
        for p in self._candidates(text):
            m = match(text, p)
            if m is not None:
                return m
        return None


class WordsFirst:
    """An alternation ``(?:W|R1|R2...)`` whose first alternative is a word list ``W``.

    ``finditer`` on the whole pattern takes, from where its last match ended, the leftmost
    position where any alternative matches, and there ``W`` before the rest. So the
    matches are found by merging ``W``'s (looked up as :class:`WordList` does) with those
    of ``(?:R1|R2...)`` (a gated regex): the earlier start wins, ``W`` on a tie, and either
    side's next match is sought again only when the last match overran its start. ``rest``
    must not match the empty string (the caller checks), or ``finditer`` would treat it
    specially.
    """

    __slots__ = ("pattern", "rest", "words")

    def __init__(self, words: WordList, rest: Gated, pattern: str) -> None:
        self.words = words
        self.rest = rest
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        candidates = self.words._candidates(text)
        rx = self.rest.pick(text)
        if rx is None:
            return self.words._matches(text, candidates) if candidates else iter(())
        if not candidates:
            return rx.finditer(text)
        return self._merged(text, candidates, rx)

    def _merged(self, text: str, candidates: list[int], rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        w, i = self._word_from(text, candidates, 0, 0)
        r = rx.search(text)
        while w is not None or r is not None:
            if w is not None and (r is None or w.start() <= r.start()):
                m = w
            else:
                assert r is not None
                m = r
            yield m
            end = m.end()
            if w is not None and w.start() < end:
                w, i = self._word_from(text, candidates, i, end)
            if r is not None and r.start() < end:
                r = rx.search(text, end)

    def _word_from(self, text: str, candidates: list[int], i: int, pos: int) -> tuple[re.Match[str] | None, int]:
        """The first word match at or after ``pos``, trying candidates from the ``i``-th; and where to go on."""
        match = self.words.regex.match
        while i < len(candidates):
            p = candidates[i]
            i += 1
            if p >= pos:
                m = match(text, p)
                if m is not None:
                    return m, i
        return None, i

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)
