"""rules-30: round thirty-one, from the lines `school_blind/holdout64.csv` and `holdout65.csv` missed.

Threats: "bring your own body bags for the year 11s on friday", "some people at this school won't be
around to sit their GCSEs. Remember I said that", a teacher who "thinks she's safe" with an injunction
("paper doesn't stop anything"), wondering how long the fire alarm takes "if it started in the
library". Self-harm: telling someone to slit her wrists (urged, not a threat to her), "s.h. scars r
getting worse", "Last message on this account. Delete my number." Sexual: a pupil called a slut by
name, "<name>'s OF is up", "down to f*ck anyone", "the leaks of <name>", "lowkey thicc" about a
year 7, a "Year 9 hotties" account, a picture of a pupil kept in a "special" folder, a teacher seen
touching a student's thigh, "dm me ur 🍒🍒". Grooming: the app "that deletes msgs", "who else is
usually home after school?". Benign twins stay quiet. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify import Classifier

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("bring enough body bags for 10C on monday ⚰️", "threat"),
        ("some ppl in this year won't be around for prom. mark my words", "threat"),
        ("Mr Okafor thinks he's safe now he's got a restraining order. a court order won't stop anything", "threat"),
        ("i wonder how fast the drama block would burn", "threat"),
        ("someone tell Kacey to hang herself tbh", "self_harm"),
        ("my sh scars are getting worse and it's nearly summer", "self_harm"),
        ("last post from this account. forget about me", "self_harm"),
        ("Tamsin is a proper sl*t", "sexual"),
        ("brooke's onlyfans is up apparently, half of yr 11 subscribed", "sexual"),
        ("anyone dtf after the prom x", "sexual"),
        ("who has the leaks of jodie from 10F", "sexual"),
        ("her sister is lowkey thicc for a year 8", "sexual"),
        ("there's a 'yr 10 fitties' account on tiktok now", "sexual"),
        ("the photo of Niamh at sports day is saved in my private folder 😏", "sexual"),
        ("the PE teacher was seen rubbing a pupil's thigh on the minibus", "sexual"),
        ("snap me ur 🍑 babe", "sexual"),
        ("download the app i mentioned, the one that auto-deletes the chats", "grooming"),
        ("who's normally home when you get back from school?", "grooming"),
    ],
)
def test_round_thirty_one_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "bring your own body bags for the Halloween fright night props, drama club",
        "Some people at this school won't be around next year because the sixth form is full",
        "She's safe now, the police have been brilliant",
        "I wonder how long the fire alarm test takes on Thursdays",
        "My daughter's scars from the op are getting better every week",
        "Last post on this account, follow my new account for the art stuff!",
        "who got the leaks of the maths paper 2 answers",
        "Please teach kids the dangers of sending nudes, the talk last week was great",
        "he's going to shoot hoops with the year 8s at lunch",
        "Who's home after school on Wednesday to take the parcel in?",
        "Q: dumbest thing you've done? A: took my phone in the shower and drowned it lol",
        "Need a stanley knife and a cutting mat for my DT project, anyone got spares?",
        "Dad keep liking my posts on the school page, so embarrassing, I'll literally die",
        "Parents: the results of page 4 of the newsletter are the sports day times",
        "Year 10 textiles are trying DTF transfers on their tote bags this week",
    ],
)
def test_round_thirty_one_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_urging_self_harm_is_not_a_threat_to_her(rule_categories: Categories) -> None:
    found = rule_categories("Someone should tell Lacey to slit her wrists, she's so dramatic")
    assert "self_harm" in found and "threat" not in found
    assert "threat" in rule_categories("I'm going to slit her throat after school")


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def test_secret_santa_is_not_a_pupil_named_with_a_form(clf: Classifier) -> None:
    assert not clf.classify("Secret Santa in 9W this year, £5 limit!")
    assert any(f.category.value == "personal_data" for f in clf.classify("Lily Hart in 9W lives on Birch Road"))
