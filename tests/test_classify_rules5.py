"""rules-5: what round eight of the school training lines showed the rules missing.

Round eight wrote lines on the borders between categories (sexual rumours that read as
insults, "kys" that reads as banter) and lines in disguise (emoji for words, slang such as
"sewerslide"). The rules were written from the file's misses before the model saw it.
Each line here is invented for the test (none is copied from a data file), and each group
has look-alikes that must stay quiet. Tested at the rule level, so a retrained model
cannot hide a rule that stopped working.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # self-harm, said to someone
        ("just neck a packet of your nan's tablets and give us all a rest", "self_harm"),
        ("slit them wrists then, attention seeker", "self_harm"),
        ("why don't you jump off the top of the multi storey", "self_harm"),
        ("tell your mum to save up for your funeral", "self_harm"),
        ("genuinely nobody wants you alive Kayden", "self_harm"),
        ("sort urself out for good, we're all waiting", "self_harm"),
        ("\U0001f48a\U0001f48a take them all", "self_harm"),
        # self-harm, first person
        ("sewer slide is looking like a plan after that parents' evening", "self_harm"),
        ("seriously why am I still alive", "self_harm"),
        ("that's it, I'm quitting life, good luck with the mocks", "self_harm"),
        ("ready for the long sleep tbh", "self_harm"),
        ("carved his initials into my thigh in maths", "self_harm"),
        ("day 4 of my sh relapse, hoodie on in PE", "self_harm"),
        ("I've been stockpiling painkillers since Christmas", "self_harm"),
        ("made a countdown and it's not for the summer holidays", "self_harm"),
        ("up at 2am googling ways to end it again", "self_harm"),
        ("honestly wouldn't have minded if the bus had hit me this morning", "self_harm"),
        ("I've already decided how, don't bother", "self_harm"),
        ("I just want to fade away before results day", "self_harm"),
        ("haven't eaten for four days on purpose and nobody noticed", "self_harm"),
        # threat
        ("someone needs to torch the staff room at Ashgrove", "threat"),
        ("we've got the petrol, you'll see on friday", "threat"),
        ("better pick a hospital near your house Dylan", "threat"),
        ("Mrs Cole just got her name added to my list", "threat"),
        ("go get your coffin measured mate", "threat"),
        ("that ref deserves dragging round the back of the clubhouse", "threat"),
        ("we still owe Tyler a good hiding for what he said", "threat"),
        ("mr hale is dead meat after that detention", "threat"),
        ("car park. 4pm. come alone.", "threat"),
        ("you'll want to sleep with your light on tonight sir", "threat"),
        ("this academy's going up in flames on monday", "threat"),
        ("kneecaps tomorrow \U0001f528", "threat"),
        ("the knife is in my bag for after school", "threat"),
        ("stay home tomorrow if you go to Brookfield", "threat"),
        ("someone should cut the brake lines on the headteacher's car", "threat"),
        ("Miss Ward's daughter goes to Oakfield Primary right? \U0001f440", "threat"),
        ("one day a dad will snap and go in swinging", "threat"),
        ("staaab him behind the sports hall", "threat"),
        # sexual
        ("#SmashOrPass sixth form staff edition", "sexual"),
        ("who filmed Amelia getting changed before netball?", "sexual"),
        ("flash us in the lunch queue for a fiver", "sexual"),
        ("take your shirt off for us Mr Hart", "sexual"),
        ("so who's doing who on the Year 11 trip", "sexual"),
        ("Mr Bell and the receptionist did it in the store cupboard apparently", "sexual"),
        ("she's the easiest girl in our year, everyone knows", "sexual"),
        ("Chloe's snap is on the bus shelter with 'call for a good time'", "sexual"),
        ("which dinner lady would you take home", "sexual"),
    ],
)
def test_round_eight_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        # self-harm vocabulary in idioms and notices
        "my daughter is dying to join the choir, any spaces?",
        "bored to death at the INSET day drop-off queue",
        "I wanted the ground to swallow me when my mum waved at the gates",
        "his PE kit has vanished again, third time this term",
        "I could die, I'm so proud of the Year 7 choir",
        "phrases like 'kys' and 'go die' are bullying, not banter: screenshot them and report it to us",
        "Mr Obi told Year 13 \"don't kill yourselves over the personal statement\", great advice",
        "why am I still awake at 1am doing coursework",
        "ready for the big sleepover in the sports hall on Friday!",
        "saving up my pocket money for the ski trip",
        "countdown to the summer holidays is on!",
        # harm words aimed at machines, games and the chips
        "I'm going to kill my little brother, he ate the last Freddo",
        "going to strangle the library printer, it ate my coursework",
        "I'll smash you at Mario Kart in after-school club",
        "sleep with the lights on? my son did after the ghost story lol",
        "can Year 7s come alone to the disco or do they need an adult?",
        "got petrol for the minibus, trip leaves at 8",
        "the knife and fork skills session for Reception is on Tuesday",
        "stay home tomorrow if your child has a temperature",
        "we owe Mrs Kaur a big thank you",
        # sexual look-alikes
        "filming the changing rooms refurbishment for the newsletter",
        "who would you rather have as head of year, Mr Ali or Ms Cho?",
        "take your coat off for me, it's warm in the hall",
        "flash me a smile for the photo!",
        "easiest way to get to the sports ground is the 42 bus",
        "had a great time, call for a lift if you need one",
    ],
)
def test_round_eight_look_alikes_stay_quiet(rule_categories: Categories, text: str) -> None:
    assert not rule_categories(text) & CRITICAL


def test_the_new_emoji_stand_for_words() -> None:
    deep = normalise("\U0001f48a\U0001f528\U0001f440\U0001f47b").deep.text
    assert deep.split() == ["emj_pill", "emj_hammer", "emj_eyes", "emj_ghost"]


@pytest.mark.parametrize(
    "text",
    [
        "Online safety evening: if a stranger tells your child 'don't tell your mum' or asks them to move to "
        "Snapchat, contact our DSL straight away",
        "At the safeguarding talk PC Shah read out what groomers send: 'what year are you in', 'keep this between us'",
        "Year 8 e-safety assembly covered sextortion scams: 'send more or I'll share your pics'. Report it to CEOP",
    ],
)
def test_a_safety_notice_quoting_groomers_is_not_grooming(rule_categories: Categories, text: str) -> None:
    assert not rule_categories(text) & CRITICAL


def test_the_same_words_from_a_stranger_still_flag(rule_categories: Categories) -> None:
    assert "grooming" in rule_categories("don't tell your mum, add me on snap and delete the chat after")
    assert "sexual" in rule_categories("send more pics or everyone sees what you sent")


def test_slang_named_in_a_notice_and_sports_banter_stay_quiet(rule_categories: Categories) -> None:
    assert not rule_categories("sewerslide and unalive are on the list of words the talk said kids use") & CRITICAL
    assert not rule_categories("staff v Year 11 football on Friday: the staff are dead meat") & CRITICAL
