"""rules-13: round sixteen, from the lines `school_blind/holdout27.csv` and `holdout28.csv` missed.

Vocabulary and evasions more than phrases, each with benign twins that must stay quiet: text
speak with its vowels dropped ("wil", "wen", "wana", "undr"), sex offered or asked for, nudes
put up to be rated, "thot" among the sexualised names, a rumour that someone "does stuff with
anyone", a weapon kept "in my blazer", "a body bag", "getting wetted"; and two misreadings
fixed: someone "going to kill himself" is self-harm reported, not a threat, and a blade from a
pencil sharpener is not a weapon carried. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("i wil k1ll u wen i c u", "i will kill u when i c u"),
        ("who wana s3x aftr skl", "who wanna sex after school"),
        ("wanna c wat u look like undr the uniform", "wanna c what u look like under the uniform"),
        ("the willow went past the water tower", "the willow went past the water tower"),  # whole words only
    ],
)
def test_vowel_dropped_text_speak_is_read_back(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("wanna sh@g? my house empty", "sexual"),
        ("who wana s3x aftr skl", "sexual"),
        ("f*ck buddy wanted, must go to Castlebrook, Year 10 or 11 only", "sexual"),
        ("rate my nudez pls 😇 no screenshots", "sexual"),
        ("Kira's such a h0e, she'll do stuff w anyone for a vape", "sexual"),
        ("Jess is a proper sl*g, ask the whole football team 🤭", "sexual"),
        ("th0tty Amber in 11C sells pix on her priv acc", "sexual"),
        ("K-N-I-F-E in my blazer since Tuesday. Try me.", "threat"),
        ("on my mum im puttin Dev in a b0dy bag", "threat"),
        ("no1 tell sir but sum1 is gettin wetted behind the MUGA on fri", "threat"),
        ("i wil k1ll u wen i c u", "threat"),
        ("Charlie in 11M keeps saying he's going to kill himself and nobody listens", "self_harm"),
    ],
)
def test_round_sixteen_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Charlie in 11M keeps saying he's going to kill himself and nobody listens",
        "Ella keeps taking the blade out of her pencil sharpener and going to the toilets",
    ],
)
def test_self_harm_told_by_a_friend_is_not_a_threat(rule_categories: Categories, text: str) -> None:
    assert "threat" not in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "wanna smash this exam tomorrow",
        "who wants to have sex education moved to year 8? asking for the PTA survey",
        "you wanna fuck with the timetable again? three supply teachers in one week",
        "why do some people only want to have sex in films, asked my son after media studies",
        "knife in my food tech bag for the practical, with a note from Mrs Oduya",
        "Year 9 Macbeth: the body bag prop is in the drama cupboard",
        "got wet at the bus stop, rain everywhere",
    ],
)
def test_round_sixteen_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
