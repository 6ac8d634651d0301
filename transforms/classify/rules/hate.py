"""Hate: abuse aimed at a protected characteristic (race, religion, sexuality, gender
identity, disability, sex), and dehumanising talk about such a group.

Slurs are matched with masking and leetspeak undone; a group named together with
dehumanising words or a call to remove them is a flag. A history lesson ("the Nazis
murdered six million Jews") names a group and a crime but dehumanises no one.
"""

from __future__ import annotations

import re

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule, Rule, near

H = Category.HATE

SLURS_WORDS = [
    "nigger", "niggers", "nigga", "niggas", "nigg", "negro", "coon", "coons", "paki", "pakis", "chink",
    "chinks", "gook", "spic", "spics", "wog", "wogs", "kike", "kikes", "raghead", "ragheads", "towelhead",
    "sandnigger", "jigaboo", "porch monkey", "golliwog", "gyppo", "pikey", "pikeys", "tinker", "wetback",
    "faggot", "faggots", "fag", "fags", "dyke", "dykes", "batty boy", "battyman", "poof", "poofter",
    "tranny", "trannies", "shemale", "retard", "retards", "retarded", "spaz", "spazz", "spastic", "mong",
    "mongoloid", "window licker", "cripple", "muzzie", "muzzies", "mudslime", "yid", "yids", "zionazi",
    "bitch ass nigga", "nonce muslims", "kaffir",
]
SLURS = lx.words(SLURS_WORDS, masked=5)  # "f***" is not a slur; "f****t" is
GROUP_WORDS = [
    "muslims", "muslim", "jews", "jew", "jewish people", "blacks", "black people", "whites", "asians",
    "chinese", "immigrants", "migrants", "refugees", "asylum seekers", "foreigners", "gays", "gay people",
    "lesbians", "trans people", "trans", "transgender", "gypsies", "travellers", "roma", "pakistanis",
    "indians", "africans", "arabs", "mexicans", "poles", "polish", "romanians", "disabled", "disabled people",
    "women", "girls", "feminists", "hindus", "sikhs", "christians", "catholics", "albanians", "eastern europeans",
]
GROUP = lx.words(GROUP_WORDS)
DEHUMANISE = lx.alt(
    r"(?:are|r|is|=)\s+(?:all\s+)?(?:just\s+)?(?:animals|vermin|rats|cockroaches|parasites|scum|filth|disgusting|subhuman|savages|terrorists|rapists|criminals|a disease|a plague|a virus|inferior|dirty|evil|trash|rubbish|pigs|monkeys|apes|dogs|not human|mentally ill|groomers|paedos|pedos|nonces)",
    r"(?:should|need to|must|deserve to|ought to)\s+(?:all\s+)?(?:be\s+)?(?:die|deported|gassed|shot|killed|burned|exterminated|wiped out|banned|sent back|go back|locked up|hanged|hung)",
)
CALLS = lx.alt(
    r"go\s+back\s+to\s+(?:your|ur|where)\s+(?:own\s+)?(?:country|you came from|jungle|desert)",
    r"(?:go\s+|goes\s+|send\s+(?:\w+\s+)?|sent\s+(?:\w+\s+)?)back\s+(?:to\s+)?(?:[a-z]+\s+){0,2}(?:where\s+(?:you|u|he|she|they)\s+(?:belongs?|came from|come from|comes from)|(?:your|ur|his|her|their)\s+(?:own\s+)?country|africa|pakistan|india|poland|romania|china|bangladesh|somalia|nigeria|jamaica|the jungle|the desert)",
    near(r"(?:kill|gas|deport|ban|exterminate|hang|burn|shoot|get rid of|kick out|send back)", r"(?:all\s+)?(?:the\s+)?" + GROUP, r"\s+(?:all\s+)?(?:the\s+|of the\s+|these\s+|those\s+)?"),
    r"(?:i\s+)?hate\s+(?:all\s+)?(?:the\s+)?(?:muslims|jews|blacks|gays|immigrants|asians|pakis|trans people|gypsies|travellers|lesbians|foreigners|women)",
    r"(?:that'?s|thats|so|ur|you'?re|youre|your|you are|he'?s|she'?s|is)\s+(?:so\s+|well\s+|such\s+a\s+)?gay(?!\s+(?:pride|rights|marriage|community|club|people|couples?|history|month|and))",
    r"(?:speak|talk)\s+english\s+or",
)
# words on the slur list with an everyday British sense, and what marks that sense next to
# the word: "20 fags", "a packet of fags", "fag break" are cigarettes; "tinker with it",
# "tinker tailor" a verb and a rhyme; "auto tranny" a gearbox. Only the match beside the
# marker is let go: "bought 20 fags, you fag" still flags.
_OTHER_SENSE: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
for _words, _before, _after in (
    (("fag", "fags"),
     r"(?:\b(?:\d+|ten|twenty|forty|packets? of|packs? of|box(?:es)? of|cartons? of|smoke|smoking|smoked|light|lit|roll|rolled|rolling|sparked|spark)(?:\s+(?:a|an|the|some|my|his|her|few|couple of))?)\s+$",
     r"\s+(?:ends?|breaks?|packets?|ash|papers|butts?|lighters?|machine)\b"),
    (("tinker",), r"\b(?:to|a bit|bit of a|little|quick)\s+$", r"\s+(?:with|around|about|away|tailor|bell)\b"),
    (("tranny", "trannies"), r"\b(?:auto|automatic|manual|gearbox|\d-speed|\d speed)\s+$", r"\s+(?:fluid|oil|box|rebuild|swap)\b"),
):
    for _w in _words:
        _OTHER_SENSE[_w] = (re.compile(_before), re.compile(_after))


def _a_slur_here(m: re.Match[str], text: str) -> bool:
    """False where a word on the slur list is used in its everyday British sense (see _OTHER_SENSE)."""
    sense = _OTHER_SENSE.get(m.group(0).strip())
    if sense is None:
        return True
    a, b = m.span()
    before, after = sense
    # (``match`` at b: a pattern's "^" would not match there, so the markers have none)
    return before.search(text, max(0, a - 40), a) is None and after.match(text, b, b + 30) is None


HISTORY = r"(?:history|lesson|holocaust|ww2|world war|museum|memorial|remembrance|learn(?:ing|t|ed)?|civil rights|apartheid|slavery|documentary|anne frank|teach(?:ing)? about|awareness|assembly|diversity)"


def rules(names: Names) -> list[Rule | NearRule]:
    return [
        Rule("hate.slur", H, SLURS, 0.85, "a slur on a protected characteristic", keys=lx.keys(SLURS_WORDS, "MASK"), check=_a_slur_here,
             unless=r"(?:slurs?|the (?:n|f)[- ]word)\s+(?:is|are|was|were)\s+(?:used|banned|unacceptable)"),
        NearRule("hate.dehumanise_group", H, GROUP, lx.B + DEHUMANISE, 0.85, max_words=4, ordered=True, reason=
             "dehumanising talk about a group", unless=HISTORY, keys=lx.keys(GROUP_WORDS)),
        Rule("hate.calls", H, CALLS, 0.8, "hostility to a group or identity", unless=HISTORY, keys=lx.keys("back kill gas deport ban exterminate hang burn shoot rid kick hate gay speak")),
    ]


__all__ = ["GROUP", "rules"]
