"""The classifier's fast paths find exactly what the plain regular expressions find.

- :mod:`transforms.classify.literals` skips a search where a pattern's needles are absent
  and searches an alternation without the alternatives whose needles are absent: every
  pattern the rules compile must give the same matches as ``re`` alone, on tricky texts
  and on texts hypothesis builds from the patterns' own needles;
- a whole classifier with the prefilters gives the same flags as one without them;
- the rewritten leet pattern, the token-prefix keys and the model's evidence equal the
  forms they replaced.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.classify import Classifier, ClassifyContext, PersonRef, literals
from transforms.classify import lexicon as lx
from transforms.classify import normalise as nm
from transforms.classify.literals import Gated, needles, top_alternatives
from transforms.classify.model import _TOKEN as model_tokens
from transforms.classify.model import _WORD, WORD_PATTERN
from transforms.classify.rules import grooming
from transforms.classify.rules.grooming import GroomingRule

DATA = Path(__file__).parent / "data"
CONTEXT = ClassifyContext(
    school_names=("Fernhill Academy", "Fernhill"),
    people=(PersonRef("Nadia Quill", ("Mrs Q",), "staff", True), PersonRef("Tobias Wren", ("Toby",), "pupil", False)),
)

TRICKY = [
    "", " ", "\n", "k y s", "k.y.s", "f***", "c*nt", "stuuuupid", "kiiiill yourself", "ｋｉｌｌ ｙｏｕ",
    "k1ll urs3lf", "b!tch", "a$$", "5tupid", "1diot", "is a p a k i", "s.t.u.p.i.d", "f-u-c-k", "u r a",
    "i'm going to stab mr okafor after period 5", "bringing a knife to school tomorrow 🔪🔪",
    "dont tell your mum about us, delete the chat x", "you're only 14 but so mature for your age",
    "what time does your mum get home? i'll pick you up from the gates",
    "the school is a joke and the head is useless", "Nadia Quill stole the trip money",
    "Tobias Wren is in year 8 at Fernhill, lives on 12 Elm Road", "email me at someone@example.org",
    "go back to your own country", "i hope he dies", "he needs to be shot", "hate all of them",
    "burn the school down", "emj_fire emj_fire emj_fire school", "killing it at sports day lol",
    "kill kill kill kill kill kill kill kill kill", "skills skillet killjoy", "zzz" * 300,
    "(?:|[]\\)", "a|b|c", "\x00\x07\u200b\u202e", "NEEDS TO WATCH HIMSELF", "watch\tyour\nback",
]


def _school_lines() -> list[str]:
    out: list[str] = []
    for f in sorted(DATA.glob("school_context*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            out.extend(row["text"] for row in csv.DictReader(fh))
    return out[::3]


def _gates(clf: Classifier) -> Iterator[Gated]:
    """Every gated pattern of a classifier's rules, tolerant variants included."""
    for rule in clf.rules.rules:
        for attr in ("_re", "_unless", "_pupils"):
            g = getattr(rule, attr, None)
            if isinstance(g, Gated):
                yield g
        for attr in ("_a", "_b"):
            yield from (g for g in getattr(rule, attr, None) or () if g is not None)
        if hasattr(rule, "pattern") and hasattr(rule, "_re"):
            yield Gated(lx.expand(rule.pattern, tolerant=True))
        for side in ("a", "b"):
            if hasattr(rule, "_a"):
                yield Gated(lx.expand(getattr(rule, side), tolerant=True))
        if isinstance(rule, GroomingRule):
            for _, signal in rule._flat:
                yield signal._full
                if signal._core is not None:
                    yield signal._core
    yield from grooming._STANDALONE_RE.values()


@pytest.fixture(scope="module")
def gates() -> list[Gated]:
    seen: dict[str, Gated] = {}
    for clf in (Classifier(), Classifier(CONTEXT)):
        for g in _gates(clf):
            g.possible("")  # reads an alternation's alternatives, as a first search does
            seen.setdefault(g.pattern, g)
    return list(seen.values())


def _same(g: Gated, text: str) -> None:
    plain = g.regex
    found = g.search(text)
    expected = plain.search(text)
    assert (found and found.span()) == (expected and expected.span()), (g.pattern[:80], text[:80])
    assert [m.span() for m in g.finditer(text)] == [m.span() for m in plain.finditer(text)], (g.pattern[:80], text[:80])


def test_gates_cover_the_rules(gates: list[Gated]) -> None:
    # the prefilters are in force: most patterns have needles or split alternatives
    assert len(gates) > 250
    assert sum(1 for g in gates if g.needles or g._alts) > len(gates) // 2


def _has(g: Gated, slot: str) -> bool:
    """Whether ``g`` has worked out ``slot`` yet (reading it would work it out)."""
    try:
        getattr(Gated, slot).__get__(g, Gated)
    except AttributeError:
        return False
    return True


def test_a_new_classifier_has_parsed_and_compiled_none_of_its_patterns() -> None:
    # ~1,400 patterns took ~0.8 s to parse and compile; each is now worked out when first
    # searched, so a process that classifies a few texts pays for the few it wakes
    shared = {id(g) for g in grooming._STANDALONE_RE.values()}  # the module's own, which other tests search
    fresh = [g for g in _gates(Classifier(CONTEXT)) if id(g) not in shared]
    assert fresh and not any(_has(g, "regex") or _has(g, "needles") for g in fresh)
    g = Gated(r"(?:kill|stab)\s+(?:you|u)")
    assert g.search("no match here") is None and _has(g, "needles") and not _has(g, "regex")
    assert g.search("i will stab you") is not None and _has(g, "regex")


def test_every_pattern_of_the_rules_compiles(gates: list[Gated]) -> None:
    # compiling waits for a pattern's first search: a broken one must still fail here
    for g in gates:
        assert g.regex.pattern == g.pattern


def test_gated_patterns_match_as_plain_ones_on_tricky_and_school_texts(gates: list[Gated]) -> None:
    texts = TRICKY + _school_lines()
    normalised = [nm.normalise(t) for t in texts]
    views = {v for n in normalised for v in (n.deep.text, n.clean.text)}
    for g in gates:
        for text in views:
            _same(g, text)


def _fragments(gates: list[Gated]) -> list[str]:
    words = sorted({s for g in gates for groups in (g.needles, *g._alt_needles) for group in groups for s in group})
    return [*words, " ", ".", "!", "1", "@", "x", "emj_knife", "you", "ur", "the", "school", "mr smith"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_gated_patterns_match_as_plain_ones_on_generated_texts(gates: list[Gated], data: st.DataObject) -> None:
    fragments = _fragments(gates)
    pieces = data.draw(st.lists(st.sampled_from(fragments), min_size=1, max_size=12))
    sep = data.draw(st.sampled_from([" ", "", "  ", "\n"]))
    text = sep.join(pieces)
    for g in gates:
        _same(g, text)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![a-z0-9])(?:kill|stab)\s+(?:you|u)(?![a-z])", (("kill", "stab"),)),
        (r"watch\s+your\s+back", (("watch",), ("your",), ("back",))),
        (r"(?:so\s+)?grown up", (("grown up",),)),
        (r"l{2,}ama", (("ll",), ("ama",))),
        (r"(?i)kill", ()),  # case-insensitive: no literal is certain
        (r"(?:kill)?", ()),  # may match the empty string
        (r"[a-z]+ing", (("ing",),)),
        (r"\d{3}", ()),
    ],
)
def test_needles(pattern: str, expected: tuple[tuple[str, ...], ...]) -> None:
    found = needles(pattern)
    assert {frozenset(g) for g in found} >= {frozenset(g) for g in expected}
    for group in found:  # every match holds one needle of each group
        for text in ("kill you", "stab u", "watch your back", "grown up", "llllama", "walking"):
            m = re.search(pattern, text)
            if m is not None:
                assert any(s in m.group(0) for s in group)


@pytest.mark.parametrize(
    ("pattern", "alternatives"),
    [
        ("a|b", ["a", "b"]),
        ("(?:a|b)", ["a", "b"]),
        ("(?:a|b)c", None),  # the alternation is not the whole pattern
        (r"[|(]x|\|y|(?:p|q)z", [r"[|(]x", r"\|y", "(?:p|q)z"]),
        (r"[]|]a|b", [r"[]|]a", "b"]),
        ("abc", None),
    ],
)
def test_top_alternatives(pattern: str, alternatives: list[str] | None) -> None:
    assert top_alternatives(pattern) == alternatives


def test_alternation_narrowing_keeps_leftmost_first_matches() -> None:
    g = Gated(r"(?:kill\w*|\w*ing|stab)")
    g.possible("")
    assert g._alts is not None
    for text in ("killing stabbing", "singing", "stab", "nothing here", "skilling"):
        _same(g, text)


@pytest.mark.slow
def test_classifier_flags_equal_the_plain_regex_path(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = TRICKY + _school_lines()
    for context in (ClassifyContext(), CONTEXT):
        fast = Classifier(context).classify_many(texts)
        with monkeypatch.context() as m:
            # every pattern built meanwhile (a rule's tolerant variant too) has nothing to
            # test and searches with the plain regex; the module's own are switched off
            m.setattr(literals, "_whole", lambda source, flags: ((), 0))
            m.setattr(literals, "_split", lambda source: (None, []))
            for g in grooming._STANDALONE_RE.values():
                m.setattr(g, "needles", ())
                m.setattr(g, "_alts", None)
                m.setattr(g, "_pending", False)
                m.setattr(g, "search", g.regex.search)
            plain_clf = Classifier(context)
            gates = list(_gates(plain_clf))
            for g in gates:
                g.possible("")
            assert not any(g.needles or g._alts for g in gates)
            plain = plain_clf.classify_many(texts)
        assert [repr(f) for f in fast] == [repr(f) for f in plain]


def test_leet_pattern_equals_the_original_on_every_short_string() -> None:
    alphabet = "ab0@#!5 $"
    for n in range(1, 6):
        for chars in itertools.product(alphabet, repeat=n):
            s = "".join(chars)
            assert [m.span() for m in nm._LEET_FAST.finditer(s)] == [m.span() for m in nm._LEET_RE.finditer(s)], s


@given(st.text(alphabet=st.sampled_from("abzk0134578@$!|+#9 _-*%\n"), max_size=40))
def test_leet_pattern_and_mask_check_equal_the_originals(s: str) -> None:
    assert [m.span() for m in nm._LEET_FAST.finditer(s)] == [m.span() for m in nm._LEET_RE.finditer(s)]
    assert nm._masked(s) == (nm._MASKED.search(s) is not None)


@given(st.text(max_size=60) | st.text(alphabet="ab !?_é1\t", max_size=60))
def test_token_patterns_equal_the_originals(s: str) -> None:
    assert set(lx._TOKEN_KEY.findall(s)) == {t[:4] for t in lx._TOKEN.findall(s)}
    assert [m.span() for m in _WORD.finditer(s)] == [m.span() for m in re.finditer(r"\b\w+\b", s)]
    assert model_tokens.findall(s) == re.findall(WORD_PATTERN, s)


def _text_keys_regex(deep: str, tolerant: bool) -> set[str]:
    """lexicon.text_keys as it was, with the regex for every text."""
    found = set(lx._TOKEN_KEY.findall(deep))
    if tolerant and lx._STRETCHED.search(deep):
        for m in lx._STRETCHED_WORD.finditer(deep):
            w = m.group(0)
            found.add(lx._TO_ONE.sub(r"\1", w)[:4])
            found.add(lx._TO_ONE.sub(r"\1\1", w)[:4])
    if tolerant and lx._MASKED.search(deep):
        found.add(lx.MASK_KEY)
    if lx._DIGIT.search(deep):
        found.add(lx.DIGIT_KEY)
    if "@" in deep:
        found.add(lx.AT_KEY)
    return found


_ASCII = "".join(map(chr, range(128)))


@settings(max_examples=300)
@given(st.text(alphabet=_ASCII, max_size=80) | st.text(alphabet="aZ_9 \t\x0b\x1c\x1f.'-*#@é\u00a0", max_size=60) | st.text(max_size=40))
def test_text_keys_equal_the_regex_form(s: str) -> None:
    # ASCII texts take the translate-and-split path; their keys must be the regex's exactly
    for tolerant in (False, True):
        assert lx.text_keys(s, tolerant) == _text_keys_regex(s, tolerant)


@pytest.mark.parametrize(
    "s", ["", " ", "a_b c-d", "KILL you", "k\x1cy\x1fs", "abcdefgh ij", "x\x0by\x0cz", "1234567 __ a", "kiiiill u f***", "émile x"]
)
def test_text_keys_on_separators_case_and_masks(s: str) -> None:
    # \x0b, \x0c and \x1c-\x1f split words for str.split and are not word characters either
    for tolerant in (False, True):
        assert lx.text_keys(s, tolerant) == _text_keys_regex(s, tolerant)


@pytest.fixture(scope="module")
def model() -> object:
    return Classifier().model


def _evidence_numpy(model: object, text: str, category: str, school: bool) -> list[tuple[int, int, str]]:
    """The evidence as model.py computed it before (numpy over the words' buckets)."""
    head = model.school if school else None  # type: ignore[attr-defined]
    classes, coef = (head.classes, head.coef) if head is not None else (model.classes, model.coef)  # type: ignore[attr-defined]
    ci, none = classes.index(category), classes.index("none")
    matches = list(re.finditer(r"\b\w+\b", text))
    if not matches:
        return []
    idx = np.array(model._vec.word_hashes([m.group(0) for m in matches]), dtype=np.int64) % model.n_features  # type: ignore[attr-defined]
    weights = coef[ci, idx] - coef[none, idx]
    order = np.argsort(-weights, kind="stable")[:3]
    return [(matches[i].start(), matches[i].end(), matches[i].group(0)) for i in order if weights[i] > 0.5]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(["kill", "you", "stupid", "idiot", "school", "gates", "knife", "nude", "pics", "hate", "x", "the", "lol"]), max_size=15))
def test_model_evidence_equals_the_numpy_form(model: object, words: list[str]) -> None:
    text = " ".join(words)
    for category in ("abuse", "threat", "sexual", "hate"):
        for school in (False, True):
            assert model.evidence(text, category, school=school) == _evidence_numpy(model, text, category, school)  # type: ignore[attr-defined]


@pytest.mark.parametrize("pattern", [r"(?#kill|maim)knife|blade", r"(?i)knife|blade", r"(knife)|blade"])
def test_patterns_that_cannot_be_split_safely_are_searched_whole(pattern: str) -> None:
    g = Gated(pattern)
    g.possible("")
    assert g._alts is None
    for text in ("a knife", "KNIFE", "blade", "kill", "nothing"):
        _same(g, text)
