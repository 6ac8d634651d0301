"""Word lists matched by token look-up find exactly what their regular expressions find.

:class:`transforms.classify.wordmatch.WordList` runs a word list's pattern only where a
token that can open a match stands. Every word list the rules search that way must give
the same matches (spans and order) as the pattern's own ``finditer`` and ``search``, on
tricky texts, the school texts, and texts hypothesis builds from the lists' own words
glued with the separators the patterns tolerate.
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
from transforms.classify.wordmatch import WordList, starts, tokens

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
]


def _school_lines() -> list[str]:
    out: list[str] = []
    for f in sorted(DATA.glob("school_context*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            out.extend(row["text"] for row in csv.DictReader(fh))
    return out[::3]


@pytest.fixture(scope="module")
def lists() -> list[WordList]:
    seen: dict[str, WordList] = {}
    for clf in (Classifier(), Classifier(CONTEXT)):
        for rule in clf.rules.rules:
            for g in (getattr(rule, "_re", None), *getattr(rule, "_a", ()), *getattr(rule, "_b", ())):
                if isinstance(g, WordList):
                    seen.setdefault(g.pattern, g)
    return list(seen.values())


def _same(w: WordList, text: str) -> None:
    plain = re.compile(w.pattern)
    assert [m.span() for m in w.finditer(text)] == [m.span() for m in plain.finditer(text)], (w.pattern[:80], text[:80])
    found, expected = w.search(text), plain.search(text)
    assert (found.span() if found else None) == (expected.span() if expected else None), (w.pattern[:80], text[:80])


def test_the_big_word_lists_are_looked_up(lists: list[WordList]) -> None:
    # the obscenity, slur, insult, explicit, group, weapon and criticism lists at least
    assert len(lists) >= 8
    assert all(w.starts for w in lists)


def test_word_lists_match_as_plain_regexes_on_tricky_and_school_texts(lists: list[WordList]) -> None:
    normalised = [nm.normalise(t) for t in TRICKY + _school_lines()]
    views = {v for n in normalised for v in (n.deep.text, n.clean.text)} | set(TRICKY)
    for w in lists:
        for text in views:
            _same(w, text)


def _pieces(lists: list[WordList]) -> list[str]:
    words = sorted({item for items, _ in lx._WORD_LISTS for item in items})
    parts = sorted({p for w in words for p in re.split(r"[^a-z0-9]+", w) if p})
    return [*words, *parts, " ", "  ", "_", "-", ".", "'", "\n", "\u00a0", "x", "s", "1", "A", "you", "the"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_word_lists_match_as_plain_regexes_on_generated_texts(lists: list[WordList], data: st.DataObject) -> None:
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
