"""rules-24: round twenty-six, from the lines `school_blind/holdout47.csv` and `holdout48.csv` missed.

Threats: a gun "ready 4 the ppl in my form", "u r a dead man walkin", "Sleep well Connor. While
you can.", "kick the absolute shit out of", a year group jumped with "bring bats", "no one can
save u", "I'd stay well clear of the lower corridor ... if I was in year 7", good locks on her
doors "asking for a friend". Self-harm: "sl!t my wr!sts" is one's own (never a threat), "100 cuts
b4 xmas", knives hidden "from me", a friend "doin the thing with blades". Sexual: a teacher who
"touches the girls" (an allegation of touching children, critical beside the defamation), "Milly
= s.l.a.g.", "bangin in the staffroom", "give us a flash". Grooming: "Which one is you?" under a
school's photos, "are your parents going away over half term?", money for lunch with a kiss.
Benign twins stay quiet. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("my ting's ready 4 them lot in 10C", "threat"),
        ("Kian u r a dead man walking", "threat"),
        ("Sweet dreams Ella. While you can.", "threat"),
        ("gonna kick the actual crap out of him after school", "threat"),
        ("we're jumping the year 9s at the bus stop, bring bricks", "threat"),
        ("see u at 3, no one can save u", "threat"),
        ("I'd stay well away from the sports hall after school tomorrow if I was in year 8", "threat"),
        ("Hope your nan's got good locks on her doors. Just asking.", "threat"),
        ("going to slit my wrists tonight, sorry mum", "self_harm"),
        ("nearly at 50 cuts now", "self_harm"),
        ("mum's started hiding the pills from me", "self_harm"),
        ("Tia said she's doing the thing with razors again", "self_harm"),
        ("Mr Hale gropes the girls in his tutor group", "sexual"),
        ("Keeley = sl*t", "sexual"),
        ("miss and sir bangin in the science block", "sexual"),
        ("give us a flash behind the sports hall", "sexual"),
        ("Lovely photos from the Year 8 trip. Which one is you?", "grooming"),
        ("r ur parents away this weekend?", "grooming"),
        ("need any money for lunch? just say the word 😘", "grooming"),
    ],
)
def test_round_twenty_six_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "the nurse cut my wrist strap off after I hurt it in PE",
        "Miss touched the kids on the shoulder to wake them up in assembly lol",
        "the play really touched the children in the audience",
        "Jade = our new captain!",
        "that new track is bangin, played it in the staffroom",
        "give us a flash when you're outside and I'll come down",
        "my knife's ready for food tech tomorrow",
        "Sleep well everyone, big day tomorrow!",
        "the council announced 100 cuts to bus routes",
        "no one can save you from the mocks now haha",
        "I'd stay well clear of the canteen tomorrow if I was you, it's fish day",
        "Great pics from sports day! Which one is you Gran asked 😊",
        "are your parents going away over half term? the trip form needs a contact number",
        "need any money for lunch this week? the office can top up your card",
        "My scientist can beat the living life out of your scientist any day",
    ],
)
def test_round_twenty_six_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_ones_own_wrists_are_never_a_threat(rule_categories: Categories) -> None:
    assert "threat" not in rule_categories("gonna sl!t my wr!sts 2nite, tell mrs dean i'm sorry")
