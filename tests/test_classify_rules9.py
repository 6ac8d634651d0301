"""rules-9: violence named as an act, veiled warnings, and what the normaliser misread.

Found among the misses of `school_blind/holdout9.csv`-`holdout16.csv` (read line by line in
round twelve, so they are tuning sets now; `holdout17.csv` and `holdout18.csv` are the blind
ones). Text speak whose digits are syllables ("l8r", "4eva", "w8", "2moro") is undone before
leetspeak, which read "l8r" as "lbr" and "4eva" as "aeva". Each line here is invented, and
each family has benign twins that must stay quiet.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import normalise
from transforms.classify.rules.grooming import lead_keys

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("l8r 4eva", "later forever"),
        ("w8 4 u at the g8s 2moro", "wait 4 u at the gates tomorrow"),
        ("c u aftr skl 2nite", "c u after school tonight"),
        ("gr8 m8, b4 2day", "great mate, before today"),
        ("every1 y11 no1", "every1 y11 no1"),  # still as the rules spell them
        ("k1ll h3r", "kill her"),  # leetspeak inside other words is undone as before
        ("task desk ask", "task desk ask"),
    ],
)
def test_text_speak_is_read_before_leetspeak(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


def test_text_speak_keeps_offsets_into_the_original() -> None:
    n = normalise("bye l8r x")
    a = n.deep.text.index("later")
    assert n.deep.original(a, a + len("later")) == (4, 7)


def test_emoji_that_carry_meaning_become_words() -> None:
    deep = normalise("👊 🚑 🕊️ 💵 📍 🚆").deep.text.split()
    assert deep == ["emj_fist", "emj_ambulance", "emj_dove", "emj_money", "emj_pin", "emj_train"]


def test_a_lead_word_keeps_the_digits_that_end_it() -> None:
    # "no1 has 2 know" is keyed "no1" by text_keys: the signal must wake on that key
    assert "no1" in (lead_keys(r"(?:nobody|no one|no1)\s+has\s+to\s+know") or ())
    assert lead_keys(r"y1[0-3]\s+girls") == frozenset({"y"})  # a class after the digit is not literal


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # threats: the act with a time or place, mass harm, "so bad she'll...", veiled warnings
        ("s.h.a.n.k.i.n.g Tyler behind the sports hall after school", "threat"),
        ("stabbing him at break tomorrow no cap", "threat"),
        ("shanking season starts friday at the bus stop", "threat"),
        ("we are planning to hurt as many teachers as we can at sports day", "threat"),
        ("ima batter Zainab so bad she'll need a new face", "threat"),
        ("that year 8 is gettin jumped 2moro", "threat"),
        ("d i e  d i e  d i e mrs ashworth", "threat"),
        ("gonna pepper spray them prefects at the gate lol", "threat"),
        ("👊👊 Kasim 3:30 by the tennis courts 🚑", "threat"),
        ("Don't send your kids in on Thursday. You have been warned.", "threat"),
        ("I'd stop walking down Cobb Lane after dark if I were staff. Friendly advice.", "threat"),
        ("hope the new sports hall is well insured 🔥", "threat"),
        ("His brothers are coming down from Bradford for Callum on Saturday. He knows why.", "threat"),
        ("clocked what car is yours at pick up, nice and quiet street that", "threat"),
        ("been learning the caretaker's routine all term, he locks up alone on Fridays", "threat"),
        ("waited outside her house four nights in a row and she's none the wiser", "threat"),
        ("Columbine did nothing wrong and our year is next", "threat"),
        ("the head will pay for this and I don't mean money", "threat"),
        ("I'm done being civil with this school. Whatever happens next is on the head.", "threat"),
        ("going to knock that crossing lady over tomorrow morning", "threat"),
        ("carrying my sh*nk in on monday", "threat"),
        ("brnging a knife 2 schl tmrw", "threat"),
        # self-harm: tempting, again, "no more", a method researched, a future not pictured
        ("su1c1de is sounding more and more like the answer", "self_harm"),
        ("c.u.t.t.i.n.g a.g.a.i.n this week", "self_harm"),
        ("s/h again last night, sleeves down tomorrow", "self_harm"),
        ("dont want to be alive no more tbh", "self_harm"),
        ("just die already nobody at this school wants you", "self_harm"),
        ("l8r 4eva everyone 🕊️ I'm out", "self_harm"),
        ("my son told his tutor he wanted to end his life and nobody called us", "self_harm"),
        ("how tall is the tower block by the leisure centre, need to know tonight", "self_harm"),
        ("been stockpiling tablets since october", "self_harm"),
        ("cant imagine myself making it to eighteen", "self_harm"),
        ("ran out of reasons to keep going this week", "self_harm"),
        ("a razor is how I cope after school, don't judge", "self_harm"),
        # sexual: spelt-out nudes, bodies, a thot alert, "fiddles with", a v card, the videos
        ("n u d e s of Chloe from 9C going round for a fiver", "sexual"),
        ("mr p got his bum out at the staff panto", "sexual"),
        ("thot alert: the new girl in 10F", "sexual"),
        ("that PE teacher fiddles with the year 8s everyone knows", "sexual"),
        ("she lost her v card at the Year 11 prom afterparty", "sexual"),
        ("anyone want the vid of Josh and Mia from the sleepover?", "sexual"),
        ("paying for the girls' changing room footage from Friday", "sexual"),
        ("the 🔞 pics from the party are on snap", "sexual"),
        ("you'd look much better with your school blouse unbuttoned", "sexual"),
        ("send a selfie and take off the jumper this time", "sexual"),
        ("number 9 has filled out this year hasn't she", "sexual"),
        ("ask Holly what she did upstairs at Ben's party", "sexual"),
        # grooming: two signals in one phrase
        ("let's chat on telegram, it's safer for us", "grooming"),
        ("use the app where messages disappear, it's better for us", "grooming"),
        ("I'll pick you up from the gates after netball, mum's the word", "grooming"),
        ("what's your routine like after swimming? might pop by", "grooming"),
        ("What time does the under 12s practice finish? Asking for a reason 😉", "grooming"),
        ("stay after drama n i'll wait 4 u", "grooming"),
        ("wear that dress you had on at the bus stop last week", "grooming"),
        ("what does your school uniform look like now?", "grooming"),
        ("were you the girl with the blue bag at the Year 8 concert? follow me back", "grooming"),
        ("gorgeous smile for a year 8, dm me", "grooming"),
        ("I can help with your science homework, just not through school, easier when it's just us", "grooming"),
        ("this is our little thing, don't tell your friends", "grooming"),
        ("i'm very good at keeping secrets, are you?", "grooming"),
        ("reply to my messages and you'll never be short of robux", "grooming"),
        ("did the voucher arrive? just a little favour in return x", "grooming"),
        ("send me your location after school and i'll come see you x", "grooming"),
        ("which one's the cute one in the back row? would love to chat", "grooming"),
        ("found you on the school's Insta! why won't you accept my follow request", "grooming"),
        ("sneak out tonight, no1 has 2 kno", "grooming"),
    ],
)
def test_round_twelve_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        # threats' twins
        "Stabbing pains in my side after cross country, is that normal?",
        "Tyler was stabbing at his food at lunch like it owed him money",
        "As many people as we can fit on the coach, please, for the away match",
        "I'm going to beat my PB so badly at sports day",
        "Don't send your kids in on Thursday, it's an INSET day. Enjoy the long weekend!",
        "Please don't park on Cobb Lane anymore, the residents have complained to the council",
        "Hope the new minibus is properly insured before the Year 9 trip",
        "My cousins are coming up from Bradford for Christmas, can't wait",
        "Drop him off at the bus stop at 9 o'clock please",
        "We learnt about Columbine in history today, awful what happened",
        "Will the parents pay for the trip? I don't mean to be rude, just asking",
        "PC Reed talked to Year 9 about why carrying a blade ruins lives. Brilliant session.",
        "Pepper spray is illegal in the UK, the police officer told year 10",
        "Who's running the ambulance at the fun run? 🚑 volunteers needed",
        "Stabbing season in Fortnite starts Monday lol",
        # self-harm's twins
        "Suicide Squad is good tbh, watched it at Ellie's",
        "Cutting the hedges again this weekend, the field looks a mess",
        "Our mental health week: reasons to stay in sixth form, from our Year 13s",
        "How high is the climbing wall at the leisure centre? Need to know for the party tonight",
        "My phone is going to die already, it's only 10am",
        "Bye forever, Year 11! Off to sixth form, I'm out 🎓",
        # sexual's twins
        "Please don't take photos in the changing rooms, it's against the school rules",
        "She has filled out this form already, thanks",
        "The team went all the way to the county final!",
        "Who wants the video of Josh and Mia's duet from the talent show?",
        "Uniform reminder: top buttons done up, blazers on",
        # grooming's twins
        "Parents, the WhatsApp group is better for us to share lift plans",
        "What time does the under 12s practice finish? My lad's got a dentist appointment",
        "Our little thing every Friday is the bake sale, come along!",
        "I'll wait for you by the gates, Mum x",
        "Thank you for the voucher, we'll send a thank you card",
        "Which one is the quickest route to the leisure centre?",
    ],
)
def test_round_twelve_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
