"""Parsing with lxml directly (the hot path), with a fallback for absurdly deep documents."""

from __future__ import annotations

from html.parser import HTMLParser

from lxml import etree

#: libxml2 stops building the tree at 2048 levels of nesting (even with huge_tree) and drops the
#: rest of the document. Deeper pages are re-serialised with nesting capped at this depth first
#: (deeper tags are dropped, their text kept), leaving headroom for the implied html/body.
MAX_DEPTH = 1000
#: Elements that never have children (no end tag), so they do not nest.
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)


def make_parser() -> etree.HTMLParser:
    """Comments and processing instructions are dropped at parse time: they are never content."""
    return etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, recover=True)


class _DepthCapper(HTMLParser):
    """Streaming (non-recursive) re-serialiser that keeps at most MAX_DEPTH open elements."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, emitted)
        self.open_count: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        emitted = len(self.stack) < self.max_depth
        if emitted:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
        if tag not in VOID_TAGS:
            self.stack.append((tag, emitted))
            self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) < self.max_depth:
            self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return
        while self.stack:
            open_tag, emitted = self.stack.pop()
            self.open_count[open_tag] -= 1
            if emitted:
                self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def cap_depth(html: str, max_depth: int = MAX_DEPTH) -> str:
    capper = _DepthCapper(max_depth)
    capper.feed(html)
    capper.close()
    return "".join(capper.out)


def _parse(html: str | bytes, parser: etree.HTMLParser) -> etree._Element | None:
    try:
        return etree.fromstring(html, parser)
    except etree.XMLSyntaxError:
        return None


def parse_html(html: str, parser: etree.HTMLParser | None = None) -> etree._Element | None:
    """Parse a document; None when it holds no element at all."""
    parser = parser or make_parser()
    if not html.strip():
        return None
    try:
        root = _parse(html, parser)
    except ValueError:  # str with an XML encoding declaration: hand lxml UTF-8 bytes instead
        parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, encoding="utf-8")
        root = _parse(html.encode("utf-8", "surrogatepass"), parser)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        root = _parse(cap_depth(html), make_parser())
    return root
