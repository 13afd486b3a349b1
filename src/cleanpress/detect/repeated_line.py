"""``repeated-line``: a line injected several times (a lone URL line, a promotional sentence).

A short line repeated three or more times goes when it shows two promotional themes, or one when
its copies stand alone between paragraphs, as an injection at paragraph breaks does (unlike a
repeated heading in a meal plan). In Markdown and reST only a bare URL line counts as a
repeated URL line (a link with its own text is navigation or a badge), and only from
:data:`~cleanpress.detect.evidence.AUTHORED_REPEATS` copies (a manual cites a URL twice as a matter
of course). Copies that are
structure (a section title, a line of a wrapped paragraph, a table row, a link reference
definition) stay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.context import alone_on_line, removed_lines
from cleanpress.detect.evidence import AD_SHAPES, AUTHORED_REPEATS, CITED_SHAPES, bare, intrinsic_evidence
from cleanpress.document import AUTHORED_FORMATS, Document
from cleanpress.ruleset import Rule
from cleanpress.text.lazy import lazy
from cleanpress.text.lines import MIN_PARAGRAPH_CHARS, strip_line, words
from cleanpress.text.links import Link
from cleanpress.text.vocab import TOPICAL_THEMES, WEAK_THEMES, promo_signs

# A promotion is a phrase: a repeated line of fewer words is a label (a changelog's "crypto:").
MIN_PROMO_WORDS = 2
# A URL whose path or query holds another URL (plain or percent-encoded) is a redirect.
_CARRIES_URL = lazy(r"[?&=/](?:https?(?::|%3a)(?://|%2f%2f)|www\.)", regex.I)
_ADDRESS = lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+", regex.I)

# In an authored document (Markdown, reST) a repeated line holding a link with its own text or
# image ("[Documentation](…)", a DOI badge) is navigation: only a bare URL repeated is suspect.
BARE_KINDS = frozenset({"bare", "wrapped"})


def compile(rule: Rule) -> Compiled:
    return Compiled(rule)


def prepare(rules: Sequence[Compiled]) -> Sequence[Compiled]:
    return tuple(rules)


def find(doc: Document, rules: Sequence[Compiled], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    """``found``: what earlier detectors found; lines that are spam already are not neighbours."""
    text = doc.text
    keys = [text[line.start : line.end].strip() for line in doc.lines]
    fewest = min((rule.rule.params.get("min_count", 3) for rule in rules), default=0)
    counts = Counter(keys)
    if not any(count >= fewest for key, count in counts.items() if key):
        return []  # no line repeats often enough: nothing to read further
    by_line: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key:
            by_line.setdefault(key, []).append(index)
    url_only: dict[int, Link] = {}
    for link in ctx.links:
        if alone_on_line(doc, link):
            url_only[doc.line_at(link.start).index] = link
    allow = ctx.allow
    findings: list[Finding] = []
    layout: _Layout | None = None  # built once, on the first repeated line that needs it
    gone: set[int] | None = None  # lines earlier detectors remove, found on the first repeated line
    for compiled in rules:
        rule = compiled.rule
        min_count = rule.params.get("min_count", 3)
        min_chars = rule.params.get("min_chars", 12)
        max_chars = rule.params.get("max_chars", 200)
        require = rule.params.get("require", "promo")
        for key, indexes in by_line.items():
            if len(indexes) < min_count or not min_chars <= len(key) <= max_chars:
                continue
            evidence: tuple[str, ...]
            if require == "url":
                if doc.format in AUTHORED_FORMATS and len(indexes) < AUTHORED_REPEATS:
                    continue  # a manual cites its bug tracker twice ("Report bugs at" / the URL)
                lone = url_only.get(indexes[0])
                if lone is None or (allow and allow.match(lone.hit.host)):
                    continue
                if doc.format in AUTHORED_FORMATS and lone.kind not in BARE_KINDS:
                    continue  # a link with its own text, repeated in a README: navigation, a badge
                if ctx.trusted.match(lone.hit.host):
                    continue
                own = intrinsic_evidence(bare(lone.hit), False)
                shown = [f.name for f in own if f in AD_SHAPES]
                if _CARRIES_URL.search(lone.hit.rest):
                    shown.append("carries-url")  # a redirect: what it carries is what it serves
                first = doc.lines[indexes[0]]
                indented = text[first.start : first.start + 1] in (" ", "\t")
                if not shown and (indented or CITED_SHAPES & set(own)):
                    # A URL without an ad's shape, indented under an entry or reading as a page of
                    # words or a document, is cited: a changelog names the same bug report, a
                    # README the same standard, again and again.
                    continue
                evidence = (f"repeated:{len(indexes)}", *shown)
            else:
                stripped = strip_line(key)
                if (
                    indexes[0] in url_only
                    or len(stripped) < min_chars
                    or len(words(stripped)) < MIN_PROMO_WORDS
                ):
                    continue  # a link, or a label once its markup is read ("* **crypto**:", "use-after-free")
                # An address says nothing of what a line pitches ("Author: F. Rougon <f.rougon@free.fr>").
                signs = promo_signs(_ADDRESS.sub(" ", key))
                needed = rule.params.get("min_promo", 2)
                if layout is None:
                    spam_lines = set(url_only) | {doc.line_at(f.start).index for f in found}
                    layout = _layout(doc, by_line, spam_lines)
                # Injected at paragraph breaks, between paragraphs: one sign of any kind will do;
                # between lines that occur once but are short: one topical sign (a prize, a pill,
                # a loan), not mere urgency or an emoji. A copy ending in a full stop reads as a
                # sentence and always needs two.
                topical = bool(set(signs) & TOPICAL_THEMES)
                isolated = not key.endswith(".") and (
                    _isolated(doc, layout, indexes, min_chars=MIN_PARAGRAPH_CHARS)
                    or (topical and _isolated(doc, layout, indexes, min_chars=0))
                )
                if isolated and set(signs) - WEAK_THEMES:
                    needed -= 1
                if len(signs) < max(needed, 1):
                    continue
                evidence = (f"repeated:{len(indexes)}", *(["isolated"] if isolated else []), *signs)
            for index in indexes:
                line = doc.lines[index]
                # Structure (a title, a wrapped paragraph's line, a table row, a reference
                # definition) repeats for a reason: it stays.
                if gone is None:
                    gone = removed_lines(doc, found)
                if not doc.is_protected(line.start, line.end) and doc.structure.keeps(index, gone) is None:
                    findings.append(Finding(rule, line.start, line.end, whole_line=True, evidence=evidence))
    return findings


@dataclass(frozen=True, slots=True)
class _Layout:
    """For each line, the nearest content line before and after it (skipping blank and spam lines)."""

    counts: dict[int, int]
    """Content line -> how often its text occurs in the document."""
    before: list[int]
    after: list[int]


def _layout(doc: Document, by_line: dict[str, list[int]], spam_lines: set[int]) -> _Layout:
    counts = {index: len(group) for group in by_line.values() for index in group if index not in spam_lines}
    n = len(doc.lines)
    before, after = [-1] * n, [n] * n
    last = -1
    for i in range(n):
        before[i] = last
        if i in counts:
            last = i
    last = n
    for i in range(n - 1, -1, -1):
        after[i] = last
        if i in counts:
            last = i
    return _Layout(counts, before, after)


def _isolated(doc: Document, layout: _Layout, indexes: list[int], *, min_chars: int) -> bool:
    """Copies of a repeated line stand between lines that occur once (at least ``min_chars``
    long), as an injection at paragraph breaks does; a repeated heading in a recipe or meal plan
    stands next to other repeated lines."""
    copies = set(indexes)
    between_paragraphs = 0
    for index in indexes:
        ok = True
        for neighbour in (layout.before[index], layout.after[index]):
            if not 0 <= neighbour < len(doc.lines) or neighbour in copies:
                continue
            line = doc.lines[neighbour]
            if layout.counts[neighbour] > 1 or line.end - line.start < min_chars:
                ok = False
        between_paragraphs += ok
    # Most copies, not all: an article has the odd short line (a dateline, an address).
    return between_paragraphs * 2 >= len(indexes)
