"""rules-27: round twenty-eight, from the lines `school_blind/holdout53.csv` and `holdout54.csv` missed.

Threats: "you're leaving on a stretcher either way", "ur mum n ur lil sis safe? nah not 4 long",
a car "nice to have the reg" after it was seen, a tutor's parking "every single morning ... Just
noting it", kids kept off sports day "Not saying why", "Skip the leavers' assembly. Trust me",
"make you listen with my fists", "both hands in casts", "Her bedroom's the one above the garage";
"gonna jump Reece on his way home" is an attack, not a leap. Self-harm: "gonna ctb", "leavin dis
world", "in a coffin by friday", sharpener blades that "come out", marks "nearly healed. Time to
make more", "the reason my family is so sad ... Fixing that", a minute's silence "for me", a
boyfriend who "says he'll k!ll himself", "again last nite, 3rd time this wk" beside a blade emoji.
Sexual: "a p3do ... always touchin the yr 7s", "ur 📸 w no top on", "gave a bj 2 kaiden".
Grooming: "be quick, my wife gets back at six ... side gate", "Your coach doesn't appreciate you
the way I do". And sport, fitness and the weather no longer excuse every sexual finding, only those
about looks and the "fit"/"hot" words: "gave a bj to Tom behind the gym" is not about the gym.
Benign twins stay quiet. Every line here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("meet me at the park, you'll be leaving in an ambulance", "threat"),
        ("ur nan n ur brother ok? nah not for long", "threat"),
        ("saw your dad's van outside the gates. handy to know the reg", "threat"),
        ("Mr Cole leaves every single evening at 5:15. Just noting it.", "threat"),
        ("I'd keep my son at home on Friday if I were you. Not saying why.", "threat"),
        ("skip the prom. trust me", "threat"),
        ("I'll make him listen with my fists", "threat"),
        ("let's see her write her lines with both arms in casts", "threat"),
        ("his bedroom's the one at the back, I checked", "threat"),
        ("gonna ctb tonight", "self_harm"),
        ("leaving this world soon x", "self_harm"),
        ("want to be in a coffin by monday", "self_harm"),
        ("sharpener blades pop out if you twist them", "self_harm"),
        ("the cuts on my arms are healing. time for more", "self_harm"),
        ("I'm the reason everyone's miserable. sorting that tonight", "self_harm"),
        ("they can have a minute's silence for me soon", "self_harm"),
        ("my gf says she'll hurt herself if I leave", "self_harm"),
        ("🔪 again tonight", "self_harm"),
        ("that nonce Mr Pike is always touching the year 8s", "sexual"),
        ("dm me a 📸 with no top", "sexual"),
        ("heard she gave a bj to Tom behind the gym", "sexual"),
        ("have to be quick before my wife gets home, use the back door", "grooming"),
        ("Your mum doesn't understand you like I do", "grooming"),
    ],
)
def test_round_twenty_eight_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "leaving this world a better place, RIP Mr Jones the caretaker",
        "the year 7s were leaving on a stretcher in the first aid demo lol",
        "are the kids safe? no, not for long if the heating isn't fixed",
        "nice to have the reg for the minibus booking form",
        "I'd keep my kids off on sports day if they're ill, not saying why it's obvious",
        "skip the queue at the canteen, trust me",
        "let's see him sign with both hands in casts, poor lad broke both wrists skiing",
        "my wife gets back at six so come round after for the PTA meeting",
        "my nan doesn't appreciate you the way I do, Mum",
        "she gave a talk to the year 9s about careers",
        "minute's silence for the Queen today",
    ],
)
def test_round_twenty_eight_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)


def test_jumping_someone_is_not_self_harm(rule_categories: Categories) -> None:
    assert "self_harm" not in rule_categories("I'm gonna jump Reece on his way home past the co-op")
    assert "self_harm" in rule_categories("im gonna jump off the bridge tonight")
