"""rules-4: what round six of the school training lines showed the rules missing.

Drill slang and street menace, intimate-image abuse (upskirts, creepshots, sextortion),
rankings of pupils' bodies, self-punishment, telling a pupil who self-harms to "do it
properly", and grooming that moves a child to another app "where we won't be
interrupted". Each line is invented here (none is copied from a data file), and each has
a look-alike that must stay quiet. Tested at the rule level, so a retrained model cannot
hide a rule that stopped working.
"""

from __future__ import annotations

import pytest

from transforms.classify.normalise import normalise
from transforms.classify.rules import RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet()


def hit_categories(rules: RuleSet, text: str) -> set[str]:
    return {h.category.value for h in rules.find(normalise(text))}


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
def test_round_six_critical_content_is_found(rules: RuleSet, text: str, category: str) -> None:
    assert category in hit_categories(rules, text)


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
def test_round_six_look_alikes_stay_quiet(rules: RuleSet, text: str) -> None:
    assert not hit_categories(rules, text) & {"threat", "sexual", "self_harm", "grooming"}
