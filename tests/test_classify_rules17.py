"""rules-17: round twenty, from the lines `school_blind/holdout35.csv` and `holdout36.csv` missed.

The normaliser folds the small capitals I and F ("ɪ ᴡᴀɴᴛ ᴛᴏ ᴅɪᴇ"), no longer splits a leading "a"
off a spelled-out word whose rest opens on a doubled consonant ("a d d r e s s"), and reads back
"knws", "kno", "whr", "livs", "wnna", "thnk", "nxt". New findings: a knife or gun "ready", "u gna
get sh0t", the bomb "in the bin", "near the rec after 3 is fair game", friendly advice to skip
assembly, wanting to see someone "in a body bag"; rope got while "no1s home", "don't think I'll be
here next week ... love u all", a friend who "has been 🔪 her legs"; a sexualised name "in 9K" or
"of the yr"; "use vanish mode", photos from the trip "you didn't put up". Benign twins stay quiet:
paint powder at the Colour Run, the trampoline, murdering a solo, the assassin game with water
pistols. Every line here is invented.
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
        ("ɪ ᴡᴀɴᴛ ᴛᴏ ᴅɪᴇ", "i want to die"),
        ("ꜰɪɢʜᴛ", "fight"),
        ("k·y·s and s•t•u•p•i•d ¡diot", "kys and stupid idiot"),  # the dots and the "¡" beside them are still read
        ("w h a t s   y o u r   a d d r e s s", "whats your address"),
        ("is a p a k i", "is a paki"),  # a leading "a" is still a word of its own
        ("i kno whr she livs", "i know where she lives"),
        ("every1 knws", "every1 knows"),
    ],
)
def test_round_twenty_normalisation(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("G3t th3 kn1fe ready, 3:15 by the bike sheds", "threat"),
        ("u gna get sh0t jay, say bye to ur nan", "threat"),
        ("the b0mb is in the b1n outside the science block ⏰", "threat"),
        ("anyone in a Parkside blazer near the shops after 3 is fair game", "threat"),
        ("Friendly advice to Year 11: skip the leavers' assembly tomorrow.", "threat"),
        ("wnna see mr Haig in a b0dy bag", "threat"),
        ("tell her she's gna get it, i kno whr she livs", "threat"),
        ("got the rope from the shed, no1s home til late", "self_harm"),
        ("dont thnk ill b here nxt week tbh. love u all xx", "self_harm"),
        ("my m8 in 9D has been 🔪 her arms, she made me promise not to tell", "self_harm"),
        ("ɪ ᴡᴀɴᴛ ᴛᴏ ᴅɪᴇ", "self_harm"),
        ("ho3 in 10K was showin off on live again", "sexual"),
        ("sl@g of the yr goes 2 Casey", "sexual"),
        ("sh3s a sl4g evry1 knws", "sexual"),
        ("use vanish mode when u reply so nothing saves x", "grooming"),
        ("Lovely pics from the residential. Any more from the trip you didn't post?", "grooming"),
        ("w h a t s   y o u r   a d d r e s s   s w e e t i e", "grooming"),
    ],
)
def test_round_twenty_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wear white for the Colour Run, you're going to get shot with paint powder 🎨",
        "Those Year 9s on the trampoline are going to break their necks one day 😂",
        "She's going to murder that solo at the winter concert",
        "The sixth form assassin game with water pistols is on, watch your backs 😂",
        "the bomb was the best bit of the Guy Fawkes assembly",
        "the disco was the bomb in the hall last night",
        "Get your PE kit ready for Monday, 3:15 finish",
    ],
)
def test_round_twenty_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
