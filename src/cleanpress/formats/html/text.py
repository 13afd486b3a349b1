"""Text of elements, whitespace normalisation, removing an element."""

from __future__ import annotations

from lxml import etree


def norm(text: str) -> str:
    return " ".join(text.split())


def excerpt(text: str, limit: int) -> str:
    """The first `limit` characters of the whitespace-normalised text."""
    return norm(text)[:limit]


def text_of(el: etree._Element) -> str:
    """All text inside `el` (not its tail), computed in C."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def drop(el: etree._Element) -> None:
    """Remove an element, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def source_line(el: etree._Element) -> int:
    """The element's line in the page as parsed (0 when lxml does not know it)."""
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else 0
