"""The classifier gives the same flags in every process.

Alternations built from sets of words used to be sorted by length alone, so words of the
same length came out in set order, which Python's hash seed changes from process to
process; where two of them matched at one place (masked words: "s*****s"), the evidence
span depended on the seed. These texts (masked words from the public data sets, where
runs with seeds 0 and 1 differed) are classified under two seeds and must match.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "The s****l nurse's t**k on p*****y had my 11 year old a****g me a LOT of q*******s at tea t**e 😳",
    "Q: Do you find s******s  and affectionate people too cloying?\nA: nope. I L**e to c****e and kiss and t***h",
    "listen of all the things i googled for a book are t***e homosexual sharks was probably the w******t and m**t d***********g",
    "@***r Stay s****g Sabine we are w**h you! Whatever you n**d just ask #********s #BuildThatWall",
    "RT @SFsneeejayy: Bitch hmu say she n**d sex r***t now, bitch hmu s****g he upset right now",
    "@******************************m f****y certain this b**g has the most D**y Heatley r********s per c****a than the rest",
]
SCRIPT = """
import json, sys
from transforms.classify import Classifier
from transforms.classify.types import ClassifyContext, PersonRef
texts = json.loads(sys.stdin.read())
ctx = ClassifyContext(school_names=("Oakfield Academy", "Oakfield"),
                      people=(PersonRef("Sam Tiller", ("Mr Tiller", "Mr T"), "staff"), PersonRef("Jo Pratt", ("Miss Pratt",), "staff", True),
                              PersonRef("Ava Lund", ("Ava L",), "pupil"), PersonRef("Eli Marsh", ("Eli M",), "pupil")))
print(json.dumps([[repr(f) for f in flags] for c in (Classifier(), Classifier(ctx)) for flags in c.classify_many(texts)]))
"""


def _flags(seed: str) -> list[list[str]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", SCRIPT], input=json.dumps(TEXTS), capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120, check=True)
    return json.loads(out.stdout)


def test_flags_do_not_depend_on_the_hash_seed() -> None:
    first = _flags("0")
    assert any(first)  # the texts are flagged at all
    assert _flags("1") == first
    assert _flags("12345") == first
