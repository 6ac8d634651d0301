"""rules-32: round thirty-three, from the lines `school_blind/holdout74.csv` and `holdout75.csv` missed.

Threats: "there won't be a mock", an aim practised to "see everyone in September", "you won't be
around for them", a field that will be "a crime scene" tomorrow, an evacuation demanded "or people
die", a list of names with the head at number one, a gate not to use tomorrow ("just don't"), a good
week for the fire alarm "for real", "after this it's not words", a pupil home alone told to keep
laughing. Self-harm: a letter left under the mattress, "#notgonnabehereforlong", a gun emoji held
to "me", rope bought cheap, "cat scratch season", a wrist slit spelt "m'", "go die already" spelt
out with wide gaps. Sexual: "wanna c my 🍆", "favours" for lunch money, a teacher staring at chests,
a car rocking in the staff car park, a "study session" with a named pupil, "sexy Miss <name>", a sex
tape of two pupils "is real". Grooming: which girls walk home along the canal, when a pupil's mum is
at work. Benign twins stay quiet: "had half the class in tears", a cheese toastie murdered, "to
die for", "bury me in the common room", PE shorts that vanished. Every line here is invented.
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
        ("don't bother studying for the exams. there won't be any exams", "threat"),
        ("been practicing my aim all holiday, can't wait to see you lot in january", "threat"),
        ("u won't have to worry about ur results, u won't be here", "threat"),
        ("on friday the astro is gonna be a crime scene", "threat"),
        ("evacuate the sixth form block by noon or kids die", "threat"),
        ("my list has six names on it now", "threat"),
        ("don't go near the bike sheds tomorrow. just don't.", "threat"),
        ("good day for the school to go up for real", "threat"),
        ("next time it won't be words", "threat"),
        ("keep laughing Jess, your dad's away and you're home alone", "threat"),
        ("if you read this the note's under my pillow", "self_harm"),
        ("#tired #notgonnabeheremuchlonger", "self_harm"),
        ("🔫 myself now", "self_harm"),
        ("the rope came today", "self_harm"),
        ("cat scratches season again 🙃", "self_harm"),
        ("gonna cut ma wrists tonight", "self_harm"),
        ("want to see my 🍆 x", "sexual"),
        ("Lacey gives 'favours' behind the sports hall", "sexual"),
        ("Mr Doyle keeps perving at her legs in PE", "sexual"),
        ("Miss Ray's car kept rocking in the car park lol", "sexual"),
        ("Ruby's 'revision session' with Dan was interesting 👀", "sexual"),
        ("sexy miss harlow 😍", "sexual"),
        ("the sex vid of the two in year 10 is real", "sexual"),
        ("which of you pretty girls in 9C walks home past the park?", "grooming"),
        ("what time does your mum leave for work? i can pop round", "grooming"),
    ],
)
def test_round_thirty_three_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "The science show had half the year in stitches, well done 8K",
        "I could murder a bacon roll after cross country",
        "The cakes at the bake sale were to die for",
        "When I die bury me in the library, best place in school",
        "His football boots have vanished again, can everyone check lockers",
        "The rope for tug of war was cheap on Amazon, sports day is sorted",
        "The letter's in my bag, I'll hand it in tomorrow",
        "Please don't park on the zigzags tomorrow morning, thank you",
        "Evacuation drill went well today, everyone out in four minutes",
        "Year 7 photographers: we're practising our aim with the cameras before the trip",
    ],
)
def test_round_thirty_three_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_letters_spelt_out_between_wide_gaps_read_as_words() -> None:
    assert normalise("j u s t    g o   d i e    a l r e a d y").deep.text == "just    go die    already"
    # an article in ordinary letter-spacing stays a word of its own
    assert normalise("she is a p a k i").deep.text == "she is a paki"
