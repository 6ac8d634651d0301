"""rules-7: the words a notice quotes, and a parent's everyday exasperation.

A pastoral-team notice about "phrases like 'I don't want to be here'", a Samaritans
assembly on what to say "if a friend says 'I can't do this any more'", a reminder to report
anyone "saying 'I know where you live'": each quotes the words it warns about. So does a
parent's "I'm gonna kill my son, he's left his PE kit at home again". Found as false alarms
among the hard benign long posts of `school_train/long_v.csv`; each line here is invented,
and each has its threatening or disclosing twin that must still flag.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    "text",
    [
        "Pastoral team reminder: the self-harm awareness evening covers warning signs and phrases like \"I don't want to be here\".",
        "Great assembly from the Samaritans on what to do if a friend says 'I can't do this any more'.",
        "Please report anyone who messages your child saying 'I know where you live' to our safeguarding lead.",
        "At the revision evening the teacher said 'if you don't answer the question, you're dead' (in the exam!)",
        "Thank you all for the cards after my husband's death in March, the kids are back at school now.",
        "I'm gonna kill my son, he's forgotten his lunchbox again and I've had to drive it in.",
        "Watch your back on the science corridor, the floors are slippery after the cleaners.",
        "Thought I was going to have a heart attack. She scored the winning penalty!",
    ],
)
def test_quoted_warnings_and_exasperation_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I can't do this any more. I don't want to be here.", "self_harm"),
        ("called the samaritans last night, I don't want to be here anymore", "self_harm"),
        ("\"I know where you live\" Mr Hill, just saying", "threat"),
        ("watch your back Mr Hill", "threat"),
        ("I'm going to kill my son's PE teacher when I see him", "threat"),
        ("I'm going to attack her after school", "threat"),
        # a report of what one pupil said is not a notice, though it quotes her and names the pastoral lead
        ("Has anyone got the pastoral lead's number? Maya posted 'thanks for everything, love you all' and now her phone is off",
         "self_harm"),
    ],
)
def test_the_same_words_said_in_earnest_still_flag(rule_categories: Categories, text: str, category: str) -> None:
    assert category in (rule_categories(text) & CRITICAL)
