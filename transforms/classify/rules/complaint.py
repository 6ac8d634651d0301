"""Complaints: criticism of the school with no abuse in it (low severity: the digest
and the complaints procedure, not a takedown)."""

from __future__ import annotations

from schoolwatch.core.categories import Category
from transforms.classify import lexicon as lx
from transforms.classify.rules.base import Names, NearRule

C = Category.COMPLAINT

SUBJECT = lx.alt(r"(?:the\s+|this\s+|our\s+|that\s+)?school", r"(?:the\s+)?(?:teachers|staff|head(?:\s?teacher)?|headmaster|headmistress|management|leadership|slt|governors|office|senco|academy|trust)",
                 r"(?:the\s+)?(?:homework|uniform|detentions?|canteen|food|lunches|communication|behaviour policy|isolation|parking|website|app|fees|trip|reports?|sen support|send support|support)")
CRITIQUE_WORDS = ["terrible", "awful", "appalling", "shocking", "disgraceful", "a disgrace", "useless", "a joke", "rubbish",
              "pathetic", "unacceptable", "ridiculous", "a shambles", "shambolic", "incompetent", "poor", "worst",
              "hopeless", "out of touch", "failing", "not good enough", "let down", "let us down", "let my", "ignored",
              "ignoring", "never replied", "never reply", "never replies", "never respond", "never responds", "never responded",
              "doesn't reply", "don't reply", "didn't reply", "won't reply", "not replied", "no response", "no reply", "fobbed off", "nobody listens",
              "no one listens", "doesn't care", "don't care", "do not care", "couldn't care less", "a nightmare",
              "chaos", "chaotic", "a mess", "waste of time", "fuming", "disgusted", "livid", "furious", "not happy",
              "complain", "complaint", "complained", "complaining", "ofsted should", "report them to ofsted",
              "pulling my", "taking my", "moving my", "disappointed", "disappointing", "bad", "too strict", "unfair", "terribly", "badly", "poorly", "appallingly", "awfully", "shockingly"]
CRITIQUE = lx.words(CRITIQUE_WORDS)

SUBJECT_KEYS = lx.keys("school teachers staff head headteacher headmaster headmistress management leadership slt governors office "
                       "senco academy trust homework uniform detention detentions canteen food lunches communication behaviour "
                       "isolation parking website app fees trip report reports sen send support")


def rules(names: Names) -> list[NearRule]:
    return [
        NearRule("complaint.criticism", C, CRITIQUE, lx.B + lx.alt(SUBJECT, names.schools, names.heads) + lx.E, 0.6,
             "criticism of the school", keys=lx.keys(CRITIQUE_WORDS), also=SUBJECT_KEYS | names.keys),
    ]


__all__ = ["rules"]
