"""rules-11: round fourteen, from the lines `school_blind/holdout21.csv` and `holdout22.csv` missed.

Two evasions the issue names, handled in general rather than phrase by phrase:

- masked words written out in the deep view when they read one way only ("s*icide",
  "self h*rm", "n*des"), so every rule and the model see the word;
- a blade or blood emoji turned on the writer ("🩸🔪 on my arms again") is self-harm, and the
  weapon-emoji threat rules stand aside for it;
- a bomb said to be in a part of the school ("b.o.m.b in the science labs. evacuate") is a
  threat, a photo bomb or a bath bomb is not; an accidental cut ("cut my arm on the fence")
  is not self-harm.

Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import UNMASK_WORDS, normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("s*icide is looking good rn", "suicide is looking good rn"),
        ("self h*rm again", "self harm again"),
        ("n#des of a y9", "nudes of a y9"),
        ("st%bbing", "stabbing"),
        ("what the f*** is this", "what the fuck is this"),  # one letter shown: a mask everyone reads
        ("f**king hell", "fucking hell"),
        ("she's a sl*t", "she's a slut"),  # read as the insult before "slit"
        ("s**t happens", "shit happens"),
        ("k*** yourself", "k*** yourself"),  # one letter shown, and no mask everyone reads so
        ("b****", "b****"),
        ("*really* good", "*really* good"),  # emphasis, not a mask
        ("#proud of year 7", "#proud of year 7"),  # a hashtag
        ("100% sure", "100% sure"),
        ("p*ssword reset", "p*ssword reset"),  # no listed word of that shape
    ],
)
def test_masked_words_are_written_out_when_they_read_one_way(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


def test_an_unmasked_word_keeps_offsets_into_the_original() -> None:
    raw = "honestly s*icide looks good"
    n = normalise(raw)
    a = n.deep.text.index("suicide")
    start, end = n.deep.original(a, a + len("suicide"))
    assert raw[start:end] == "s*icide"


def test_unmasked_text_no_longer_needs_the_tolerant_patterns() -> None:
    assert not normalise("self h*rm again").tolerant
    assert normalise("k*** yourself").tolerant  # still masked: the tolerant patterns read it


def test_the_unmask_list_is_lower_case_words() -> None:
    assert all(w.isalpha() and w.islower() for w in UNMASK_WORDS)
    assert len(set(UNMASK_WORDS)) == len(UNMASK_WORDS)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("s*icide is looking real good rn", "self_harm"),
        ("honestly thinking about s#icide again", "self_harm"),
        ("🩸🔪 on my arms again after school", "self_harm"),
        ("🔪💔 relapsed x", "self_harm"),
        ("🔪🩸 me again tonight. dont tell my form tutor", "self_harm"),
        ("sleeves down again 🩸", "self_harm"),
        ("razor 🔪 on my thighs so no one sees", "self_harm"),
        ("b.o.m.b in the science labs. evacuate or dont idc", "threat"),
        ("bomb planted under the sports hall, you have till 2", "threat"),
    ],
)
def test_round_fourteen_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "🩸🔪 on my arms again after school",
        "🔪💔 relapsed x",
        "🔪🩸 me again tonight. dont tell my form tutor",
    ],
)
def test_a_blade_turned_on_oneself_is_not_a_threat(rule_categories: Categories, text: str) -> None:
    assert "threat" not in rule_categories(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("🔪🔪 Jake after school", "threat"),  # the same emoji aimed at someone stay threats
        ("🔪 for Mr Briggs tomorrow", "threat"),
        ("k*ll him at lunch", "threat"),
    ],
)
def test_weapon_emoji_aimed_at_others_stay_threats(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "the s*icide prevention talk for parents is on Thursday",
        "🩸 drive at the sports hall on Saturday, give blood if you can",
        "cut my arm on the fence at forest school 🩸 all fine now, plaster on",
        "Food tech 🔪 skills on point today, my arms are aching from all that chopping",
        "#proud of year 7 for the s*ponsored walk",
        "photo bomb in the library lol, Mr Hale in the back of every picture",
        "the disco in the hall was the bomb",
        "bath bomb in the toilets smells amazing",
    ],
)
def test_round_fourteen_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
