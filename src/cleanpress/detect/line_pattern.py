"""``line-pattern``: a whole line that matches a pattern (boilerplate: ad markers, share prompts, …).

Lines are matched as :func:`cleanpress.text.lines.strip_line` reads them: tags, list, heading and
quote markers, emphasis and end punctuation stripped, whitespace collapsed.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.lines import strip_line

DEFAULT_MAX_CHARS = 300


def compile(rule: Rule) -> Compiled:
    p = rule.params
    patterns = [p["pattern"]] if "pattern" in p else []
    patterns += list(p.get("patterns", []))
    flags = 0 if p.get("case_sensitive") else regex.I
    return Compiled(rule, regex.compile("|".join(f"(?:{x})" for x in patterns), flags))


def find(doc: Document, rules: Sequence[Compiled], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    text = doc.text
    # Decoration stripped before matching (markers, emphasis, punctuation) is short: allow 2x + 40.
    longest = max((2 * int(c.rule.params.get("max_chars", DEFAULT_MAX_CHARS)) + 40 for c in rules), default=0)
    for line in doc.lines:
        content = text[line.start : line.end]
        if len(content) > longest and "<" not in content and "&lt;" not in content:
            continue  # too long for every line rule even after stripping decoration
        if not content.strip() or doc.is_protected(line.start, line.end):
            continue
        # A line of decoration only ("[…]") is matched as written.
        stripped = strip_line(content) or content.strip()
        for compiled in rules:
            if len(stripped) > compiled.rule.params.get("max_chars", DEFAULT_MAX_CHARS):
                continue
            if compiled.matcher.fullmatch(stripped):
                findings.append(Finding(compiled.rule, line.start, line.end, whole_line=True))
                break
    return findings
