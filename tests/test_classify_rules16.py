"""rules-16: round nineteen, from the lines `school_blind/holdout33.csv` and `holdout34.csv` missed.

New findings: a sexualised name with "ask the whole of 10L", "a freak in the bedroom"; a named
pupil's legs to be broken, "has a week. Clock's ticking.", "tomorrow's the day ... don't sit in
the canteen", "there won't be a school left"; plasters "ready for tonight", "the bus to heaven",
a friend posting blood-emoji pictures of her arm; "you look 18 in that pic", "you were stunning in
the show", "easier to talk there", "the one on the left, what's her insta". Benign twins stay
quiet: Year 9s who "want to do music", prop knives for the drama rehearsal, "I'm literally
dying" at a video or a test, analysing "Death Be Not Proud", "I'll kill you if you spoil the
film". Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("she a lil h03 tbh, ask the whole of 11K", "sexual"),
        ("bet mr Lyle is a fr3ak in da bedroom", "sexual"),
        ("gonna snap Callum Reid's ankles so he can't play Saturday", "threat"),
        ("Everyone who shared that video has three days. Clock's ticking.", "threat"),
        ("Friday's the day they all find out. Don't sit in the hall.", "threat"),
        ("by the time I'm finished there won't be a school left to shut", "threat"),
        ("plasters ready for tonight, dont judge", "self_harm"),
        ("booked my ticket to heaven, its been real x", "self_harm"),
        ("Rosie keeps posting 🩸🩸 pics of her wrists on her close friends story", "self_harm"),
        ("u look 19 in that pic 😏 how old r u actually", "grooming"),
        ("Maisie u were stunning in the Year 9 play 😍 dm me", "grooming"),
        ("add me on snap its easier to talk there x", "grooming"),
        ("Great photo of the U12s. The one on the end, what's her snap?", "grooming"),
    ],
)
def test_round_nineteen_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Which Year 10s want to do drama next year? Forms in by Friday",
        "Dress rehearsal tonight, cast bring your prop knives and fake blood",
        "Chemistry mock tomorrow, I'm literally dying",
        "We analysed Do Not Go Gentle in English and studied how it talks about death",
        "I'll kill you if you spoil the ending before Saturday 😂",
        "Break a leg tonight to the Year 11 cast!",
        "i'd do more than kiss the trophy if we win the cup",
    ],
)
def test_round_nineteen_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
