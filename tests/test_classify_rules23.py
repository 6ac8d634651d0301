"""rules-23: round twenty-five, part two: the school head's sexual reading leads an abuse rule.

"s.l.a.g. that's all Freya Holt is" and "she's thick in all the right places for year 9" are
insults to the abuse rules and sexual harassment to the school head (KCSIE counts sexualised
names and comments about a pupil as sexual harassment). Where the two are of the same severity
the head's sexual reading now leads; every one of the 14 school lines where abuse had led with
sexual beside it was written as sexual. Every line here is invented.
"""

from __future__ import annotations

from transforms.classify import Classifier
from transforms.classify.types import Category


def test_a_sexualised_name_leads_with_sexual_not_abuse() -> None:
    flags = Classifier(scanner=False).classify("sl*g in the back row of the bus")
    cats = [f.category for f in flags]
    assert cats[:2] == [Category.SEXUAL, Category.ABUSE]


def test_a_plain_insult_still_leads_with_abuse() -> None:
    flags = Classifier(scanner=False).classify("you're a useless idiot, shut up")
    assert flags and flags[0].category is Category.ABUSE
