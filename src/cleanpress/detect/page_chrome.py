"""``page-chrome``: menus, legal links, share and comment-form lines, page head and tail in
full-page text (see :mod:`cleanpress.text.chrome`). Each rule names one ``part`` of the chrome;
the rules are off by default (``page_chrome=True``, ``--page-chrome``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.chrome import chrome_spans


def compile(rule: Rule) -> Compiled:
    return Compiled(rule, str(rule.params["part"]))


def prepare(rules: Sequence[Compiled]) -> Mapping[str, Rule]:
    """The rule of each part (the first one, if a pack names a part twice)."""
    parts: dict[str, Rule] = {}
    for compiled in rules:
        parts.setdefault(str(compiled.matcher), compiled.rule)
    return parts


def find(doc: Document, parts: Mapping[str, Rule], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    for start, end, part, _ in chrome_spans(doc.text):
        rule = parts.get(part)
        if rule is not None and not doc.is_protected(start, end):
            findings.append(Finding(rule, start, end, whole_line=True, evidence=(part,)))
    return findings
