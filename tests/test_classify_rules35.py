"""rules-35: round thirty-seven, from the lines `school_blind/holdout84.csv`-`holdout87.csv` missed.

Threats: "bora" (London slang for a knife) carried, "show <name> what a switchblade feels like",
a masked "b*tter". Self-harm: "tkn 20 pills", "unalive" alone with when, "sh free ... relapsed", a
parent told by a son that he "wants to be dead". Benign twins stay quiet: a pupil called Bora, Bora
Bora, cake batter, a food-tech knife, a relapse that is not self-harm, "unalive" talked about.
Every line here is invented.
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
        ("got my b0ra on me, come round the back of the Co-op if ur brave", "threat"),
        ("bringing my bora 2moro, Kieran knows why", "threat"),
        ("gonna teach that lad what a sw1tchbl4de feels like", "threat"),
        ("i'll show Mr Pryce how my knife feels like", "threat"),
        ("im gonna b*tter u at the gates", "threat"),
        ("tkn 15 pills, we'll see", "self_harm"),
        ("unalive tonight tbh", "self_harm"),
        ("gonna unalive after results", "self_harm"),
        ("6 months sh free and relapsed last night", "self_harm"),
        ("was clean from self harm for a year, relapsing again", "self_harm"),
        ("my daughter told me yesterday that she wants to be dead", "self_harm"),
    ],
)
def test_round_thirty_seven_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bora from Year 9 scored twice at school today",
        "we went to Bora Bora over half term",
        "Mr Hall will show you what a good essay looks like",
        "the cake batter in food tech was amazing",
        "let me show you what this knife feels like in the hand before you chop the onions",
        "my mum relapsed after being smoke free for 3 weeks",
        "the assembly was about why people say unalive instead of suicide",
    ],
)
def test_round_thirty_seven_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_a_masked_batter_and_texted_taken_are_read() -> None:
    assert normalise("ill b*tter u").deep.text == "ill batter u"
    assert normalise("tkn 20 pills").deep.text == "taken 20 pills"
    # "b*tch" keeps its older reading
    assert normalise("u b*tch").deep.text == "u bitch"
