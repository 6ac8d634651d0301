"""Each category's rules, each evasion, and the benign look-alikes that must stay quiet."""

from __future__ import annotations

import pytest

from schoolwatch.core.categories import Category, Severity
from transforms.classify import Classifier, ClassifyContext, PersonRef


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def cats(clf: Classifier, text: str) -> set[str]:
    return {f.category.value for f in clf.classify(text)}


def primary(clf: Classifier, text: str) -> str:
    flags = clf.classify(text)
    return flags[0].category.value if flags else "none"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'm going to stab Mr Okafor after period 5", "threat"),
        ("bringing a knife to school tomorrow", "threat"),
        ("I know where she lives", "threat"),
        ("watch your back, after school you're dead", "threat"),
        ("someone should shoot up Westfield Academy", "threat"),
        ("Harvey is getting jumped at the bus stop tonight", "threat"),
        ("i want to die", "self_harm"),
        ("kys loser", "self_harm"),
        ("I've started cutting again", "self_harm"),
        ("no reason to keep going anymore", "self_harm"),
        ("Miss Jennings is so fit", "sexual"),
        ("anyone got nudes of the girls in year 9?", "sexual"),
        ("hey beautiful, how old are you? add me on snap", "grooming"),
        ("don't tell your mum about us, delete this chat", "grooming"),
        ("want to meet up after school? i'll drive you", "grooming"),
        ("hitler did nothing wrong", "extremism"),
        ("the holocaust never happened", "extremism"),
        ("muslims are all terrorists", "hate"),
        ("go back to your own country", "hate"),
        ("you are such an idiot", "abuse"),
        ("shut up you ugly cow", "abuse"),
        ("Mr Hartley was drunk at parents evening", "defamation"),
        ("the head covered up the abuse", "defamation"),
        ("ring him on 07700 900123", "personal_data"),
        ("Ruby Mills in year 8 lives at 14 Larch Close", "personal_data"),
        ("The school's communication is appalling, no reply for weeks", "complaint"),
    ],
)
def test_each_category(clf: Classifier, text: str, category: str) -> None:
    assert category in cats(clf, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("k y s", "self_harm"),  # letters split by spaces
        ("you are s.t.u.p.i.d", "abuse"),  # split by dots
        ("i will k-i-l-l you", "threat"),  # split by dashes
        ("go k1ll yours3lf", "self_harm"),  # leetspeak
        ("ｉ ｗｉｌｌ ｋｉｌｌ ｙｏｕ", "threat"),  # full-width
        ("k\u200by\u200bs", "self_harm"),  # zero-width spaces
        ("kys\u202e", "self_harm"),  # bidi control
        ("f*** off, nobody likes you", "abuse"),  # masked
        ("you stupid c*nt", "abuse"),  # masked
        ("kіll yоurself", "self_harm"),  # Cyrillic look-alikes
        ("you are stuuuupid", "abuse"),  # stretched letters
        ("🔪 Mr Smith", "threat"),  # emoji next to a person
        ("💣 the school on friday", "threat"),  # emoji next to the school
        ("the new kid is a p a k i", "hate"),  # split slur after "a"
    ],
)
def test_evasions(clf: Classifier, text: str, category: str) -> None:
    assert category in cats(clf, text)


@pytest.mark.parametrize(
    "text",
    [
        "Killed it at sports day! So proud of our Year 6 relay team",
        "Can someone shoot me the link to the parents' evening booking?",
        "The Christmas concert was the bomb, well done everyone",
        "Self-harm awareness talk for parents on Tuesday at 6pm in the hall",
        "Year 9 History: this week we study how the Nazis murdered six million Jews in the Holocaust",
        "Knife crime awareness workshop for Year 10 with the police",
        "Fire drill at 10am today, don't panic",
        "dm us for tickets to the school fair",
        "Call the school office on 01632 960123 for absence",
        "Keep it a secret - we're planning a surprise for Mrs Hollis's retirement!",
        "RSE lesson on consent for Year 9 this week",
        "Well done to Lily in Year 5 for her reading award",
        "the maths test was so hard i nearly died laughing",
        "ugh it's so hot in the year 9 classroom today",
    ],
)
def test_benign_look_alikes(clf: Classifier, text: str) -> None:
    assert clf.classify(text) == []


def rule_names(clf: Classifier, text: str) -> set[str]:
    """The rules behind a text's flags (the model's own reasons left out)."""
    return {r.split(":")[0] for f in clf.classify(text) for r in f.reasons if not r.startswith("model")}


@pytest.mark.parametrize(
    "text",
    [
        # everyday British senses of words on the slur list
        "I didnt buy any alcohol this weekend, and only bought 20 fags. Proud of myself",
        "found a packet of fags behind the science block",
        "tinker with the settings until the projector works",
        "we watched Tinker Tailor Soldier Spy in media studies",
        "selling my auto tranny car, one careful owner",
        # food, drink, filming and messages after a harm verb
        "I could murder a bacon roll after that 7am cross country",
        "i could murder a brew after that parents evening",
        "I will murder this Victoria sponge for the bake sale or die trying",
        "I'm going to strangle whoever invented quadratic equations",
        "i'll shoot the PTA a message about the bake sale",
        "we're gonna shoot the music video for our media coursework on the field tomorrow",
        "the chem teacher set fire to her own hair in the demo, she's fine",
        "Thanks to the police for coming into school to talk about knife crime",
        # idiom and everyday cutting, not self-harm
        "this revision timetable is going to be the death of me",
        "if Mrs Akhtar sets one more past paper I'm faking my own death and moving to Spain",
        "I'd die for our form tutor honestly, she brought us all Easter eggs",
        "cutting my hair for the Little Princess Trust, sponsor me at the school fair!",
        "Who has the maths homework answers? I'm dying here",
        "I dressed up as a death eater for world book day",
        "we lost on sudden death penalties",
        # a phrasal verb or an exclamation, aimed at no one (the rule once read "fuck ye|s")
        "don't screw up the exam tomorrow",
        "shut up year 7, you were all amazing in the play",
        "fuck yes we won the cup",
        # "smash" as doing well
        "she's been glued to the library for weeks, gonna smash her gcses",
        "his art project is fire, he's gonna smash his GCSE",
        # fire emoji as praise, a weapon emoji for a result, slang talked about, a bird
        "the year 7 production of Oliver was 🔥🔥🔥",
        "omg the drama kids killed it in Matilda 🎭🔥🔥",
        "bomb emoji for this result 💣📈 year 13 absolutely smashed the mocks",
        "'kys' = 'keep yourself safe' on our anti-bullying posters, clever rebrand",
        "our safeguarding talk covers words like 'unalive' and 'kms' that children use online",
        "the 'Watch Your Back' posture workshop for the rowing squad is on Monday",
        "the bird box has a small hole but the blue tits don't seem to mind",
        "Year 12 had a talk from a former gang member about how he was groomed into carrying knives",
    ],
)
def test_british_idioms_wake_no_rule(clf: Classifier, text: str) -> None:
    assert rule_names(clf, text) == set()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the same words still flag where they are not the idiom
        ("bought 20 fags, shut up you fag", "hate"),
        ("go back to your caravan you dirty tinker", "hate"),
        ("look at that tranny", "hate"),
        ("I could murder a kid", "threat"),
        ("im going to shoot the teacher a message and then shoot him", "threat"),
        ("I'm going to strangle you after school", "threat"),
        ("been cutting my arms again", "self_harm"),
        ("this will be the death of me. i want to die", "self_harm"),
        ("fuck yourself", "abuse"),
        ("shut the fuck up nazi", "abuse"),
        ("screw you mr smith", "abuse"),
        ("i would smash her", "sexual"),
        ("miss jones has great tits", "sexual"),  # the great tit is a bird too, but not here
        # an idiom beside the real thing does not hide it
        ("this mock will be the death of me, I've started cutting again", "self_harm"),
        ("im planning my own death", "self_harm"),
        ("stop talking about knives, I'm bringing one to school tomorrow", "threat"),
        ("westfield academy 🔥🔥🔥 tomorrow, show them", "threat"),
        # the fitness words that excuse "fit" used to match inside names and words ("Grace")
        ("Grace in year 9 is so sexy", "sexual"),
        # a laugh beside an act of self-harm is masking, not hyperbole
        ("haha i took 20 paracetamol last night", "self_harm"),
        ("lmao i cut my wrists again", "self_harm"),
        # the plain forms beside each exception
        ("💣 emoji for year 9 tomorrow", "threat"),
        ("gonna smash her face in", "threat"),
        ("westfield academy 🔥🔥🔥 tomorrow", "threat"),
        ("just kys", "self_harm"),
        ("watch your back", "threat"),
    ],
)
def test_idiom_exceptions_keep_the_real_thing(clf: Classifier, text: str, category: str) -> None:
    assert category in cats(clf, text)


def test_severity_defaults_and_pupils(clf: Classifier) -> None:
    staff = clf.classify("Miss Jennings is so fit")
    pupils = clf.classify("the year 10 girls are well peng")
    assert staff[0].category is Category.SEXUAL and staff[0].severity is Severity.HIGH
    assert pupils[0].category is Category.SEXUAL and pupils[0].severity is Severity.CRITICAL
    assert clf.classify("I know where she lives")[0].severity is Severity.CRITICAL
    assert clf.classify("the canteen food is terrible")[0].severity is Severity.LOW


def test_school_override_changes_severity() -> None:
    clf = Classifier(ClassifyContext(severity={Category.COMPLAINT: Severity.HIGH}))
    assert clf.classify("the canteen food is terrible")[0].severity is Severity.HIGH


def test_most_severe_first(clf: Classifier) -> None:
    flags = clf.classify("you ugly idiot, I know where you live and I'm going to stab you")
    assert flags[0].category is Category.THREAT
    assert [f.severity.rank for f in flags] == sorted((f.severity.rank for f in flags), reverse=True)


def test_roster_names_drive_defamation_and_personal_data() -> None:
    ctx = ClassifyContext(
        school_names=("Westfield Academy", "Westfield"),
        people=(PersonRef("Dana Kirby", ("Mrs K",), "staff", True), PersonRef("Olly Fenn", (), "pupil", False)),
    )
    clf = Classifier(ctx)
    assert primary(clf, "dana kirby stole the trip money") == "defamation"
    assert primary(clf, "Westfield covered up the bullying") == "defamation"
    assert "personal_data" in cats(clf, "olly fenn is in year 8")
    # without the roster, a bare name is not known to be someone from the school
    assert "personal_data" not in cats(Classifier(), "olly fenn is in year 8")


def test_complaint_is_dropped_when_abusive(clf: Classifier) -> None:
    assert cats(clf, "the head is useless") & {"complaint", "abuse"}
    flags = clf.classify("the school is terrible and Mr Dawson is a fat prick")
    assert "abuse" in {f.category.value for f in flags}
    assert "complaint" not in {f.category.value for f in flags}


def test_reasons_name_the_rule(clf: Classifier) -> None:
    flag = clf.classify("k y s")[0]
    assert flag.source in {"rules", "rules+model"}
    assert any(r.startswith("self_harm.kys") for r in flag.reasons)
    assert all(s.rule.startswith("self_harm.") for s in flag.spans)


def threat_rules(clf: Classifier, text: str) -> set[str]:
    return {name for name in rule_names(clf, text) if name.startswith("threat.")}


@pytest.mark.parametrize(
    "text",
    [
        # a word the threat rules excuse ("play", "history", "war", "time") used to veto the
        # whole post wherever it stood, even inside another word ("playground", "warning")
        "bringing a knife to the playground tomorrow",
        "bringing a knife to sports day",
        "got a knife in my bag for after history",
        "hes going to get stabbed, its a warning",
        "next time i see him im going to stab him",
    ],
)
def test_an_excusing_word_elsewhere_does_not_hide_a_threat(clf: Classifier, text: str) -> None:
    assert threat_rules(clf, text)


@pytest.mark.parametrize(
    "text",
    [
        "we used a toy gun in the school play",
        "killing time before the bus, going to kill some time in the library",
        "Our dog is going to murder the postman one day 😂",
        "miss ur so peng, fancy a private lesson 🔥🔥",
        "Knife crime awareness workshop for Year 10 with the police",
    ],
)
def test_threat_look_alikes_wake_no_threat_rule(clf: Classifier, text: str) -> None:
    assert threat_rules(clf, text) == set()


@pytest.mark.parametrize("text", ["haha i took 20 paracetamol last night", "lmao i cut my wrists again", "im not ok haha, been self harming again"])
def test_a_laugh_does_not_excuse_an_act_of_self_harm(clf: Classifier, text: str) -> None:
    assert "self_harm.ideation" in rule_names(clf, text)


def test_a_laugh_still_excuses_hyperbole(clf: Classifier) -> None:
    assert not {n for n in rule_names(clf, "i was killing myself laughing") if n.startswith("self_harm.")}
