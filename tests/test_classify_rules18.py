"""rules-18: round twenty-one, from the lines `school_blind/holdout37.csv` and `holdout38.csv` missed.

A fix in the grooming rule's prefilter: a signal whose alternative opens on a word with an
optional last letter ("an?\\s+older") was keyed on the word without it ("a"), so "room 4 an older
guy" was never tried. New findings: "killing Mr X after half term", smashing up a venue "and anyone
in it", "if u wanna live", the staff's home addresses "no reason 🙂"; "cut my 💪", "🩸🩹 3 times
this wk", a friend "doing the 🩸 thing", telling someone "to top herself", giving things away
"it's been a good run"; "town bike", a sexualised nickname in quotes, "gets with any1", a "nude
selfie"; a child in a team photo singled out and her year asked, money "4 sum pics", "more
interesting than people my age", food "my treat" when "in the area anyway". Benign twins stay
quiet: "I know where you live" said by the librarian about overdue books, "die if I don't pass",
a phone that's dying, "die of happiness", a talk on spotting the signs, the dangers of carrying
knives, craft knives not to be brought, staying off after sickness, a PSHE lesson on nudes.
Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.rules.grooming import lead_keys

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


def test_a_word_with_an_optional_last_letter_keys_both_spellings() -> None:
    keys = lead_keys(r"(?:an?|this)\s+older\s+guy|yous?\s+there")
    assert keys is not None and {"a", "an", "this", "you", "yous"} <= keys


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("k i l l i n g Mrs Dean after the holidays fr", "threat"),
        ("gonna burn down the gym and everyone in it", "threat"),
        ("dont come in monday if u wanna live", "threat"),
        ("Can someone share the teachers' home addresses? No reason 🙂", "threat"),
        ("cut my 💪 again lol its fine", "self_harm"),
        ("did it again 🩸🩹 2 times this week", "self_harm"),
        ("Abi in 9M is doing the 🩸 thing again", "self_harm"),
        ("half of 10B keep telling Mia to top herself", "self_harm"),
        ("Give my PS5 to my cousin. It's been a good run x", "self_harm"),
        ("Tayla in 9R = school bike 🚲", "sexual"),
        ("calling Erin 'Blowjob Betty' all day lol", "sexual"),
        ("she's a h0e from year 10, gets with any1", "sexual"),
        ("dm me a nude selfie x", "sexual"),
        ("u r the cutest girl in yr 9... room 4 an older guy? 😏", "grooming"),
        ("The girl second from the right in the team photo, what year is she?", "grooming"),
        ("ill send £££ for sum pics x", "grooming"),
        ("You're so much more mature than girls my age", "grooming"),
        ("I'll be in the area anyway on Saturday. Fancy a milkshake? My treat", "grooming"),
    ],
)
def test_round_twenty_one_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "'I know where you live' said the librarian about my overdue books 😂",
        "I'm gonna die if I don't pass this mock lol",
        "my phone's dying, anyone got a charger",
        "if we win the cup I will die of happiness",
        "Mental health week: a volunteer is talking about spotting signs of suicidal thoughts, period 4",
        "Assembly from the police liaison officer on the dangers of carrying knives",
        "Please don't bring craft knives to DT, the school provides them",
        "Don't come in tomorrow if you've had sickness, 48 hour rule",
        "PSHE lesson on staying safe online: never share nudes, never meet strangers",
        "everyone's calling him 'the bike' since he cycled to Brighton for charity",
    ],
)
def test_round_twenty_one_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_killing_oneself_at_lunch_is_not_a_threat(rule_categories: Categories) -> None:
    # "killing" now opens the violence-at-a-time pattern; a reflexive object is self-harm told by a parent
    assert "threat" not in rule_categories("her friend in Year 8 talks about killing herself at lunch, who do I tell?")


@pytest.mark.parametrize(
    "text",
    [
        "I've been studying all night and honestly I want to die",
        "my course is too much, I want to die",
    ],
)
def test_study_and_courses_do_not_excuse_a_wish_to_die(rule_categories: Categories, text: str) -> None:
    # the study-of-a-text and first-aid-course look-alikes must not reach a pupil's own words
    assert "self_harm" in rule_categories(text)
