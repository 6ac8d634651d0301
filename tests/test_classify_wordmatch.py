"""Word lists matched by token look-up find exactly what their regular expressions find.

:class:`transforms.classify.wordmatch.WordList` runs a word list's pattern only where a
token that can open a match stands; :class:`~transforms.classify.wordmatch.WordsFirst`
merges those matches with the rest of an alternation the list opens. Every pattern the
rules search that way must give the same matches (spans and order) as the pattern's own
``finditer`` and ``search``, on tricky texts, the school texts, and texts hypothesis
builds from the patterns' own words glued with the separators they tolerate; so must
small alternations built to make the two sides' matches overlap.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.classify import Classifier, ClassifyContext, PersonRef
from transforms.classify import lexicon as lx
from transforms.classify import normalise as nm
from transforms.classify.rules.base import compile_rule
from transforms.classify.wordmatch import WordList, WordsFirst, starts, tokens

Searcher = WordList | WordsFirst

DATA = Path(__file__).parent / "data"
CONTEXT = ClassifyContext(
    school_names=("Fernhill Academy", "Fernhill"),
    people=(PersonRef("Nadia Quill", ("Mrs Q",), "staff", True), PersonRef("Tobias Wren", ("Toby",), "pupil", False)),
)

TRICKY = [
    "", " ", "\n", "piece of shit", "pieceofshit", "piece_of-shit", "piece  ofshit", "pie ce of shit",
    "piece\u00a0of\u2003shit", "piece of shits", "xpiece of shit", "PIECE of shit", "Piece of shit",
    "you cunt", "cunts", "cunt5", "5cunt", "c u n t", "cunt cunt cunt", "cuntcunt", "a cunt.cunt_cunt-cunt",
    "emj_knife emj_knife", "emj_knifeemj_gun", "emj_ knife", "al-qaeda", "al qaeda", "alqaeda", "al--qaeda",
    "he doesn't reply", "doesnt reply", "doesn't  reply", "don't reply to me", "the teacher never replies",
    "kill yourself", "killyourself", "kill_yourself", "kill your self", "kill yourselfs", "kys kys", "k y s",
    "batty boy", "battyboy", "battyboys", "batty man", "battyman", "window licker", "windowlicker",
    "sieg heil 1488", "14 88", "1488x", "14 words", "race war now", "white power!", "nude pics", "nudes",
    "so sexy", "SEXY", "sexyy", "smashed her", "smashed  her", "smashed\nher", "she's so fit and sexy",
    "muslims are", "jewish people", "black people", "eastern europeans", "trans people", "transgender",
    "a stab a knife a blade", "knives knife", "kill kill kill", "killed murdered stabbed", "a" * 500,
    "the school is terrible and awful", "fat cow", "stupid idiot", "waste of space", "attention seeker",
    "kys you should just die", "you should kill yourself kys", "go kill yourself", "go kill yourselfkys",
    "do us a favour and die kys", "why are you still alive kill yourself", "just end it", "pls end it kms",
    "sieg heil heil hitler white power", "14 words 1488 race war now", "she's 14 and so sexy", "14 yo naked",
    "mr quill is a paedo and a drug dealer", "the head is a thief, nonce, alcoholic",
]


def _school_lines() -> list[str]:
    out: list[str] = []
    for f in sorted(DATA.glob("school_context*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            out.extend(row["text"] for row in csv.DictReader(fh))
    return out[::3]


@pytest.fixture(scope="module")
def lists() -> list[Searcher]:
    seen: dict[str, Searcher] = {}
    for clf in (Classifier(), Classifier(CONTEXT)):
        for rule in clf.rules.rules:
            for g in (getattr(rule, "_re", None), *getattr(rule, "_a", ()), *getattr(rule, "_b", ())):
                if isinstance(g, (WordList, WordsFirst)):
                    seen.setdefault(g.pattern, g)
    return list(seen.values())


def _same(w: Searcher, text: str) -> None:
    plain = re.compile(w.pattern)
    assert [m.span() for m in w.finditer(text)] == [m.span() for m in plain.finditer(text)], (w.pattern[:80], text[:80])
    found, expected = w.search(text), plain.search(text)
    assert (found.span() if found else None) == (expected.span() if expected else None), (w.pattern[:80], text[:80])


def test_the_big_word_lists_are_looked_up(lists: list[Searcher]) -> None:
    # the obscenity, slur, insult, explicit, group, weapon and criticism lists at least,
    # and the alternations opened by the kys, slogan, allegation and explicit lists
    assert sum(isinstance(w, WordList) for w in lists) >= 8
    assert sum(isinstance(w, WordsFirst) for w in lists) >= 4


def test_word_lists_match_as_plain_regexes_on_tricky_and_school_texts(lists: list[Searcher]) -> None:
    normalised = [nm.normalise(t) for t in TRICKY + _school_lines()]
    views = {v for n in normalised for v in (n.deep.text, n.clean.text)} | set(TRICKY)
    for w in lists:
        for text in views:
            _same(w, text)


def _pieces(lists: list[Searcher]) -> list[str]:
    words = sorted({item for items, _ in lx._WORD_LISTS for item in items})
    # the needles of the alternatives a word list opens: "should", "favour", "jump"...
    rests = [w.rest for w in lists if isinstance(w, WordsFirst)]
    words += sorted({s for g in rests for groups in (g.needles, *g._alt_needles) for group in groups for s in group})
    parts = sorted({p for w in words for p in re.split(r"[^a-z0-9]+", w) if p})
    return [*words, *parts, " ", "  ", "_", "-", ".", "'", "\n", "\u00a0", "x", "s", "1", "A", "you", "the"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_word_lists_match_as_plain_regexes_on_generated_texts(lists: list[Searcher], data: st.DataObject) -> None:
    pieces = _pieces(lists)
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    for w in lists:
        _same(w, text)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["kill"], {"kill"}),
        (["piece of shit", "pos"], {"piece", "pieceof", "pieceofshit", "pos"}),
        (["emj_knife", "al-qaeda"], {"emj", "al"}),
        (["doesn't reply", "won't care"], {"doesn", "won"}),
        (["'tis"], None),  # opens with punctuation: a match need not start at a token
        (["-kill"], None),
    ],
)
def test_starts(items: list[str], expected: set[str] | None) -> None:
    got = starts(items)
    assert (set(got) if got is not None else None) == expected


def test_tokens_are_the_runs_of_lower_case_letters_and_digits() -> None:
    text = "Kill_you 4ever, don't-go emj_knife"
    assert tokens(text) == {"ill", "you", "4ever", "don", "t", "go", "emj", "knife"}
    # an equal text that is another object gets its own (equal) answer, not a stale one
    other = "".join(["kill ", "you"])
    assert tokens(other) == {"kill", "you"}
    assert tokens("kill you") == {"kill", "you"}


# a list and the rest of an alternation whose matches overlap it, start where it starts,
# and run on from inside it: the merge must pick what the one regex picks
_OVERLAP = [
    lx.alt(lx.words(["ab", "ab cd", "cd", "b"]), r"b\s*c", r"ab\s+c", r"d\s+ab", r"x"),
    lx.alt(lx.words(["kill", "kill you", "you"]), r"(?:kill|you)\s+you", r"l+\s", r"(?<![a-z])u\b"),
]


@pytest.mark.parametrize(
    "text",
    [
        "d ab cd",  # the rest matches "d ab", overrunning the list's "ab cd": the list's "cd" still counts
        "ab cd", "abcd", "b cd", "ab c", "x ab", "kill you", "kill you you", "kill  you u", "l kill", "you kill you",
    ],
)
def test_words_first_overlaps(text: str) -> None:
    for pattern in _OVERLAP:
        w = compile_rule(pattern, tolerant=False)
        assert isinstance(w, WordsFirst)
        _same(w, text)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(["ab", "cd", "b", "c", "d", "x", " ", "  ", "-", "kill", "you", "u", "l", "."]), max_size=14))
def test_words_first_merges_as_the_one_regex_does(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern in _OVERLAP:
        w = compile_rule(pattern, tolerant=False)
        assert isinstance(w, WordsFirst)
        _same(w, text)
