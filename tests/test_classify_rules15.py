"""rules-15: round eighteen, from the lines `school_blind/holdout31.csv` and `holdout32.csv` missed.

More text speak read back ("evry1", "mve", "pr1v8", "del8", "changin rm", "pix", "2 b", "0d"),
never inside a leetspeak word ("self-h@rm" is not "h@" and "rm"). New findings: a sexualised name
given as an award or with a rumour ("been with every1", "at it again"), now critical like the
names beside a form; "fills out her blazer", pictures asked for "with no top on", pictures of
pupils in the changing room; "the hottest teacher"; "make X bleed", "beat the shit outta",
"identifying you by your trainers", a 'sick day' booked for the children as a friendly heads-up;
"the pain on the outside match the inside", "low key want 2 b dead", "gonna 0d", the roof "always
open" if you hate it here; "send 1 pic", "got ur uniform on? send pic", a child singled out in a
team photo and her username asked. Benign twins stay quiet: a team that will "smash Year 10 in
the house final", a teacher who "will kill you" if you forget your kit, "going to die if they
cancel prom", "dying at the prank video", "stop sending me 'kms'", "on fire this season 🔥🔥",
"hot chocolate Friday 🔥🔥". And praise is not a complaint: the main model's complaint flag stands
down where a text praises and criticises nothing. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from schoolwatch.core.categories import Category
from transforms.classify import Classifier
from transforms.classify.model import TextModel, _bucket
from transforms.classify.normalise import normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("k!ll evry1 in 9C", "kill every1 in 9c"),
        ("mve 2 snap its more pr1v8", "move 2 snap its more private"),
        ("il del8 it after", "il delete it after"),
        ("pix in da changin rm", "pics in da changing room"),
        ("lowkey w4nt 2 b gone", "lowkey want to be gone"),
        ("gonna 0d", "gonna od"),
        ("self-h@rm check again", "self-harm check again"),  # not "h@" + "rm"
        ("l8r!", "later!"),
    ],
)
def test_round_eighteen_normalisation(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Jodie's a sl*g, been with every1 in year 10", "sexual"),
        ("sl*g of the week award goes 2 Macy", "sexual"),
        ("sk*nk Danielle at it again", "sexual"),
        ("Mr Oldham said she 'fills out her uniform nicely these days'", "sexual"),
        ("send pics with no shirt on, go on", "sexual"),
        ("anyone got pix of the yr 9 girls in da changin rm", "sexual"),
        ("Miss Carver is the fittest teacher in the school, not even close", "sexual"),
        ("gonna m4k3 Tyler bleed at the bus stop", "threat"),
        ("ima beat the sh1t outta Reece after footy", "threat"),
        ("his nan will be identifying him by his trainers", "threat"),
        ("might want to keep your kids at home on Friday. just a friendly heads up", "threat"),
        ("k!ll evry1 in 9C, not even joking", "threat"),
        ("making the pain on the outside match the pain inside again", "self_harm"),
        ("lowkey w4nt 2 b dead tbh", "self_harm"),
        ("gonna 0d 2nite, sorry", "self_harm"),
        ("if u hate it here so much the bridge on Mill Lane is always there", "self_harm"),
        ("send 1 pic, just for me, ill del8 it after", "grooming"),
        ("got ur pe kit on? send pic 😇", "grooming"),
        ("mve 2 wh4tsapp, its more pr1v8 x", "grooming"),
        ("Great team photo! The girl second from the right, what's her insta?", "grooming"),
    ],
)
def test_round_eighteen_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our netball team is going to smash Year 11 in the house final on Friday 💪",
        "Bring your PE kit tomorrow or Mr Dunmore will kill you lol",
        "Mrs Sato is going to murder us if we don't finish the posters 😂",
        "I will actually die if they cancel the leavers' trip",
        "i'm dying at the Year 11 prank video",
        "stop sending me 'kms' every time there's a spelling test, you lot are so dramatic",
        "Under 14s are on fire this season 🔥🔥",
        "Hot chocolate and cookies in the library on Friday 🔥🔥",
        "Self-harm awareness: spotting the signs, a module for all staff on the INSET day",
        "is room 12 free? rm 14 is locked",
    ],
)
def test_round_eighteen_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def _complaint_model() -> TextModel:
    """A main model for which 'handled' means a complaint; no school head."""
    n = 1024
    classes = ("complaint", "none")
    coef = np.zeros((2, n), dtype=np.float32)
    coef[0, _bucket("handled", n)] = 40.0
    coef[1, _bucket("handled", n)] = -40.0
    return TextModel(
        version="lr-test", classes=classes, coef=coef, intercept=np.array([-4.0, 2.0], dtype=np.float32), link="ovr",
        platt=(1.0, 0.0), threshold=0.5, n_features=n, ngram_max=2, meta={}, school=None,
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Really impressed with how the school handled the flooding, thank you", False),
        ("Not impressed with how the school handled the flooding", True),
        ("how the school handled the flooding last week", True),
        ("Impressed with how it was handled, but why no text to parents?", True),
    ],
)
def test_praise_is_not_a_complaint(text: str, flagged: bool) -> None:
    flags = Classifier(model=_complaint_model()).classify(text)
    assert (Category.COMPLAINT in {f.category for f in flags}) is flagged
