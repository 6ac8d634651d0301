"""rules-36: round thirty-seven, from the lines `school_blind/holdout88.csv`-`holdout91.csv` missed.

Threats: a face to be cut, a named pupil to be "jumped" after the match (not a leap), "watch this
school burn", "he won't walk right after", a snitch's mum's workplace "just checking", "they think
they're safe. They're not." Self-harm: a blade emoji "+ wrist", walking in front of a bus, "how much
longer I'm gonna be alive", "finish what she started on her wrists", "s/h'ing", "i w a n n a  d i e".
Sexual: "onlyfans when", kit that leaves nothing to the imagination, "second base", "private
dances", upskirt photos taken. Grooming: which children walk home alone, a stranger asking for a
pupil in a photo. Benign twins stay quiet. Every line here is invented.
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
        ("she says she's gonna slash Kayleigh's face with her compass", "threat"),
        ("We're gonna jump Deacon Marsh outside the chippy, bring the lads", "threat"),
        ("can't wait to see this place burn tbh", "threat"),
        ("4 of us on him after training, he wont talk properly after", "threat"),
        ("whoever grassed, ur dad parks by the Esso on Mill Lane right? just saying", "threat"),
        ("the Westfield lot think they're safe now, they're not", "threat"),
        ("🔪 + my thighs again", "self_harm"),
        ("im gonna step in front of the train on friday", "self_harm"),
        ("dunno how much longer i'm gonna be here honestly", "self_harm"),
        ("tell her to finish what she started on her arms", "self_harm"),
        ("he's s/h'ing in the toilets again", "self_harm"),
        ("i w a n t  t o  d i e", "self_harm"),
        ("Jessica onlyfans when?? 👀", "sexual"),
        ("them netball skirts leave nothing to the imagination", "sexual"),
        ("heard Tom got to third base behind the sports hall", "sexual"),
        ("Ellie does 'private dances' if you've got a tenner", "sexual"),
        ("someone's been taking upskirt pics on the stairs again", "sexual"),
        ("which of the girls in the photo walk home by themselves?", "grooming"),
        ("the boy in the second row is gorgeous, can someone give him my snap", "grooming"),
        ("cute grl from yr 9 in the team photo, dm me", "grooming"),
    ],
)
def test_round_thirty_seven_second_read_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "we're gonna jump Daisy's hurdles after lunch, they're the new ones",
        "I'm going to jump in the pool after the gala",
        "Year 8 will cut Ruby's face out of the group photo for the yearbook, she asked them to",
        "Can't wait to watch the bonfire burn on Friday",
        "my nan thinks she's safe driving at night, she's not",
        "the + sign goes on the wrist band for the trip, it's how we count",
        "I'll walk in front of the minibus with the lollipop sign so the little ones can cross",
        "how much longer am I going to be in this queue",
        "the ending of the film didn't leave much to the imagination",
        "Amy got to second base in the rounders match and we won",
        "the PSHE lesson said upskirting is a crime and how to report it",
        "which of the Year 7s walk home on their own? we're arranging a walking bus for them",
    ],
)
def test_round_thirty_seven_second_read_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_an_i_spelt_with_its_verb_is_read_as_the_writer() -> None:
    assert normalise("i w a n n a  d i e").deep.text == "i wanna die"
    # a whole word between wide gaps still reads as one word
    assert normalise("g o   a l r e a d y").deep.text == "go already"
