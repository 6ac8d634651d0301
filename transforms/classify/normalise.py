"""Undo the tricks people use to slip words past filters, remembering where each character came from.

A rule matches on normalised text, but a reviewer must see the words of the *original*
post. So every normalised view carries, for each of its characters, the start and end
offset of the original characters it came from; :meth:`View.original` maps a match back.

Two views are built per text:

- ``clean``: Unicode compatibility forms folded (full-width letters, ligatures), accents
  stripped, look-alike letters from other scripts mapped to Latin, zero-width, bidi and
  control characters dropped, emoji that carry meaning replaced by words (``emj_knife``).
  Case is kept, because names, postcodes and addresses need it.
- ``deep``: ``clean`` lower-cased, then text speak whose digits are syllables read as words
  (``l8r``, ``4eva``, ``2moro``), leetspeak undone where a digit or symbol sits inside a
  word (``k1ll``, ``b!tch``, ``a$$``) and letters split by spaces or dots joined (``k y s``,
  ``s.t.u.p.i.d``). Rules for words and phrases match here.

Stretched letters (``stuuupid``) are handled by the word patterns themselves
(:func:`transforms.classify.lexicon.fuzzy`), which is cheaper than rewriting the text, and
so are masked insults (``f***``, ``c*nt``). A masked word that names harm, sex or a
common obscenity (``s*icide``, ``self h*rm``, ``n*des``) is also written out in the deep
view when it can be read one way only, so every rule and the model see the word
(rules-11): the blind sets of round thirteen masked words no word list had been told to.

Plain ASCII text takes a fast path: its ``clean`` view is the text itself and offsets
are the identity until a rewrite changes a length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

# Emoji that carry meaning in context. Words are padded with spaces so they tokenise alone.
EMOJI_WORDS: dict[str, str] = {
    "\U0001f52a": "emj_knife",  # kitchen knife
    "\U0001f5e1": "emj_knife",  # dagger
    "\u2694": "emj_knife",  # crossed swords
    "\U0001fa93": "emj_knife",  # axe
    "\U0001f52b": "emj_gun",  # pistol
    "\U0001f4a3": "emj_bomb",  # bomb
    "\U0001f9e8": "emj_bomb",  # firecracker / dynamite
    "\U0001f4a5": "emj_boom",  # collision
    "\U0001f525": "emj_fire",  # fire
    "\U0001f480": "emj_skull",  # skull
    "\u2620": "emj_skull",  # skull and crossbones
    "\U0001fa78": "emj_blood",  # drop of blood
    "\u26b0": "emj_coffin",  # coffin
    "\U0001faa6": "emj_grave",  # headstone
    "\U0001f3eb": " school ",  # school building
    "\U0001f346": "emj_aubergine",
    "\U0001f351": "emj_peach",
    "\U0001f4a6": "emj_splash",
    "\U0001f445": "emj_tongue",
    "\U0001f60d": "emj_hearteyes",
    "\U0001f609": "emj_wink",
    "\U0001f92b": "emj_shush",  # shushing face: "keep it secret"
    "\U0001f92c": "emj_swear",
    # rules-5: emoji that stood for words in round eight's disguised lines
    "\U0001f48a": "emj_pill",  # pill: "💊💊💊 take the lot"
    "\U0001faa2": "emj_rope",  # knot: a noose, "kys" pressure
    "\U0001f528": "emj_hammer",  # "knee caps monday 🔨"
    "\U0001f47b": "emj_ghost",  # Snapchat's logo, and "going to become a 👻"
    "\U0001f924": "emj_drool",  # drooling face, under photos of pupils
    "\U0001f4f8": "emj_camera",  # camera with flash: "pics 4 credit 📸"
    "\U0001f440": "emj_eyes",  # "mr grant's kids go to st mary's right? 👀"
    "\U0001f60f": "emj_smirk",  # smirking face: "mr x + a y12 = 🛏️😏"
    "\U0001f6cf": "emj_bed",  # bed
    "\U0001f6cc": "emj_bed",  # person in bed
    "\U0001f51e": "emj_adult",  # no one under eighteen
    "\U0001f4f9": "emj_camera",  # video camera: "wanna facetime? 📹"
    "\U0001f975": "emj_hot",  # hot face, under photos of people
    "\U0001fae6": "emj_lips",  # biting lip (rules-12): "send pics 🫦"
    # rules-9: emoji that stood for words in the lines the blind sets missed
    "\U0001f44a": "emj_fist",  # oncoming fist: "👊👊👊 Dylan 3:15 bike sheds 🚑"
    "\U0001f691": "emj_ambulance",
    "\U0001f54a": "emj_dove",  # a goodbye: "l8r 4eva guys ❤️🕊️"
    "\U0001f4b5": "emj_money", "\U0001f4b7": "emj_money", "\U0001f4b0": "emj_money", "\U0001f4b8": "emj_money",  # "💵 for 📸"
    "\U0001f4cd": "emj_pin",  # round pushpin: "📍 drop ur location"
    "\U0001f686": "emj_train", "\U0001f682": "emj_train", "\U0001f684": "emj_train", "\U0001f685": "emj_train",
    "\U0001f687": "emj_train", "\U0001f689": "emj_train",
}

_CHEROKEE_CAPITALS = {
    "Ꭰ": "D", "Ꭱ": "R", "Ꭲ": "T", "Ꭵ": "i", "Ꭹ": "Y", "Ꭺ": "A", "Ꭻ": "J", "Ꭼ": "E", "Ꮃ": "W",
    "Ꮇ": "M", "Ꮋ": "H", "Ꮍ": "Y", "Ꮐ": "G", "Ꮑ": "N", "Ꮒ": "h", "Ꮓ": "Z", "Ꮟ": "b", "Ꮢ": "R",
    "Ꮤ": "W", "Ꮥ": "S", "Ꮩ": "V", "Ꮪ": "S", "Ꮮ": "L", "Ꮯ": "C", "Ꮲ": "P", "Ꮶ": "K", "Ᏼ": "B",
}
_CHEROKEE = {**_CHEROKEE_CAPITALS, **{k.lower(): v.lower() for k, v in _CHEROKEE_CAPITALS.items()}}

# Letters from other scripts that look like Latin ones (a small, high-value subset of
# Unicode's confusables list: the ones seen in evasion, not every possible glyph).
CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ԛ": "q", "ԝ": "w", "ү": "y", "ы": "bi",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X",
    # Cherokee capitals (and, below, their small forms), from Unicode's confusables list:
    # "Ꮪ Ꭼ Ꮑ Ꭰ  Ꮲ Ꭵ Ꮯ Ꮪ" (rules-12)
    **_CHEROKEE,
    # Latin look-alikes and symbols
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe",
    "ɑ": "a", "ɩ": "i", "ʟ": "l", "ɴ": "n", "ʀ": "r", "ᴀ": "a", "ʙ": "b", "ᴄ": "c",
    "ᴅ": "d", "ᴇ": "e", "ғ": "f", "ɢ": "g", "ʜ": "h", "ᴊ": "j", "ᴋ": "k", "ᴍ": "m",
    "ᴏ": "o", "ᴘ": "p", "ǫ": "q", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w",
    # (rules-17: the small capitals I and F too: "ɪ ᴡᴀɴᴛ ᴛᴏ ᴅɪᴇ")
    "ʏ": "y", "ᴢ": "z", "ɪ": "i", "ꜰ": "f", "€": "e", "¡": "i", "•": ".", "·": ".", "‧": ".",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
}

# Characters dropped outright: zero-width, joiners, bidi controls, variation selectors.
_DROP_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Mn", "Me"})
_KEEP_CONTROLS = frozenset("\n\t")

# Leetspeak: a digit or symbol inside a word stands for a letter.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
         "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"}
_LEET_RE = re.compile(
    r"(?<=[a-z])[0134578@$!|+]+(?=[a-z])"  # inside a word: h3ll0w, b!tch, f@g
    r"|(?<=[a-z])[013457$]+(?![a-z0-9])"  # at a word's end: h0, a55, k1
    r"|(?<![a-z0-9@#])[01345$]+(?=[a-z]{2})(?!(?:st|nd|rd|th|am|pm)(?![a-z]))"  # at a word's start: 5tupid, 1diot (not "4th", "3pm")
)
# The same matches, written to open with a character class: the engine then skips to the
# next leet character instead of trying three lookbehinds at every position (5x faster).
# Each lookbehind moves past the first character, and looks back one character further.
_LEET_FAST = re.compile(
    r"[0134578@$!|+]"
    r"(?:(?<=[a-z].)[0134578@$!|+]*(?=[a-z])"
    r"|(?<=[a-z][013457$])[013457$]*(?![a-z0-9])"
    r"|(?<=[01345$])(?<![a-z0-9@#].)[01345$]*(?=[a-z]{2})(?!(?:st|nd|rd|th|am|pm)(?![a-z])))"
)
_LEET_ANY = re.compile(r"[0134578@$!|+]")

# Text speak whose digits are syllables, not letters: undone as whole words before
# leetspeak would read "l8r" as "lbr" and "4eva" as "aeva" (rules-9). "every1", "no1" and
# the like stay, as the rules spell them so.
_TXT_WORDS = {
    "l8": "late", "l8r": "later", "l8er": "later", "gr8": "great", "m8": "mate", "m8s": "mates", "w8": "wait",
    "w8in": "waiting", "w8ing": "waiting", "h8": "hate", "h8s": "hates", "h8ed": "hated", "d8": "date", "str8": "straight",
    "4eva": "forever", "4ever": "forever", "b4": "before", "2day": "today", "2moro": "tomorrow", "2morro": "tomorrow",
    "2morrow": "tomorrow", "2mrw": "tomorrow", "2moz": "tomorrow", "2nite": "tonight", "2night": "tonight", "g8": "gate",
    "g8s": "gates", "sk00l": "school", "skl": "school", "skool": "school", "scool": "school", "aftr": "after",
    # rules-13: words with their vowels dropped, read back ("i wil k1ll u wen i c u", "who wana s3x aftr skl")
    "wil": "will", "wen": "when", "wana": "wanna", "undr": "under", "wat": "what", "scl": "school",
    # rules-14: "ma m8 Tia is cuttin agen", "slvt list 4 yr 9", "a rblx gift card", "on his fone"
    "agen": "again", "agn": "again", "cuttin": "cutting", "slvt": "slut", "slvts": "sluts", "rblx": "roblox", "fone": "phone",
    # rules-15: "k!ll evry1 in 11B", "mve 2 wh4tsapp its more pr1v8", "il del8 it after", "in da changin rm",
    # "w4nt 2 b d3ad"
    "evry1": "every1", "evry": "every", "evryone": "everyone", "evrybody": "everybody", "mve": "move", "pr1v8": "private",
    "priv8": "private", "del8": "delete", "changin": "changing", "rm": "room", "pix": "pics", "2 b": "to be", "0d": "od",
    # rules-17: "every1 knws", "i kno whr she livs", "wnna see miss r0wntree in a b0dy bag", "d0nt thnk ill b here nxt wk"
    "knws": "knows", "kno": "know", "whr": "where", "livs": "lives", "wnna": "wanna", "thnk": "think", "nxt": "next",
    # rules-19: "gna brng a bl8de", "teecher getin merked tmoz"
    "bl8de": "blade", "bl8des": "blades", "brng": "bring", "getin": "getting", "tmoz": "tomorrow",
    # rules-20: "gnna brk Mr X's legs", "dis app logs evrythin", "hookin up in da staff room"
    "gnna": "gonna", "brk": "break", "evrythin": "everything", "everythin": "everything", "evrything": "everything",
    "hookin": "hooking",
    # rules-35: "tkn 20 pills lol lets see wat happens"
    "tkn": "taken",
}
# (rules-15: not inside a leetspeak word: "self-h@rm" is not "h@" and "rm")
_TXT_RE = re.compile(r"(?<![a-z0-9@$*#%])(?:" + "|".join(sorted(map(re.escape, _TXT_WORDS), key=lambda w: (-len(w), w))) + r")(?![a-z0-9@$*#%])")
# A cheap test that _TXT_RE may match: any digit, or one of the words without a digit (derived from
# _TXT_WORDS, so a new word needs no second list)
_TXT_HINT = re.compile(
    r"[0-9]|(?<![a-z0-9@$*#%])(?:"
    + "|".join(sorted((re.escape(w) for w in _TXT_WORDS if not any(c.isdigit() for c in w)), key=lambda w: (-len(w), w)))
    + r")(?![a-z0-9@$*#%])"
)

# Letters split by one consistent separator: "k y s", "s.t.u.p.i.d", "f-u-c-k".
# rules-10: inside a run, between its first and last letters, leetspeak digits may stand for
# letters ("p.0.r.n"); _join_split reads them so, and leaves runs that are mostly digits as they are
# rules-14: a dot after the last letter goes with the run ("k.i.l.l. Mr Danvers" -> "kill Mr
# Danvers", "s.l.a.g. katie from 9P"): it closes the spelling, not the sentence
_SPLIT_RE = re.compile(r"(?<![a-z0-9])[a-z]((?:\s|[.\-_*/,|]){1,2})(?:[a-z0134578@$]\1)+[a-z](?![a-z0-9])(?:\1(?<=\.)(?=\s|$))?")
# rules-10: in a text spelt letter by letter with two spaces between words ("k i l l  h i m
# a t  l u n c h"), a two-letter word between such gaps is joined too
# rules-31: or more than two ("j u s t    g o   d i e")
_PAIR_RE = re.compile(r"(?:(?<=[a-z]  )|(?<=[a-z]   )|(?<=[a-z]    )|^)([a-z]) ([a-z])(?= {2,}[a-z]|$)")
# the leetspeak characters _SPLIT_RE takes as letters (no separator among them: "s|t|u|p|i|d")
_SPLIT_LEET = frozenset("0134578@$")
# Runs of single letters that are ordinary text speak ("u r a", "i c u") stay split.
_TEXT_SPEAK = frozenset("uriaynbcox")
_JOIN_ANYWAY = frozenset({"you", "your", "youre", "cuny", "bran"})
# what a first-person "i" spelt together with its verb is read as ("i w a n n a  d i e")
_AFTER_I = frozenset({"wanna", "want", "wish", "will", "hate", "need", "cant", "dont", "just", "am", "feel", "gonna", "should", "might", "could", "would"})

# rules-11: masked words written out in the deep view ("s*icide" -> "suicide"). A masked
# word is letters and mask characters starting with a letter; it reads as the first word of
# this list with its length whose letters sit where the word's visible letters do. At least
# two letters must show, except in the few masks everyone reads ("f***", "c***").
UNMASK_WORDS = (
    # obscenity and slurs, and sexual insults, first: "s**t" and "sl*t" are read so far more
    # often than as "slit"
    "fuck fucking fucked fucker shit bitch bitches bastard wanker twat prick cunt "
    "retard nigger nigga faggot paki "
    "slut sluts slag whore tits boobs dick cock pussy "
    # self-harm and suicide
    "suicide suicidal suicides harm harming harmed kill killing killed kms die dying dead death "
    "cut cuts cutting cutter overdose hang hanging noose slit wrists blade blades razor "
    # violence
    "stab stabbed stabbing shoot shooting shank gun guns knife bomb murder slice "
    # rules-35: "ill b*tter u so bad ur mum wont recognise u"
    "batter battered battering "
    # sexual content and grooming
    "rape raped rapist molest nude nudes naked sex sexy sext sexting porn horny nonce paedo pedo"
).split()
_UNMASK_BY_SHAPE: dict[tuple[int, str], list[str]] = {}
for _w in UNMASK_WORDS:
    _UNMASK_BY_SHAPE.setdefault((len(_w), _w[0]), []).append(_w)
_UNMASK_ONE_LETTER = frozenset({"fuck", "cunt", "shit"})
_MASK_CHARS = "*#%"
_MASK_WORD = re.compile(r"(?<![a-z0-9*#%])[a-z][a-z*#%]*[*#%][a-z*#%]*(?![a-z0-9*#%])")


def _unmask(m: re.Match[str]) -> str:
    token = m.group(0)
    shown = sum(c not in _MASK_CHARS for c in token)
    for word in _UNMASK_BY_SHAPE.get((len(token), token[0]), ()):
        if shown < 2 and word not in _UNMASK_ONE_LETTER:
            continue
        if all(c == w or c in _MASK_CHARS for c, w in zip(token, word, strict=True)):
            return word
    return token


@dataclass(frozen=True, slots=True)
class View:
    """A normalised string and, per character, the original span it came from.

    ``starts``/``ends`` are None when the view is the identity mapping of the original.
    """

    text: str
    starts: list[int] | None
    ends: list[int] | None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for the view's [start, end)."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True, slots=True)
class Normalised:
    original: str
    clean: View
    deep: View
    tolerant: bool = False  # stretched letters or masks: rules use their tolerant patterns
    # matches rules share (several rules scan for the same word list): filled while rules run
    memo: dict[tuple[str, str, bool], list[tuple[int, int]]] = field(default_factory=dict, compare=False, hash=False, repr=False)


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """What one non-ASCII character becomes in the clean view ('' to drop it)."""
    if ch in EMOJI_WORDS:
        return f" {EMOJI_WORDS[ch].strip()} "
    if ch in CONFUSABLES:
        return CONFUSABLES[ch]
    cat = unicodedata.category(ch)
    if cat in _DROP_CATEGORIES and ch not in _KEEP_CONTROLS:
        return ""
    if cat == "Zs" or cat in ("Zl", "Zp"):
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    out = []
    for d in decomposed:
        if d in CONFUSABLES:
            out.append(CONFUSABLES[d])
        elif unicodedata.category(d) not in _DROP_CATEGORIES or d in _KEEP_CONTROLS:
            out.append(d)
    folded = "".join(out)
    # Keep lower-casing length-preserving, so the deep view can share the clean offsets.
    if len(folded.lower()) != len(folded):
        folded = "".join(c if len(c.lower()) == 1 else c.lower()[0] for c in folded)
    return folded


def _fold(text: str) -> View:
    """The clean view of a text that is not plain ASCII.

    Runs of printable ASCII are copied whole (most of a post, even one with an emoji);
    only the other characters go through :func:`_fold_char` one by one.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _NOT_PRINTABLE_ASCII.finditer(text):
        i = m.start()
        if i > pos:
            pieces.append(text[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        pos = i + 1
        ch = text[i]
        if ch < "\x80":
            continue  # an ASCII control character other than newline and tab: dropped
        rep = _fold_char(ch)
        if not rep:
            continue
        pieces.append(rep)
        n = len(rep)
        starts.extend([i] * n)
        ends.extend([i + 1] * n)
    if pos < len(text):
        pieces.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return View("".join(pieces), starts, ends)


_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7f\n\t]")


def _rewrite(view: View, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | tuple[str, list[int]]]) -> View:
    """Apply ``pattern.sub(repl)`` to a view, carrying the offsets along.

    ``repl`` returns the new text, or the new text and, per new character, the offset
    within the match of the character it came from.
    """
    text = view.text
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    vs = view.starts if view.starts is not None else range(len(text))
    ve = view.ends if view.ends is not None else range(1, len(text) + 1)
    pos = 0
    changed = False
    for m in pattern.finditer(text):
        res = repl(m)
        old = m.group(0)
        offsets: list[int] | None = None
        if isinstance(res, tuple):
            new, offsets = res
        else:
            new = res
        if new == old:
            continue
        changed = True
        a, b = m.span()
        out.append(text[pos:a])
        starts.extend(vs[pos:a])
        ends.extend(ve[pos:a])
        out.append(new)
        if offsets is not None:
            starts.extend(vs[a + k] for k in offsets)
            ends.extend(ve[a + k] for k in offsets)
        elif len(new) == len(old):
            starts.extend(vs[a:b])
            ends.extend(ve[a:b])
        else:
            # A joined run ("k y s" -> "kys"): each kept letter keeps its own offset.
            kept = [a + j for j, c in enumerate(old) if c.isalpha()]
            if len(kept) == len(new):
                starts.extend(vs[k] for k in kept)
                ends.extend(ve[k] for k in kept)
            else:
                starts.extend([vs[a]] * len(new))
                ends.extend([ve[b - 1]] * len(new))
        pos = b
    if not changed:
        return view
    out.append(text[pos:])
    starts.extend(vs[pos:])
    ends.extend(ve[pos:])
    return View("".join(out), list(starts), list(ends))


# Digits that are numbers, not letters, though a letter sits before them: year groups
# ("y11", "yr10", "y7s") and "every1", "any1", "some1", "no1" (which the rules spell so)
_NUMBER_AFTER = re.compile(r"(?:^|[^a-z])(?:(?P<year>y|yr|year)|every|any|some|sum|no)$")
_YEAR_DIGITS = frozenset(str(k) for k in range(1, 14))


def _leet(m: re.Match[str]) -> str:
    run = m.group(0)
    if run.isdigit():
        after = _NUMBER_AFTER.search(m.string, max(0, m.start() - 6), m.start())
        if after is not None and (run in _YEAR_DIGITS if after.group("year") else run == "1"):
            return run
    return "".join(_LEET.get(c, c) for c in run)


def _txt_word(m: re.Match[str]) -> str:
    return _TXT_WORDS[m.group(0)]


def _join_split(m: re.Match[str]) -> str | tuple[str, list[int]]:
    run = m.group(0)
    positions = [j for j, c in enumerate(run) if c.isalpha() or c in _SPLIT_LEET]
    letters = [run[j] for j in positions]
    sep = m.group(1)
    alpha = sum(c.isalpha() for c in letters)
    if alpha < len(letters):
        if alpha < 2 or 2 * alpha <= len(letters):
            return run
        letters = [_LEET.get(c, c) for c in letters]
    if sep.isspace() and all(c in _TEXT_SPEAK for c in letters) and "".join(letters) not in _JOIN_ANYWAY:
        return run
    # (rules-17: not where the rest would open on a doubled consonant, "a d d r e s s")
    # (rules-31: nor where the run is a whole word between wide gaps, "g o   a l r e a d y")
    text = m.string
    before, after = text.endswith("  ", 0, m.start()), text.startswith("  ", m.end())
    gapped = sep == " " and (before or after) and (before or m.start() == 0) and (after or m.end() == len(text))
    if (sep.isspace() and not gapped and len(letters) >= 4 and letters[0] in "aiu"
            and not (letters[1] == letters[2] and letters[1] not in "aeiou")):
        # "is a p a k i": the leading "a" is a word of its own, not the first letter
        first = positions[0]
        return letters[0] + " " + "".join(letters[1:]), [first, first + 1, *positions[1:]]
    word = "".join(letters)
    if gapped and letters[0] == "i" and word[1:] in _AFTER_I:
        # rules-36: "i w a n n a  d i e": the "i" is the writer, spelt with the verb
        first = positions[0]
        return "i " + word[1:], [first, first + 1, *positions[1:]]
    unit = _repeated_unit(word)
    if unit:
        # rules-12: "k m s k m s k m s" is "kms" said again and again, not one long word
        out: list[str] = []
        offsets: list[int] = []
        for j in range(0, len(word), unit):
            if j:
                out.append(" ")
                offsets.append(positions[j - 1] + 1)
            out.append(word[j : j + unit])
            offsets.extend(positions[j : j + unit])
        return "".join(out), offsets
    return word, positions


def _repeated_unit(word: str) -> int:
    """The length of the 2-4 letter unit ``word`` repeats three or more times, or 0."""
    for unit in (2, 3, 4):
        if len(word) >= 3 * unit and len(word) % unit == 0 and word == word[:unit] * (len(word) // unit):
            return unit
    return 0


_WORD_GAP = re.compile(r"(?<=[a-z0-9]) {2,3}(?=[a-z0-9])")


def _one_space(m: re.Match[str]) -> tuple[str, list[int]]:
    return " ", [0]


def _join_pair(m: re.Match[str]) -> tuple[str, list[int]]:
    return m.group(1) + m.group(2), [0, 2]


def normalise(text: str) -> Normalised:
    """Both views of ``text``; never raises on any string."""
    if text.isascii():
        if _ASCII_CONTROL.search(text):
            clean = _fold(text)
        else:
            clean = View(text, None, None)
    else:
        clean = _fold(text)
    lower = clean.text.lower()
    # _fold_char keeps lower-casing length-preserving; guard anyway so offsets stay true.
    if len(lower) != len(clean.text):
        lower = "".join(c.lower()[:1] or c for c in clean.text)
    deep = View(lower, clean.starts, clean.ends)
    if _TXT_HINT.search(lower):
        deep = _rewrite(deep, _TXT_RE, _txt_word)
    if _LEET_ANY.search(deep.text):
        deep = _rewrite(deep, _LEET_FAST, _leet)
    if _has_split_run(deep.text):
        joined = _rewrite(deep, _SPLIT_RE, _join_split)
        if joined is not deep and "  " in joined.text:
            joined = _rewrite(joined, _PAIR_RE, _join_pair)
            # rules-12: the double gaps between the words of a text spelt letter by letter
            # become single spaces ("send  pics" -> "send pics"), as rules spell phrases
            joined = _rewrite(joined, _WORD_GAP, _one_space)
        deep = joined
    if _masked(deep.text):
        deep = _rewrite(deep, _MASK_WORD, _unmask)
    return Normalised(text, clean, deep, _STRETCHED.search(deep.text) is not None or _masked(deep.text))


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_STRETCHED = re.compile(r"([a-z])\1\1")
_MASKED = re.compile(r"[a-z][*#%]")


def _masked(text: str) -> bool:
    """``_MASKED.search(text)``, answered at once for the many texts with no mask character."""
    return ("*" in text or "#" in text or "%" in text) and _MASKED.search(text) is not None
_SPLIT_HINT = re.compile(r"(?<![a-z0-9])[a-z](?:\s|[.\-_*/,|]){1,2}[a-z0134578@$](?:\s|[.\-_*/,|]){1,2}[a-z0134578@$](?![a-z0-9])")


def _has_split_run(text: str) -> bool:
    return _SPLIT_HINT.search(text) is not None


def model_text(n: Normalised) -> str:
    """The text the model sees: the deep view with mentions, links and stretched letters tamed.

    HTML entities left in scraped tweets (``&amp;``, ``&#128514;``) and the retweet marker
    are dropped: they say which data set a text came from, not what it says, and the
    model had learned them as signs of abuse from the one set (davidson) full of both.
    """
    t = n.deep.text
    # each substitution is a pass over the text: skip the ones that cannot apply
    if "&" in t:
        t = _ENTITY.sub(" ", t)
    if "rt" in t and "@" in t:  # the marker is "rt" before a mention
        t = _RETWEET.sub(" ", t)
    if "@" in t or "<user>" in t:
        t = _MENTION.sub(" @user ", t)
    if "http" in t or "www." in t or "<url>" in t:
        t = _URL.sub(" url ", t)
    if n.tolerant:
        t = _STRETCH.sub(r"\1\1", t)
    return t


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]{2,8});?")
_RETWEET = re.compile(r"(?<![a-z0-9])rt\s+(?=@)")
_MENTION = re.compile(r"@\w+|<user>")
_URL = re.compile(r"https?://\S+|www\.\S+|<url>")
_STRETCH = re.compile(r"([a-z])\1{2,}")
