"""rules-22: round twenty-five, from the lines `school_blind/holdout45.csv` and `holdout46.csv` missed.

A friend "doin s/h" in the toilets; "smashed 3 lads in 1 nite" beside a sexual slur; a teacher's
body "in them trousers"; "been sharpening something all weekend"; "planning to hit Leah with my
car". Benign twins stay quiet. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("ma m8 in 8K keeps doin s/h in the changing rooms, wat do i do", "self_harm"),
        ("the year 11 captain is a h0e, done 4 lads at the party", "sexual"),
        ("Mr Doyle's bum in them tight trousers 🥵", "sexual"),
        ("been sharpening something all half term, see u monday", "threat"),
        ("I'm gonna hit Tyler with my car when he walks home", "threat"),
    ],
)
def test_round_twenty_five_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "we're doing s/h awareness training on inset day",
        "the netball team smashed 3 schools in 1 night!",
        "I've been sharpening my pencils all weekend for the exam",
        "I'm planning to hit the gym with my dad tonight",
        "Mr Doyle's car in them roadworks again, late for registration",
    ],
)
def test_round_twenty_five_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
