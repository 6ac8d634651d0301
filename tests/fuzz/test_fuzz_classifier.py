"""Fuzz the classifier with arbitrary text: flags with valid spans, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from schoolwatch.core.categories import Category, Severity
from transforms.classify import Classifier

CLASSIFIER = Classifier()

TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),  # incl. surrogates never; odd planes
    st.lists(st.sampled_from(["kill", "knife", "idiot", "k i l l", "\u200b", "\u202e", "Ⅰ", "ｋｉｌｌ", "🔪", " ", "\n", "07700 900123", "our secret"]), max_size=30).map("".join),
    st.text(max_size=5).map(lambda t: t * 5000),  # long
)


@settings(max_examples=settings().max_examples * 3)
@given(text=TEXTS)
def test_classify_any_text(text):
    flags = CLASSIFIER.classify(text)
    assert isinstance(flags, list)
    for f in flags:
        assert Category(f.category) is not Category.NONE or not f.spans
        Severity(f.severity)
        assert 0.0 <= float(f.score) <= 1.0
        for s in f.spans:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.text  # evidence points into the original text


@given(texts=st.lists(st.text(max_size=200), max_size=10))
def test_classify_many_matches_classify(texts):
    assert [[(f.category, f.severity) for f in fl] for fl in CLASSIFIER.classify_many(texts)] == [
        [(f.category, f.severity) for f in CLASSIFIER.classify(t)] for t in texts
    ]
