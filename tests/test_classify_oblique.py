"""Oblique critical content (added in rules-2): veiled threats, hidden self-harm, sexual remarks
without explicit words, grooming by two quiet signals; and the school chatter that shares
their words but must stay quiet. Lines are invented and differ from the holdout sets."""

from __future__ import annotations

import pytest

from transforms.classify import Classifier


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def cats(clf: Classifier, text: str) -> set[str]:
    return {f.category.value for f in clf.classify(text)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Mrs Achebe won't make it home on Friday", "threat"),
        ("shame if something happened to the deputy's kids", "threat"),
        ("someone will have his tyres slashed by Monday", "threat"),
        ("I'll burn this dump to the ground if they exclude her", "threat"),
        ("Mr Lowry should sleep with one eye open", "threat"),
        ("stay home tomorrow if you're smart, it's going down at break", "threat"),
        ("long sleeves all week so nobody sees", "self_harm"),
        ("how many tablets would it take", "self_harm"),
        ("been giving my games away, won't need them soon", "self_harm"),
        ("go jump off the sports hall roof", "self_harm"),
        ("the year 8 girls are gagging for it", "sexual"),
        ("there should be a hidden camera in the girls' changing rooms", "sexual"),
        ("I'd let Miss Rowe do whatever she wanted", "sexual"),
        ("send me a selfie of you in your PE kit", "grooming"),
        ("don't mention it to your dad, message me privately", "grooming"),
        ("what time does your dad get back from work", "grooming"),
        ("you're only 12 but you're special to me", "grooming"),
    ],
)
def test_oblique_critical_content_is_flagged(clf: Classifier, text: str, category: str) -> None:
    assert category in cats(clf, text)


@pytest.mark.parametrize(
    "text",
    [
        "I won't make it home before 6, can someone collect Zara?",
        "you'll regret it if you miss the Christmas fair",
        "I'll be waiting outside the gates at 3 for pickup as usual",
        "please send a pic of your uniform receipt to the office",
        "Our Year 11 girls are fit and ready for the county final",
        "he'll be in a wheelchair for six weeks after the rugby injury, please be kind",
        "last post before the holidays, thanks everyone!",
        "I want out of this WhatsApp group",
        "can't see a way out of the car park at pickup",
        "Mrs Hale bent over backwards to help us",
        "self-harm awareness training for staff is on Thursday",
    ],
)
def test_school_chatter_with_the_same_words_stays_quiet(clf: Classifier, text: str) -> None:
    assert cats(clf, text) & {"threat", "self_harm", "sexual", "grooming"} == set()
