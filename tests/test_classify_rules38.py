"""rules-38: new rules from the lines holdout92-95 missed, said in other words.

Threats: a fight set for a place, older friends who already know a victim's face, a teacher's
street given "asking for a friend", a day "remembered, not for good reasons", "they'll have to put
it on the news", "imma end <Name>". Self-harm: text-speak "y r u still breathin", a blade emoji
"me tonight", the edge of a platform "to see what happens", sorry "for what he's going to find", a
death word then "don't miss me". Sexual: a girl who "worked her way through the whole team",
"as flexible in private", "subscribers know", eyes that won't stay above collars, "I would
smash" with no object, "more than tutoring", a teacher's car outside a pupil's house at 1am, a
video held over someone, "whore of 9 b" spelt out. And four rule false alarms gone: gun laws
debated, "dying for the recipe", "I'd die before I wore that", a PSHE unit that "covers online
safety". Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    "text",
    [
        "the boys are sorting him out behind the sports hall after period 6",
        "got cousins way older than u Tyler and they know what u look like",
        "Mr Quayle lives on Birchfield Crescent doesn't he, number 9? No reason.",
        "This year's prom is gonna be remembered for a long time, and not for good reasons",
        "I've had enough. Monday I'm ending everything here and they'll have to put it on the news",
        "you'll all read about it in the papers",
        "ima end Kacper after skl fr",
        "we're gonna merk Dylan tonight",
    ],
)
def test_veiled_and_planned_threats(rule_categories: Categories, text: str) -> None:
    assert "threat" in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "y r u still alive tbh",
        "go jump off sumthing and do us all a favour",
        "🔪 me tonight, sorry everyone",
        "gonna lean over the edge of the car park roof friday and let go",
        "I'm sorry to my mum for what she's going to find when she gets home",
        "sorry to whoever finds me",
        "probs gone by friday, dont miss me x",
    ],
)
def test_self_harm_said_obliquely(rule_categories: Categories, text: str) -> None:
    assert "self_harm" in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jess has basically worked her way through the whole football team by now",
        "bet Amira's just as flexible in bed as she is in dance club",
        "subscribers know what sir gets up to at weekends 😏",
        "Sir your secret account is something else 🔥",
        "that supply teacher can't keep his eyes off the girls' chests in science",
        "Mrs Holloway in the library, honestly I'd smash",
        "Everyone knows it was more than extra help after school with Mr Dent",
        "Why was Sir's car parked outside Rosie Lang's house until 1am",
        "those pics are still on my phone btw, shame if they went round 10B",
        "s l u t  o f  9 c",
    ],
)
def test_sexual_remarks_and_rumours(rule_categories: Categories, text: str) -> None:
    assert "sexual" in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Debate club tonight: should we have tougher knife laws? Sign up at the library",
        "A Level politics essay on gun control in the US, due Thursday",
        "I'm dying for a cuppa after parents' evening",
        "Dying for the weekend, this week has dragged",
        "I'd die before I wore those trainers to prom 😂",
        "The Year 8 PSHE unit covers online safety, including why you should never share nudes and who to tell",
        "We're gonna end Hollyfield on Saturday, the derby is ours",
        "I'll wet Jamie at the water fight on sports day",
        "Our robotics team won the regional final, they'll have to put it on the news lol",
        "Mrs Patel lives on Larchmere Close and runs the book club, just saying thanks for organising it",
        "He worked his way through the whole squad from the under-12s to captain",
        "Sports day will be remembered for a long time, what a brilliant afternoon",
        "I would absolutely smash the 100m if my hamstring was better",
        "Sort it out behind the scenes please, the play starts at 7",
        "Year 9 are going to jump Miss Lee's new high jump bar at sports day",
        "gonna jump Mr Okafor's hurdles in PE tomorrow",
    ],
)
def test_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("bringing a gun tomorrow, forget gun laws", "threat"),
        ("gonna jump Miss Lee's son after school", "threat"),
        ("i'd die before i turn 18 at this rate, no one cares", "self_harm"),
    ],
)
def test_the_same_words_still_count_where_they_should(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


def test_a_person_of_someone_s_is_not_a_thing_jumped_over(rule_categories: Categories) -> None:
    # the hurdles/bar exclusion names things, so a brother "by the gate" is still flagged
    assert rule_categories("gonna jump Reece's brother by the gate after school") & CRITICAL
