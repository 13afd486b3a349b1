"""reStructuredText: telling it apart from Markdown and prose, the regions no rule may touch
(literal blocks, code directives, doctest blocks, hyperlink targets, substitution definitions,
comments, directive options, inline literals, embedded-URI references) and its section titles.
"""

from __future__ import annotations

import re as stdre
from collections.abc import Sequence

import regex as re

from cleanpress.formats.spans import (
    Region,
    SourceLine,
    Span,
    block_end,
    indent_width,
    inside,
    last_text,
    merge_spans,
    split_lines,
)

# --- reStructuredText -------------------------------------------------------------------------
# Directives whose body is code or raw markup: the whole directive, options and body are protected.
RST_CODE_DIRECTIVES = frozenset(
    {
        "code-block", "code", "sourcecode", "doctest", "testcode", "testoutput", "testsetup",
        "testcleanup", "literalinclude", "raw", "highlight", "parsed-literal", "ipython",
        "jupyter-execute", "prompt", "math", "csv-table", "graphviz", "digraph", "mermaid",
        "plantuml", "program-output", "command-output", "autoprogram", "code-cell", "runblock",
    }
)  # fmt: skip
# Directives whose argument is a URL or path that may wrap onto continuation lines.
RST_ARGUMENT_DIRECTIVES = frozenset(
    {"image", "figure", "include", "only", "toctree", "automodule", "autoclass"}
)
_RST_EXPLICIT = re.compile(r"^(?P<ind>[ \t]*)\.\.(?:[ \t]+(?P<rest>.*))?$")
_RST_DIRECTIVE = re.compile(r"^(?:\|[^|]+\|[ \t]+)?(?P<name>[\w][\w:.+-]*)[ \t]?::(?:[ \t]|$)")
_RST_SUBST = re.compile(r"^\|[^|\s](?:[^|]*[^|\s])?\|[ \t]+[\w][\w:.+-]*[ \t]?::")
_RST_TARGET = re.compile(r"^(?:_(?:`[^`]+`|[^:\\]|\\.)*:|__:)(?:[ \t]|$)")
_RST_ANON_TARGET = re.compile(r"^[ \t]*__[ \t]+\S")
_RST_OPTION = re.compile(r"^[ \t]+:[\w][\w -]*:(?:[ \t]|$)")
_RST_FOOTNOTE = re.compile(r"^\[(?:\d+|#[\w-]*|\*|[\w.-]+)\]")
_RST_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_MD_HTML_LINE = re.compile(r"^[ ]{0,3}<(?:p|div|img|a|br|h\d|details|picture|table)\b", re.M | re.I)
# reST is assumed with structural evidence (directives, targets, titles, ...) weighing this much
# and all evidence this much, or, with no structure, at least this many `text <url>`_ references.
MIN_STRUCTURAL_EVIDENCE = 1.5
MIN_RST_EVIDENCE = 3.0
MIN_REFERENCES_ALONE = 3
_RST_LIST_MARKER = re.compile(
    r"^[ \t]*(?:[-*+\u2022\u2023\u2043]|\(?(?:\d+|[a-zA-Z#]|[ivxlcdmIVXLCDM]+)[.)])[ \t]+"
)
_RST_INLINE_LITERAL = re.compile(
    r"(?<![\\\w`])``(?![\s`])(?:[^\n`]|`(?!`)|\n(?![ \t]*\r?\n))*?(?<![\s\\])``(?![\w`])"
)
_RST_EMBEDDED_URI = re.compile(r"(?<![\\\w`])`(?:[^`\\\n]|\\.|\n(?![ \t]*\r?\n))*?<[^<>`\s]+>`__?(?!\w)")
_RST_ROLE = re.compile(r"(?<![\w`]):[a-zA-Z][\w.+:-]*:`[^`\n]+`")
_RST_UNDERLINE = re.compile(r"^([!-/:-@\[-`{-~])\1+[ \t]*$")
# An underline this short is punctuation, not a title adornment ("--").
MIN_UNDERLINE_CHARS = 2


def _text_indent(line: SourceLine) -> int:
    """Indent of a paragraph's text: the list-item content column for a list item line."""
    m = _RST_LIST_MARKER.match(line.text)
    return len(m.group(0).expandtabs(4)) if m else line.indent


@last_text
def rst_regions(text: str) -> list[Region]:
    """Regions of a reST document that no cleaning rule may touch, with their kind."""
    lines = split_lines(text)
    regions: list[Region] = []
    n = len(lines)
    para_indent = 0  # text indent of the current paragraph's first line
    i = 0

    after_explicit = -1  # line index right after the last explicit markup block

    def add(kind: str, first: int, last_excl: int) -> None:
        nonlocal after_explicit
        if kind.startswith(("rst-target", "rst-substitution", "rst-comment", "rst-directive", "rst-code")):
            after_explicit = last_excl
        if last_excl > first:
            regions.append(Region(kind, lines[first].start, lines[last_excl - 1].end))

    while i < n:
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        prev_blank = i == 0 or lines[i - 1].blank
        if prev_blank:
            para_indent = _text_indent(ln)
        m = _RST_EXPLICIT.match(ln.text)
        # explicit markup starts after a blank line, or right after another explicit markup block
        if m and (prev_blank or i == after_explicit or _RST_DIRECTIVE.match(m.group("rest") or "")):
            ind = indent_width(m.group("ind"))
            rest = m.group("rest") or ""
            end = block_end(lines, i + 1, ind)
            d = _RST_DIRECTIVE.match(rest)
            if _RST_SUBST.match(rest):
                add("rst-substitution", i, end)
            elif d:
                name = d.group("name").split(":")[-1].lower()
                if name in RST_CODE_DIRECTIVES or d.group("name").lower() in RST_CODE_DIRECTIVES:
                    add("rst-code-directive", i, end)
                else:
                    # the directive line (its arguments may continue) and its option lines; the body
                    # of an admonition, figure caption etc. is content.
                    j = i + 1
                    if name in RST_ARGUMENT_DIRECTIVES:
                        while j < end and not lines[j].blank and not _RST_OPTION.match(lines[j].text):
                            j += 1  # argument continuation lines (a wrapped image URL)
                    while j < end and _RST_OPTION.match(lines[j].text):
                        j += 1
                        while j < end and not lines[j].blank and lines[j].indent > lines[j - 1].indent:
                            j += 1  # wrapped option value
                    add("rst-directive-head", i, j)
                    after_name = rest[d.end() :].rstrip()
                    if after_name.endswith("::") and j < n:
                        # ".. note:: text::" introduces a literal block in the directive body
                        k = j
                        while k < n and lines[k].blank:
                            k += 1
                        if k < n and lines[k].indent > ind:
                            lit_end = block_end(lines, k, lines[k].indent - 1)
                            add("rst-literal-block", k, lit_end)
                            i = lit_end
                            continue
                    # literal blocks etc. inside the body are found by the main loop
                    i = j
                    continue
            elif _RST_TARGET.match(rest):
                add("rst-target", i, end)
            elif rest.startswith("[") and _RST_FOOTNOTE.match(rest):
                # footnote / citation: its text is content, but keep the label line intact
                i = end if end > i else i + 1
                continue
            else:
                add("rst-comment", i, max(end, i + 1))
            i = max(end, i + 1)
            continue
        if _RST_ANON_TARGET.match(ln.text) and (prev_blank or i == after_explicit):
            add("rst-target", i, block_end(lines, i + 1, ln.indent))
            i = block_end(lines, i + 1, ln.indent)
            i = max(i, lines[i - 1].index + 1) if i > 0 else i + 1
            continue
        stripped = ln.text.lstrip()
        if stripped.startswith(">>>"):  # a doctest block, also when it follows text directly
            j = i
            while j < n and not lines[j].blank:
                j += 1
            add("rst-doctest", i, j)
            i = j
            continue
        if ln.text.rstrip().endswith("::") and (
            ln.text.strip() == "::" or not _RST_UNDERLINE.match(ln.text.strip())
        ):
            # literal block introducer: the following indented block (or quoted block)
            j = i + 1
            while j < n and lines[j].blank:
                j += 1
            if j < n:
                if lines[j].indent > para_indent:
                    end = block_end(lines, j, para_indent)
                    add("rst-literal-block", j, end)
                    i = end
                    continue
                if j > i + 1 and lines[j].indent == para_indent:
                    q = lines[j].text.lstrip()[:1]
                    if q and _RST_PUNCT.match(q) and q not in "._":
                        k = j
                        while k < n and not lines[k].blank and lines[k].text.lstrip()[:1] == q:
                            k += 1
                        add("rst-quoted-literal", j, k)
                        i = k
                        continue
        i += 1

    protected_lines = merge_spans((r.start, r.end) for r in regions)
    for rx, kind in ((_RST_INLINE_LITERAL, "rst-inline-literal"), (_RST_EMBEDDED_URI, "rst-embedded-uri")):
        for mm in rx.finditer(text):
            if not inside(protected_lines, mm.start()):
                regions.append(Region(kind, mm.start(), mm.end()))
    regions.sort(key=lambda r: (r.start, r.end))
    return regions


def rst_protected(text: str) -> list[Span]:
    """Sorted, merged spans of a reST document that no cleaning rule may touch.

    Field lists are *not* protected (their values are content: a spam URL in a field is still
    spam), but directive option lines (``:target: url``) are."""
    return merge_spans((r.start, r.end) for r in rst_regions(text))


# --- format detection -------------------------------------------------------------------------
_RST_SIGNALS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^[ \t]*\.\. [\w][\w:.+-]*::(?:[ \t]|$)", re.M), 3.0),  # directive
    (re.compile(r"^[ \t]*\.\. (?:_[^:\n]+|_`[^`]+`|__):(?:[ \t]|$)", re.M), 3.0),  # hyperlink target
    (re.compile(r"^[ \t]*\.\. \|[^|\n]+\|[ \t]+[\w-]+::", re.M), 3.0),  # substitution definition
    (re.compile(r"^[ \t]*\.\. \[(?:\d+|#[\w-]*|\*)\][ \t]", re.M), 2.0),  # footnote
    (re.compile(r"(?<![\w`]):[a-z][\w.+:-]*:`[^`\n]+`"), 2.0),  # role
    (re.compile(r"(?:^|[^:\s]\s*|\s)::[ \t]*\r?\n[ \t]*\r?\n[ \t]+\S", re.M), 1.5),  # literal block
)
# Inline references alone prove nothing: spam injected into plain text often uses reST link syntax.
_RST_INLINE_SIGNALS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"`[^`\n]+ <[^>\n]+>`__?(?!\w)"), 2.0),  # embedded-URI reference
    (re.compile(r"(?<![\w`])`[^`<\n]+`__?(?!\w)"), 1.0),  # named reference
    (re.compile(r"(?<![\w|])\|[\w][\w -]*\|(?![\w|])(?=[^|\n]*$)", re.M), 0.5),  # |substitution| use
    (re.compile(r"(?<![\w`])``[^`\n]+``(?![\w`])"), 0.25),  # ``inline literal``
)
_RST_ANY_REF = re.compile(r"(?<![\w`])`[^`\n]+`__?(?!\w)")
_MD_SIGNALS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^[ ]{0,3}(?:```|~~~)", re.M), 2.0),  # fence
    (re.compile(r"^[ ]{0,3}#{1,6}[ \t]+\S", re.M), 1.0),  # ATX heading
    (re.compile(r"!?\[[^\]\n]+\]\((?:https?://|\.{0,2}/|#|[\w./-]+\))"), 2.0),  # inline link / image
    (re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S", re.M), 1.5),  # reference definition
    (re.compile(r"^[ ]{0,3}\|?[ ]*:?-{3,}:?[ ]*\|", re.M), 2.0),  # table delimiter row
    (re.compile(r"(?<![\w`])`[^`\n]+`(?!_)(?![\w`])"), 0.1),  # single-backtick code span
)
_HTML_DOC = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


# What each signal's every match contains: a signal whose text is absent is not searched for.
_SIGNAL_NEEDLES = (".. ", ".. ", ".. ", ".. ", ":`", "::")
_INLINE_NEEDLES = ("`_", "`_", "|", "``")
# What every literal-block signal ends with, found fast (it starts with a literal): the signal
# itself, slow to search (it may start anywhere), is counted only in texts that hold this.
_LITERAL_BLOCK_TAIL = stdre.compile(r"::[ \t]*\r?\n[ \t]*\r?\n[ \t]+[^ \t\n]")
# Where a title underline may be: a line starting with two identical punctuation characters.
_UNDERLINE_START = stdre.compile(r"^([!-/:-@\[-`{-~])\1", stdre.M)


def _rst_evidence(text: str) -> tuple[float, float]:
    """(structural reST evidence, inline reST evidence)."""
    structural = 0.0
    for (rx, w), needle in zip(_RST_SIGNALS, _SIGNAL_NEEDLES, strict=True):
        if needle in text and (needle != "::" or _LITERAL_BLOCK_TAIL.search(text)):
            structural += w * min(len(rx.findall(text)), 20)
    inline = 0.0
    for (rx, w), needle in zip(_RST_INLINE_SIGNALS, _INLINE_NEEDLES, strict=True):
        if needle in text:
            inline += w * min(len(rx.findall(text)), 20)
    return structural + _underline_evidence(text), inline


def _underline_evidence(text: str) -> float:
    """Evidence of underlined (and overlined) section titles: an underline of punctuation at least
    as long as the text line above it."""
    evidence = 0.0
    n = len(text)
    for m in _UNDERLINE_START.finditer(text):
        start = m.start()
        if start == 0:
            continue
        end = text.find("\n", start)
        u = text[start : n if end == -1 else end].rstrip()
        above = text.rfind("\n", 0, start - 1) + 1
        t = text[above : start - 1].rstrip()
        if not t.strip() or not _RST_UNDERLINE.match(u) or _RST_UNDERLINE.match(t) or t[:1] in " \t":
            continue
        if len(u) < len(t) or len(u) < 3:
            continue
        over = above > 0 and text[text.rfind("\n", 0, above - 1) + 1 : above - 1].rstrip() == u
        evidence += 2.0 if (u[0] not in "=-" or over) else 0.5
    return evidence


def rst_score(text: str, evidence: tuple[float, float] | None = None) -> tuple[float, float]:
    """(reST evidence, Markdown evidence), each a weighted count of signals; ``evidence``: what
    :func:`_rst_evidence` says about ``text``, when already known."""
    structural, inline = _rst_evidence(text) if evidence is None else evidence
    rst = structural + inline
    # Markdown evidence is counted outside what reST would read as literal text (code samples in
    # reST often contain "# comments" and fences) and outside reST title underlines ("~~~").
    masked = text
    if rst >= MIN_RST_EVIDENCE:
        chars = list(text)
        for a, b in rst_protected(text):
            for k in range(a, b):
                if chars[k] not in "\r\n":
                    chars[k] = " "
        masked = "".join(chars)
    mlines = masked.split("\n")
    for k in range(1, len(mlines)):
        u, t = mlines[k].rstrip(), mlines[k - 1].rstrip()
        if t.strip() and _RST_UNDERLINE.match(u) and len(u) >= max(3, len(t)) and not _RST_UNDERLINE.match(t):
            mlines[k] = ""  # a title underline, not a fence / table rule
    masked = "\n".join(mlines)
    md = 0.0
    for rx, w in _MD_SIGNALS:
        md += w * min(len(rx.findall(masked)), 20)
    md += 0.5 * min(len(_MD_HTML_LINE.findall(masked)), 20)
    return rst, md


def looks_like_rst(text: str) -> bool:
    """True when ``text`` reads as reStructuredText rather than Markdown, HTML or plain prose.

    Needs structural reST (directives, targets, substitution definitions, footnotes, roles,
    literal blocks, underlined titles: weighted >= 1.5; inline references alone never count, as
    spam injected into plain text often uses reST link syntax) and total reST evidence >= 3; or,
    with no structural reST, at least three `` `text <url>`_ `` / `` `name`_ `` references; and in
    both cases more reST evidence than twice the Markdown evidence."""
    if _HTML_DOC.match(text):
        return False
    structural, inline = _rst_evidence(text)
    if structural < MIN_STRUCTURAL_EVIDENCE and (
        "`_" not in text or len(_RST_ANY_REF.findall(text)) < MIN_REFERENCES_ALONE
    ):
        return False  # neither structure nor enough references: no need to weigh Markdown
    rst, md = rst_score(text, (structural, inline))
    if rst <= 2.0 * md:
        return False
    if structural >= MIN_STRUCTURAL_EVIDENCE:
        return rst >= MIN_RST_EVIDENCE
    # prose whose only reST is links (common in short READMEs): need three or more references
    return True


_ADORNMENT_CHARS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _adornment_start(line: str) -> bool:
    """Whether ``line`` opens as an adornment does (two of one punctuation character): the cheap
    half of :data:`_RST_UNDERLINE`."""
    return len(line) >= 2 and line[0] == line[1] and line[0] in _ADORNMENT_CHARS


def rst_titles(
    text: str, lines: Sequence[SourceLine] | None = None, *, protect: bool = True
) -> list[tuple[int, int]]:
    """Section titles as line ranges ``(first, last)``, inclusive: a text line with an underline
    (and an optional matching overline) of one repeated punctuation character at least as long
    as the title. A range covers overline, title and underline: removing one breaks the title.
    ``protect``: skip reST literal blocks and directives (False for plain text, which has none)."""
    lines = split_lines(text) if lines is None else lines
    n = len(lines)
    # Block-level protected regions only: a title may hold ``literals`` and `links <url>`_.
    prot = (
        merge_spans(
            (r.start, r.end)
            for r in rst_regions(text)
            if r.kind not in ("rst-inline-literal", "rst-embedded-uri")
        )
        if protect
        else []
    )
    titles: list[tuple[int, int]] = []
    i = 0
    while i < n - 1:
        line, under = lines[i], lines[i + 1]
        if line.blank or inside(prot, line.start) or line.text[:1] in (" ", "\t"):
            i += 1
            continue
        title = line.text.rstrip()
        underline = under.text.rstrip()
        if (
            _adornment_start(under.text)
            and _RST_UNDERLINE.match(under.text)
            and not _RST_UNDERLINE.match(title)
            and len(underline) >= max(len(title), MIN_UNDERLINE_CHARS)
        ):
            over = (
                i > 0
                and _RST_UNDERLINE.match(lines[i - 1].text)
                and lines[i - 1].text.strip()[0] == underline[0]
            )
            titles.append((i - 1 if over else i, i + 1))
            i += 2
            continue
        # An overline and an (inset) title: the overline comes back as the underline.
        if (
            _adornment_start(line.text)
            and _RST_UNDERLINE.match(line.text)
            and i + 2 < n
            and lines[i + 2].text.rstrip() == title
            and not under.blank
        ):
            titles.append((i, i + 2))
            i += 3
            continue
        i += 1
    return titles
