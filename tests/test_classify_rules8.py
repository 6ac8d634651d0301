"""rules-8: the act, not the word; and year groups that leetspeak undoing used to break.

Threats by tampering ("something in the staffroom kettle"), a hoax that is still a threat,
a crew brought along with a gun emoji; goodbyes and letters left to be found; rumours
in slang and emoji; praise for keeping quiet and "you know the car". Found among the
misses of `school_blind/holdout13.csv` (now a tuning set: `holdout14.csv` is the blind
one); each line here is invented, and each has a benign twin that must stay quiet.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("the y11 boys", "the y11 boys"),
        ("yr10s and Y13", "yr10s and y13"),
        ("every1 knows, no1 cares", "every1 knows, no1 cares"),
        ("y0u l0ser", "you loser"),  # a digit that is not a year is still a letter
        ("k1ll by11", "kill byii"),  # only a year group's own "y" keeps its digits
    ],
)
def test_year_groups_and_every1_keep_their_digits(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


def test_emoji_that_carry_meaning_become_words() -> None:
    assert normalise("mr x + a y10 = 🛏️😏").deep.text.split()[-2:] == ["emj_bed", "emj_smirk"]
    assert "emj_camera" in normalise("wanna facetime 📹").deep.text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # threats: hoaxes, tampering, a crew or a weapon brought, a home "for now"
        ("there's a bomb in the sports hall, have fun on Friday", "threat"),
        ("b0mb under the stage in the main hall tmrw, not a j0ke", "threat"),
        ("year 8 are getting it on tues, bringin my cousins 🔫", "threat"),
        ("so easy to sneak a blade into the leavers do, nobody checks bags", "threat"),
        ("gonna slip some laxatives into Mr Bryce's coffee before parents evening", "threat"),
        ("putting summat in the staff room milk, let's see how they like the runs", "threat"),
        ("funny how the minibus brakes could use some tweaking before the netball trip 😉", "threat"),
        ("He lives on Orchard Way by the postbox, won't be for much longer", "threat"),
        # self-harm: a goodbye, letters to be found, injuries explained away
        ("Last time anyone will see me at netball practice. Love you girls x", "self_harm"),
        ("Wrote notes for all my friends, they'll read them when I'm not around", "self_harm"),
        ("scratches on my forearms again, told mum it was brambles", "self_harm"),
        ("said the dog scratched me but we don't have a dog", "self_harm"),
        # sexual: rumours in slang and emoji, clothes remarked on, porn at school
        ("Anyone else notice Mrs Dale's shirt was see through in period 2?", "sexual"),
        ("which one of the year 12 girls hockey squad would you take home", "sexual"),
        ("mr fenton + a y11 = 🛏️ everyone knows", "sexual"),
        ("those two did the dirty in the minibus on the ski trip", "sexual"),
        ("she does stuff for the y10 boys behind the science block", "sexual"),
        ("someone airdropped porn to the whole of year 8 in the canteen", "sexual"),
        # grooming: praise for keeping quiet, the car, an age waved through or lied about
        ("good girl for not telling your mum, see you Thursday", "grooming"),
        ("I'll be waiting on Mill Lane after your club. You know the car.", "grooming"),
        ("add me cutie, 14 is fine 😉", "grooming"),
        ("im 14 too (not really) wanna video chat", "grooming"),
        ("thirteen is ok babe x", "grooming"),  # no other word of the grooming rule's wakes it
    ],
)
def test_round_nine_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "The bath bomb stall at the Christmas fair sold out, thank you PTA!",
        "Please put something in the food bank box by reception this week",
        "Minibus brakes are being adjusted before the Year 9 trip, garage booked for Tuesday.",
        "She lives on Orchard Way, won't be for much longer though, they've sold the house.",
        "Last time you'll see me in this blazer! Year 11 leavers, love you all x",
        "Wrote thank you notes for all my teachers, they'll open them on the last day",
        "My son says the new PE teacher is fit, as in she runs marathons",
        "I'd die for Mr Okoro's flapjacks, honestly",
        "I'm going to die if I have to sit through another assembly on uniform",
        "If my daughter loses one more water bottle I'll kill her 😂",
        "Can parents please stop parking on the zigzags, someone's kid is going to get hurt",
        "Which of the clubs would you recommend for a shy Year 7?",
        "My 13 is fine, she walks home with her friends",
        "he'd get his mates to do the dirty work for him, as always",
        "Good girl for tidying your room, Maisie! Mum is proud",
        "Waiting outside the leisure centre at 6, you know my car, the red Fiesta - love Mum",
    ],
)
def test_round_nine_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
