"""Where a link or line stands in its document: alone on its line, a short sentence of its own,
inside prose, or under a "Further reading" heading. Shared by the link and line detectors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from cleanpress.detect.base import Finding
from cleanpress.detect.literals import LiteralIndex, required_literals, required_prefixes
from cleanpress.document import Document
from cleanpress.text.folding import fold
from cleanpress.text.lazy import lazy
from cleanpress.text.lines import (
    ENDS_SENTENCE,
    INTRODUCES,
    LEFT_DECORATION,
    MAX_INLINE_LEAD_IN_WORDS,
    MAX_LINE_LEAD_IN_WORDS,
    NOT_MARKUP,
    SENTENCE_END,
    TAG,
    clean_lead_in,
    is_label,
    is_lead_in,
    strip_line,
    trailing_label,
    words,
)
from cleanpress.text.links import Link
from cleanpress.text.vocab import cta_start

REFERENCE_HEADING = lazy(
    r"(?:further reading|see also|sources?|references?|read more about|links|bibliography|"
    r"weiterführende links|quellen?|siehe auch|pour aller plus loin|sources|voir aussi|références|"
    r"fuentes?|ver también|referencias|para saber más|fonti|vedi anche|approfondimenti|"
    r"fontes?|veja também|referências|saiba mais|bronnen|zie ook|meer lezen|verder lezen|"
    r"indicators of compromise|iocs?|(?:malicious|phishing|c2|command and control) (?:urls|domains|servers))"
    r"(?:\s*\([^)]{0,40}\))?\s*:?",
    regex.I,
)


def alone_on_line(doc: Document, link: Link) -> bool:
    """Nothing but the link (and markup or punctuation) on its line."""
    line = doc.line_at(link.start)
    if link.end > line.end:
        return False
    rest = doc.text[line.start : link.start] + doc.text[link.end : line.end]
    return not NOT_MARKUP.search(TAG.sub("", rest))


def removed_lines(doc: Document, found: Sequence[Finding]) -> set[int]:
    """Lines earlier detectors remove whole: whole-line findings, and lines whose links go and
    leave at most a label or lead-in behind. Structure that holds only with them (a title over a
    section of spam, a line "wrapped" with an ad line) does not hold."""
    gone: set[int] = set()
    cut: dict[int, list[Finding]] = {}
    for finding in found:
        first = doc.line_at(finding.start).index
        if finding.whole_line:
            last = doc.line_at(max(finding.start, finding.end - 1)).index
            gone.update(range(first, last + 1))
        elif finding.replacement is None:
            cut.setdefault(first, []).append(finding)
    for index, group in cut.items():
        line = doc.lines[index]
        rest, cursor = [], line.start
        for finding in sorted(group, key=lambda f: f.start):
            rest.append(doc.text[cursor : max(cursor, finding.start)])
            cursor = max(cursor, finding.end)
        rest.append(doc.text[cursor : line.end] if cursor < line.end else "")
        left = " ".join(rest)
        if not words(left) or is_label(left) or is_lead_in(left):
            gone.add(index)
    return gone


@dataclass(frozen=True, slots=True)
class LinkPlace:
    """Where a link stands in its line: alone, as a short sentence of its own, or inside prose."""

    alone: bool
    link_sentence: bool
    """The link ends a short sentence or line of its own ("… said. Find out more: <url>")."""
    in_sentence: bool
    """Prose runs on around the link."""
    lead_in: str
    """The words between the previous sentence end (or line start) and the link."""
    markup: str
    """The line's HTML, when the link sits in HTML left in the text."""


def link_place(doc: Document, link: Link) -> LinkPlace:
    """Where ``link`` stands. A line of a wrapped paragraph is read with the lines it wraps with:
    a link there is introduced by the line above, or its sentence runs on below, however alone it
    looks on its own line."""
    line = doc.line_at(link.start)
    text = doc.text
    raw_before = text[line.start : link.start]
    raw_after = text[link.end : line.end] if link.end <= line.end else ""
    markup = text[line.start : line.end] if link.kind == "html" else ""
    place = _place(raw_before, raw_after, alone_on_line(doc, link), markup)
    index = line.index
    if place.in_sentence or _between_blanks(doc, index):
        return place  # more words around it leave a link in prose in prose; a paragraph of its own
    partners = doc.wrapped.get(index, ())
    if not partners:
        return place
    if index - 1 in partners:
        raw_before = f"{doc.content(doc.lines[index - 1])} {raw_before}"
    if index + 1 in partners and link.end <= line.end:
        raw_after = f"{raw_after} {doc.content(doc.lines[index + 1])}"
    return _place(raw_before, raw_after, False, markup)


def _between_blanks(doc: Document, index: int) -> bool:
    """Line ``index`` has no non-blank line next to it (so no line it could wrap with)."""
    above = index == 0 or doc.is_blank(index - 1)
    return above and (index + 1 == len(doc.lines) or doc.is_blank(index + 1))


def _place(raw_before: str, raw_after: str, alone: bool, markup: str) -> LinkPlace:
    """The place of a link between ``raw_before`` and ``raw_after`` (its line's text, or its
    paragraph's)."""
    before = TAG.sub(" ", raw_before)
    after = TAG.sub(" ", raw_after)
    if not alone and not words(before) and (label := trailing_label(after)) is not None:
        # "<url> — Spin the wheel and win": the link's text follows it, as a line of its own.
        return LinkPlace(False, True, False, label, markup)
    sentence_ends = list(SENTENCE_END.finditer(before))
    lead_in = before[sentence_ends[-1].end() :] if sentence_ends else before
    cta = cta_start(lead_in)
    lead_in = lead_in[cta:].strip() if cta is not None else clean_lead_in(lead_in)
    ends_sentence = ENDS_SENTENCE.match(after) is not None
    lead_words = len(words(lead_in))
    link_sentence = (
        not alone
        and ends_sentence
        and (
            lead_words <= MAX_INLINE_LEAD_IN_WORDS
            or (INTRODUCES.search(lead_in) is not None and lead_words <= MAX_LINE_LEAD_IN_WORDS)
        )
    )
    in_sentence = not alone and not link_sentence and len(words(before)) + len(words(after)) >= 3
    return LinkPlace(alone, link_sentence, in_sentence, lead_in, markup)


@cache
def _heading_hint() -> LiteralIndex | None:
    """The words every reference heading holds (None: no such words known)."""
    found = required_literals(REFERENCE_HEADING.pattern)
    return LiteralIndex.of([found]) if found else None


# The longest first word of a reference heading the quick test below reads.
_LONGEST_START = 40


@cache
def _heading_starts() -> tuple[str, ...] | None:
    """The first words (case-folded) one of which every reference heading starts with, as
    :func:`cleanpress.text.lines.strip_line` leaves it (None: not known)."""
    found = required_prefixes(REFERENCE_HEADING.pattern)
    if found is None or found.decoration is not None or found.lead_in is not None:
        return None
    firsts: set[str] = set()
    for prefix in found.strings:
        words_of = prefix.split()
        if not words_of or len(words_of[0]) > _LONGEST_START:
            return None
        firsts.add(words_of[0])
    return tuple(sorted(firsts))


def _may_head(raw: str, starts: tuple[str, ...] | None) -> bool:
    """Whether the line ``raw`` may read as a reference heading once stripped (False: surely
    not). Without tags, the stripped line starts where the line's leading decoration ends."""
    if starts is None or "<" in raw or "&lt;" in raw:
        return True
    head = raw[LEFT_DECORATION.match(raw).end() :]
    return fold(head[:_LONGEST_START]).startswith(starts)


def reference_list_lines(doc: Document) -> set[int]:
    """Lines that follow a 'Further reading:' / 'Sources:' heading, up to the next blank-separated prose."""
    lines: set[int] = set()
    text = doc.text
    hint = _heading_hint()
    candidates = range(len(doc.lines)) if hint is None else _hinted_lines(doc, hint)
    resume = 0  # lines before this were read by the walk under an earlier heading
    starts = _heading_starts()
    for first in candidates:
        if first < resume:
            continue
        line = doc.lines[first]
        raw = text[line.start : line.end]
        if not _may_head(raw, starts):
            continue
        content = strip_line(raw)
        if not content or not REFERENCE_HEADING.fullmatch(content):
            continue
        # Under a heading: the lines of its list, up to prose (blank lines do not end it).
        index = first + 1
        while index < len(doc.lines):
            below = doc.lines[index]
            content = strip_line(text[below.start : below.end])
            if content:
                if REFERENCE_HEADING.fullmatch(content):
                    pass  # another heading: its list goes on
                elif len(words(content)) <= 25:
                    lines.add(index)
                else:
                    break
            index += 1
        resume = index + 1
    return lines


def _hinted_lines(doc: Document, hint: LiteralIndex) -> list[int]:
    """Indexes of the lines holding a word every reference heading holds: one pass over the
    case-folded text."""
    return [line for line, _ in hint.lines(doc.folded)]
