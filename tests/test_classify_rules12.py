"""rules-12: round fifteen, from the lines `school_blind/holdout23.csv` and `holdout24.csv` missed.

Evasions and school context read in general, each with benign twins that must stay quiet:
Cherokee capitals that look like Latin ones, the word gaps of a text spelt letter by letter,
"k m s k m s k m s" as "kms" said again and again, sexualised names beside anything that marks
a pupil (KCSIE's "sexualised names"), harm to everyone in a school group, and a bomb threat
announced for a day. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("Ꮪ Ꭼ Ꮑ Ꭰ  Ꮲ Ꭵ Ꮯ Ꮪ", "send pics"),  # Cherokee capitals, spaced
        ("ꮪꭼꮑꭰ", "send"),  # and their small forms
        ("k i l l  a l l  t h e  y e a r  7 s", "kill all the year 7 s"),  # one space between words
        ("k m s k m s k m s k m s", "kms kms kms kms"),  # a unit said again and again
        ("l o l l o l", "lollol"),  # twice is not a chant
        ("s t u p i d", "stupid"),
        ("Hello  world, see you  at 3", "hello  world, see you  at 3"),  # ordinary double spaces stay
    ],
)
def test_round_fifteen_normalisation(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


def test_a_chant_keeps_offsets_into_the_original() -> None:
    raw = "k m s k m s k m s"
    n = normalise(raw)
    start, end = n.deep.original(4, 7)  # the second "kms"
    assert raw[start:end] == "k m s"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("sl*g of the year award goes to Chantelle in 11R 🏆", "sexual"),
        ("the S L A G from 11b is at it again 🤭 ask ryan", "sexual"),
        ("sl*t Bethany posted another thirst trap in her school uniform 🤮", "sexual"),
        ("year 9's biggest sket, everyone knows who", "sexual"),
        ("k i l l  a l l  t h e  y e a r  7 s", "threat"),
        ("gonna shoot every1 in year 11", "threat"),
        ("b0mb threat 4 sure on thurs, evry1 gonna b evacuated haha but not all of em", "threat"),
        ("k m s k m s k m s k m s", "self_harm"),
    ],
)
def test_round_fifteen_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "he slags off the school in every year 11 assembly",  # "slag off" is to run down
        "ran a 10k this morning, the slag heap trail by the old mine",
        "kill all the zombies in year 7 minecraft club",
        "killing all the teachers with kindness this week, cakes on Friday",
        "the bomb threat on Thursday was a hoax, school reopened at 11",
        "year 9 allotment club: hoe, rake and gloves needed",
    ],
)
def test_round_fifteen_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
