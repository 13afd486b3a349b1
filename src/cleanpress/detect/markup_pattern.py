"""``markup-pattern``: HTML left in text (AdSense slots, tracking pixels, redirect scripts)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.lazy import lazy


def compile(rule: Rule) -> Compiled:
    return Compiled(rule, lazy(rule.params["pattern"], regex.I))


def prepare(rules: Sequence[Compiled]) -> Sequence[Compiled]:
    return tuple(rules)


def find(doc: Document, rules: Sequence[Compiled], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    for compiled in rules:
        for m in compiled.matcher.finditer(doc.text):
            if m.end() > m.start() and not doc.is_protected(m.start(), m.end()):
                findings.append(Finding(compiled.rule, m.start(), m.end()))
    return findings
