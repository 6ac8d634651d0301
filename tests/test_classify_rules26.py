"""rules-26: round twenty-seven, from the lines `school_blind/holdout51.csv` and `holdout52.csv` missed.

Sexual: "everyone kno it" and "smashed half of 11C" beside a sexual slur, "slutty", "f*ck Miss
Grant, literally, I would", "ur pics, no face needed", nudes "gettin" off a pupil, a "'private'
album isn't private anymore". Threats: "Last warning Harriet. After this it's not words
anymore", "got your address off the group chat. see you soon". Self-harm: scratches "not from a
cat", arms seen when she rolls her sleeves up, "thinking about my nan ... I'll see her soon".
Grooming: which house on a named road is yours, which changing room the Year 9 girls use, "show
me when you try it on" after flattery. Benign twins stay quiet. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("she's a sl@g everyone kno it", "sexual"),
        ("Kacey's a hoe, she's had half of year 11", "sexual"),
        ("slutty Amber strikes again", "sexual"),
        ("f*ck Mr Shaw, no cap, I would", "sexual"),
        ("send ur pics, no face needed x", "sexual"),
        ("gettin more nudes off Jess tonight", "sexual"),
        ("tell Ruby her 'private' pics aren't private anymore", "sexual"),
        ("Final warning Tom. Next time it's not talking.", "threat"),
        ("got your address off the gc, see you soon", "threat"),
        ("her cuts are not from the cat, someone tell Mr Okoye", "self_harm"),
        ("Jade's arms... when she pushes her sleeves up you can see. someone should tell miss", "self_harm"),
        ("miss my grandad so much. not long till I see him again x", "self_harm"),
        ("Which house on Linden Road is yours? The blue door?", "grooming"),
        ("which changing room do the year 8 girls use at the pool?", "grooming"),
        ("You'd look gorgeous in that bikini. Show me when you try it on?", "grooming"),
    ],
)
def test_round_twenty_seven_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "everyone know it's non-uniform day friday",
        "send pics of the stall, no faces needed for the newsletter",
        "last warning for the trip money, after this it's not words anymore, it's a letter home",
        "got your address for the party invites, see you soon x",
        "my cat scratches are from the cat, honestly, she's a menace",
        "thinking about my nan a lot. I'll see her soon at Christmas.",
        "Which house on Orchard Way is yours? I'm dropping the raffle prizes round",
        "show me when you try it on, Mum!",
    ],
)
def test_round_twenty_seven_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
