"""rules-29: round thirty, from the lines `school_blind/holdout58.csv` and `holdout61.csv` missed.

Threats: a mum who had better "have good home insurance 🙂", "prepare for a b/oodbath on monday",
a teacher who will "get b@ttered n left in a ditch", "beat Mr X to a pulp", "I'm going round to make
her pay", "your nan's still on <street> right?", "a full kit tomorrow and I don't mean PE kit", a
first aid kit "you're going to need ... not for the football", a bomb in "d science blok". Self-harm:
"u shud go deeper" said to someone cutting, a "grippy sock vacation" after another attempt. Sexual:
a child who "received a sexual video from" a pupil, "Mrs X would get it", "walk of shame from his
house", pupils "lookin 🔥🔥 ngl 😳". Benign twins stay quiet. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("hope Tyler's dad has got decent house insurance 😉", "threat"),
        ("get ready 4 a bl00dbath at school tmrw", "threat"),
        ("that supply teacher gonna get battered n dumped in the canal", "threat"),
        ("we're gonna kick Mr Hart to a pulp after football club", "threat"),
        ("anyone got Miss Dunne's address? I'm going to make her pay", "threat"),
        ("Keep it up Kian. Your mum's still on Larchwood Crescent yeah?", "threat"),
        ("bringing the full kit on Monday and I don't mean my football kit", "threat"),
        ("bring plasters to the game Oakhill, you'll need it and it's not for the football", "threat"),
        ("b.o.m.b in da art blok at 2", "threat"),
        ("still cutting? u should go deeper then", "self_harm"),
        ("grippy sock holiday round 2 incoming, trying again this weekend", "self_harm"),
        ("my daughter received an explicit photo from a boy in year 10", "sexual"),
        ("Mr Brennan would defo get it ngl", "sexual"),
        ("walk of shame out of Callum's house on Sunday morning, Year 11 never changes", "sexual"),
        ("year 9 girls in the pool pics lookin 🔥 😳", "sexual"),
    ],
)
def test_round_thirty_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "I hope the school has good buildings insurance after that storm, the roof looked awful",
        "get ready for a bloodbath in the maths mock lol",
        "prepare for a bloodbath at the derby on Saturday, Oakfield are top of the league",
        "Year 7s are going to get battered in the rain on the field trip, bring coats",
        "I'm going to make him pay for the window he broke, and he knows it",
        "Is your nan still on Larchwood Crescent? Tell her I said hello!",
        "I don't mean PE kit, I mean the art aprons: bring them on Monday",
        "The year 11s looking 🔥 at prom tonight! So proud of them all",
        "Mr Brennan would get it wrong if you asked him to sing, bless him",
        "cutting the cake at the leavers' do, you should go deeper with the knife for the bottom layer",
        "grippy socks are on the kit list for the trampolining trip",
        "The letter about sexting and images and how to report it was really useful",
        "the science block bomb calorimeter practical was brilliant",
    ],
)
def test_round_thirty_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_fire_for_looks_is_not_arson(rule_categories: Categories) -> None:
    found = rule_categories("Year 8 girls in the swimming pics lookin 🔥🔥 ngl 😳")
    assert "sexual" in found and "threat" not in found
    assert "threat" in rule_categories("burn the school down 🔥🔥 tomorrow")
