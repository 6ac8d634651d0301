"""rules-21 and the sexual-beside-grooming ranking: round twenty-four.

Read from the tuning sets' confusions between critical categories (`holdout9`-`holdout44`), not
from one writer's misses. A request for a sexual image ("send a pic in ur bra 🥵") was flagged
as grooming first and sexual second: grooming is by definition an adult after a pupil, so a
sexual reading beside it is about a pupil and as critical as the grooming (DESIGN: sexual is
critical where pupils are involved); among two critical flags the surer one leads. And three
threats or goodbyes read as the other: "Someone is going to die at prom ... I'm going to make
sure it's Zack", "the bl@de's already in my blazer pocket, ask for me at break" (threats), "he's
going to slit his wrists tonight" (self-harm, reported, not a threat). Every line here is
invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify import Classifier
from transforms.classify.normalise import normalise
from transforms.classify.rules import RuleSet
from transforms.classify.types import Category, Severity

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Somebody's going to die at the leavers' ball and I'm gonna make sure it's Kyle", "threat"),
        ("the knife's already in my bag, come find me at lunch", "threat"),
        ("my friend said she's gonna slit her wrists after school, who do I call", "self_harm"),
    ],
)
def test_round_twenty_four_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "the knife's already in my bag for food tech, don't panic miss",
        "someone's gonna die of boredom in assembly and I'm going to make sure it's not me",
    ],
)
def test_round_twenty_four_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_a_wrist_slit_reported_of_a_friend_is_not_a_threat(rule_categories: Categories) -> None:
    assert "threat" not in rule_categories("Jay says he's going to slit his wrists tonight")


def test_sexual_content_beside_grooming_is_critical() -> None:
    # the rules alone: a sexual request with grooming signals gives both categories
    text = "send me a pic without ur top on babe, no one will see"
    hits = {h.category for h in RuleSet().find(normalise(text))}
    assert {Category.SEXUAL, Category.GROOMING} <= hits
    clf = Classifier(scanner=False)
    result = clf.classify(text)
    sexual = next(f for f in result if f.category is Category.SEXUAL)
    assert sexual.severity is Severity.CRITICAL


def test_a_sexual_image_request_leads_with_sexual_when_the_head_is_sure() -> None:
    # "s3nd p1cs babe 🍑📸": two grooming signals (0.9) and the school head sure it is sexual
    result = Classifier(scanner=False).classify("s3nd p1cs babe 🍑📸 nobody will see")
    assert [f.category for f in result[:2]] == [Category.SEXUAL, Category.GROOMING]


def test_grooming_without_sexual_content_still_leads() -> None:
    result = Classifier(scanner=False).classify("what school do u go to? dont tell ur mum we talk x")
    assert result and result[0].category is Category.GROOMING
