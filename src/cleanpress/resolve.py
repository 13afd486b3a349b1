"""Resolving: findings become an edit script, ordered, non-overlapping removals that keep the
document's shape.

A line that holds only spam goes with its line break (and one blank line where it stood between
blank lines); spam inside a line goes with its lead-in and one adjoining space; rewrites and
invisible characters are exact edits. A link reference definition that goes takes its uses' links
along (each is unlinked to its text); one that stays keeps its uses.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from cleanpress.detect.base import Finding
from cleanpress.document import Document
from cleanpress.model import Removal
from cleanpress.offsets import DisjointSpans
from cleanpress.text.lines import (
    ENDS_SENTENCE,
    MAX_INLINE_LEAD_IN_WORDS,
    MAX_LINE_LABEL_WORDS,
    SENTENCE_END,
    clean_lead_in,
    is_label,
    is_lead_in,
    trailing_label,
    words,
)
from cleanpress.text.links import reference_uses, unlink_references
from cleanpress.text.vocab import cta_start


def build_removals(doc: Document, findings: list[Finding]) -> list[Removal]:
    """Turn findings into ordered, non-overlapping removals that keep the document's shape."""
    findings = _with_references(doc, findings)
    if not findings:
        return []
    text = doc.text
    line_owner: dict[int, Finding] = {}

    def claim(index: int, finding: Finding) -> None:
        # A certain verdict names the line over a suspect one; otherwise the first finding does.
        current = line_owner.get(index)
        if current is None or (current.rule.confidence != "certain" and finding.rule.confidence == "certain"):
            line_owner[index] = finding

    inline: list[tuple[int, int, Finding]] = []
    by_line: dict[int, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        first = doc.line_at(finding.start).index
        if finding.whole_line:
            last = doc.line_at(max(finding.start, finding.end - 1)).index
            for index in range(first, last + 1):
                claim(index, finding)
        else:
            by_line.setdefault(first, []).append(finding)
    deferred: list[tuple[int, list[Finding]]] = []
    for index, group in sorted(by_line.items()):
        # Rewrites and invisible characters are exact edits: they never take a line or a space along.
        rewrites = [f for f in group if f.replacement is not None or f.rule.kind == "invisible-chars"]
        inline.extend((f.start, f.end, f) for f in rewrites)
        group = [f for f in group if all(f is not r for r in rewrites)]
        if not group:
            continue
        covered = _whole_line_span(doc, group)
        if covered is not None:
            owner = min(group, key=lambda f: f.rule.confidence != "certain")
            for i in range(covered[0], covered[1] + 1):
                claim(i, owner)
        else:
            deferred.append((index, group))
    for index, group in deferred:
        if index not in line_owner:
            inline.extend(_inline_spans(doc, group))
    removals = _line_removals(doc, line_owner)
    taken = DisjointSpans((r.start, r.end) for r in removals)
    spans: list[tuple[int, int, Finding]] = []
    for start, end, finding in sorted(inline, key=lambda x: (x[0], -x[1])):
        if taken.overlaps(start, end):
            continue
        if spans and start < spans[-1][1]:
            p_start, p_end, p_finding = spans[-1]
            if p_finding.replacement is None and finding.replacement is None:
                spans[-1] = (p_start, max(p_end, end), p_finding)
            continue
        spans.append((start, end, finding))
    removals.extend(_removal(text, start, end, finding) for start, end, finding in spans)
    return sorted(removals, key=lambda r: r.start)


def _with_references(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Reference links kept consistent with their definitions, so that none is left dangling.

    The definition decides: when a definition ``[label]: url`` goes, every use of its label that
    no finding removes is unlinked to its text (``[text][label]`` -> ``text``); when it stays,
    its uses stay too (a use judged in different company does not go alone)."""
    if not any(f.link is not None and f.link.kind in ("definition", "reference") for f in findings):
        return findings
    going = {
        f.link.label: f
        for f in findings
        if f.link is not None and f.link.kind == "definition" and f.replacement is None
    }
    kept = [
        f
        for f in findings
        if f.link is None or f.link.kind != "reference" or f.replacement is not None or f.link.label in going
    ]
    if not going:
        return kept
    labels = set(going)
    covered = [(f.start, f.end) for f in kept]
    for use in reference_uses(doc.text, labels):
        if doc.is_protected(use.start, use.end) or any(s <= use.start and use.end <= e for s, e in covered):
            continue
        definition = going[use.label]
        kept.append(
            Finding(
                definition.rule,
                use.start,
                use.end,
                evidence=(*definition.evidence, "unlinked"),
                replacement=unlink_references(use.text, labels),
            )
        )
    return kept


def _removal(text: str, start: int, end: int, finding: Finding) -> Removal:
    rule = finding.rule
    return Removal(
        rule=rule.id,
        start=start,
        end=end,
        text=text[start:end],
        replacement=finding.replacement or "",
        reason=rule.reason,
        name=rule.name,
        confidence=rule.confidence,
        evidence=finding.evidence,
    )


def _whole_line_span(doc: Document, group: list[Finding]) -> tuple[int, int] | None:
    """The lines a group of spam spans empties, when what is left of them is only a lead-in."""
    text = doc.text
    first = doc.line_at(group[0].start)
    last = doc.line_at(max(f.end for f in group) - 1) if max(f.end for f in group) > first.start else first
    cursor = first.start
    gaps: list[str] = []
    for finding in sorted(group, key=lambda f: f.start):
        if finding.start > cursor:
            gaps.append(text[cursor : finding.start])
        cursor = max(cursor, finding.end)
    tail = text[cursor : last.end] if cursor < last.end else ""
    lead_in = " ".join(gaps)
    if words(tail) and not is_label(tail) and (words(lead_in) or trailing_label(tail) is None):
        return None  # words after the spam, which are not its label: content
    if "://" in lead_in or "www." in lead_in.lower():
        return None  # another, kept link shares the line: the line is content
    if SENTENCE_END.search(clean_lead_in(lead_in) + " "):
        return None  # a sentence stands before the spam: it is content
    return (first.index, last.index) if is_lead_in(lead_in) else None


def _inline_spans(doc: Document, group: list[Finding]) -> list[tuple[int, int, Finding]]:
    """Spans for spam inside a line that has real content too.

    Spam injected between two sentences ("… in 2011. Find out more: https://ad… Ivan said …") is
    a sentence of its own: it goes with its short lead-in and trailing punctuation. Spam inside a
    sentence goes alone. Either way one adjoining space goes too, so no double space is left."""
    text = doc.text
    spans: list[tuple[int, int, Finding]] = []
    for finding in group:
        line = doc.line_at(finding.start)
        start, end = finding.start, finding.end
        before = text[line.start : start]
        after = text[end : line.end] if end <= line.end else ""
        sentence_ends = list(SENTENCE_END.finditer(before))
        lead_from = sentence_ends[-1].end() if sentence_ends else 0
        ends_sentence = ENDS_SENTENCE.match(after)
        lead_in = before[lead_from:]
        if ends_sentence is None and finding.anchor.strip():
            # An ad link inside a sentence: keep its words, drop the link.
            spans.append((start, end, replace(finding, replacement=finding.anchor.strip())))
            continue
        if ends_sentence is not None:
            lead = _lead_in_offset(lead_in, after_sentence=bool(sentence_ends))
            if lead is not None:
                start = line.start + lead_from + lead
                end += len(ends_sentence.group(1))
        if start > line.start and text[start - 1] in " \t":
            start -= 1
        elif end < line.end and text[end] in " \t":
            end += 1
        spans.append((start, end, finding))
    return spans


def _lead_in_offset(lead_in: str, *, after_sentence: bool) -> int | None:
    """Where the lead-in of an injected link starts within ``lead_in`` (None: keep it all).

    A call to action ("Find out more:", "Bekijk hier") is taken from where it starts, or with the
    whole lead-in when that is only a few words. Without one, the whole lead-in goes when it is short: up to
    MAX_INLINE_LEAD_IN_WORDS after a sentence end, or a label or introduction at the line start.
    A lead-in holding another link is content and stays."""
    cta = cta_start(lead_in)
    if "://" in lead_in or "www." in lead_in.lower():
        return cta
    if cta is not None:
        # "Act fast and visit", "👉 Hier entlang": a short lead-in goes whole, a long one from its CTA.
        return 0 if after_sentence and len(words(lead_in)) <= MAX_LINE_LABEL_WORDS + 1 else cta
    if after_sentence:
        return 0 if len(words(lead_in)) <= MAX_INLINE_LEAD_IN_WORDS else None
    return 0 if is_lead_in(lead_in) else None


def _line_removals(doc: Document, owners: dict[int, Finding]) -> list[Removal]:
    """Removals for whole lines, with blank-line handling so paragraphs stay separated as before."""
    if not owners:
        return []
    text = doc.text
    lines = doc.lines
    n = len(lines)
    removed = set(owners)
    # Blank lines between two removed lines go with them.
    ordered = sorted(removed)
    for a, b in pairwise(ordered):
        if b > a + 1 and all(doc.is_blank(i) for i in range(a + 1, b)):
            removed.update(range(a + 1, b))
    runs: list[tuple[int, int]] = []
    for index in sorted(removed):
        if runs and index == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    removals: list[Removal] = []
    for first, last in runs:
        start = lines[first].start
        end = lines[last].next_start
        prev_blank = first > 0 and doc.is_blank(first - 1) and (first - 1) not in removed
        at_end = last == n - 1
        if at_end and not lines[last].has_break and first > 0:
            # The last line owns the break before it (and the blank line before that).
            start = lines[first - 1].end
            if prev_blank and first > 1:
                start = lines[first - 2].end
        elif at_end and prev_blank:
            start = lines[first - 1].start
        elif not at_end and doc.is_blank(last + 1) and (prev_blank or first == 0):
            end = lines[last + 1].next_start
        # One removal per owning finding, split at line boundaries inside the run.
        pieces: list[tuple[int, int, Finding]] = []
        for index in range(first, last + 1):
            owner = owners.get(index)
            if owner is None:
                continue
            if pieces and pieces[-1][2] is owner:
                continue
            pieces.append((lines[index].start, 0, owner))
        bounds = [p[0] for p in pieces]
        bounds[0] = start
        for k, (_, _, owner) in enumerate(pieces):
            piece_end = bounds[k + 1] if k + 1 < len(bounds) else end
            removals.append(_removal(text, bounds[k], piece_end, owner))
    return removals
