"""Extremism: praise or support for terrorists and extremist movements, and their slogans.

Naming a movement is not support: a history lesson about the Nazis or a news report on
a trial mentions them without praise. A flag needs a slogan, or a group named together
with praise, support or a call to join.
"""

from __future__ import annotations

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule, Rule

X = Category.EXTREMISM

GROUPS_WORDS = [
    "isis", "isil", "daesh", "islamic state", "al qaeda", "al-qaeda", "alqaeda", "taliban", "hamas",
    "national action", "combat 18", "atomwaffen", "sonnenkrieg", "patriotic alternative",
    "hitler", "nazis", "nazi", "the third reich", "kkk", "ku klux klan", "breivik", "tarrant",
    "bin laden", "jihadi john", "the caliphate", "mujahideen", "jihad", "jihadis", "white nationalism",
    "the great replacement", "anders breivik", "brenton tarrant", "elliot rodger", "incel",
]
GROUPS = lx.words(GROUPS_WORDS)
PRAISE = lx.alt(
    r"(?:was|is|were|are)\s+(?:right|a hero|heroes|a legend|legends|based|a genius|correct)",
    r"did\s+nothing\s+wrong", r"(?:long\s+live|glory\s+to|hail|praise|support|supporting|join|joining|joined|love|respect)",
    r"(?:we|i)\s+need\s+(?:more|another)", r"should\s+(?:have|'ve)\s+finished\s+the\s+job", r"had\s+the\s+right\s+idea",
    r"(?:my|our)\s+(?:hero|idol|king)", r"(?:hero|legend|martyr|saint)",
)
SLOGANS = lx.alt(
    lx.words(["sieg heil", "heil hitler", "white power", "1488", "14 88", "14 words", "race war now",
              "rahowa", "gas the jews", "death to the infidels", "death to infidels", "kill the kuffar",
              "saint tarrant", "subscribe to pewdiepie"]),
    r"(?:the\s+)?holocaust\s+(?:never\s+happened|was\s+(?:a\s+)?(?:hoax|lie|fake|exaggerated)|didn'?t\s+happen)",
    r"(?:join|support)\s+(?:the\s+)?(?:jihad|caliphate|isis|daesh|national action|race war)",
    r"(?:start|starting|begin)\s+(?:a|the)\s+race\s+war",
)
EDUCATIONAL = r"(?:history|lesson|learn(?:ing|t|ed)?|museum|memorial|remembrance|documentary|essay|homework|trip to|visit(?:ed)? (?:auschwitz|the)|anne frank|survivor|ww2|world war|gcse|a-level|revision|teach(?:ing|es)? about|prevent (?:training|duty)|awareness|news|report|court|trial|jailed|sentenced|convicted)"


def rules(names: Names) -> list[Rule | NearRule]:
    return [
        Rule("extremism.slogan", X, SLOGANS, 0.9, "extremist slogan or denial", keys=lx.keys("sieg heil white 1488 14 race rahowa gas death kill saint holocaust join support start starting begin subscribe"),
             unless=r"(?:history|lesson|museum|memorial|remembrance|documentary|essay|teach(?:ing|es)? about|prevent (?:training|duty)|awareness)\s+(?:about|on|of)\s+(?:propaganda|slogans|denial)"),
        NearRule("extremism.praise", X, GROUPS, lx.B + PRAISE + lx.E, 0.85,
             "praise or support for an extremist group or figure", max_words=3, unless=EDUCATIONAL, keys=lx.keys(GROUPS_WORDS)),
    ]


__all__ = ["rules"]
