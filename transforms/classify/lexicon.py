"""Word patterns shared by the rules: evasion-tolerant words, people, places in a school.

Patterns here match the ``deep`` view (lower case, leetspeak undone, split letters
joined). :func:`fuzzy` makes a word tolerate stretched letters (``stuuupid``) and,
when asked, masking (``f***``, ``c*nt``).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from itertools import groupby

_MASK = r"[*#%_.]"


def fuzzy(word: str, *, masked: bool | int = False) -> str:
    """A regex for ``word`` that tolerates stretched letters and, optionally, masking.

    A doubled letter in the word stays at least doubled (``ass`` never matches ``as``).
    With ``masked``, every letter after the first may be replaced by ``*``, ``#`` or ``%``
    (in words of at least 4 letters, or at least ``masked`` letters when it is a number).
    """
    out: list[str] = []
    first = True
    for ch, run in groupby(word):
        n = len(list(run))
        if ch == " ":
            out.append(r"[\s_-]*")
            continue
        if not ch.isalpha():
            out.append(re.escape(ch) * n)
            continue
        if masked and not first and len(word) >= (4 if masked is True else int(masked)):
            unit = f"(?:{ch}|{_MASK})"
            out.append(unit + ("+" if n == 1 else f"{{{n},}}"))
        else:
            out.append(ch + ("+" if n == 1 else f"{{{n},}}"))
        first = False
    return "".join(out)


_WORD_LISTS: list[tuple[tuple[str, ...], bool | int]] = []
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")


def words(items: Iterable[str], *, masked: bool | int = False) -> str:
    """A whole-word alternation of ``items``, as a placeholder that :func:`expand` fills.

    Plain alternations of literal words run several times faster in Python's regex engine
    than ones that tolerate stretching and masking, so each rule compiles both and uses
    the tolerant one only for texts that have stretched letters or masks.
    """
    _WORD_LISTS.append((tuple(items), masked))
    return f"\x00{len(_WORD_LISTS) - 1}\x00"


def expand(pattern: str, *, tolerant: bool) -> str:
    """Fill the :func:`words` placeholders in a pattern, plain or tolerant."""

    def fill(m: re.Match[str]) -> str:
        items, masked = _WORD_LISTS[int(m.group(1))]
        if tolerant:
            alts = sorted({fuzzy(w, masked=masked) for w in items}, key=lambda a: (-len(a), a))  # the same order in every process
        else:
            return r"(?<![a-z0-9])" + _trie(sorted(set(items))) + r"(?![a-z0-9])"
        return r"(?<![a-z0-9])(?:" + "|".join(alts) + r")(?![a-z0-9])"

    return _PLACEHOLDER.sub(fill, pattern)


def has_word_lists(pattern: str) -> bool:
    """Whether a pattern holds :func:`words` placeholders (its tolerant form differs)."""
    return _PLACEHOLDER.search(pattern) is not None


def _trie(items: Iterable[str]) -> str:
    """A whole-word alternation folded into a prefix tree: ``kill(?:ing|er)?``.

    Python's regex engine tries every alternative of a flat alternation at every position
    of the text; a tree tries only the branches that share the letters already read, which
    makes word lists of a hundred entries several times cheaper. Longer words are tried
    before their prefixes, as in the longest-first flat alternation it replaces.
    """
    root: dict[str, dict] = {}
    for w in items:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            unit = r"[\s_-]*" if ch == " " else re.escape(ch)
            branches.append(unit + build(node[ch]))
        if not branches:
            return ""
        ends = "" in node
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return "(?:" + build(root) + ")"


def needs_tolerance(deep: str) -> bool:
    """Whether a text has stretched letters or masked words (use the tolerant patterns)."""
    return _STRETCHED.search(deep) is not None or _MASKED.search(deep) is not None


def alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


def compile_(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


B = r"(?<![a-z0-9])"  # word start
E = r"(?![a-z0-9])"  # word end
GAP = r"(?:[\s,.!?:;'\"()-]+(?:[a-z0-9']+[\s,.!?:;'\"()-]+){0,3})"  # 0-3 words between
GAP6 = r"(?:[\s,.!?:;'\"()-]+(?:[a-z0-9'_]+[\s,.!?:;'\"()-]+){0,6})"  # 0-6 words between
SP = r"[\s,.!?:;'\"()-]+"

YOU = r"(?:you|u|ya|yu|yous|youse|ye)"
YOUR = r"(?:your|ur|yr|ya|yer|you're|youre|you are|u r|ur a)"
PRON3 = r"(?:him|her|them|he|she|they)"
COMMON_AFTER_MISS = (
    "you|u|ya|it|this|that|the|a|an|my|me|him|her|them|out|school|class|lessons?|being|"
    "having|seeing|going|doing|all|so|how|when|what|our|your|us|home|him|everyone|lunch|"
    "the|break|pe|maths|english|science|history|and|or|but|to|in|on|at|for|with|already"
)
# words that follow "Sir" or "Mr" in a sentence but are not a surname ("Sir is hot")
NOT_SURNAME = (
    "is|was|are|were|has|had|have|and|or|but|said|says|says|can|could|will|would|should|did|does|do|the|a|an|"
    "to|in|on|at|for|with|from|of|who|that|this|just|always|never|really|so|too|if|when|i|you|u|he|she|they|it|we|"
    "me|him|her|them|us|my|your|ur|his|their|our|looks|look|gave|gives|told|tells|got|gets|made|makes|keeps|kept|s"
)
TITLE_NAME = (
    rf"(?:(?:mr|mrs|ms|mister|dr|sir|madam|mx)\.?\s+(?!(?:{NOT_SURNAME}){E})[a-z][a-z'-]+"
    rf"|miss\s+(?!(?:{COMMON_AFTER_MISS}){E})[a-z][a-z'-]+)"
)
SUBJECT_TEACHER = (r"(?:maths?|english|science|history|geography|pe|p\.e\.?|art|music|drama|french|spanish|german|rs|re|ict|"
                   r"computing|computer science|dt|chemistry|chem|physics|biology|bio|media|psychology|sociology|business|"
                   r"food tech|cover|supply|sub|substitute)\s+teachers?")
STAFF = alt(
    r"teachers?", r"staff", r"head\s?teachers?", r"head\s?(?:master|mistress)", r"the head",
    r"principal", r"deputy head", r"head of year", r"senco", r"form tutor", r"tutors?",
    r"dinner lad(?:y|ies)", r"caretaker", r"teaching assistants?", r"governors?", r"sir", r"miss",
    r"coach", r"the pe teacher", r"supply teacher", r"dsl",
)
HEAD = alt(r"head\s?teacher", r"head\s?(?:master|mistress)", r"the head", r"principal",
           r"executive head", r"head of school", r"ceo of the trust")
YEAR = r"(?:year|yr|y)\s?(?:[1-9]|1[0-3])(?:s|[a-z](?![a-z]))?" + E
YEAR_WORDS = r"year\s(?:seven|eight|nine|ten|eleven|twelve|thirteen|sevens|eights|nines|tens|elevens)"
PUPIL = alt(
    r"pupils?", r"students?", r"kids?", r"children", r"child", r"girls?", r"boys?",
    r"schoolgirls?", r"schoolboys?", r"sixth\s?form(?:ers?)?", r"classmates?", r"minors?",
    r"underage", r"the new (?:girl|boy|kid)", r"little (?:girls?|boys?)", r"teens?", r"teenagers?",
    YEAR, YEAR_WORDS,
)
AGE_MINOR = r"(?:(?:only|just|she'?s|he'?s|is|aged?|are)\s+(?:1[0-7]|[5-9])|(?:1[0-7]|[5-9])\s?(?:yo|y/o|years? old|yrs? old))" + E
SCHOOL = alt(r"the school", r"this school", r"our school", r"that school", r"school", r"academy",
             r"the college", r"campus", r"classroom", r"canteen",
             r"(?:the\s+)?(?:science|sports|english|maths|art|music|drama|main|new|old|dt|tech|sixth form)\s+(?:block|building|hall|wing|centre)",
             r"the\s+(?:building|site|gym|library|staff\s?room)",
             r"playground", r"sports hall", r"the gates?", r"staff ?room", r"school bus")
EVERYONE = alt(r"everyone", r"every1", r"everybody", r"all of (?:you|u|them|yous)", r"any(?:one|1|body)",
               r"some(?:one|body)", r"(?:the\s+)?(?:next|first|last)\s+(?:person|one|kid|teacher|pupil|idiot)",
               r"the lot of (?:you|u|them)", r"every (?:teacher|kid|one)", r"people")

# -- prefilter keys ---------------------------------------------------------------------
# A rule runs only when the text holds one of its keys: the first four letters of a word
# (or the whole word when shorter). Checking a set is far cheaper than running a large
# regex over every post, and most posts have nothing to find. Stretched letters
# ("kiiiill") are squeezed first; masked words ("f***") add MASK_KEY.
_STRETCHED = re.compile(r"([a-z])\1\1")
_TO_ONE = re.compile(r"([a-z])\1{2,}")
_TOKEN = re.compile(r"\w+")
_TOKEN_KEY = re.compile(r"(\w{1,4})\w*")  # each token's first four characters: {t[:4] for t in _TOKEN.findall(s)}
_MASKED = re.compile(r"[a-z][*#%]")
# str.translate table: ASCII characters that \w does not match become spaces
_NON_WORD_TO_SPACE = str.maketrans({i: " " for i in range(128) if not re.match(r"\w", chr(i))})
_FIRST_FOUR = operator.itemgetter(slice(None, 4))
_DIGIT = re.compile(r"\d")
MASK_KEY = "MASK"
DIGIT_KEY = "DIGIT"
AT_KEY = "AT"
_SPECIAL = frozenset({MASK_KEY, DIGIT_KEY, AT_KEY})
_STOP = frozenset("with have had has in on up her him his my me you your ur the a an of to off over down do go and "
                  "is are was were be it this that them they she he we our their all every".split())
_STRETCHED_WORD = re.compile(r"\w*([a-z])\1\1\w*")


def key(phrase: str) -> str:
    """The key of a word or phrase: its longest word, cut to four letters."""
    parts = re.findall(r"[a-z0-9_]+", phrase.lower())
    parts = [p for p in parts if p not in _STOP] or parts
    if not parts:
        return ""
    return max(parts, key=len)[:4]


def keys(*groups: str | Iterable[str]) -> frozenset[str]:
    """Keys from space-separated strings or word lists."""
    out: set[str] = set()
    for g in groups:
        items = g.split() if isinstance(g, str) else list(g)
        for w in items:
            k = w if w in _SPECIAL else key(w)
            if k:
                out.add(k)
    return frozenset(out)


def text_keys(deep: str, tolerant: bool = True) -> set[str]:
    """The keys present in a deep-view text.

    ``tolerant`` False says the text has no stretched letters and no masks (the
    normaliser already looked), which saves two passes.
    """
    if deep.isascii():
        # the same keys as the regex below, a third of its cost: every ASCII character that
        # is not a word character made a space, the words split out and each cut to four
        found = set(map(_FIRST_FOUR, deep.translate(_NON_WORD_TO_SPACE).split()))
    else:
        found = set(_TOKEN_KEY.findall(deep))
    if tolerant and _STRETCHED.search(deep):
        for m in _STRETCHED_WORD.finditer(deep):
            w = m.group(0)
            found.add(_TO_ONE.sub(r"\1", w)[:4])
            found.add(_TO_ONE.sub(r"\1\1", w)[:4])
    if tolerant and _MASKED.search(deep):
        found.add(MASK_KEY)
    if _DIGIT.search(deep):
        found.add(DIGIT_KEY)
    if "@" in deep:
        found.add(AT_KEY)
    return found
