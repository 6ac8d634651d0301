"""Evidence spans point into the original text, and no string makes the classifier crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.classify import Classifier
from transforms.classify.normalise import normalise

CLF = Classifier()


def assert_spans_map(text: str) -> None:
    for flag in CLF.classify(text):
        assert 0.0 <= flag.score <= 1.0
        for span in flag.spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        "ｉ ｗｉｌｌ ｋｉｌｌ ｙｏｕ",
        "k\u200by\u200bs",
        "we all know 🔪 Mr Smith",
        "you are s.t.u.p.i.d",
        "the new kid is a p a k i",
        "Jake Smith in year 9 lives at 12 Elm Road, ring 07700 900123",
        "kіll yоurself",
        "stüpid İstanbul idiot, you are",
        "first line\nkys\r\n",
    ],
)
def test_spans_are_offsets_into_the_original(text: str) -> None:
    flags = CLF.classify(text)
    assert flags, text
    assert_spans_map(text)


def test_full_width_span_is_the_full_width_text() -> None:
    flag = CLF.classify("ｋｙｓ now")[0]
    assert flag.spans[0].text == "ｋｙｓ"


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00", "\ud800", "\udfff kys \ud800", "\u202e\u200f\u2066", "a" * 1_000_000, "🔪" * 5000, "k y s " * 20000],
)
def test_hostile_strings(text: str) -> None:
    CLF.classify(text)
    assert_spans_map(text[:200_000])


def test_classify_many_matches_classify() -> None:
    texts = ["kys", "", "lovely day at the fair", "Mr Hart was drunk again"]
    assert CLF.classify_many(texts) == [CLF.classify(t) for t in texts]
    assert CLF.classify_many([]) == []


_any_char = st.characters(exclude_categories=())  # surrogates included


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_any_char, max_size=300))
def test_never_crashes_and_spans_map(text: str) -> None:
    assert_spans_map(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["k", "y", "s", " ", ".", "*", "1", "ｋ", "\u200b", "🔪", "Mr", "you", "kill", "@", "0"]), max_size=40).map("".join))
def test_evasion_alphabet_never_crashes(text: str) -> None:
    assert_spans_map(text)
    n = normalise(text)
    assert len(n.deep.starts or range(len(n.deep.text))) == len(n.deep.text)
