"""rules-19: round twenty-two, from the lines `school_blind/holdout39.csv` and `holdout40.csv` missed.

A killing announced for a clock time ("at 3:20"), drill slang for guns without an article
("pullin up wiv straps"), "bl8de" (a blade, not "blbde"), a beating announced for a day
("getting merked tomorrow"), a year group rushed "with bats", a fire drill called a rehearsal
for the real one, "has till the end of the week. Everyone knows who I mean", "make sure you're
not in the main hall at 11 ... I like you"; an apology ending "tell X I love him", a friend who
"has been self-harming"; "go stand in front of the bus" said to someone; a full name set equal to a sexual slur, and "ask her ex" as the rumour beside one;
swapping to Snapchat (the ghost emoji) because Instagram is "too public". Benign twins stay
quiet: beating a team at a clock time, bag straps, cricket bats, rushing with rock from the
seaside, a slow fire drill, an apology for a missed call, a bus stop, the parents' WhatsApp
group. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("k1ll1ng Tom Pryce at 12:40 by the bike sheds, be there", "threat"),
        ("pullin up wiv str4ps on Elm Rd 2nite, Reece ur done", "threat"),
        ("pulling up with blades after school, tell the opps", "threat"),
        ("gonna brng a bl8de to the disco", "threat"),
        ("head of year getin merked tmoz", "threat"),
        ("we're rushing the year 8s at the back gate with bricks", "threat"),
        ("if u thought the lockdown drill was bad just wait til the real thing", "threat"),
        ("The boy who grassed has until Friday. Everyone knows who I mean.", "threat"),
        ("Make sure ur not in the canteen at 12:30 tomorrow. I like you so I'm warning you.", "threat"),
        ("a lad in 10F, Callum, has been self-harming again, what do we do", "self_harm"),
        ("Dad I'm really sorry. Tell Poppy I love her x", "self_harm"),
        ("go lie in front of the 🚆 pls @finn_r you'd be doing us all a favour", "self_harm"),
        ("Jade Morrow = sl*t", "sexual"),
        ("sket that's all she is, ask her ex", "sexual"),
        ("switch to 👻 hun, insta is way too public x", "grooming"),
    ],
)
def test_round_twenty_two_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "we're killing them at 3:15 in the netball final",
        "killing time at 3:20 before the bus comes",
        "pulling up with straps on the new rucksacks, they're much comfier",
        "the cricket club are pulling up with bats and pads at 4",
        "rushing the lads with bats and balls at rounders today",
        "the fire drill was so slow today, wait till the real one and we'd all be toast",
        "getting shot tomorrow for the yearbook photo lol",
        "Year 11 getting jabbed tomorrow, bring your consent forms",
        "I'm so sorry I missed your call, tell Gran I love her!",
        "go stand in front of the bus stop and wave so the driver sees you",
        "swap to whatsapp for the fixtures, the PTA group is easier",
        "Jane Smith = our new head of year!",
        "Make sure you're not in the hall at 11 on Wednesday, it's set up for exams",
        "the charity has been self-harming awareness training all week",
    ],
)
def test_round_twenty_two_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        ("gna brng a bl8de", "gna bring a blade"),
        ("getin merked tmoz", "getting merked tomorrow"),
    ],
)
def test_text_speak_spellings_are_read_back(text: str, deep: str) -> None:
    assert normalise(text).deep.text == deep
