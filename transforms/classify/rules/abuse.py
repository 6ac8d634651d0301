"""Abuse: insults, harassment and obscenity aimed at people.

Strong obscenities aimed at someone are flagged on their own; milder insults ("stupid",
"ugly") only when aimed at a person ("you're so s.t.u.p.i.d", "Mr X is useless and fat"),
so "stupid homework" and "this weather is disgusting" stay out.
"""

from __future__ import annotations

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule, Rule, either_order

A = Category.ABUSE

STRONG_WORDS = [
    "cunt", "cunts", "twat", "twats", "wanker", "wankers", "whore", "whores", "slut", "sluts", "slag",
    "slags", "bitch", "bitches", "motherfucker", "motherfuckers", "dickhead", "dickheads", "bellend",
    "bellends", "knobhead", "knobheads", "prick", "pricks", "arsehole", "arseholes", "asshole",
    "assholes", "tosser", "tossers", "skank", "skanks", "hoe", "hoes", "scumbag", "scumbags", "shithead",
    "fuckface", "fucker", "fuckers", "cocksucker", "douchebag", "piece of shit", "pos", "jackass",
    "dumbass", "dumbfuck", "fucktard", "munter", "minger", "slapper", "bastard", "bastards", "nonce",
]
STRONG = lx.words(STRONG_WORDS, masked=True)
AT_YOU = lx.alt(
    # the whole word after the verb: "screw up the exam", "shut up year 7", "fuck yes" aim at no one
    rf"(?:fuck|f\*+k|f\*+|screw|stfu|shut up)\s+(?:off\s+)?{lx.alt(lx.YOU, r'him', r'her', r'them', r'off', r'ur mum', r'your mum', lx.TITLE_NAME)}{lx.E}",
    r"(?:fuck|f\*+k|f\*+)\s+(?:your|ur)\s+[a-z]+",
    r"(?:fuck|f\*+k|f\*+|screw)\s+(?:yourself|yourselves|urself|ur self|your self)",
    r"shut\s+(?:the|da|tha)\s+(?:fuck|f\*+k|f\*+|hell)\s+up",
    r"stfu", r"gtfo", r"(?:no\s*(?:one|body)|nobody)\s+(?:likes|wants|cares about|loves)\s+(?:you|u|her|him)",
    r"(?:every\s*(?:one|body|1))\s+(?:hates|laughs at)\s+(?:you|u|her|him)", r"(?:go|jog)\s+(?:and\s+)?(?:cry|do one|get lost)",
    r"(?:you|u)(?:'re| are|re| r)?\s+(?:a\s+|an\s+|such\s+a\s+|so\s+)?(?:waste of (?:space|oxygen|air)|worthless|pathetic|disgusting|vile|a joke|a nobody|nothing)",
)
INSULT_WORDS = [
    "idiot", "idiots", "stupid", "moron", "morons", "loser", "losers", "ugly", "fat", "fatty", "fatso",
    "dumb", "thick", "pathetic", "useless", "worthless", "freak", "freaks", "weirdo", "weirdos", "creep", "embarrassment",
    "creepy", "psycho", "scum", "trash", "clown", "clowns", "pig", "pigs", "cow",
    "rat", "snake", "nerd", "loner", "geek", "virgin", "incel", "simp", "div", "numpty", "muppet", "plank",
    "melt", "wasteman", "waste of space", "gremlin", "goblin", "troll", "donkey", "manwhore", "attention seeker",
    "smelly", "stinks", "stink", "hideous", "disgusting", "vile",
    "incompetent", "clueless", "beached whale", "crackhead", "druggie", "tramp", "chav", "gobshite",
]
INSULT = lx.words(INSULT_WORDS, masked=True)


NOT_INSULT = (
    r"(?:not|n't|never|no one is|nobody is)\s+(?:a\s+|an\s+|so\s+)?(?:idiot|stupid|ugly|fat|dumb|loser)"
    r"|(?:stupid|dumb|silly)\s+(?:question|mistake)"
    r"|(?:this|the|that)\s+(?:homework|weather|game|rule|exam|test|question|app|traffic)\s+is"
)
INSULT_KEYS = lx.keys(INSULT_WORDS, "MASK")


def rules(names: Names) -> list[Rule | NearRule]:
    person = lx.B + lx.alt(lx.TITLE_NAME, lx.STAFF, lx.PRON3, names.people, r"(?:that|this|the)\s+(?:kid|girl|boy|lad|woman|man|teacher|guy|bloke|idiot)", lx.EVERYONE) + lx.E
    you_are = lx.B + lx.alt(r"(?:you|u)(?:'?re|re| are| r| is)?", r"ur", r"(?:he|she|they)(?:'?s|'re| is| are)") + lx.E
    return [
        Rule("abuse.strong_obscenity", A, STRONG, 0.8, "an obscene insult", keys=lx.keys(STRONG_WORDS, "MASK"),
             unless=r"(?:mother's day|bitch(?:ing)? about (?:the weather|homework))"),
        Rule("abuse.aimed", A, AT_YOU, 0.8, "abuse aimed at someone", keys=lx.keys("fuck fucking screw stfu shut gtfo nobody noone hates laughs cry waste worthless pathetic disgusting vile nobody MASK")),
        NearRule("abuse.insult_you", A, you_are, INSULT, 0.75, "an insult aimed at a person",
                 max_words=2, ordered=True, unless=NOT_INSULT, keys=INSULT_KEYS),
        NearRule("abuse.insult_person", A, person + r"\s+(?:is|are|was|'s|s)" + lx.E, INSULT, 0.75, "an insult aimed at a person",
                 max_words=2, ordered=True, unless=NOT_INSULT, keys=INSULT_KEYS),
        Rule("abuse.fat_cow", A,
             either_order(lx.alt(person, lx.B + lx.YOU + lx.E), r"(?:fat|ugly|smelly|stupid|thick)\s+(?:cow|pig|bitch|slag|idiot|loser|freak|bastard|prick|twat|mess|rat|dog|clown|git|lump)", lx.GAP),
             0.75, "an insult aimed at a person", keys=lx.keys("fat ugly smelly stupid thick"), unless=NOT_INSULT),
    ]


__all__ = ["INSULT", "rules"]
