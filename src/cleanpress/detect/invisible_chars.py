"""``invisible-chars``: characters used to hide text (see :mod:`cleanpress.text.invisible`)."""

from __future__ import annotations

from collections.abc import Sequence

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.invisible import invisible_spans


def compile(rule: Rule) -> Compiled:
    return Compiled(rule)


def prepare(rules: Sequence[Compiled]) -> Sequence[Compiled]:
    return tuple(rules)


def find(doc: Document, rules: Sequence[Compiled], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    for compiled in rules:
        for start, end in invisible_spans(doc.text):
            if not doc.is_protected(start, end):
                findings.append(Finding(compiled.rule, start, end))
    return findings
