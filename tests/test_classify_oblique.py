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
        "I won't make it home before 6",
        "stuck at work, can someone grab Alfie from the gate",
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


# rules-3: harm promised without a harm verb (the injury, the hospital, the visit, the
# place with no cameras), each with school chatter that shares its words
@pytest.mark.parametrize(
    "text",
    [
        "whoever did this to my son is leaving in an ambulance",
        "one more comment and that'll send her to hospital",
        "pay up by friday or you'll be going to hospital",
        "anyone who laughs at my son is going home without teeth",
        "I'd keep looking over your shoulder at the match on Saturday",
        "I will find you before the police do",
        "this place deserves another Dunblane",
        "somebody should set the staff room alight",
        "someone should spike her coffee with something",
        "your address is going up on here tonight",
        "I'd sort him out where there are no cameras",
        "one of these days a parent is going to walk in and make you pay for it",
        "me and the lads will sort him",
        "my brothers are very keen to meet you",
        "the liar is going to find their car on bricks",
        "let's see how you like visitors",
        "I know where she parks",
    ],
)
def test_veiled_threats_without_a_harm_verb(clf: Classifier, text: str) -> None:
    assert "threat" in cats(clf, text)


@pytest.mark.parametrize(
    "text",
    [
        "my son went to hospital after the rugby match, he's fine now",
        "the school will get a visit from Ofsted next week",
        "they'll get a visit from Santa at the Christmas fair",
        "my daughter is going around without her front teeth, so cute",
        "the canteen makes you pay for it upfront now",
        "we know where the minibus parks for the trip",
    ],
)
def test_veiled_threat_look_alikes(clf: Classifier, text: str) -> None:
    # the rules' say (the model alone still reads "a visit from Ofsted" as a threat)
    reasons = [r for f in clf.classify(text) if f.category.value == "threat" for r in f.reasons]
    assert [r for r in reasons if not r.startswith("model")] == []
