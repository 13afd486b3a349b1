"""Turn content containers into typed blocks in document order (iterative walk, no recursion)."""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field

from lxml import etree

from cleanpress.formats.html.paths import PathBuilder
from cleanpress.formats.html.text import norm, text_of

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Block tags and the kind of block their own text forms.
BLOCK_KINDS = {
    **{h: "heading" for h in HEADINGS},
    "p": "paragraph",
    "li": "list-item",
    "pre": "pre",
    "tr": "table-row",
    "blockquote": "quote",
    "dt": "term",
    "dd": "definition",
    "figcaption": "caption",
    "caption": "caption",
    "div": "paragraph",
    "section": "paragraph",
    "article": "paragraph",
    "main": "paragraph",
    "header": "paragraph",
    "footer": "paragraph",
    "aside": "paragraph",
    "figure": "paragraph",
    "ul": "paragraph",
    "ol": "paragraph",
    "dl": "paragraph",
    "table": "paragraph",
    "tbody": "paragraph",
    "thead": "paragraph",
    "tfoot": "paragraph",
    "form": "paragraph",
    "center": "paragraph",
    "address": "paragraph",
    "details": "paragraph",
    "summary": "paragraph",
    "nav": "paragraph",
    "hr": "paragraph",
    "fieldset": "paragraph",
}
CELL_TAGS = frozenset({"td", "th"})
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "button",
        "select",
        "input",
        "textarea",
        "head",
        "title",
        "meta",
        "link",
    }
)
INLINE_MD = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"}
INLINE_HTML = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code"}


@dataclass(frozen=True)
class RawBlock:
    kind: str
    text: str
    markdown: str
    html: str
    path: str
    element: etree._Element
    link_chars: int
    level: int
    ordered: bool


@dataclass
class _Buffer:
    text: list[str] = field(default_factory=list)
    md: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    link_chars: int = 0

    def add(self, s: str | None, in_link: bool) -> None:
        if s:
            self.text.append(s)
            self.md.append(s)
            self.html.append(html_lib.escape(s, quote=False))
            if in_link:
                self.link_chars += len(s.strip())


def _list_info(el: etree._Element) -> tuple[int, bool]:
    depth, ordered, node = 0, False, el.getparent()
    first = True
    while node is not None:
        if node.tag in ("ul", "ol"):
            if first:
                ordered, first = node.tag == "ol", False
            depth += 1
        node = node.getparent()
    return max(depth, 1), ordered


def walk_blocks(roots: list[etree._Element], paths: PathBuilder) -> list[RawBlock]:
    out: list[RawBlock] = []
    for root in roots:
        _walk(root, paths, out)
    return out


def _walk(root: etree._Element, paths: PathBuilder, out: list[RawBlock]) -> None:
    stack: list[etree._Element] = [root]  # open block elements (the root always)
    buf = _Buffer()
    link_depth = 0
    skip_depth = 0  # > 0 inside script/style/pre (pre is taken verbatim at its start)
    quote_depth = 0

    def flush() -> None:
        nonlocal buf
        if not buf.text:
            return
        text = norm("".join(buf.text))
        if text and stack:
            el = stack[-1]
            tag = str(el.tag)
            kind = BLOCK_KINDS.get(tag, "paragraph")
            if quote_depth and kind == "paragraph":
                kind = "quote"
            level, ordered = 0, False
            if kind == "heading":
                level = HEADINGS[tag]
            elif kind == "list-item":
                level, ordered = _list_info(el)
            out.append(
                RawBlock(
                    kind,
                    text,
                    norm("".join(buf.md)),
                    norm("".join(buf.html)),
                    paths.path(el),
                    el,
                    buf.link_chars,
                    level,
                    ordered,
                )
            )
        buf = _Buffer()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and not skip_depth:
                buf.add(el.tail, link_depth > 0)
            continue
        if event == "start":
            if skip_depth:
                skip_depth += 1
                continue
            if tag in SKIP_TAGS:
                skip_depth = 1
                continue
            if tag == "pre":
                flush()
                verbatim = text_of(el).strip("\n")
                if verbatim.strip():
                    out.append(
                        RawBlock(
                            "pre",
                            verbatim,
                            verbatim,
                            html_lib.escape(verbatim),
                            paths.path(el),
                            el,
                            0,
                            0,
                            False,
                        )
                    )
                skip_depth = 1
                continue
            if tag in BLOCK_KINDS and el is not root:
                flush()
                stack.append(el)
                if tag == "blockquote":
                    quote_depth += 1
            elif tag in CELL_TAGS:
                if buf.text:
                    buf.text.append(" ")
                    buf.md.append(" | ")
                    buf.html.append(" ")
            elif tag == "br":
                buf.add("\n", False)
            elif tag == "a":
                link_depth += 1
                buf.md.append("[")
                href = el.get("href") or ""
                buf.html.append(f'<a href="{html_lib.escape(href)}">')
            elif tag in INLINE_MD:
                buf.md.append(INLINE_MD[tag])
                buf.html.append(f"<{INLINE_HTML[tag]}>")
            buf.add(el.text, link_depth > 0)
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth:
                    continue
                buf.add(el.tail, link_depth > 0)
                continue
            if tag in BLOCK_KINDS and el is not root:
                flush()
                stack.pop()
                if tag == "blockquote":
                    quote_depth -= 1
            elif tag == "a":
                link_depth -= 1
                buf.md.append(f"]({el.get('href') or ''})")
                buf.html.append("</a>")
            elif tag in INLINE_MD:
                buf.md.append(INLINE_MD[tag])
                buf.html.append(f"</{INLINE_HTML[tag]}>")
            if el is not root:
                buf.add(el.tail, link_depth > 0)
    flush()
