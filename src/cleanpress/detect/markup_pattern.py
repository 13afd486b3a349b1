"""``markup-pattern``: HTML left in text (AdSense slots, tracking pixels, redirect scripts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleanpress.detect import budget
from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.literals import LiteralIndex, Prefiltered
from cleanpress.document import Document
from cleanpress.ruleset import Rule


def compile(rule: Rule) -> Compiled:
    # A document holding none of the pattern's literals is not searched.
    return Compiled(rule, Prefiltered.of(rule.params["pattern"], regex.I))


@dataclass(frozen=True, slots=True)
class Prepared:
    """The markup rules, with one automaton over their literals (bit i: ``rules[i]``)."""

    rules: tuple[Compiled, ...]
    literals: LiteralIndex


def prepare(rules: Sequence[Compiled]) -> Prepared:
    return Prepared(tuple(rules), LiteralIndex.of([c.matcher.literals for c in rules]))


def find(doc: Document, prepared: Prepared, ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    mask = prepared.literals.mask(doc.folded)
    findings: list[Finding] = []
    while mask:  # in rule order: the rules whose literals the document holds
        low = mask & -mask
        mask ^= low
        compiled = prepared.rules[low.bit_length() - 1]
        matcher: Prefiltered = compiled.matcher
        for m in budget.scan(compiled.rule, matcher.pattern, doc.text):
            if m.end() > m.start() and not doc.is_protected(m.start(), m.end()):
                findings.append(Finding(compiled.rule, m.start(), m.end()))
    return findings
