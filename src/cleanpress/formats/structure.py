"""Structure facts line rules respect: section titles that head a section, lines of wrapped
paragraphs, table rows and cells, link reference definitions.

:func:`structure_of` computes them for a document of a given format; a reader hands it to the
:class:`~cleanpress.document.Document`, which runs it the first time a detector asks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise

import regex as re

from cleanpress.document import AUTHORED_FORMATS, Structure, Wrapped
from cleanpress.formats.markdown import authored as markdown_authored
from cleanpress.formats.markdown import markdown_reference_definitions, markdown_regions, markdown_titles
from cleanpress.formats.rst import rst_regions, rst_titles
from cleanpress.formats.spans import SourceLine, split_lines

# A line this long that does not end a sentence was filled to the wrap width: the next line
# continues it. Only in a hard-wrapped Markdown or reST document: one whose long lines are mostly
# at most WRAP_WIDTH_CHARS (a scraped article keeps each paragraph on one long line, and a long
# line without a full stop there is a headline or a boilerplate sentence).
FILLED_LINE_CHARS = 60
WRAP_WIDTH_CHARS = 100
# A line continued by the next is prose at least this long, and the continuation at least this
# many words: navigation menus and labels ("Market Update sponsored by" / "Advertisement") are
# runs of short lines that only look continued.
MIN_CONTINUED_CHARS = 30
MIN_CONTINUATION_WORDS = 2
MAX_OVERLONG_SHARE = 0.2
# A continuation line sits at most this much deeper (a list item's text) or shallower than the
# line it continues; more is a code or quote block.
MAX_CONTINUATION_INDENT = 6
MAX_CONTINUATION_DEDENT = 4

_SENTENCE_END = re.compile("[.!?:;\u2026](?:[\"'\u201d\u2019)\\]*_`]*)$|^\\W*$")
_CONT_WORD_END = re.compile(
    "(?:[,\\-\u2013\u2014(/&]|"
    r"\b(?:and|or|of|the|a|an|to|in|by|for|with|from|on|at|as|is|are|be|under|"
    r"its|their|this|that|which|who|nor|but|(?:\(c\)|©)|copyright|inc|ltd|llc)\.?)$",
    re.I,
)
_HARD_BREAK = re.compile(r"(?: {2,}|\\|<br\s*/?>)$", re.I)
_BADGE_LINE = re.compile(r"^(?:\[!\[|!\[|<img\b|<a\s[^>]*>\s*<img\b)", re.I)
_ADORNMENT = re.compile(r"^[=\-~^\"'`#*+_:.]{3,}$")
_MARKER = "cleanpress:"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_WORD_CHAR = re.compile(r"[\p{L}\p{N}]")


def _lone_url(line: str) -> bool:
    """A URL and nothing that reads as words around it ("https://…", "<https://…> /"): not a
    sentence a paragraph wraps."""
    has_url = "://" in line or "www." in line.lower()
    return has_url and _WORD_CHAR.search(_URL.sub(" ", line)) is None


_STRUCTURAL = re.compile(
    r"^\s*(?:[-*+•]\s|\d{1,9}[.)]\s|#{1,6}(?:\s|$)|>|\||```|~~~|\.\.\s|\.\.$"
    r"|:[\w -]+:(?:\s|$)|<|\[[^\]]+\]:|[=\-~^\"'`#*+_:.]{3,}\s*$)"
)


def wrapped_partners(
    text: str, fmt: str | None = None, lines: Sequence[SourceLine] | None = None
) -> WrappedPartners:
    """Lines of wrapped paragraphs (:func:`wrapped_lines`) -> the lines each wraps with; decided
    for a line when it is asked about (line rules ask about the few lines they match)."""
    return WrappedPartners(_Wraps(text, fmt, split_lines(text) if lines is None else lines))


def wrapped_lines(text: str, fmt: str | None = None, lines: Sequence[SourceLine] | None = None) -> set[int]:
    """Indexes of lines that belong to a wrapped paragraph.

    Rule: line ``i`` continues line ``i - 1`` when both are non-blank, neither is structural
    (list item start, heading / underline, table row, fence, directive, field, HTML tag, quote,
    reference definition), they have compatible indentation (same, or ``i`` indented as a list
    continuation), ``i - 1`` does not end a sentence (``.``, ``!``, ``?``, ``:``, ``;``) and either
    ``i`` starts lowercase / with a digit or bracket, or ``i - 1`` ends with a continuation
    token (comma, hyphen, a conjunction, preposition, article, "(c)", "Copyright", "Inc", ...), or
    ``i - 1`` is long (>= 60 characters, i.e. it was filled to the wrap width, in a hard-wrapped
    Markdown or reST document). Not a wrap: ``i - 1``
    ending in a Markdown hard break (two spaces, backslash, ``<br>``), and rows of badges/images
    (a line starting ``[![``, ``![`` or ``<img``). Both lines of every such pair are reported.

    Lines of code and markup blocks are never reported: with ``fmt="markdown"`` or ``"rst"`` the
    block-level protected regions of that format, otherwise closed Markdown fences."""
    return set(wrapped_partners(text, fmt, lines))


class WrappedPartners(Mapping[int, tuple[int, ...]]):
    """Line of a wrapped paragraph -> the lines it wraps with (the one before, the one after),
    worked out per line on first use."""

    __slots__ = ("_wraps",)

    def __init__(self, wraps: _Wraps) -> None:
        self._wraps = wraps

    def _partners(self, index: int) -> tuple[int, ...]:
        wraps = self._wraps
        found: tuple[int, ...] = (index - 1,) if wraps.continues(index) else ()
        return (*found, index + 1) if wraps.continues(index + 1) else found

    def get(self, index: int, default: tuple[int, ...] = ()) -> tuple[int, ...]:  # type: ignore[override]
        """The lines ``index`` wraps with, or ``default`` (without raising KeyError as the
        inherited ``get`` would, once per line asked)."""
        return (self._partners(index) if isinstance(index, int) else ()) or default

    def __getitem__(self, index: int) -> tuple[int, ...]:
        found = self._partners(index) if isinstance(index, int) else ()
        if not found:
            raise KeyError(index)
        return found

    def __iter__(self) -> Iterator[int]:
        pairs = self._wraps.all()
        return iter(sorted({index for i in pairs for index in (i - 1, i)}))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Wraps:
    """Whether line ``i`` continues line ``i - 1`` (see :func:`wrapped_lines`), decided per line;
    the document-wide facts it needs (code lines, hard wrapping) are worked out once, when first
    needed."""

    __slots__ = ("_decided", "_filled", "_skip", "fmt", "lines", "text")

    def __init__(self, text: str, fmt: str | None, lines: Sequence[SourceLine]) -> None:
        self.text = text
        self.fmt = fmt
        self.lines = lines
        self._skip: set[int] | None = None
        self._filled: bool | None = None
        self._decided: dict[int, bool] = {}

    def all(self) -> list[int]:
        """Every ``i`` whose line continues line ``i - 1``, in order."""
        return [i for i in range(1, len(self.lines)) if self.continues(i)]

    def continues(self, i: int) -> bool:
        found = self._decided.get(i)
        if found is None:
            found = self._decided[i] = 1 <= i < len(self.lines) and self._continues(i)
        return found

    def _code(self) -> set[int]:
        if self._skip is None:
            self._skip = _code_lines(self.text, self.lines, self.fmt)
        return self._skip

    def _continues(self, i: int) -> bool:
        a, b = self.lines[i - 1], self.lines[i]
        if a.blank or b.blank:
            return False
        at, bt = a.text.strip(), b.text.strip()
        if _MARKER in at or _MARKER in bt:
            return False  # a "cleanpress: keep" marker is an instruction, not prose
        sm = _STRUCTURAL.match(b.text)
        if sm and not sm.group(0).startswith("<"):
            return False
        table_row = at.startswith("|") and at.endswith("|")  # a reST line block "| text" is not a table row
        if bt.startswith("<") or table_row or at.startswith(("#", "```", "~~~", "<")) or _ADORNMENT.match(at):
            return False
        if b.indent > a.indent + MAX_CONTINUATION_INDENT or b.indent + MAX_CONTINUATION_DEDENT < a.indent:
            return False  # a code or quote block, not a wrapped line
        if _SENTENCE_END.search(at):
            return False
        if (
            _HARD_BREAK.search(a.text)
            or _BADGE_LINE.match(at)
            or _BADGE_LINE.match(bt)
            or _lone_url(at)
            or _lone_url(bt)
        ):
            return False  # a Markdown hard line break, a row of badges / images, a lone URL: not a sentence
        first = bt[:1]
        # A sentence's last word may stand alone ("… that the\n  share."), a menu item does not end one.
        last_word = first.islower() and bt.endswith((".", ",", ";", ")", "!", "?"))
        if len(at) < MIN_CONTINUED_CHARS or (
            first.isalpha() and len(bt.split()) < MIN_CONTINUATION_WORDS and not last_word
        ):
            return False  # a menu of short items ("Log In" / "Sign Up"), a label over a word: not prose
        # Sure signs: the next line starts in lower case, or this one ends mid-phrase. In a
        # hard-wrapped document also a next line that opens with a digit, bracket or quote, or a
        # line filled to the wrap width: in an article with a paragraph per line those are a new
        # paragraph after a headline or a boilerplate line.
        if not (first.islower() or _CONT_WORD_END.search(at) is not None):
            filled = len(a.text.rstrip()) >= FILLED_LINE_CHARS
            hinted = first.isdigit() or first in "([\"'\u201c\u2018" or filled
            if not (hinted and self._hard_wrapped()):
                return False
        # Last, as the dearest test (the document's code blocks): lines of code do not wrap.
        skip = self._code()
        return i not in skip and i - 1 not in skip

    def _hard_wrapped(self) -> bool:
        if self._filled is None:
            self._filled = self.fmt in ("markdown", "rst") and _hard_wrapped(self.lines)
        return self._filled


def _hard_wrapped(lines: Sequence[SourceLine]) -> bool:
    """Whether the document's long lines were filled to a wrap width (most at most 100 chars)."""
    long = [len(line.text) for line in lines if len(line.text) >= FILLED_LINE_CHARS]
    overlong = sum(1 for length in long if length > WRAP_WIDTH_CHARS)
    return bool(long) and overlong <= MAX_OVERLONG_SHARE * len(long)


_BLOCK_KINDS = frozenset(
    {
        "md-fence", "md-indented-code", "md-html", "md-active", "md-html-comment", "rst-literal-block",
        "rst-code-directive", "rst-doctest", "rst-quoted-literal", "rst-comment", "rst-target",
        "rst-substitution", "rst-directive-head",
    }
)  # fmt: skip


def _code_lines(text: str, lines: Sequence[SourceLine], fmt: str | None) -> set[int]:
    out: set[int] = set()
    for first, last in _code_blocks(text, lines, fmt, _BLOCK_KINDS):
        out.update(range(first, last + 1))
    return out


def _code_blocks(
    text: str, lines: Sequence[SourceLine], fmt: str | None, kinds: AbstractSet[str]
) -> list[tuple[int, int]]:
    """The (first, last) lines of the blocks of ``kinds`` (for plain text: closed Markdown fences)."""
    if fmt == "rst":
        regions = rst_regions(text)
    elif fmt == "markdown":
        regions = markdown_regions(text)
    elif "```" not in text and "~~~" not in text:
        return []  # no fence line, so no fenced block
    else:
        regions = [r for r in markdown_regions(text) if r.kind == "md-fence"]
    starts = [ln.start for ln in lines]
    return [
        (bisect_right(starts, r.start) - 1, bisect_right(starts, max(r.start, r.end - 1)) - 1)
        for r in regions
        if r.kind in kinds
    ]


# Blocks of code a line above can label, and how short such a label is.
_CODE_KINDS = frozenset(
    {"md-fence", "md-indented-code", "rst-literal-block", "rst-code-directive", "rst-doctest"}
)
MAX_CAPTION_WORDS = 8


def caption_lines(text: str, lines: Sequence[SourceLine], fmt: str) -> set[int]:
    """Short lines right above a code block (at most one blank line between) in an authored
    document: the label of that code ("**Publish**", "Subscribe:")."""
    out: set[int] = set()
    code = _code_lines(text, lines, fmt)
    for first, _ in _code_blocks(text, lines, fmt, _CODE_KINDS):
        above = first - 1
        if above >= 0 and lines[above].blank:
            above -= 1
        label = lines[above] if above >= 0 and above not in code else None
        if label is not None and not label.blank and len(label.text.split()) <= MAX_CAPTION_WORDS:
            out.add(above)
    return out


# Plain text indented this far is quoted or code, as Markdown's indented code blocks are.
INDENTED_BLOCK_COLUMNS = 4


def indented_lines(lines: Sequence[SourceLine]) -> set[int]:
    """Non-blank lines of plain text indented :data:`INDENTED_BLOCK_COLUMNS` columns or more."""
    return {
        line.index
        for line in lines
        if line.text[:1] in (" ", "\t") and not line.blank and line.indent >= INDENTED_BLOCK_COLUMNS
    }


# Tables: a Markdown delimiter row, reST grid-table rules, reST simple-table borders, HTML tables.
_MD_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?\|?[ \t]*$")
_GRID_RULE = re.compile(r"^[ \t]*\+(?:[-=]+\+)+[ \t]*$")
_SIMPLE_BORDER = re.compile(r"^[ \t]*=+(?:[ \t]+=+)+[ \t]*$")
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_HTML_ROW_LINE = re.compile(r"^[ \t]*<(?:td|th|tr)\b", re.I)
# Simple-table borders farther apart than this many lines are not one table.
MAX_SIMPLE_TABLE_LINES = 200


def table_lines(text: str, lines: Sequence[SourceLine]) -> set[int]:
    """Indexes of lines that are rows of a table (a cell's text is content, whatever it says)."""
    out: set[int] = set()
    n = len(lines)
    for i, line in enumerate(lines):
        if i > 0 and "|" in lines[i - 1].text and "-" in line.text and _MD_TABLE_DELIMITER.match(line.text):
            j = i + 1
            while j < n and not lines[j].blank and "|" in lines[j].text:
                j += 1
            out.update(range(i - 1, j))
        elif "+" in line.text and _GRID_RULE.match(line.text) and i not in out:
            j = i + 1
            while j < n and lines[j].text.lstrip()[:1] in ("|", "+"):
                j += 1
            if j > i + 1:
                out.update(range(i, j))
    borders = [i for i, line in enumerate(lines) if "=" in line.text and _SIMPLE_BORDER.match(line.text)]
    for a, b in pairwise(borders):
        if lines[a].text.strip() == lines[b].text.strip() and b - a <= MAX_SIMPLE_TABLE_LINES:
            out.update(range(a, b + 1))
    if "<t" in text or "<T" in text:
        starts = [line.start for line in lines]
        for m in _HTML_TABLE.finditer(text):
            first = bisect_right(starts, m.start()) - 1
            last = bisect_right(starts, max(m.start(), m.end() - 1)) - 1
            out.update(range(first, last + 1))
        out.update(i for i, line in enumerate(lines) if _HTML_ROW_LINE.match(line.text))
    return out


# A section body longer than this many lines is not all spam: its first lines are enough.
MAX_BODY_LINES = 50


def heading_sections(
    titles: Sequence[tuple[int, int]], lines: Sequence[SourceLine]
) -> dict[int, tuple[int, ...]]:
    """Lines of the titles that head a section -> the non-blank lines of that section's body (up
    to the next title); a title with no body (another title follows) is not there."""
    starts = sorted(first for first, _ in titles)
    out: dict[int, tuple[int, ...]] = {}
    for first, last in titles:
        following = bisect_right(starts, last)
        stop = starts[following] if following < len(starts) else len(lines)
        body = tuple(k for k in range(last + 1, min(stop, last + 1 + MAX_BODY_LINES)) if not lines[k].blank)
        if body:
            out.update((index, body) for index in range(first, last + 1))
    return out


# A section with one of these words in its title states the document's licence and copyright.
_LICENCE_TITLE = re.compile(r"\b(?:licen[cs](?:e|es|ing)|copyrights?|legal|authors?|credits)\b", re.I)


# The wording of the common licences: a document that holds one is (or bundles) a licence text,
# and its copyright notices and addresses are the licence's own, however it is formatted.
_LICENCE_TEXT = re.compile(
    # the phrases as they are wrapped: any run of whitespace between two words
    "|".join(
        phrase.replace(" ", r"\s+")
        for phrase in (
            r"GNU (?:LESSER |AFFERO |LIBRARY )?GENERAL PUBLIC LICENSE",
            r"GNU Free Documentation License",
            r"Apache License,? Version 2\.0",
            r"Mozilla Public License,? (?:v\.|version)\s*[12]",
            r"Permission is hereby granted, free of charge, to any person obtaining a copy",
            r"Redistribution and use in source and binary forms, with or without modification",
            r"Permission to use, copy, modify,? and(?:/or)? distribute this software",
            r"THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND",
            r"This program is free software[;:,] you can redistribute it",
            r"Business Source License",
            r"Copying and distribution of this file, with or without modification, are permitted",
        )
    )
)


# A licence that starts this near the top is the document (LICENSE, COPYING); further down, it
# is the closing part of a README, from the paragraph of its copyright notice on.
LICENCE_DOCUMENT_LINES = 40
# The copyright notice a licence text opens with is a paragraph of at most this many lines.
MAX_NOTICE_LINES = 3


def licence_text_lines(text: str, lines: Sequence[SourceLine]) -> set[int]:
    """Lines of the licence text a document holds: all of them in a licence file (or a bundle of
    licences), the licence and its copyright notice at the end of a README."""
    m = _LICENCE_TEXT.search(text)
    if m is None:
        return set()
    first = bisect_right([line.start for line in lines], m.start()) - 1
    if first < LICENCE_DOCUMENT_LINES:
        return set(range(len(lines)))
    while first > 0 and not lines[first - 1].blank:
        first -= 1  # the start of the licence's paragraph
    above = first - 1
    while above > 0 and lines[above].blank:
        above -= 1
    notice = above
    while notice > 0 and not lines[notice - 1].blank:
        notice -= 1
    if above >= 0 and above - notice < MAX_NOTICE_LINES and not lines[above].blank:
        first = notice  # the copyright notice just above it
    return set(range(first, len(lines)))


def licence_sections(titles: Sequence[tuple[int, int]], lines: Sequence[SourceLine]) -> set[int]:
    """Lines of the sections whose title names licensing (up to the next title)."""
    ordered = sorted(titles)
    out: set[int] = set()
    for k, (first, last) in enumerate(ordered):
        if not any(_LICENCE_TITLE.search(lines[i].text) for i in range(first, last + 1)):
            continue
        stop = ordered[k + 1][0] if k + 1 < len(ordered) else len(lines)
        out.update(range(last + 1, stop))
    return out


def structure_of(fmt: str) -> StructureOf:
    """What computes the structure facts of a document of format ``fmt``."""
    return StructureOf(fmt)


class StructureOf:
    """The structure facts of documents of one format (a :class:`~cleanpress.document.StructureReader`)."""

    __slots__ = ("fmt",)

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt

    def wrapped(self, text: str) -> WrappedPartners:
        return wrapped_partners(text, self.fmt)

    def authored(self, text: str) -> bool:
        """reST is written as such; Markdown when it shows structure of its own beyond links."""
        if self.fmt == "markdown":
            return markdown_authored(text)
        return self.fmt in AUTHORED_FORMATS

    def __call__(self, text: str, wrapped: Wrapped | None = None) -> Structure:
        fmt = self.fmt
        written = fmt in AUTHORED_FORMATS  # the format's own sections (licence, code captions)
        lines = split_lines(text)  # the same lines the wrapped-paragraph facts read (remembered)
        if fmt == "markdown":
            titles = markdown_titles(text, lines)
            starts = [line.start for line in lines]
            definitions = {
                index
                for d in markdown_reference_definitions(text)
                for index in range(
                    bisect_right(starts, d.start) - 1, bisect_right(starts, max(d.start, d.end - 1))
                )
            }
        else:
            titles = rst_titles(text, lines, protect=fmt == "rst")
            definitions = set()
        return Structure(
            titles=heading_sections(titles, lines),
            # read first (by a link detector), they are shared with the decisions already made
            wrapped=wrapped_partners(text, fmt, lines) if wrapped is None else wrapped,
            tables=frozenset(table_lines(text, lines)),
            definitions=frozenset(definitions),
            # Only Markdown and reST have licence sections (a page's footer is boilerplate); any
            # document may hold a licence text.
            licence=frozenset(
                (licence_sections(titles, lines) if written else set()) | licence_text_lines(text, lines)
            ),
            captions=frozenset(caption_lines(text, lines, fmt)) if written else frozenset(),
            indented=frozenset(indented_lines(lines)) if fmt == "text" else frozenset(),
        )
