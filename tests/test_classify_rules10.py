"""rules-10: round thirteen, from the lines `school_blind/holdout17.csv`-`holdout20.csv` missed.

Those four are tuning sets now; `holdout21.csv` and `holdout22.csv` are the blind ones.
Families, each with benign twins that must stay quiet: a kill "at lunch" spelt letter by
letter, leetspeak inside dotted runs, drill slang ("ride out on the yr 10s", "pull up wiv the
ting"), a seat to avoid on a named day, "the last normal one", slang for suicide ("toaster
bath", "a perm nap"), someone else's self-harm reported, sexualised names with a year group
or a rumour (KCSIE's "sexualised names"), nudes asked for or got "off" someone, and grooming
phrases that name a child's routine or a channel where "less people are watching". Every line
here is invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from transforms.classify.normalise import normalise

Categories = Callable[[str], set[str]]

CRITICAL = {"threat", "sexual", "self_harm", "grooming"}


@pytest.mark.parametrize(
    ("raw", "deep"),
    [
        ("h u r t  h e r  a t  b r e a k", "hurt her at break"),  # a two-letter word between double gaps (one space since rules-12)
        ("s.3.x.t", "sext"),  # leetspeak inside a dotted run
        ("p-0-r-n", "porn"),
        ("y 1 1 s", "y 1 1 s"),  # mostly digits: a year group, left alone
        ("see you a t 3", "see you a t 3"),  # a run with a digit must end in a letter
        ("i c u", "i c u"),  # text speak stays split
    ],
)
def test_split_runs_with_digits_and_pairs(raw: str, deep: str) -> None:
    assert normalise(raw).deep.text == deep


def test_a_joined_pair_keeps_offsets_into_the_original() -> None:
    raw = "h u r t  h e r  a t  b r e a k"
    n = normalise(raw)
    a = n.deep.text.index("at")
    start, end = n.deep.original(a, a + 2)
    assert raw[start:end] == "a t"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # threats
        ("s t a b  h i m  a t  r e g i s t r a t i o n", "threat"),
        ("gon batter a dinner lady if she moves me again", "threat"),
        ("gna wreck the music block w a 🧨 on friday", "threat"),
        ("we ride out on the yr 9s after the match", "threat"),
        ("pulling up with the strap at the gates", "threat"),
        ("opps by the leisure centre, we're going on a ride later 🔪", "threat"),
        ("I wouldn't sit near the stage at prize giving on Tuesday. Just saying.", "threat"),
        ("the leavers are getting a send off nobody forgets. not talking about a cake.", "threat"),
        ("tell your sister the walk to the bus isn't safe for you anymore", "threat"),
        ("enjoy period 5 year 10, it's your last normal friday", "threat"),
        ("the prefects better hope they're off sick on sports day", "threat"),
        ("sl@pping that snitch in 9R on sight", "threat"),
        ("dad's rifle is in the shed and I'm bringing it in when they least expect", "threat"),
        ("been planning this since september. everyone will remember the date", "threat"),
        ("they'll all find out what I'm capable of on monday", "threat"),
        ("remember this comment when Oakfield makes the news", "threat"),
        ("got something for Kian and it isn't a christmas present", "threat"),
        # self-harm
        ("thinking about a toaster bath tonight ngl", "self_harm"),
        ("ready for the permanent nap ⚰️", "self_harm"),
        ("suicidal asf after those results", "self_harm"),
        ("blades from the pencil sharpeners pop out if you twist them", "self_harm"),
        ("🩸🔪 is how i get through exam season", "self_harm"),
        ("that kid in 8T should neck himself", "self_harm"),
        ("she's been self-harming in the music toilets, can someone tell Miss", "self_harm"),
        ("my mate posted that she's going to overdose after school", "self_harm"),
        ("gonna step in front of a train on the way home", "self_harm"),
        ("sh relapse day 2 again", "self_harm"),
        # sexual
        ("Jade from 9B is a slag, ask anyone", "sexual"),
        ("Megan's a sket, slept with half the yr", "sexual"),
        ("that sl*t has been round all of the sixth form", "sexual"),
        ("she's the school hoe lol", "sexual"),
        ("£10 to whoever gets a nude off Priya", "sexual"),
        ("lads in 11C keep asking her for nudes on snap", "sexual"),
        ("p.0.r.n of a girl from year 9 going round whatsapp", "sexual"),
        ("they were sexing behind the sports hall at lunch", "sexual"),
        ("wanna sext u", "sexual"),
        ("let's get Amy drunk at the party later so we can have a go", "sexual"),
        ("message me to see what Zara looks like without her uniform", "sexual"),
        # grooming
        ("what nights do you go to swimming? do you walk home on your own after?", "grooming"),
        ("what are you wearing to the party? show me first before anyone else sees x", "grooming"),
        ("hmu on telegram girls, free 💷", "grooming"),
        ("such a pretty smile in your team photo, dm me", "grooming"),
        ("move 2 signal, less people watching", "grooming"),
        ("presents for good girls who don't tell", "grooming"),
        ("it's okay to keep some things private from your parents you know", "grooming"),
        ("send me a pic of what you're wearing right now", "grooming"),
        ("£20 is yours if u send me that pic", "grooming"),
        ("Noticed you walk past the garage every morning. I could save you the walk x", "grooming"),
    ],
)
def test_round_thirteen_critical_content_is_found(rule_categories: Categories, text: str, category: str) -> None:
    assert category in rule_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        # threats' twins
        "got my knife and fork ready for the Christmas lunch",
        "the jollof at the international evening was fire 🔥🔥",
        "the smell from the science labs is going to kill someone one day",
        "Don't sit near the front at the panto on Thursday, you will get soaked! Trust me",
        "the bus lane isn't safe for cyclists anymore, please write to the council",
        "Last normal week before mocks, good luck Year 11",
        "The coach will pull up with the kit at 8am",
        "We went on a ride at the theme park on the year 9 trip",
        "remember this post when we win the league",
        "I've been planning the prom since September and it'll be amazing",
        # self-harm's twins
        "I thought I was going to die on the bleep test 😂",
        "I'd die for those cookies from the bake sale",
        "the permanent sleepover club is back next term",
        "she's been cutting her fringe herself again",
        "Mrs Doyle posted that she's going to run the marathon in April",
        # sexual's twins
        "My son's fit to play again after his ankle injury",
        "Year 10 had a talk on why names like slag are sexual harassment, really good session",
        "she's been round the whole school collecting for Children in Need",
        "asking year 7 parents for old uniform donations",
        # grooming's twins
        "What days do you have netball? The school minibus takes you home afterwards",
        "Show me your homework before you hand it in, love Mum",
        "lovely smiles from the Year 3 nativity!",
    ],
)
def test_round_thirteen_look_alikes_are_not_flagged(rule_categories: Categories, text: str) -> None:
    assert not (rule_categories(text) & CRITICAL)
