"""rules-20: round twenty-three, from the lines `school_blind/holdout41.csv` and `holdout42.csv` missed.

Normaliser: "3pm" and "10am" are times, not leetspeak ("epm", "ioam"); "sl*ce" is unmasked as
"slice"; "gnna", "brk", "evrythin" and "hookin" are read back. Rules: "ending it for everyone
... Not me. Them.", a brother kept indoors because "the boys are looking for your family", a
teacher's daughters named with their primary school and pick-up time, a car driven "into the
crowd"; a sister who "says she wants to kill herself", a friend who "posted bout s*icide"; "she'd
do anyone", "strikes again" beside a sexual slur, "charges a tenner for the 'special' Snapchats",
"hooking up in the staff room"; an app that "logs everything" as a reason to move, "14 is fine".
Benign twins stay quiet. Every line here is invented.
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
        ("Friday I'm ending it for everyone in 9C who laughed. Not me. Them.", "threat"),
        ("Best keep ur sister at home tonight, the lads are looking for your family", "threat"),
        ("Mrs Okafor, your little boy goes to Brookside Primary. Home time is 3:15, right?", "threat"),
        ("gonna drive my dad's van straight into the queue at the gates", "threat"),
        ("gnna brk his legs after footy", "threat"),
        ("imma sl*ce u up at 3pm", "threat"),
        ("my friend in 8T said she wants to kill herself, what do I do", "self_harm"),
        ("pls check on Ruby she's posted about self-harm on her close friends", "self_harm"),
        ("Tia's a sl*g, she'd do anyone for a Greggs", "sexual"),
        ("sl*t Holly strikes again", "sexual"),
        ("Maisie charges a fiver for the 'private' snaps, dm me", "sexual"),
        ("Mr Reed and Miss Lowe hookin up in the stock room again", "sexual"),
        ("move 2 telegram, this app logs everything", "grooming"),
        ("add me on snap 😘 13 is fine i dont mind", "grooming"),
    ],
)
def test_round_twenty_three_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "my sister says she wants to die of embarrassment after the concert",
        "she'd do anything for a chicken box lol",
        "Mason strikes again with the winning goal!",
        "the tuck shop charges a tenner for the special edition hoodies",
        "the technicians are hooking up the new projector in the staff room",
        "this app shows everything you need for homework",
        "14 is fine for the junior parkrun, under 11s need an adult",
        "you have two daughters at Fernhill Primary, pick-up is 3:15 and the gates open at 3:05, see you there",
        "keep your coats indoors today, the boys are looking for the lost property box",
        "we're ending it for everyone on a high with the leavers' disco. not me, them - the year 11s!",
        "I'm going to drive the minibus into the car park at 8",
    ],
)
def test_round_twenty_three_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        ("meet at 3pm or 10am", "meet at 3pm or 10am"),
        ("5tupid 1diot", "stupid idiot"),
        ("imma sl*ce u up", "imma slice u up"),
        ("gnna brk it, dis app logs evrythin", "gonna break it, dis app logs everything"),
    ],
)
def test_times_stay_times_and_text_speak_is_read_back(text: str, deep: str) -> None:
    assert normalise(text).deep.text == deep
