"""Markdown (CommonMark): the regions no rule may touch (fenced and indented code, HTML blocks
and comments, code spans, preformatted inline HTML), link reference definitions and their uses,
and section titles (ATX and setext headings)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex as re

from cleanpress.formats.spans import (
    Region,
    SourceLine,
    Span,
    indent_width,
    inside,
    last_text,
    merge_spans,
    split_lines,
)

# Four columns of indentation make a line code (CommonMark).
INDENTED_CODE_COLUMNS = 4
_MD_CONTAINER = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")
_MD_FENCE_OPEN = re.compile(r"^(?P<ind>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_MD_LIST_ITEM = re.compile(r"^(?P<ind>[ ]{0,3})(?P<marker>[-+*]|\d{1,9}[.)])(?P<sp>[ \t]+|$)")
_MD_HTML_1 = re.compile(r"^[ ]{0,3}<(script|pre|style|textarea)(?:\s|>|$)", re.I)
_MD_HTML_6_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|"
    "dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|"
    "hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|"
    "section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
# HTML blocks of active content, which the link rules still judge (a meta refresh sends the reader
# elsewhere as a script does).
_ACTIVE_CONTENT = re.compile(
    r"^[ ]{0,3}<(?:(?:script|embed|object|iframe|frame|applet)\b"
    r"|meta\b[^>]*\bhttp-equiv\s*=\s*[\"']?refresh)",
    re.I,
)
_MD_HTML_4 = re.compile(r"^[ ]{0,3}<![A-Z]")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_MD_HTML_6 = re.compile(rf"^[ ]{{0,3}}</?(?:{_MD_HTML_6_TAGS})(?:\s|/?>|$)", re.I)
_ATTR = r"(?:\s+[a-zA-Z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)"
_MD_HTML_7 = re.compile(rf"^[ ]{{0,3}}(?:<[a-zA-Z][\w-]*{_ATTR}*\s*/?>|</[a-zA-Z][\w-]*\s*>)[ \t]*$")
_MD_REFDEF = re.compile(
    r"^[ ]{0,3}\[(?P<label>(?:[^\[\]\\]|\\.){0,999})\]:[ \t]*(?:\r?\n[ \t]*)?"
    r"(?P<url><[^<>\n]*>|[^\s<][^\s]*)"
    r"(?P<title>(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"
    r"[ \t]*(?=\r?\n|$)",
    re.M,
)
_MD_ATX = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]|$)")
_MD_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$")
# The first characters of the lines that can open or continue a block (besides white space and
# digits): container ">", fences, list markers, HTML "<", headings "#", thematic breaks.
_BLOCK_STARTS = frozenset(">`~-+*<#_")
_MD_THEMATIC = re.compile(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")


@dataclass(frozen=True, slots=True)
class RefDef:
    label: str  # normalised (case-folded, whitespace collapsed)
    start: int
    end: int
    url_start: int
    url_end: int


@dataclass(frozen=True, slots=True)
class RefUse:
    label: str  # normalised
    start: int
    end: int
    kind: str  # "full", "collapsed" or "shortcut"


def _norm_label(label: str) -> str:
    return " ".join(label.split()).casefold()


@last_text
def _md_blocks(text: str) -> tuple[list[Region], list[SourceLine]]:
    """Block-level protected regions: fenced code, indented code, HTML blocks."""
    lines = split_lines(text)
    n = len(lines)
    regions: list[Region] = []
    i = 0
    in_list = False
    prev_para = False  # previous line is paragraph text (an indented line cannot start code)
    while i < n:
        ln = lines[i]
        raw = ln.text
        first = raw[:1]
        if not first or first.isspace():
            if not raw.strip():  # blank (no container marker can be on it)
                prev_para = False
                i += 1
                continue
        elif first not in _BLOCK_STARTS and not first.isdecimal():
            # Prose (most lines): no container, list, fence, HTML, heading, rule or code starts
            # with this character, so the line is paragraph text; after a blank line it ends a list.
            if i == 0 or lines[i - 1].blank:
                in_list = False
            prev_para = True
            i += 1
            continue
        cm = _MD_CONTAINER.match(raw)
        body = raw[cm.end() :] if cm else raw
        if not body.strip():
            prev_para = False
            i += 1
            continue
        ind = indent_width(body)
        lm = _MD_LIST_ITEM.match(body)
        if lm:
            in_list = True
        elif ind == 0 and (i == 0 or lines[i - 1].blank):
            in_list = False
        # fenced code: any indentation is accepted (list items indent fences); conservative
        fm = _MD_FENCE_OPEN.match(body)
        if (
            fm
            and not (fm.group("fence")[0] == "`" and "`" in fm.group("info"))
            and (ind <= 3 or in_list or not prev_para)
        ):
            ch, flen = fm.group("fence")[0], len(fm.group("fence"))
            close = re.compile(rf"^[ \t]*{re.escape(ch)}{{{flen},}}[ \t]*$")
            j = i + 1
            while j < n:
                b = lines[j].text
                cj = _MD_CONTAINER.match(b)
                if close.match(b[cj.end() :] if cj else b):
                    break
                j += 1
            if j < n:  # closed: protect opening line to closing line
                regions.append(Region("md-fence", ln.start, lines[j].end))
                i = j + 1
                prev_para = False
                continue
            # unclosed fence: not protected (CommonMark would run it to the end of the document)
        h1 = _MD_HTML_1.match(body)
        if h1:
            tag = h1.group(1).lower()
            j = i
            while j < n and f"</{tag}>" not in lines[j].text.lower():
                j += 1
            j = min(j, n - 1)
            regions.append(Region("md-active" if tag == "script" else "md-html", ln.start, lines[j].end))
            i = j + 1
            prev_para = False
            continue
        for opener, closer, kind in (
            ("<!--", "-->", "md-html-comment"),
            ("<?", "?>", "md-html"),
            ("<![CDATA[", "]]>", "md-html"),
        ):
            if body.lstrip(" ").startswith(opener) and ind <= 3 and not prev_para:
                # As a block of markup: only after a blank line, and only when it is closed (an
                # unclosed comment would shield the rest of the document, as an unclosed fence would).
                j = i
                pos = ln.start + raw.find(opener) + len(opener)
                end_at = text.find(closer, pos)
                if end_at == -1:
                    continue  # read as an ordinary line (the loop's else)
                end_off = end_at + len(closer)
                while j < n - 1 and lines[j].next <= end_off:
                    j += 1
                regions.append(Region(kind, ln.start, lines[j].end))
                i = j + 1
                prev_para = False
                break
        else:
            # CommonMark lets a block tag (type 6) interrupt a paragraph; scraped text glues HTML
            # left over from the page to the paragraph before it, and that markup is exactly what
            # must stay judged. So a block of markup starts only after a blank line, as authored
            # Markdown writes it.
            if not prev_para and (_MD_HTML_6.match(body) or _MD_HTML_7.match(body) or _MD_HTML_4.match(body)):
                j = i
                while j < n and not lines[j].blank:
                    j += 1
                kind = "md-active" if _ACTIVE_CONTENT.match(body) else "md-html"
                regions.append(Region(kind, ln.start, lines[j - 1].end))
                i = j
                prev_para = False
                continue
            # indented code block: after a blank line (or start), not a list continuation
            # In a list, an indented block is the item's paragraph unless indented four more;
            # protected either way: removing the line that ended a list turns code into a list
            # paragraph (or back), and cleaning the output must find nothing new.
            if ind >= INDENTED_CODE_COLUMNS and not prev_para and not cm:
                base = INDENTED_CODE_COLUMNS
                j = i
                last = i
                while j < n:
                    if lines[j].blank:
                        j += 1
                        continue
                    if lines[j].indent < base:
                        break
                    last = j
                    j += 1
                regions.append(Region("md-indented-code", ln.start, lines[last].end))
                i = last + 1
                prev_para = False
                continue
            prev_para = not (_MD_ATX.match(body) or _MD_THEMATIC.match(body))
            i += 1
            continue
        continue
    return regions, lines


_MD_CODE_SPAN = re.compile(
    r"(?<![`\\])(?P<ticks>`+)(?!`)(?:[^`\n]|`+(?!`)(?<!(?P=ticks))|\n(?![ \t]*\r?\n))*?(?<!`)(?P=ticks)(?!`)"
)
_MD_CODE_SPAN_SIMPLE = re.compile(r"(?<![`\\])(`+)(?!`)((?:(?!\1)[^\n]|\n(?![ \t]*\r?\n))+?)(?<!`)\1(?!`)")


def _code_spans(text: str, blocks: Sequence[Span]) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    n = len(text)
    while pos < n:
        k = text.find("`", pos)
        if k == -1:
            break
        if inside(blocks, k) or (k > 0 and text[k - 1] == "\\"):
            pos = k + 1
            while pos < n and text[pos] == "`":
                pos += 1
            continue
        j = k
        while j < n and text[j] == "`":
            j += 1
        run = j - k
        # find a closing run of exactly the same length, not crossing a blank line or a block
        m = j
        found = -1
        while True:
            c = text.find("`", m)
            if c == -1:
                break
            between = text[j:c]
            if _BLANK_LINE.search(between) or inside(blocks, c):
                break
            e = c
            while e < n and text[e] == "`":
                e += 1
            if e - c == run:
                found = e
                break
            m = e
        if found == -1:
            pos = j
        else:
            spans.append((k, found))
            pos = found
    return spans


@last_text
def markdown_regions(text: str) -> list[Region]:
    blocks, _ = _md_blocks(text)
    block_spans = merge_spans((r.start, r.end) for r in blocks)
    regions = list(blocks)
    for d in markdown_reference_definitions(text, _blocks=block_spans):
        regions.append(Region("md-refdef", d.start, d.end))
    regions.extend(Region("md-code-span", s, e) for s, e in _code_spans(text, block_spans))
    regions.sort(key=lambda r: (r.start, r.end))
    return regions


def markdown_protected(text: str) -> list[Span]:
    """Sorted, merged spans of a Markdown document that no cleaning rule may touch: closed fenced
    code, indented code blocks, HTML blocks, inline code spans and link reference definitions."""
    return merge_spans((r.start, r.end) for r in markdown_regions(text))


def markdown_reference_definitions(text: str, *, _blocks: Sequence[Span] | None = None) -> list[RefDef]:
    """Link reference definitions ``[label]: url "title"`` outside code and HTML blocks."""
    if _blocks is None:
        blocks, _ = _md_blocks(text)
        _blocks = merge_spans((r.start, r.end) for r in blocks)
    out: list[RefDef] = []
    for m in _MD_REFDEF.finditer(text):
        label = m.group("label")
        if not label.strip() or inside(_blocks, m.start()):
            continue
        # a definition cannot interrupt a paragraph: the previous line must be blank, a
        # definition, a heading, or the start of the document
        ls = m.start()
        if ls > 0:
            prev_end = ls - 1
            prev_start = text.rfind("\n", 0, prev_end) + 1
            prev = text[prev_start:prev_end].rstrip("\r")
            if prev.strip() and not (
                _MD_REFDEF.match(prev)
                or _MD_ATX.match(prev)
                or _MD_SETEXT.match(prev)
                or _MD_THEMATIC.match(prev)
                or inside(_blocks, prev_start)
            ):
                continue
        us, ue = m.span("url")
        if text[us] == "<":
            us, ue = us + 1, ue - 1
        out.append(RefDef(_norm_label(label), m.start(), m.end(), us, ue))
    return out


_MD_REF_FULL = re.compile(
    r"(?<![\\\]])\[(?P<text>(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]\[(?P<label>(?:[^\[\]\\]|\\.){0,999})\]"
)
_MD_REF_SHORT = re.compile(r"(?<![\\\]])\[(?P<label>(?:[^\[\]\\\n]|\\.)+)\](?![\[(:])")


def markdown_reference_uses(text: str, labels: Iterable[str] | None = None) -> list[RefUse]:
    """Reference-style link uses outside code: ``[text][label]`` and ``[label][]`` always;
    shortcut ``[label]`` only when ``label`` is among ``labels`` (normalised), since brackets in
    prose are common. Labels are returned normalised."""
    known = {_norm_label(x) for x in labels} if labels is not None else set()
    prot = markdown_protected(text)
    out: list[RefUse] = []
    taken: list[Span] = []
    for m in _MD_REF_FULL.finditer(text):
        if inside(prot, m.start()):
            continue
        label = m.group("label")
        kind = "full" if label.strip() else "collapsed"
        out.append(RefUse(_norm_label(label if label.strip() else m.group("text")), m.start(), m.end(), kind))
        taken.append(m.span())
    taken_m = merge_spans(taken)
    if known:
        for m in _MD_REF_SHORT.finditer(text):
            if inside(prot, m.start()) or inside(taken_m, m.start()):
                continue
            lab = _norm_label(m.group("label"))
            if lab in known:
                out.append(RefUse(lab, m.start(), m.end(), "shortcut"))
    out.sort(key=lambda u: u.start)
    return out


_HTML_PRE = re.compile(r"<(pre|code|kbd|samp)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def protected_regions(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans no rule may touch: closed fenced code, indented code, HTML blocks and
    comments, code spans and preformatted inline HTML (``<pre>``, ``<code>``, ``<kbd>``, ``<samp>``).

    Link reference definitions are not protected: a definition whose URL is spam goes (with its
    uses unlinked); line rules leave them alone through :func:`definition_lines`. An unclosed
    fence protects nothing: in scraped text a stray "~~~" line is decoration."""
    blocks, _ = _md_blocks(text)
    block_spans = merge_spans((r.start, r.end) for r in blocks)
    # A ``cleanpress: keep`` marker in a one-line HTML comment must be read: not protected. Active content
    # (a script, an embed, an object, an iframe) is never the text and is how ads are injected:
    # not protected.
    spans = [
        (r.start, r.end)
        for r in blocks
        if r.kind != "md-active"
        and (r.kind != "md-html-comment" or "cleanpress:" not in text[r.start : r.end])
    ]
    spans.extend(_code_spans(text, block_spans))
    spans = merge_spans(spans)
    if "<" in text:
        spans.extend(
            m.span()
            for m in _HTML_PRE.finditer(text)
            if "\n\n" not in m.group(0) and not inside(block_spans, m.start())
        )
    return merge_spans(spans)


def markdown_titles(text: str, lines: Sequence[SourceLine] | None = None) -> list[tuple[int, int]]:
    """Headings as line ranges ``(first, last)``, inclusive: ATX headings, and setext headings
    (text lines and their ``===`` / ``---`` underline)."""
    lines = split_lines(text) if lines is None else lines
    prot = markdown_protected(text)
    titles: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if line.blank or inside(prot, line.start):
            continue
        if _MD_ATX.match(line.text):
            titles.append((i, i))
        elif i > 0 and _MD_SETEXT.match(line.text) and _setext_text(lines[i - 1], prot):
            first = i - 1
            while (
                first > 0
                and _setext_text(lines[first - 1], prot)
                and not _MD_SETEXT.match(lines[first - 1].text)
            ):
                first -= 1
            titles.append((first, i))
    return titles


def _setext_text(line: SourceLine, prot: Sequence[Span]) -> bool:
    """Whether ``line`` can be (part of) the text of a setext heading."""
    return (
        not line.blank
        and not inside(prot, line.start)
        and not _MD_LIST_ITEM.match(line.text)
        and not _MD_ATX.match(line.text)
        and line.indent < INDENTED_CODE_COLUMNS
    )


# Markdown a person wrote shows structure of its own: a heading, a list item, a quote or a table
# row that says something besides a link, a fence, an inline code span, an emphasised phrase. A
# scraped article reads as Markdown when links were injected into it ("### [Win big](…)",
# "- [Claim](…)"): those lines are links and nothing else.
_BLOCK_START = re.compile(r"[ ]{0,3}(?:(?P<heading>#{1,6}[ \t])|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\|)")
_FENCE_LINE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.M)
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_EMPHASIS = re.compile(r"(?<![\w*_])(?:\*\*?|__?)(?=\S)(?P<inner>[^*_\n]+?)(?<=\S)(?:\*\*?|__?)(?![\w*_])")
_LINK_CONSTRUCT = re.compile(r"!?\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])|<[a-z][a-z0-9+.-]*:[^>\s]*>", re.I)
_WORD = re.compile(r"[\p{L}\p{N}]{2,}")
# A block line says something besides its links when this many words are left (a heading: one,
# "# filelock").
MIN_BLOCK_WORDS = 2


def authored(text: str) -> bool:
    """Whether a Markdown document shows structure of its own beyond links (see above)."""
    if _FENCE_LINE.search(text) or _CODE_SPAN.search(text):
        return True
    for line in split_lines(text):  # the document's lines, read once for all its readers
        m = _BLOCK_START.match(line.text)
        if m is None:
            continue
        rest = _LINK_CONSTRUCT.sub(" ", line.text[m.end() :])
        if len(_WORD.findall(rest)) >= (1 if m.group("heading") else MIN_BLOCK_WORDS):
            return True
    # emphasis of a phrase, outside a link ("*Copyright 2016 Caleb Evans*"; not "**Ad** · [Win](…)")
    prose = _LINK_CONSTRUCT.sub(" ", text)
    return any(len(_WORD.findall(m.group("inner"))) >= MIN_BLOCK_WORDS for m in _EMPHASIS.finditer(prose))
