"""rules-14: round seventeen, from the lines `school_blind/holdout29.csv` and `holdout30.csv` missed.

A spelling closed by a dot ("k.i.l.l. Mr ...") is read whole, ordinals are numbers ("4th"),
and a few more text-speak words are read back ("cuttin agen", "slvt", "fone"). New findings:
a member of staff named as the one to kill, a head "caved in", "beat tf out of", a shooting
announced for "fri", a friendly tip to stay away from an event; blade emoji with a broken heart
or "nobody knows", a "barcode" on one's arm, a friend "cutting again" or "taking all his
tablets"; oral sex told as a rumour, two people said to have had sex, porn on the school bus,
images held over someone ("would be a shame if it got out"); a child's bus times known, who
collects them, what a parent does for work, "once everyone's asleep", "people can see, check
your requests", a gift that is owed a picture. Benign twins stay quiet: "the concert was the
bomb 💣🔥", "how fire the canteen wraps are 🔥🔥", "murder a McDonald's", "I'd rather die than do
another bleep test", "going to die in the test", a first-aid module on spotting self-harm, a
henna "barcode", "give your head a wobble". Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from schoolwatch.core.categories import Category
from transforms.classify import Classifier
from transforms.classify.combine import HEAD_BESIDE_RULE
from transforms.classify.model import SchoolHead, TextModel, _bucket
from transforms.classify.normalise import model_text, normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("k.i.l.l. Mr Oakes. simple", "kill mr oakes. simple"),
        ("s.l.a.g. Maisie from 8T", "slag maisie from 8t"),
        ("the 4th time this week, 1st and 3rd too", "the 4th time this week, 1st and 3rd too"),
        ("my m8 is cuttin agen", "my mate is cutting again"),
        ("slvt list on his fone", "slut list on his phone"),
        ("s.t.u.p.i.d. idea", "stupid idea"),
    ],
)
def test_round_seventeen_normalisation(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("k.i.l.l. Mrs Pargeter. that's the whole plan", "threat"),
        ("who wants to watch me sh\u200bank Dylan at break", "threat"),
        ("that girl Romy is gettin her f***ing face kicked in at home time", "threat"),
        ("gna b3at tf out of Kayden aftr skl", "threat"),
        ("sh00t1ng at sch00l thurs. u been told", "threat"),
        ("If I were you I wouldn't come to sports day. Just a friendly tip.", "threat"),
        ("🔪🩸💔 same again tonight", "self_harm"),
        ("🩸🔪 2nd time this week. nobody knows", "self_harm"),
        ("new barcode on my wrist lol, fresh", "self_harm"),
        ("my mate Evie is cuttin agen and made me promise not to say", "self_harm"),
        ("someone check on Theo, he said he's taken all his mum's tablets", "self_harm"),
        ("Leah gave him h3ad behind the sports hall 😂", "sexual"),
        ("Marcus sucked off 2 yr 11s at the party apparently", "sexual"),
        ("Tash n mr Whitlow have defo shagged", "sexual"),
        ("p*rn on his ipad in maths again, that kid from 8R", "sexual"),
        ("still got what she sent me in year 9 😈 would be a shame if it went round", "sexual"),
        ("send me n*des or ur pics go round the whole year", "sexual"),
        ("slvt list 4 yr 8 is out, ur top Shanice", "sexual"),
        ("s.l.a.g. Maisie from 8T", "sexual"),
        ("i kno ur bus gets in at 7:50, ill b waitin by the shops x", "grooming"),
        ("What does your mum do for work? Is she out a lot after school?", "grooming"),
        ("who's picking you up tonight? I'll be in the area anyway", "grooming"),
        ("here's my snap, message me once everyone's asleep", "grooming"),
        ("stop commenting on the post, people can see this. check your requests", "grooming"),
        ("sent u some robux 🎮 so u owe me a selfie now", "grooming"),
    ],
)
def test_round_seventeen_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Year 8 panto was the bomb 💣🔥 so proud",
        "how fire were the new pasta pots in the canteen today 🔥🔥",
        "Honestly could murder a Domino's after that cross country",
        "I'd rather die than do another bleep test",
        "I'm going to die in the test tomorrow, I haven't revised a thing",
        "Just finished a safeguarding module on spotting self-harm in teenagers, really worthwhile",
        "My arms look like a barcode from all the henna at the Mela",
        "give your head a wobble, the match is Saturday not Sunday",
        "Kill Mr Price with kindness, he's had a rough week",
        "Lost my maths book, whoever has it, I'm dead in the test without it",
        "She gave me a head start in the relay and I still lost",
        "Fenton and Gill were banging on about the car park again",
        "If I were you I'd come to sports day, the weather looks lovely",
        "what does your dad do for work? careers day needs speakers, thanks!",
    ],
)
def test_round_seventeen_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


N = 1024


def _head_model(gates: float) -> TextModel:
    """A main model that sees nothing, and a school head for which 'gates' means threat."""
    classes = ("abuse", "none", "threat")
    head_coef = np.zeros((3, N), dtype=np.float32)
    head_coef[2, _bucket("gates", N)] = gates
    head = SchoolHead(classes, head_coef, np.array([-4.0, -1.0, -2.0], dtype=np.float32), critical_threshold=0.3, veto=None)
    return TextModel(
        version="lr-test", classes=classes, coef=np.zeros((3, N), dtype=np.float32),
        intercept=np.array([-4.0, 4.0, -4.0], dtype=np.float32), link="ovr", platt=(1.0, 0.0), threshold=0.9,
        n_features=N, ngram_max=2, meta={}, school=head,
    )


@pytest.mark.parametrize(("gates", "both"), [(4.0, False), (12.0, True)])
def test_a_weak_head_reading_does_not_stand_beside_a_rules_critical_finding(gates: float, both: bool) -> None:
    text = "she gave me head at the gates"  # sexual to a rule; threat to the head
    model = _head_model(gates)
    p = model.score([model_text(normalise(text))]).school_probs[0][2]  # type: ignore[index]
    assert 0.3 <= p and bool(p >= HEAD_BESIDE_RULE) == both  # the premise: the head flags threat, weakly or firmly
    cats = [f.category for f in Classifier(model=model).classify(text)]
    assert cats[0] is Category.SEXUAL or both
    assert (Category.THREAT in cats) is both
    # with no rule's finding beside it, the weak reading flags on its own
    assert [f.category for f in Classifier(model=model).classify("see you at the gates")] == [Category.THREAT]
