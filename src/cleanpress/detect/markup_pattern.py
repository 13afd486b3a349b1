"""``markup-pattern``: HTML left in text (AdSense slots, tracking pixels, redirect scripts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleanpress.detect import budget
from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.literals import literals_of
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.lazy import LazyPattern, lazy


@dataclass(frozen=True, slots=True)
class MarkupPattern:
    pattern: LazyPattern
    literals: frozenset[str] | None
    """One of these is in every match (case-folded): a document without any is not searched."""


def compile(rule: Rule) -> Compiled:
    source = rule.params["pattern"]
    return Compiled(rule, MarkupPattern(lazy(source, regex.I), literals_of(source)))


def prepare(rules: Sequence[Compiled]) -> Sequence[Compiled]:
    return tuple(rules)


def find(doc: Document, rules: Sequence[Compiled], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    folded: str | None = None
    for compiled in rules:
        matcher: MarkupPattern = compiled.matcher
        if matcher.literals is not None:
            if folded is None:
                folded = doc.text.casefold()
            if not any(literal in folded for literal in matcher.literals):
                continue
        for m in budget.scan(compiled.rule, matcher.pattern, doc.text):
            if m.end() > m.start() and not doc.is_protected(m.start(), m.end()):
                findings.append(Finding(compiled.rule, m.start(), m.end()))
    return findings
