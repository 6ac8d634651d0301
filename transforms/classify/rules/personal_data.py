"""Personal data: UK phone numbers, postcodes with an address or a person, street
addresses, personal e-mail addresses, a pupil named with their year group or form.

These match the ``clean`` view, which keeps case and digits (leetspeak undone would
turn "SW1A 1AA" into letters). The school's own switchboard and office addresses are
public; "call the office on 01632 960000" is not personal data.
"""

from __future__ import annotations

import re

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, Rule

P = Category.PERSONAL_DATA

PHONE = r"(?<![\d+])(?:(?:\+|00)\s?44\s?\(?0?\)?\s?|0)(?:7\d{3}[\s.-]?\d{3}[\s.-]?\d{3}|[1-3]\d{2,3}[\s.-]?\d{3}[\s.-]?\d{3,4}|[1-3]\d{1,2}[\s.-]?\d{4}[\s.-]?\d{4})(?!\d)"
POSTCODE = r"\b(?:[A-Za-z]{1,2}\d[A-Za-z\d]?)\s?\d[A-Za-z]{2}\b"
STREET_TYPES = r"(?:[Rr]oad|[Ss]treet|[Aa]venue|[Ll]ane|[Cc]lose|[Dd]rive|[Ww]ay|[Cc]rescent|[Gg]ardens|[Pp]lace|[Cc]ourt|[Tt]errace|[Gg]rove|[Pp]ark|[Ww]alk|[Rr]ise|[Hh]ill|[Mm]ews|[Ss]quare|Rd|St|Ave|Ln|Cres|Dr)"
# the house number: "\b\d{1,4}" read as "a digit not after a word character, then up to three
# more" (the same matches), so that the pattern opens with a digit, which Python's engine
# skips to, instead of a word boundary it tests at every position of the text
ADDRESS = rf"\d(?<!\w\d)\d{{0,3}}[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){{1,3}}{STREET_TYPES}\b"
LIVES_ON = rf"\b(?:lives?|living|stays?|staying|house is|home is|moved)\s+(?:at|on|in|to)\s+(?:\d{{1,4}}\s+)?(?:[A-Z][a-z]+\s+){{1,3}}{STREET_TYPES}\b"
EMAIL = r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"
# every e-mail address holds its "@domain.tld" (the same characters, the same closing
# boundary): found by skipping to each "@", where EMAIL is tried at every word boundary
EMAIL_GATE = r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"
NAME = r"\b[A-Z][a-z]{1,20}\s+[A-Z][a-z'-]{1,20}"  # first name and surname: "Lily in Year 5" is how schools praise
FORM = r"(?:[Yy]ear|[Yy]r|Y)\s?(?:[1-9]|1[0-3])(?:[A-Z]{1,2}\b)?|\b(?:[7-9]|1[0-3])[A-Z]{1,2}\d?\b"
NAME_YEAR = rf"{NAME}\s*(?:,|\s(?:in|from|is in|'s in|who'?s in|is))\s+(?:{FORM})"
OFFICE = r"(?i:office|reception|enquir(?:y|ies)|admissions|switchboard|call us|contact us|ring us|school number|main number|info@|admin@|office@|enquiries@|head@|reception@|sch\.uk|\.ac\.uk|\.gov\.uk|\bnhs\b|childline|samaritans|helpline|\b(?:0800|0808|999|111)\b)"
HOME_WORDS = r"(?i:lives?|living|house|home|address|flat|door|street|road|find (?:him|her|them)|round (?:his|hers|theirs)|his place|her place)"


_HOME = re.compile(HOME_WORDS)
_OFFICE = re.compile(OFFICE)
_SCHOOL_BEFORE = re.compile(r"(?i)\b(?:our|the) school\b.{0,30}$")


def _postcode_with_context(m: re.Match[str], text: str) -> bool:
    window = text[max(0, m.start() - 60): m.end() + 60]
    return bool(_HOME.search(window)) and not _OFFICE.search(window)


def _not_office(m: re.Match[str], text: str) -> bool:
    window = text[max(0, m.start() - 80): m.end() + 40]
    return not _OFFICE.search(window) and not _SCHOOL_BEFORE.search(text[max(0, m.start() - 40): m.start()])


def rules(names: Names) -> list[Rule]:
    return [
        Rule("personal_data.phone", P, PHONE, 0.9, "a UK phone number", view="clean", check=_not_office, keys=lx.keys("DIGIT")),
        Rule("personal_data.email", P, EMAIL, 0.9, "an e-mail address", view="clean", check=_not_office, keys=lx.keys("AT"), gate=EMAIL_GATE),
        Rule("personal_data.address", P, lx.alt(ADDRESS, LIVES_ON), 0.9, "a street address", view="clean", check=_not_office, keys=lx.keys("DIGIT live lives living stay stays staying house home moved")),
        Rule("personal_data.postcode", P, POSTCODE, 0.8, "a postcode next to a home or person", view="clean", check=_postcode_with_context, keys=lx.keys("DIGIT")),
        Rule("personal_data.name_year", P, NAME_YEAR, 0.75, "a pupil named with their year group or form",
             view="clean", pupils=True, keys=lx.keys("DIGIT"),
             check=lambda m, t: not _is_common_start(m.group(0))),
        Rule("personal_data.roster_year", P, rf"{names.pupils}\s+(?:\w+\s+){{0,3}}(?:year|yr|y)\s?\d{{1,2}}", 0.8,
             "a pupil on the roster named with their year group", pupils=True, keys=lx.keys("DIGIT")),
    ]


_COMMON_START = frozenset({"The", "This", "That", "Our", "My", "Your", "His", "Her", "Their", "Every", "All", "Each",
                           "Welcome", "Congratulations", "Well", "Thanks", "Thank", "Last", "Next", "Since", "Pupils",
                           "Students", "Children", "Kids", "Parents", "Everyone", "Girls", "Boys", "Term", "Today",
                           "Tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                           "Trips", "Sports", "Football", "Netball", "Maths", "English", "Science", "History", "Music",
                           "Drama", "School", "Assembly", "Homework", "Reports", "Exams", "Options", "Mocks", "Work",
                           "Art", "Lunch", "Club", "Clubs", "Good", "Great", "Amazing", "Lovely", "Proud", "Reminder",
                           "Please", "Only", "Just", "And", "But", "When", "In", "From", "For", "If", "So", "Is", "Are",
                           "Was", "Were", "What", "Who", "Which", "Where", "Why", "How", "Mr", "Mrs", "Miss", "Ms", "Sir",
                           "Dr", "Head", "Well done", "Form", "Tutor", "Spelling", "Reading", "Year", "Swimming",
                           # rules-30: "Secret Santa in 10D this year" (a game or a season, not a pupil)
                           "Secret", "Santa", "Father", "Christmas", "Easter", "Halloween"})


def _is_common_start(matched: str) -> bool:
    first = matched.split()[0] if matched.split() else ""
    return first in _COMMON_START


__all__ = ["ADDRESS", "EMAIL", "EMAIL_GATE", "PHONE", "POSTCODE", "rules"]
