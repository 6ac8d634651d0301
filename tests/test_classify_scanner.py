"""The rules' scanner (:mod:`transforms.classify.scanner`) changes how fast a text is
classified, never how:

- a classifier with the scanner gives the same flags (spans, rules, reasons, scores) as
  one without it, on every labelled line in tests/data and on tricky texts, with and
  without a school's names and roster;
- on texts hypothesis builds from the rules' own words, the rules find the same hits
  after a scan as without one (a prefilter that missed a match would show here);
- text where Python's character classes and Hyperscan's could differ is not scanned;
- the compiled scanner is cached, keyed by its patterns, and a damaged cache file is
  recompiled, never trusted; without the ``hyperscan`` package the rules run without one;
- a small batch does not pay for compiling it.
"""

from __future__ import annotations

import csv
import logging
import os
import re
import stat
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.classify import Classifier, ClassifyContext, PersonRef, api, scanner
from transforms.classify import normalise as nm
from transforms.classify.literals import Gated
from transforms.classify.rules import RuleSet, self_harm

pytestmark = pytest.mark.skipif(not scanner.available(), reason="no hyperscan package on this platform")

DATA = Path(__file__).parent / "data"
CONTEXT = ClassifyContext(
    school_names=("Fernhill Academy", "Fernhill"),
    people=(PersonRef("Nadia Quill", ("Mrs Q",), "staff", True), PersonRef("Tobias Wren", ("Toby",), "pupil", False)),
)
TRICKY = [
    "", " ", "\n", "k y s", "f***", "c*nt", "stuuuupid", "ｋｉｌｌ ｙｏｕ", "k1ll urs3lf", "b!tch", "s.t.u.p.i.d",
    "i'm going to stab mr okafor after period 5", "bringing a knife to school tomorrow 🔪🔪",
    "dont tell your mum about us, delete the chat x", "you're only 14 but so mature for your age",
    "what time does your mum get home? i'll pick you up from the gates", "thirteen is ok babe x",
    "Nadia Quill stole the trip money", "Tobias Wren is in year 8 at Fernhill, lives on 12 Elm Road",
    "email me at someone@example.org", "ring 07700 900123", "no one cares about you", "@kikiSTFU: lol",
    "you are a joke", "kill kill kill kill kill kill", "zzz" * 300, "(?:|[]\\)", "\x00\x07\u200b\u202e",
    "watch\tyour\nback", "watch\x0byour back", "i will kill you café", "meet me after school 😉 don't tell anyone",
]


def _lines() -> list[str]:
    out: list[str] = []
    for f in sorted(DATA.rglob("*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames and "text" in reader.fieldnames:
                out.extend(row["text"] for row in reader)
    return list(dict.fromkeys(TRICKY + out))


@pytest.mark.slow
@pytest.mark.parametrize("context", [ClassifyContext(), CONTEXT], ids=["no-context", "school-context"])
def test_flags_are_the_same_with_and_without_the_scanner(context: ClassifyContext) -> None:
    texts = _lines()
    if context.people:
        texts = texts[::3]
    fast = Classifier(context, scanner=True, scanner_cache=_cache())
    assert fast.prepare_scanner()
    scan = _scanner(fast.rules).scan
    norms = [nm.normalise(t) for t in texts]
    scanned = [n for n in norms if scan(n.deep.text, n.clean.text) is not None]
    assert len(scanned) > 0.8 * len(texts), "most lines should take the scanner's path"
    assert sum(not n.original.isascii() for n in scanned) > 10, "emoji too"
    assert sum(n.tolerant for n in scanned) > 10, "and stretched letters and masks"
    assert [repr(f) for f in fast.classify_many(texts)] == [repr(f) for f in Classifier(context, scanner=False).classify_many(texts)]


def _cache() -> Path:
    """The test run's cache directory (tests/conftest.py): each rule set compiles once a run."""
    return Path(os.environ["SCHOOLWATCH_CACHE_DIR"])


def _scanner(rules: RuleSet) -> scanner.Scanner:
    found = rules.scanner(compile=False)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    clf = Classifier(CONTEXT, scanner=True, scanner_cache=_cache())
    assert clf.prepare_scanner()
    return clf.rules


def _fragments(rules: RuleSet) -> list[str]:
    words = sorted({s for r in rules.rules for g in _gates(r) for group in g.needles for s in group})
    return [*words, " ", ".", "!", "?", "'", "1", "14", "y10", "@", "x", "emj_knife", "emj_wink", "you", "u", "ur", "the",
            "school", "mr smith", "nadia quill", "toby", "😂", "é", "£5", "\n", "\t", "#", "%", "f***", "c*nt", "kiiill", "stuuupid", "sluuut", "b*tch", "y0u", "—", "\u00a0", "“", "🔪", "\x0b"]


def _gates(rule: object) -> list[Gated]:
    out: list[Gated] = []
    for attr in ("_re", "_unless"):
        g = getattr(rule, attr, None)
        if g is not None:
            out.append(g)
    for attr in ("_a", "_b"):
        out.extend(g for g in getattr(rule, attr, None) or () if g is not None)
    for _, signal in getattr(rule, "_flat", ()):
        out.append(signal._full)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_rules_find_the_same_hits_after_a_scan(rules: RuleSet, data: st.DataObject) -> None:
    pieces = data.draw(st.lists(st.sampled_from(_fragments(rules)), min_size=1, max_size=14))
    text = data.draw(st.sampled_from([" ", "", "  "])).join(pieces)
    n = nm.normalise(text)
    found = _scanner(rules).scan(n.deep.text, n.clean.text)
    if found is None:
        return
    assert rules.find_scanned(nm.normalise(text), found) == rules.find(nm.normalise(text)), text


@pytest.mark.parametrize("text", ["café", "naïve threat", "\x00 kill", "١٢ kill", "£5 for pics"])
def test_text_python_and_hyperscan_could_read_apart_is_not_scanned(rules: RuleSet, text: str) -> None:
    # a letter or digit beyond ASCII (Python's \\w and \\d hold it), a control character, a
    # character a pattern names ("£")
    assert _scanner(rules).scan(text, text) is None


def test_plain_ascii_with_tabs_and_line_breaks_is_scanned(rules: RuleSet) -> None:
    found = _scanner(rules).scan("i will\tkill you\r\nafter school", "x")
    assert found is not None and found


@pytest.mark.parametrize("text", ["kill 😂 you", "kill\u00a0you", "kill\x0byou", "kill — you", "kill “you”", "kill 🇬🇧 you 🏻"])
def test_symbols_and_spaces_beyond_ascii_are_scanned_by_stand_ins(text: str) -> None:
    pattern = r"(?<![a-z0-9])kill\W+(?:you|u)\b"
    built = scanner.load_or_compile([("deep", pattern)], compile=True, directory=_cache())
    assert built is not None
    assert re.search(pattern, text), "Python's own pattern matches"
    assert built.scan(text, text) == {0}, "so the scan must report it"


@pytest.mark.parametrize(
    ("pattern", "loose"),
    [
        (r"a{0,80}?b", r"a{0,}b"),
        (r"(?:[a-z]+\s+){1,3}x", r"(?:[a-z]+\s+){1,}x"),
        (r"\d{,2}", r"\d{0,}"),
        (r"x{2}", r"x{2}"),  # an exact count stays
        (r"\{0,3\}", r"\{0,3\}"),  # escaped braces are text
        (r"[{0,3}]", r"[{0,3}]"),  # so are braces in a class
        (r"[]{1,2}]{1,5}", r"[]{1,2}]{1,}"),  # and a class that opens with "]"
    ],
)
def test_loosen_opens_bounded_repeats_only(pattern: str, loose: str) -> None:
    assert scanner.loosen(pattern) == loose


def test_a_match_hyperscan_misses_beside_another_pattern_is_found() -> None:
    # Vectorscan 5.4.12 misses the goodbye-letters pattern (a bounded repeat) on this invented
    # line when the pattern below shares its database; alone it finds it. The open-ended form
    # in the second database does (see scanner._compile): with one database this fails.
    letters = next(p for keys, p in self_harm.IDEATION if keys.startswith("letters"))
    beside = r"(?:he|(?:year|yr|y)\s?(?:[1-9]|1[0-3])(?:s|[a-z])?)"
    text = "wrote letters for my mum and dad and they'll find them"
    assert re.search(letters, text)
    built = scanner.load_or_compile([("deep", beside), ("deep", letters)], compile=True, directory=None)
    assert built is not None
    assert 1 in (built.scan(text, text) or set())


def test_a_match_hyperscan_misses_in_one_form_is_found_in_the_other() -> None:
    # Vectorscan 5.4.12 misses this line with the repeat open-ended, and finds it bounded;
    # other lines go the other way (see scanner._compile). The union reports both.
    pattern = r"(?:rip|r\.i\.p|passed away|died|funeral)\b[^!?]{0,80}\bi\s+(?:\w+\s+)?envy\s+(?:him|her|them)\b"
    text = "rip to the boy from hillcrest. honestly i envy him"
    assert re.search(pattern, text)
    built = scanner.load_or_compile([("deep", r"(?<![a-z0-9])he(?![a-z0-9])"), ("deep", pattern)], compile=True, directory=None)
    assert built is not None
    assert 1 in (built.scan(text, text) or set())


PATTERNS = [("deep", r"(?<![a-z0-9])kill\s+(?:you|u)(?![a-z0-9])"), ("deep", r"stab"), ("clean", r"\d{5}\s?\d{6}")]


def test_the_scanner_is_cached_by_its_patterns(tmp_path: Path) -> None:
    tmp_path = tmp_path / "cache"
    assert scanner.load_or_compile(PATTERNS, compile=False, directory=tmp_path) is None  # nothing cached, nothing compiled
    built = scanner.load_or_compile(PATTERNS, compile=True, directory=tmp_path)
    assert built is not None
    assert built.scan("i will kill you", "07700 900123") == {0, 2}
    assert built.scan("skill u", "") == {0}  # a prefilter: the lookbehind is loosened, the rule's regex has the last word
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700, "safeguarding words and a school's roster: private to its user"
    loaded = scanner.load_or_compile(PATTERNS, compile=False, directory=tmp_path)
    assert loaded is not None and loaded.key == built.key and loaded.scan("stab", "") == {1}
    other = scanner.load_or_compile(PATTERNS[:2], compile=False, directory=tmp_path)
    assert other is None, "another pattern list must not load this one's file"


def test_the_cache_is_private_and_forgets_scanners_unused_for_a_month(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = scanner.load_or_compile(PATTERNS, compile=True, directory=cache)
    assert built is not None
    (path,) = cache.iterdir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "the patterns hold the school's roster"
    old = time.time() - (scanner.UNUSED_DAYS + 1) * 86400
    os.utime(path, (old, old))
    stale_write = cache / "scanner-0123.hsdb.99.1.tmp"
    stale_write.write_bytes(b"half")
    os.utime(stale_write, (old, old))
    # loading it marks it used, so it stays; another school's compile prunes nothing in use
    assert scanner.load_or_compile(PATTERNS, compile=False, directory=cache) is not None
    assert path.exists() and path.stat().st_mtime > old
    assert not stale_write.exists()
    os.utime(path, (old, old))
    assert scanner.load_or_compile(PATTERNS[:1], compile=True, directory=cache) is not None
    assert not path.exists(), "a scanner unused for a month is deleted"
    assert len(list(cache.iterdir())) == 1


def test_a_damaged_cache_file_is_compiled_afresh_not_trusted(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    built = scanner.load_or_compile(PATTERNS, compile=True, directory=tmp_path)
    assert built is not None
    (path,) = tmp_path.iterdir()
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.INFO, logger="transforms.classify.scanner"):
        assert scanner.load_or_compile(PATTERNS, compile=False, directory=tmp_path) is None
    assert "damaged" in caplog.text
    again = scanner.load_or_compile(PATTERNS, compile=True, directory=tmp_path)
    assert again is not None and again.scan("kill u", "") == {0}
    assert scanner.load_or_compile(PATTERNS, compile=False, directory=tmp_path) is not None, "the fresh compile replaced the file"


def test_without_hyperscan_the_rules_run_without_a_scanner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanner, "_hs", None)
    assert not scanner.available()
    clf = Classifier(scanner=True)
    assert not clf.prepare_scanner()
    (flags,) = clf.classify_many(["i'm going to stab you after school"])
    assert flags and flags[0].category.value == "threat"


def test_small_batches_do_not_compile_a_scanner_until_they_add_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setattr(api, "SCANNER_COMPILE_AT", 300)
    clf = Classifier(scanner_cache=cache)
    clf.classify_many([f"see you at the fair, stall {i}" for i in range(299)])
    assert clf.rules.scanner(compile=False, cache=cache) is None
    assert not cache.exists()
    # a long run in batches (the pipeline classifies 2,000 posts at a time) compiles it once
    # the texts add up, and the cache keeps it for the next classifier
    clf.classify_many(["one more stall"])
    assert clf.rules.scanner(compile=False, cache=cache) is not None
    assert len(list(cache.iterdir())) == 1
    assert Classifier(scanner_cache=cache).prepare_scanner(compile=False)
    assert not Classifier(scanner_cache=tmp_path / "elsewhere").prepare_scanner(compile=False)
    assert not Classifier(scanner=False, scanner_cache=cache).prepare_scanner()


def test_the_cache_directory_follows_the_environment_it_is_given(tmp_path: Path) -> None:
    assert scanner.cache_dir({"SCHOOLWATCH_CACHE_DIR": str(tmp_path / "a"), "XDG_CACHE_HOME": "/x"}) == tmp_path / "a"
    assert scanner.cache_dir({"XDG_CACHE_HOME": str(tmp_path / "xdg"), "HOME": "/h"}) == tmp_path / "xdg" / "schoolwatch"
    assert scanner.cache_dir({"HOME": str(tmp_path)}) == tmp_path / ".cache" / "schoolwatch"
    assert scanner.cache_dir({"SCHOOLWATCH_CACHE_DIR": "", "HOME": str(tmp_path)}) == tmp_path / ".cache" / "schoolwatch"
