"""rules-28: round twenty-nine, from the lines `school_blind/holdout59.csv` and `holdout60.csv` missed.

Threats: killing someone "is on my to do list", a teacher "bout to get d3aded", "go round and f***
her up proper", evening the score with a whole department "tomorrow", a year group that "might want
to take a sick day on the 14th", "those of you who made my life hell won't be around to see" a
date (others' deaths, not the writer's). Self-harm: a date "planned ... so it doesn't mess up
anyone's exams", "💀🔪 me pls", "ctting agn" beside a blade emoji, "try the roof of the science
block ... attention". Sexual: porn "Dan was showing round", a child "sent a sexual video". Grooming:
"delete after reading" beside a Snapchat handle, "add my 2nd acc" because "this app is too public",
"w/a me ... our secret", a lift or money "no questions asked". Benign twins stay quiet. Every line
here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("stabbing mr rowe is on my to-do list", "threat"),
        ("s.h.o.o.t.i.n.g. the head of year is at the top of my hit list", "threat"),
        ("miss c4rter bout to get d3aded fr", "threat"),
        ("im going to kill whoever snitched on me to mr dale", "threat"),
        ("we know where she lives, gonna go round n fuck her up", "threat"),
        ("lets go over and f*** him up after school", "threat"),
        ("Friday I settle the score with the whole science department. Be there period 2.", "threat"),
        ("Year 9s might want to take a sickie on Thursday 🙂", "threat"),
        ("all of you who laughed at me won't be around next week", "threat"),
        ("I've set the date for after the mocks so it doesn't mess up anyone's revision", "self_harm"),
        ("🔫 me please. im so done", "self_harm"),
        ("cuttin agen 🩸 dont tell my mum", "self_harm"),
        ("try the top of the multi storey, you might finally get some attention", "self_harm"),
        ("the porno kai was sharing on the bus was grim", "sexual"),
        ("my daughter was sent a sexually explicit photo by a boy in year 11", "sexual"),
        ("delete after u read it 🤫 snap: @danny_k_77", "grooming"),
        ("dis app is 2 public babe, add my priv acc x", "grooming"),
        ("w/a me 07700 900 555, our little secret", "grooming"),
        ("if you ever need money or a lift just say the word, no questions asked x", "grooming"),
    ],
)
def test_round_twenty_nine_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "cleaning out the staff fridge is on my to do list",
        "I'm deaded 😂😂 that assembly",
        "don't want to fuck it up in the final, nervous",
        "this maths test is going to fuck me up",
        "we evened the score with Oakfield in the second half, what a match",
        "Year 9 might want to take a sick day if the bug is still going round",
        "the Year 11s won't be around next week, they're on study leave",
        "I've planned it for the last day of term so it doesn't clash with anyone's exams: the leavers' party!",
        "text me please when you're at the gates",
        "cutting again in DT tomorrow, bring your aprons",
        "the roof of the science block is being repaired, use the side entrance",
        "porn awareness talk for parents was shown in the hall on Tuesday",
        "he sent a rude message about the ref in the group chat, banned for a week",
        "delete after reading if you don't want the minutes kept",
        "Lost property: no questions asked, just hand it in to reception",
        "add my second account for the netball club updates",
        "gonna murder whoever nicked my custard creams from the staff room 😤",
    ],
)
def test_round_twenty_nine_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_others_not_being_around_is_a_threat_not_the_writers_goodbye(rule_categories: Categories) -> None:
    found = rule_categories("Big day on the 3rd. Those of you who made my life hell won't be around to see the 4th.")
    assert "threat" in found and "self_harm" not in found
    assert "self_harm" in rule_categories("I won't be around to see the 4th. Sorry mum.")


def test_unaliving_someone_else_is_a_threat_and_unaliving_oneself_is_self_harm(rule_categories: Categories) -> None:
    for text in ("i will unalive you", "im bout to unalive my maths teacher lmaooo no joke", "gonna unalive the head of year tmrw"):
        found = rule_categories(text)
        assert "threat" in found, text
    found = rule_categories("gonna unalive myself tonight")
    assert "self_harm" in found and "threat" not in found
    assert not (rule_categories("my science teacher is the best, she got me through gcse") & CRITICAL)
