"""rules-33: round thirty-four, from the lines `school_blind/holdout76.csv` and `holdout77.csv` missed.

Threats: "last day tomorrow, not just for me", the quiet kid "quiet long enough", "last time someone
did that they ended up needing ...", a daughter's bus stop and time "just checking", a hall on fire
so that they'd listen, "how many of them ... I've got enough for all of them", "if u wanna liv".
Self-harm: "i sh'd 3 times this week", "when I'm dead they'll finally feel bad", a friend who said
she's going to take her own life. Sexual: money offered for a pupil's private album, "stuff ... of
<name> and his girlfriend you can't unsee", "shaggin in the practice rooms", "send me the one you
sent <name> ... camera roll". Grooming: "switch 2 whatsapp bbz". Benign twins stay quiet: a brother
who eats the leftovers, a PSHE lesson on the law on sharing nudes. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("last day on friday. not just for me", "threat"),
        ("the quiet boy's been quiet for too long. monday.", "threat"),
        ("last time someone said that about my mum they ended up in a&e", "threat"),
        ("ur son walks past the Spar at 3:40 doesn't he? just saying", "threat"),
        ("if the sports hall was on fire they might finally listen to me", "threat"),
        ("worked out how many of them are in my set. I've got enough for every1", "threat"),
        ("dont come in friday if u want 2 liv", "threat"),
        ("i s/h'd again last night", "self_harm"),
        ("when I'm gone everyone will finally realise what they did", "self_harm"),
        ("Maya told me she's gonna end her life if he posts it", "self_harm"),
        ("I'll give u £10 for what's in Chloe's secret folder", "sexual"),
        ("there's pics of Liam and his gf in the group you can't unsee", "sexual"),
        ("two year 11s banging in the changing rooms again", "sexual"),
        ("send me the pic you sent Aaron, I know it's in your gallery", "sexual"),
        ("move to snapchat babe, easier to talk there", "grooming"),
    ],
)
def test_round_thirty_four_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to murder my sister if she takes my charger one more time 😂",
        "PSHE covered consent and the law on sharing nudes this week, really useful",
        "Last day of term tomorrow, not just for me but for the whole of Year 13!",
        "Can you send me the one you sent Mrs Okafor? The trip form, I lost mine",
        "Your son gets off the bus at 3:40, right? I'll meet him at the stop with mine as agreed",
        "If the hall was on fire at least it'd be warm in assembly lol",
        "Move to WhatsApp hun, easier for the PTA than Facebook",
    ],
)
def test_round_thirty_four_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
