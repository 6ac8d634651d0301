"""rules-4: what round six of the school training lines showed the rules missing.

Drill slang and street menace, intimate-image abuse (upskirts, creepshots, sextortion),
rankings of pupils' bodies, self-punishment, telling a pupil who self-harms to "do it
properly", and grooming that moves a child to another app "where we won't be
interrupted". Each line is invented here (none is copied from a data file), and each has
a look-alike that must stay quiet. Tested at the rule level, so a retrained model cannot
hide a rule that stopped working.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Categories = Callable[[str], set[str]]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # threat
        ("that grass in 10C is getting wet up on friday", "threat"),
        ("we'll wet him up behind the sports hall", "threat"),
        ("snitches in this school know the ending fr", "threat"),
        ("bring the skeng to the school gates tomorrow", "threat"),
        ("whoever keyed my car, I will find you and when I do you'll regret it", "threat"),
        ("Mr Pike, you'll wish you'd never been born", "threat"),
        ("the teachers can't protect you forever Jade", "threat"),
        ("nobody talks to Mia or they're next", "threat"),
        ("let's jump the new boy at lunch", "threat"),
        ("come to the party Saturday and you're not going home", "threat"),
        ("Miss Dove jogs alone every evening along the towpath. quiet spot, nobody around", "threat"),
        # sexual
        ("who's got the upskirt of the girl on the stairs", "sexual"),
        ("he takes creepshots in the corridor", "sexual"),
        ("send more or I'll post the ones I've got", "sexual"),
        ("do what I say or your whole year sees what you sent", "sexual"),
        ("I'll show everyone what you sent me unless you pay", "sexual"),
        ("got a video of Jess getting changed after PE", "sexual"),
        ("which girl in 9R has the best bum", "sexual"),
        ("bet the new music teacher is wild in bed", "sexual"),
        ("the lads voted her most likely to put out", "sexual"),
        ("smash or pass: the year 10 girls", "sexual"),
        # self-harm
        ("I punish myself every time I fail a test", "self_harm"),
        ("haven't eaten since monday, it's my punishment for being useless", "self_harm"),
        ("I'm not sticking around much longer, so whatever", "self_harm"),
        ("do everyone at this school a favour and stop existing", "self_harm"),
        ("she cuts herself for attention, tell her to do it properly", "self_harm"),
        # grooming
        ("ur so mature, let's talk on another app where nobody can read it", "grooming"),
        ("not many 13 year olds are as clever as you. call me instead of texting x", "grooming"),
        ("delete this when no one's looking and meet me after school", "grooming"),
    ],
)
def test_round_six_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "got soaked at sports day, we all got wet",
        "the drama group performed 'Snitch' and everyone knew the ending",
        "Upskirting is now a criminal offence: talk for parents on Tuesday",
        "photos of the new changing rooms are on the website",
        "take your kit off the radiator, it needs washing",
        "we can't protect our children from everything online, but we can talk to them",
        "help us jump the queue for prom tickets",
        "I'm not going home yet, still at netball",
        "our head is the best in the county",
        "punishment for being late is a lunchtime detention",
        "pics of the year 7s in their new uniform, so smart",
        "the Year 11 leavers book has a 'most likely to be famous' page",
        "please call me instead of texting, the school office line is down",
        "if you're not sticking around for the raffle, collect your coats at 8",
    ],
)
def test_round_six_look_alikes_stay_quiet(rule_categories: Categories, text: str) -> None:
    assert not rule_categories(text) & {"threat", "sexual", "self_harm", "grooming"}


# round six b (comments under posts about moments of the school year): strangers asking
# about a child in a photo, street menace without a harm verb, self-harm told as a wish
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("how old is the girl in the blue dress in the choir photo? tell her to follow me", "grooming"),
        ("the boy in the football pic looks lonely, I'm 34 and fun, tell him to look me up", "grooming"),
        ("what time do the year 8s finish on Tuesdays? I'd like to surprise one of them at the gates", "grooming"),
        ("I run a sleepover camp for the quiet ones, no parents allowed, sign up privately", "grooming"),
        ("whoever cut the music budget should be strung up", "threat"),
        ("someone should bomb the place during parents evening", "threat"),
        ("nice new science block, would go up a treat with a lighter", "threat"),
        ("Mr Oakes better have eyes in the back of his head on Monday", "threat"),
        ("his brother doesn't ask twice, give us the names", "threat"),
        ("Lily better not show her face at the prom", "threat"),
        ("I'll drag that ref across the pitch by his collar", "threat"),
        ("saw the memorial for the lad who died. honestly I envy him", "self_harm"),
        ("thinking of opting out of life after results day", "self_harm"),
        ("Maya keeps telling everyone she's going to do it after the exams", "self_harm"),
        ("just throw yourself off the stage and spare us", "self_harm"),
        ("your own mum wishes you'd drown", "self_harm"),
        ("he's done half the rugby team apparently", "sexual"),
        ("Sophie can sit on my face", "sexual"),
        ("heard the deputy head is sleeping with a year 13", "sexual"),
    ],
)
def test_round_six_b_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "how old is the school? 150 years this June!",
        "what time do the year 7s finish on the trip day? need to book a lift",
        "the girl in the photo is my niece, so proud of her",
        "I'm 40 today and still can't park at the school gates",
        "our trip to the bomb disposal museum was brilliant",
        "the whole school will go up a year in September",
        "she wants to die her hair purple for non-uniform day",
        "RIP Mr Jones, he taught us all so much",
        "I'm so tired now after sports day, bed at 8",
    ],
)
def test_round_six_b_look_alikes_stay_quiet(rule_categories: Categories, text: str) -> None:
    assert not rule_categories(text) & {"threat", "sexual", "self_harm", "grooming"}


def test_grooming_signal_keys_cover_every_branch_of_a_leading_group() -> None:
    # the prefilter keys of "wait ...|(?:catch|surprise|meet) ..." once held "catch" alone,
    # so "surprise one of them at the gates" never woke its signal
    from transforms.classify.lexicon import keys
    from transforms.classify.rules.grooming import lead_keys

    assert lead_keys(r"wait\s+for|(?:catch|surprise|meet)\s+him") == keys("wait catch surprise meet")
    # an optional lead: a match opens with it or with what follows it
    assert lead_keys(r"(?:so\s+)?grown\s+up") == keys("so grown")
    assert lead_keys(r"\b(?:sweetheart|babes?)\b") == keys("sweetheart babe")
    assert lead_keys(r"(?:1[0-7]|[5-9]|eleven)\s+year") == keys("DIGIT eleven")
    assert lead_keys(r"(?:'ll|will)\s+pick") is None  # no word leads "'ll": always run
    assert lead_keys(r"(?:a|(?:bb|cc))d|eee") == keys("a bb cc eee")


# round seven: how young people let self-harm slip, threats in new voices, grooming and
# exploitation from outside the school gates, fake nudes
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("logging off for good, thanks for the laughs", "self_harm"),
        ("deleting all my socials tonight, sorry for everything", "self_harm"),
        ("Liam posted 'see you on the other side' and his phone is off, can someone check on him", "self_harm"),
        ("purged again after tea, nobody noticed", "self_harm"),
        ("she's stopped eating and hides it from her mum", "self_harm"),
        ("the intrusive thoughts keep telling me to jump", "self_harm"),
        ("Ellie do everyone at Parkside a favour and vanish", "self_harm"),
        ("why are you still breathing honestly", "self_harm"),
        ("next time cut deeper", "self_harm"),
        ("I'd think twice about parking there if I were you, Mr Gale", "threat"),
        ("wouldn't want to be in that staff room when I finally snap", "threat"),
        ("she should have thought about her kids before she excluded mine", "threat"),
        ("took some pictures of your house today, lovely front door", "threat"),
        ("just a reminder that his daughter goes to the infants next door", "threat"),
        ("meet us by the canal after school. not for a chat.", "threat"),
        ("bro £50 for a couple of drops after school, nobody searches a kid in uniform", "grooming"),
        ("if you ever run away you can stay at mine, no questions asked", "grooming"),
        ("your dad's getting in the way of our lessons, let's meet without him knowing", "grooming"),
        ("someone made a deepfake of Zara and it's going round year 9", "sexual"),
        ("send a pic in your netball skirt or I'll tell everyone you fancy him", "sexual"),
    ],
)
def test_round_seven_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "logging off till exams are over, good luck everyone",
        "she's stopped eating meat since the farm trip",
        "the Year 9 history project on Stalin's purges is on display",
        "been sleeping with one eye open since the ghost tour lol",
        "my son's been sleeping with the light on since the lockdown drill",
        "think twice about the uniform shop, the supermarket one is half the price",
        "I finally snapped a photo of the whole choir together",
        "reminder: your daughter needs her PE kit on Tuesday",
        "the fire drill went well, let's hope we never need a real one",
        "deepfakes awareness session for parents on Thursday",
        "£5 for a cake at the bake sale, all cash to the PTA",
    ],
)
def test_round_seven_look_alikes_stay_quiet(rule_categories: Categories, text: str) -> None:
    assert not rule_categories(text) & {"threat", "sexual", "self_harm", "grooming"}


def test_a_goodbye_tied_to_the_school_calendar_is_a_notice_unless_a_rule_reads_more() -> None:
    from transforms.classify import Classifier

    clf = Classifier()
    assert clf.classify("last post before the holidays, thanks everyone!") == []
    flags = clf.classify("last post before the holidays. I won't be here after that, sorry everyone")
    assert flags and flags[0].category.value == "self_harm"
