"""All the rules, built once per school context, run over one normalised text."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from transforms.classify import lexicon as lx
from transforms.classify.lexicon import keys, text_keys
from transforms.classify.normalise import Normalised
from transforms.classify.rules import (
    abuse,
    complaint,
    defamation,
    extremism,
    grooming,
    hate,
    personal_data,
    self_harm,
    sexual,
    threat,
)
from transforms.classify.rules.base import Hit, Names, NearRule, Rule, asleep, names_pattern, woken
from transforms.classify.scanner import Scanner, load_or_compile

RULES_VERSION = "rules-38"
"""Bump whenever a rule changes: it is part of the classifier version stored with flags."""

MODULES = (threat, self_harm, sexual, grooming, extremism, hate, abuse, defamation, personal_data, complaint)


class _Finds(Protocol):
    name: str
    keys: frozenset[str] | None
    also: frozenset[str] | None

    def find(self, n: Normalised, present: set[str] | None = None) -> list[Hit]: ...

    view: str

    def scan_patterns(self) -> list[str]: ...

    def find_scanned(self, n: Normalised, found: list[int], present: set[str]) -> list[Hit]:
        """The hits in ``n``, once a scanner found the patterns it needs (``found``: for a
        rule with more than two, which of them) and its keys are ``present``."""
        ...


class RuleSet:
    """Every category's rules, compiled with the school's names and roster."""

    def __init__(self, names: Names | None = None) -> None:
        self.names = names or Names()
        self.rules: list[_Finds] = [r for m in MODULES for r in m.rules(self.names)]
        # which rules each prefilter key can wake: a text then looks up its ~20 keys instead
        # of testing ~150 rules' key sets one by one (that loop cost more than most regexes)
        self._always = [i for i, r in enumerate(self.rules) if r.keys is None]
        # what runs a woken rule: a rule with no second key set needs no more checks (its
        # keys woke it), so its scan is called directly, sparing a set test per rule
        self._run: list[Callable[[Normalised, set[str]], list[Hit]]] = [
            r.scan if r.also is None and isinstance(r, (Rule, NearRule)) else r.find for r in self.rules
        ]
        self._by_key: dict[str, list[int]] = {}
        for i, r in enumerate(self.rules):
            for k in r.keys or ():
                self._by_key.setdefault(k, []).append(i)
        # the patterns a scanner looks for, each once ((view, regex); a pattern's id is its
        # index), and for each the rules that use it: (rule index, index among its patterns)
        ids: dict[tuple[str, str], int] = {}
        users_of: list[list[tuple[int, int]]] = []
        for i, r in enumerate(self.rules):
            for j, pattern in enumerate(r.scan_patterns()):
                pid = ids.setdefault((r.view, pattern), len(ids))
                if pid == len(users_of):
                    users_of.append([])
                users_of[pid].append((i, j))
        self.patterns: list[tuple[str, str]] = list(ids)
        # per pattern, as bit masks over the rules (bit i: rule i), the rules it can wake:
        # a Rule, or the grooming rule, needs one of its patterns found (``any``); a NearRule
        # needs both, its ``a`` and its ``b``. A text ORs the masks of the patterns found in
        # it: a few integer operations where a dictionary of lists cost 10 us a text
        self._masks: list[tuple[int, int, int]] = []
        self._local: dict[int, dict[int, int]] = {}  # for the grooming rule: pattern id -> its index there
        for pid, users in enumerate(users_of):
            any_, a, b = 0, 0, 0
            for i, j in users:
                r = self.rules[i]
                if isinstance(r, NearRule):
                    a, b = (a | 1 << i, b) if j == 0 else (a, b | 1 << i)
                else:
                    any_ |= 1 << i
                    if not isinstance(r, Rule):
                        self._local.setdefault(i, {})[pid] = j
            self._masks.append((any_, a, b))
        # A text with stretched letters or masks is searched with the rules' tolerant
        # patterns. Only those built from word lists (lexicon.words) differ from the plain
        # ones, which the scanner looks for; compiling their tolerant forms took Hyperscan
        # 25 s against 5 s for all the rest. So for such a text they count as found (their
        # rules run as without a scanner), and every other pattern is scanned as usual
        t_any = t_a = t_b = 0
        for i, r in enumerate(self.rules):
            if isinstance(r, Rule) and lx.has_word_lists(r.pattern):
                t_any |= 1 << i
            elif isinstance(r, NearRule):
                t_a |= (1 << i) if lx.has_word_lists(r.a) else 0
                t_b |= (1 << i) if lx.has_word_lists(r.b) else 0
        self._tolerant_found = (t_any, t_a, t_b)
        self._scanner: Scanner | None = None
        self._scanner_tried = (False, False)  # (looked in the cache, compiled)
        self._scanner_lock = threading.Lock()

    def find(self, n: Normalised) -> list[Hit]:
        present = text_keys(n.deep.text, n.tolerant)
        hits: list[Hit] = []
        run = self._run
        for i in woken(self._always, self._by_key, present):  # the modules' order: evidence listed the same way each run
            hits.extend(run[i](n, present))
        return hits

    def find_scanned(self, n: Normalised, found: set[int]) -> list[Hit]:
        """The hits in ``n``, given the ids of the patterns a scanner found in it: only the
        rules those patterns belong to run. The same hits as :meth:`find`, in the same order."""
        masks = self._masks
        any_, a, b = self._tolerant_found if n.tolerant else (0, 0, 0)
        for pid in found:
            m = masks[pid]
            any_ |= m[0]
            a |= m[1]
            b |= m[2]
        ready = any_ | (a & b)
        if not ready:
            return []
        # a rule also sleeps where its prefilter keys are absent, as in find: the keys are
        # meant to be implied by the patterns, but where one is not the results must still
        # be the same with and without a scanner
        present = text_keys(n.deep.text, n.tolerant)
        hits: list[Hit] = []
        rules = self.rules
        while ready:  # the rules in order, lowest bit first
            low = ready & -ready
            ready ^= low
            i = low.bit_length() - 1
            r = rules[i]
            if asleep(r.keys, r.also, present):
                continue
            local = self._local.get(i)
            hits.extend(r.find_scanned(n, [local[p] for p in found if p in local] if local is not None else [], present))
        return hits

    def scanner(self, *, compile: bool, cache: Path | None = None) -> Scanner | None:
        """This rule set's scanner: loaded from the ``cache`` directory on first call,
        compiled when ``compile`` and the cache has none (once per rule set); None where
        there is none."""
        if self._scanner is not None:
            return self._scanner
        with self._scanner_lock:
            looked, compiled = self._scanner_tried
            if self._scanner is None and (not looked or (compile and not compiled)):
                self._scanner = load_or_compile(self.patterns, compile=compile, directory=cache)
                self._scanner_tried = (True, compiled or compile)
        return self._scanner


def build_names(
    school_names: Sequence[str], people: Sequence[tuple[str, Sequence[str], str, bool]]
) -> Names:
    """Names from the context: (name, aliases, role, is_head) per person."""
    everyone = [n for name, aliases, _, _ in people for n in (name, *aliases)]
    pupils = [n for name, aliases, role, _ in people if role.lower() in {"pupil", "student"} for n in (name, *aliases)]
    heads = [n for name, aliases, _, is_head in people if is_head for n in (name, *aliases)]
    return Names(
        schools=names_pattern(school_names),
        people=names_pattern(everyone),
        pupils=names_pattern(pupils),
        heads=names_pattern(heads),
        keys=keys(*school_names, *everyone),
    )


__all__ = ["RULES_VERSION", "Hit", "Names", "RuleSet", "build_names"]
