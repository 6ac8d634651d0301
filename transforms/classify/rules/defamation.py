"""Defamation: a named person from the school (a roster name, a titled name like "Mr
Hart", the head) or the school itself, together with an allegation of wrongdoing: abuse
of children, theft, drunkenness, cheating, a cover-up, drugs, an affair with a pupil.

Insults without an allegation are abuse; criticism without an allegation is a complaint.
"""

from __future__ import annotations

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule

D = Category.DEFAMATION

ALLEGATION_WORDS = ["paedo", "paedophile", "pedo", "pedophile", "nonce", "groomer", "child abuser", "kiddy fiddler",
              "kiddie fiddler", "molester", "thief", "embezzler", "fraudster", "alcoholic", "alchy", "drunkard",
              "drug dealer", "cokehead", "crackhead", "druggie", "junkie", "racist", "sex offender", "predator"]
ALLEGATION = lx.alt(
    lx.words(ALLEGATION_WORDS),
    r"(?:abuses?|abused|abusing|hits?|hitting|slapped|slaps|touch(?:es|ed|ing)?|grabbed|grabs|groom(?:s|ed|ing)|fiddl(?:es|ed|ing))\s+(?:the\s+|little\s+|young\s+|some\s+)?(?:kids|children|pupils|students|girls|boys|a pupil|a student|a child|a girl|a boy|them|him|her|my (?:son|daughter|child|kid))",
    r"(?:stole|steals?|stealing|nicked|nicks|pocketed|pocketing|embezzl(?:ed|es|ing)|took|taking|fiddled|fiddling|skimming|skimmed)\s+(?:the\s+|from\s+the\s+|some\s+|our\s+)?(?:money|funds|cash|budget|donations|pta money|charity money|trip money|books|accounts|from (?:the|us|parents|pupils|the school))",
    r"(?:was|is|were|gets|got|turned up|turns up|came in|comes in|always|often|been)\s+(?:\w+\s+){0,2}(?:drunk|pissed|wasted|hammered|smashed|high|stoned|off (?:his|her|their) face|stinking of (?:booze|alcohol|drink))",
    r"(?:drinks?|drinking|drunk)\s+(?:on the job|at work|in school|in class|during lessons|before school|at lunch)",
    r"(?:smelled|smells|stinks|stank|reeks|reeked)\s+of\s+(?:alcohol|booze|drink|weed|cannabis|wine|beer|vodka)",
    r"(?:cheat(?:s|ed|ing)?|fiddl(?:es|ed|ing)|fak(?:e|ed|es|ing)|rigg(?:ed|ing)|doctor(?:ed|ing)|fix(?:ed|ing)|made up)\s+(?:the\s+|their\s+|our\s+|his\s+|her\s+)?(?:sats|gcse|exam|exams|results|grades|marks|coursework|scores|figures|ofsted|data|attendance figures|books|league tables?)",
    r"(?:cover(?:ed|s|ing)?[\s-]?up|covered\s+(?:it|this|that|everything)\s+up|hush(?:ed)?\s+(?:it|this)\s+up|swept\s+(?:it|this|under)|brushed\s+(?:it|this)\s+under|hid(?:e|es|ing)?\s+(?:the\s+)?(?:abuse|bullying|complaints?|evidence|truth|incident|it from))",
    r"(?:lied|lies|lying)\s+(?:to|about)\s+(?:parents|ofsted|the police|us|everyone|the governors|the inspectors)",
    r"(?:sleeping|slept|having an affair|had an affair|in a relationship|dating|shagging)\s+with\s+(?:a\s+|one of (?:the|his|her)\s+)?(?:pupil|student|sixth former|year \d+|girl in|boy in|kid)",
    r"(?:on|takes?|taking|does|doing|sells?|selling|deals?|dealing)\s+(?:drugs|coke|cocaine|weed|crack|ket)",
    r"(?:fraud|corrupt(?:ion)?|bribe(?:s|d|ry)?|backhander|sacked for|arrested for|under investigation for|been suspended for|got done for|criminal record)",
    r"(?:assaulted|beat|beats|beating|punched|kicked|threw a chair at)\s+(?:a\s+|the\s+)?(?:pupil|student|child|kid|boy|girl|my (?:son|daughter|child))",
)
GENERIC_STAFF = lx.alt(r"(?:the|a|that|this|our|one of the|his|her|my (?:son'?s|daughter'?s|kid'?s))\s+(?:teacher|head(?:\s?teacher)?|headmaster|headmistress|principal|deputy|deputy head|head of year|caretaker|ta|governor|coach|pe teacher|science teacher|maths teacher|form tutor|senco|chair of governors)")
NOT_ALLEGATION = r"(?:allegations? (?:were|was) (?:false|unfounded|dismissed)|cleared of|not guilty|safeguarding (?:training|policy|talk)|awareness|e-?safety (?:talk|lesson)|stranger danger|how to spot|warning signs|(?:report|reporting) (?:abuse|bullying)|anti-bullying)"

ALLEGATION_VERBS = (
    "abuse abuses abused abusing hit hits hitting slapped slaps touch touches touched touching grabbed grabs groom grooms "
    "groomed grooming fiddle fiddles fiddled fiddling stole steals steal stealing nicked nicks pocketed embezzled skimming "
    "skimmed money funds cash budget donations drunk pissed wasted hammered smashed high stoned face stinking drinks drinking "
    "smelled smells stinks stank reeks reeked cheat cheats cheated cheating sats gcse exam exams results grades marks "
    "coursework scores figures ofsted data attendance league cover covered covers covering hush hushed swept brushed hid hide "
    "hides hiding lied lies lying sleeping slept affair relationship dating shagging drugs coke cocaine weed crack ket fraud "
    "corrupt corruption bribe bribes bribed bribery backhander sacked arrested investigation suspended criminal assaulted "
    "punched kicked threw beat beats beating"
)
WHO_KEYS = lx.keys(
    "mr mrs ms mister dr sir madam mx miss head headteacher headmaster headmistress principal teacher deputy caretaker ta "
    "governor governors coach tutor senco chair school academy trust staff leadership slt high primary college"
)


def rules(names: Names) -> list[NearRule]:
    who = lx.B + lx.alt(lx.TITLE_NAME, lx.HEAD, GENERIC_STAFF, names.people, names.heads, names.schools,
                 r"(?:the|this|that)\s+(?:school|academy|trust|governors|staff|senior leadership|slt|leadership team)",
                 r"[a-z'-]+\s+(?:academy|school|college|primary|high)") + lx.E
    return [
        NearRule("defamation.person_allegation", D, ALLEGATION, who, 0.85,
             "an allegation of wrongdoing about a named person or the school", unless=NOT_ALLEGATION,
             keys=lx.keys(ALLEGATION_WORDS, ALLEGATION_VERBS), also=WHO_KEYS | names.keys),
    ]


__all__ = ["ALLEGATION", "rules"]
