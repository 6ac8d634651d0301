"""rules-37: three rule false alarms on public davidson dev lines, said in other words.

Eyebrow slits are a haircut, a knife that cleans fingernails or opens a parcel is a tool, and
"feel like death (warmed up)" is being ill; the same words aimed at a person, or next to a wish
to die, still count. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    "text",
    [
        "gonna slit my eyebrows at the barbers saturday",
        "opened the parcel with a knife and it was the wrong hoodie",
        "peeled an orange with a knife at my nan's like a caveman",
        "day 3 of flu and I still feel like death warmed up",
    ],
)
def test_tools_haircuts_and_flu_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("gonna slit his throat after school", "threat"),
        ("bringing a knife with me tomorrow for Connor", "threat"),
        ("i feel like death and i just want to end it", "self_harm"),
    ],
)
def test_the_same_words_aimed_at_someone_still_count(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)
