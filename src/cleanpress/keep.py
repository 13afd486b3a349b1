"""Inline suppression: ``cleanpress: keep`` markers keep the next line, or a block, from every rule
or from the rules they name."""

from __future__ import annotations

import regex

from cleanpress.detect.base import Finding
from cleanpress.document import Document
from cleanpress.text.lazy import lazy

# A rule id or prefix: letters then digits (CP101, CP3, ACME12), or a prefix in capitals (CP, ACME).
_ID = r"(?:[A-Za-z]+\d+|(?-i:[A-Z]{2,}))"
_KEEP_MARKER = lazy(
    r"^\s*(?:<!--\s*|#\s*|//\s*|\[//\]:\s*#\s*\(\s*)?cleanpress:\s*(?P<verb>keep-start|keep-end|keep)"
    rf"(?:\s+(?P<ids>{_ID}(?:[\s,]+{_ID})*))?[\s,]*(?:-->|\))?\s*$",
    regex.I,
)


def apply_suppressions(doc: Document, findings: list[Finding]) -> tuple[list[Finding], int]:
    """Drop findings on lines kept by ``cleanpress: keep`` markers (optionally naming rule ids);
    also return how many distinct spans were kept."""
    if "cleanpress:" not in doc.text:
        return findings, 0
    kept: dict[int, frozenset[str] | None] = {}
    block: frozenset[str] | bool | None = False
    pending: frozenset[str] | bool | None = False
    for line in doc.lines:
        content = doc.text[line.start : line.end]
        # Match the line on its own: with a start position, "^" would only match at offset 0.
        m = _KEEP_MARKER.match(content) if "cleanpress:" in content else None
        if m is not None and doc.is_protected(line.start, line.end):
            m = None  # a marker shown in a code block is an example, not a marker
        if m is not None:
            ids = frozenset(x for x in regex.split(r"[\s,]+", (m.group("ids") or "").upper()) if x) or None
            verb = m.group("verb").lower()
            if verb == "keep":
                pending = ids
            elif verb == "keep-start":
                block = ids
            else:
                block = False
            continue
        if block is not False:
            kept[line.index] = block  # type: ignore[assignment]
        if pending is not False and doc.text[line.start : line.end].strip():
            kept[line.index] = pending  # type: ignore[assignment]
            pending = False
    remaining: list[Finding] = []
    # Two rules flagging the same span (a listed URL that is also a repeated line) are one
    # thing kept, not two.
    suppressed: set[tuple[int, int]] = set()
    for finding in findings:
        index = doc.line_at(finding.start).index
        if index in kept:
            ids = kept[index]
            if ids is None or any(finding.rule.id.startswith(x) for x in ids):
                suppressed.add((finding.start, finding.end))
                continue
        remaining.append(finding)
    return remaining, len(suppressed)
