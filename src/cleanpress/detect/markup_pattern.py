"""``markup-pattern``: HTML left in text (AdSense slots, tracking pixels, redirect scripts)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleanpress.detect import budget
from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.literals import Prefiltered
from cleanpress.document import Document
from cleanpress.ruleset import Rule


def compile(rule: Rule) -> Compiled:
    # A document holding none of the pattern's literals is not searched.
    return Compiled(rule, Prefiltered.of(rule.params["pattern"], regex.I))


def prepare(rules: Sequence[Compiled]) -> Sequence[Compiled]:
    return tuple(rules)


def find(doc: Document, rules: Sequence[Compiled], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    folded: str | None = None
    for compiled in rules:
        matcher: Prefiltered = compiled.matcher
        if matcher.literals is not None:
            folded = doc.folded if folded is None else folded
            if not matcher.may_match(folded):
                continue
        for m in budget.scan(compiled.rule, matcher.pattern, doc.text):
            if m.end() > m.start() and not doc.is_protected(m.start(), m.end()):
                findings.append(Finding(compiled.rule, m.start(), m.end()))
    return findings
