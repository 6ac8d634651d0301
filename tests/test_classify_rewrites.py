"""Rewritten patterns and token paths find exactly what the forms they replaced found.

- ``personal_data.ADDRESS`` opens with ``\\d(?<!\\w\\d)\\d{0,3}`` where it opened with
  ``\\b\\d{1,4}``: the same matches, span for span, on tricky and generated texts;
- ``sexual.ACTS`` opens its first phrase with ``would|i(?:'?d| would)|wan(?:na|t to)|gonna``
  where it opened with ``would|i'?d|id|i would|wanna|want to|gonna``: the same matches;
- the model's tokens of an ASCII text, split after ``str.translate``, are the regex's;
- ``personal_data.EMAIL_GATE`` matches every text that ``EMAIL`` matches (so a rule that
  searches ``EMAIL`` only where the gate matches misses nothing), and a classifier whose
  rules search without their gates gives the same flags.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.classify import Classifier, ClassifyContext, PersonRef
from transforms.classify import lexicon as lx
from transforms.classify import model as model_mod
from transforms.classify import normalise as nm
from transforms.classify.rules import personal_data as pd
from transforms.classify.rules import sexual
from transforms.classify.rules.base import Rule

model_tokens = model_mod.tokens

OLD_ADDRESS = re.compile(rf"\b\d{{1,4}}[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){{1,3}}{pd.STREET_TYPES}\b")
ADDRESS = re.compile(pd.ADDRESS)
EMAIL = re.compile(pd.EMAIL)
GATE = re.compile(pd.EMAIL_GATE)

TEXTS = [
    "", "12 Elm Road", "lives at 14 Larch Close, year 8", "x12 Elm Road", "_12 Elm Road", "a12 Elm Road",
    "é12 Elm Road", "12345 Elm Road", "1234 Elm Road", "flat 3b, 27a Kings Park Avenue", "7,  High Street",
    "٣ Elm Road", "room 101 Oak Lane and 22 Ash Grove", "99 Red Lion St, 1 Rise", "0 Way", "12 elm road",
    "call 07700 900123 or 12 Elm Road\n4 Birch Mews", "12Elm Road", "12 Elm Lane", "12 Elm Lanes",
    "mail jo.bloggs+x@example.co.uk now", "@user hi", "a@b.c", "a@b.co", "x@y.z1", "@@b.co", "jo@.co",
    "jo@ex-ample.org.", "first.last@sub.domain.com, second@example.org", "ｊｏ@example.com", "jo@exa mple.com",
    "info@school.sch.uk", "me_2@x.io_", "me@x.io_", "é@x.io", "jo@x.ié", "%@-.ab", "me@x.io", "Jo.Smith@Example.COM!",
    "ab_c@d-e.fg", "(x@y.uk)",
]

_ADDRESS_ALPHABET = st.sampled_from(
    ["1", "2", "12", "1234", "12345", "a", "b", "Elm", "Oak", "Larch", "Road", "Street", "St", "Close", "Way",
     " ", "  ", ",", "\n", "_", "x", "é", "٣", "3b", "Kings", "Park", "Avenue", "Rd", "rd"]
)
_EMAIL_ALPHABET = st.sampled_from(
    ["jo", "a", "@", ".", "-", "_", "+", "%", "co", "uk", "com", "example", "1", " ", "é", "x", "@x", ".org", "\n"]
)


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_address_equals_the_word_boundary_form(text: str) -> None:
    assert _spans(ADDRESS, text) == _spans(OLD_ADDRESS, text)


@settings(max_examples=400)
@given(st.lists(_ADDRESS_ALPHABET, max_size=14).map("".join) | st.text(alphabet="12a Z_é٣,\n", max_size=30))
def test_address_equals_the_word_boundary_form_on_generated_texts(text: str) -> None:
    assert _spans(ADDRESS, text) == _spans(OLD_ADDRESS, text)


@pytest.mark.parametrize("text", TEXTS)
def test_email_gate_matches_wherever_an_address_does(text: str) -> None:
    if EMAIL.search(text):
        assert GATE.search(text)


def test_the_texts_hold_matches_and_misses() -> None:
    # not vacuous: addresses and e-mail addresses are found in some texts, the gate misses others
    assert sum(1 for t in TEXTS if OLD_ADDRESS.search(t)) >= 8
    assert sum(1 for t in TEXTS if EMAIL.search(t)) >= 8
    assert sum(1 for t in TEXTS if not GATE.search(t)) >= 10
    assert _spans(OLD_ADDRESS, "x12 Elm Road a12 Elm Road 12 Elm Road") == [(26, 37)]


@settings(max_examples=400)
@given(st.lists(_EMAIL_ALPHABET, max_size=14).map("".join) | st.text(alphabet="a.@_-+%é1 ", max_size=30))
def test_email_gate_matches_wherever_an_address_does_on_generated_texts(text: str) -> None:
    for m in EMAIL.finditer(text):
        # the match's own "@domain.tld" is a gate match at its "@"
        at = m.group(0).index("@") + m.start()
        assert GATE.match(text, at), (text, m.span())


def test_a_rule_with_a_gate_finds_what_it_finds_without() -> None:
    gated = Rule("t.email", pd.P, pd.EMAIL, 0.9, "e-mail", view="clean", gate=pd.EMAIL_GATE)
    plain = Rule("t.email", pd.P, pd.EMAIL, 0.9, "e-mail", view="clean")
    for text in TEXTS:
        n = nm.normalise(text)
        assert gated.scan(n) == plain.scan(n), text


@pytest.mark.slow
def test_classifier_flags_equal_without_the_gates(monkeypatch: pytest.MonkeyPatch) -> None:
    context = ClassifyContext(school_names=("Fernhill Academy",), people=(PersonRef("Tobias Wren", ("Toby",), "pupil", False),))
    texts = [*TEXTS, "Tobias Wren in year 8 lives at 14 Larch Close, email toby.w@example.com",
             "office@fernhill.sch.uk for enquiries, 1 School Lane"]
    for ctx in (ClassifyContext(), context):
        gated = Classifier(ctx)
        assert any(getattr(r, "_gate", None) is not None for r in gated.rules.rules)
        fast = gated.classify_many(texts)
        plain_clf = Classifier(ctx)
        for r in plain_clf.rules.rules:
            if isinstance(r, Rule):
                monkeypatch.setattr(r, "_gate", None)
        plain = plain_clf.classify_many(texts)
        assert [repr(f) for f in fast] == [repr(f) for f in plain]


_ACTS_OPENING = r"(?:would|i(?:'?d| would)|wan(?:na|t to)|gonna)\s+(?:still"
OLD_ACTS = re.compile(lx.expand(sexual.ACTS.replace(_ACTS_OPENING, r"(?:would|i'?d|id|i would|wanna|want to|gonna)\s+(?:still", 1), tolerant=False))
ACTS = re.compile(lx.expand(sexual.ACTS, tolerant=False))
ACTS_TEXTS = [
    "i would smash", "id smash", "i'd smash", "i'd still smash", "squid smash", "wanna do", "want to do", "gonna bang",
    "would defo rail", "i'd  so ruin", "iid smash", "i  would smash", "i'dd smash", "would do it", "wanna doo",
    "i'd climb him", "id ride her", "i would bend her over", "i'd love to get her alone in", "i wouldnt smash",
]


def test_acts_pattern_is_the_rewritten_one() -> None:
    assert ACTS.pattern != OLD_ACTS.pattern and sum(1 for t in ACTS_TEXTS if OLD_ACTS.search(t)) >= 12


@pytest.mark.parametrize("text", ACTS_TEXTS)
def test_acts_equals_the_unfolded_form(text: str) -> None:
    assert _spans(ACTS, text) == _spans(OLD_ACTS, text)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["i", "i'", "id", "i'd", "'", "d", "would", "wan", "wanna", "want", "to", "t", "na",
                                 "gonna", " ", "  ", "smash", "do", "still", "so", "s", "climb", "him", "x"]), max_size=12).map("".join))
def test_acts_equals_the_unfolded_form_on_generated_texts(text: str) -> None:
    assert _spans(ACTS, text) == _spans(OLD_ACTS, text)


_ASCII = "".join(map(chr, range(128)))


@settings(max_examples=400)
@given(st.text(alphabet=_ASCII, max_size=80) | st.text(alphabet="ab_9 !?!?\t\x0b\x1c\x1f.'-@é\u00a0\u2028", max_size=60) | st.text(max_size=40))
def test_model_tokens_equal_the_regex(s: str) -> None:
    assert model_tokens(s) == model_mod._TOKEN.findall(s)


@pytest.mark.parametrize("s", ["", " ", "!!", "what?!", "k\x1cy\x1fs", "a_b c-d", "x\x0by\x0cz\x00w", "hi!!! u ok??", "é!", "1,000"])
def test_model_tokens_on_separators_and_marks(s: str) -> None:
    assert model_tokens(s) == model_mod._TOKEN.findall(s)
