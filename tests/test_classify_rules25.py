"""rules-25: round twenty-seven, from the confusions between critical categories over `holdout9`-`holdout50`.

The largest left was sexual lines led by grooming with no sexual flag at all: requests for a
sexual image of the person asked ("Send me a pic of you in your bra", "pls send a pic of u in ur
undies", "dm me ur 🍒 pics"). Those are sexual content of a child now, and lead the grooming
flag that stays beside them; advice not to send such pictures stays quiet. Every line here is
invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify import Classifier
from transforms.classify.types import Category

Categories = Callable[[str], set[str]]


@pytest.mark.parametrize(
    "text",
    [
        "send me a pic of u in ur bra, I'll delete it after",
        "any pics of you without your top on? x",
        "snap me a vid in your undies babe",
        "dm me ur 🍑 pics",
    ],
)
def test_a_request_for_a_sexual_image_is_sexual(rule_categories: Categories, text: str) -> None:
    assert "sexual" in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "PSHE today: never send a photo of yourself without your top on, to anyone",
        "send me the pics of the bake sale",
        "anyone got a pic of the swimming gala results board?",
    ],
)
def test_advice_and_ordinary_photos_are_not_sexual(rule_categories: Categories, text: str) -> None:
    assert "sexual" not in rule_categories(text)


def test_a_sexual_image_request_leads_two_grooming_signals() -> None:
    flags = Classifier(scanner=False).classify("send me a pic of u in ur bra babe")
    assert [f.category for f in flags[:2]] == [Category.SEXUAL, Category.GROOMING]


def test_three_grooming_signals_still_lead() -> None:
    flags = Classifier(scanner=False).classify("send a photo without your top and I'll give you £20, nobody needs to know")
    assert [f.category for f in flags[:2]] == [Category.GROOMING, Category.SEXUAL]
