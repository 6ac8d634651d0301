"""rules-31: round thirty-two, from the lines `school_blind/holdout70.csv` and `holdout71.csv` missed.

Threats: "something black for his funeral, it'll be soon enough", a house watched "for a week" and
curtains never shut, "there won't be a school to sit them in", "when I'm done ... will wish they'd
been nicer", snitches marked with headstones. Self-harm: a friend "talking about overdosing", arms a
pupil hides under a hoodie she never takes off, the times of the trains that don't stop, "it gets
better" no longer believed, "hope it doesn't hurt, hope it's quick", "dead inside n soon 4 real",
"if you want the world rid of you", a love said "while I still can". Sexual: nudes with a Cyrillic у,
a sex tape of a party, "the one from the bath", a sexualised nickname, "freaky hours", a teacher
watched bending down. Grooming: a chat "when everyone's asleep", "clear your history x". Benign twins
stay quiet: a phone about to die, a play's characters who die, "I'll die if I have to hear that song
again", the head who'll "murder us lol", a Bunsen burner that will burn you, portraits shot for the
photography club, a lesson on staying safe online. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("get a black suit for her funeral, it won't be long", "threat"),
        ("been watching Dylan's house every night. he never closes his curtains", "threat"),
        ("no point doing the coursework, there won't be a sports hall left by friday", "threat"),
        ("when I'm finished 9R are gonna regret they laughed at me", "threat"),
        ("grasses r ⚰️⚰️ tmrw", "threat"),
        ("can someone check on Freya in 10C, she keeps talking about ending it all", "self_harm"),
        ("look at Ollie's arms and you'll get why he never takes his jumper off", "self_harm"),
        ("checked the timetable for the express trains that never stop at Harrowby", "self_harm"),
        ("people say it'll get better. I can't believe that any more", "self_harm"),
        ("hope it won't hurt. hope it's painless", "self_harm"),
        ("dead inside and nearly outside", "self_harm"),
        ("if u want every1 rid of u, the bridge on Mill Lane is right there", "self_harm"),
        ("wanted to tell you all while I still can. thank you for being my friends", "self_harm"),
        ("who's got nуdes of Kayla", "sexual"),
        ("the sex tape from the sleepover is going round", "sexual"),
        ("send me the one from the shower again", "sexual"),
        ("they call her easy Emma in year 10", "sexual"),
        ("freaky sesh at Jade's tonight 😈", "sexual"),
        ("can't focus in maths when Miss Tarrant leans over my desk", "sexual"),
        ("can't wait to talk once your parents are in bed", "grooming"),
        ("wipe ur chats after we talk", "grooming"),
    ],
)
def test_round_thirty_two_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "my laptop's about to die, can someone send me the slides",
        "In the musical they all die at the end and the whole hall was crying",
        "If I have to sit through one more fire drill I'll die lol",
        "Non-uniform day on the last Friday?? The head of year is going to kill us lol",
        "Reminder for Year 7: don't touch the hot plates in food tech, they will burn you",
        "Yearbook team shooting headshots in the library on Monday",
        "Form time chat on staying safe online today: never send nudes, tell an adult",
        "Checked the times for the fast trains that don't stop at Harrowby, we'll get there by 9",
        "Mrs Hale bends over backwards for the Year 11s, can't thank her enough",
        "Remember to clear your browser history on the library computers",
        "Grandad's funeral is on Friday, the school has been very kind",
        "When I'm done with my GCSEs I'm going to sleep for a week",
    ],
)
def test_round_thirty_two_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_a_friend_reported_overdosing_is_self_harm_not_only_personal_data(rule_categories: Categories) -> None:
    found = rule_categories("please check on Kai Renwick in 9F, he's been talking about overdosing")
    assert "self_harm" in found
