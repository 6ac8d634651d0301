"""rules-6: grooming told by someone else.

A parent writing "a man keeps messaging my son on Snapchat and told him not to tell us" is
reporting grooming, and the safeguarding lead needs that post as much as the messages
themselves. The grooming signals were all in the second person ("don't tell your mum");
these are the same signals reported. Lines invented here; each has look-alikes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]


@pytest.mark.parametrize(
    "text",
    [
        "A man from the youth club keeps messaging my son on Snapchat, told him not to tell us and offered to buy him trainers",
        "someone at the rec keeps asking my daughter what school she goes to and told her to keep it a secret from me",
        "the tutor told my daughter to delete their messages and not tell anyone",
        "a lad offered my son £40 to meet him behind the leisure centre and said not to tell his mum",
        "a grown man on Roblox sends my 11 year old robux and asked him never to tell us",
        "he has been messaging her on Instagram and wants to pick her up after school",
    ],
)
def test_a_report_of_grooming_is_grooming(rule_categories: Categories, text: str) -> None:
    assert "grooming" in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can the parent who offered my daughter a lift to the cross-country please DM me? Lost your number.",
        "the coach keeps messaging my son on WhatsApp about training, asked him to meet at the field at 9",
        "my daughter's friend told her not to tell anyone about the surprise party, keeps messaging her about it",
        "we said not to tell anyone until the results are out, and to meet them after school at the gate",
        "grandad sends her money every birthday",
        "Mrs Lee asked my son what year he is in at the open evening, lovely teacher",
    ],
)
def test_ordinary_reports_of_adults_and_children_stay_quiet(rule_categories: Categories, text: str) -> None:
    assert "grooming" not in rule_categories(text)
