"""Markdown and HTML renderings of blocks."""

from __future__ import annotations

import html as html_lib
from collections.abc import Sequence

from cleanpress.formats.html.model import Block, Extraction


def blocks_to_markdown(blocks: Sequence[Block]) -> str:
    return "\n\n".join(markdown_parts(blocks))


def markdown_parts(blocks: Sequence[Block]) -> list[str]:
    """Each block as Markdown (headings, list items, code fences, quotes, table rows)."""
    parts: list[str] = []
    for b in blocks:
        md = b.markdown or b.text
        if b.kind == "heading":
            parts.append("#" * max(1, b.level) + " " + md)
        elif b.kind == "list-item":
            indent = "  " * max(0, b.level - 1)
            parts.append(f"{indent}{'1.' if b.ordered else '-'} {md}")
        elif b.kind == "pre":
            parts.append("```\n" + b.text + "\n```")
        elif b.kind == "quote":
            parts.append("> " + md)
        elif b.kind == "table-row":
            parts.append("| " + md + " |")
        else:
            parts.append(md)
    return parts


def blocks_to_html(blocks: Sequence[Block], inline_html: Sequence[str]) -> str:
    """Minimal clean HTML: one element per block; consecutive list items share a list."""
    out: list[str] = []
    open_list = ""
    for b, inner in zip(blocks, inline_html, strict=True):
        want = ("ol" if b.ordered else "ul") if b.kind == "list-item" else ""
        if open_list and open_list != want:
            out.append(f"</{open_list}>")
            open_list = ""
        if want and not open_list:
            out.append(f"<{want}>")
            open_list = want
        if b.kind == "heading":
            out.append(f"<h{b.level}>{inner}</h{b.level}>")
        elif b.kind == "list-item":
            out.append(f"<li>{inner}</li>")
        elif b.kind == "pre":
            out.append(f"<pre>{html_lib.escape(b.text)}</pre>")
        elif b.kind == "quote":
            out.append(f"<blockquote><p>{inner}</p></blockquote>")
        elif b.kind == "table-row":
            out.append(f"<table><tr><td>{inner}</td></tr></table>")
        else:
            out.append(f"<p>{inner}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def drop_block_elements(blocks: Sequence[Block]) -> list[bool]:
    """Remove from the cleaned tree the element of each block that is the whole element (a block of
    a ``<div>``'s loose text is not: the div holds other blocks too); whether each one went."""
    from cleanpress.formats.html.text import drop, norm, text_of

    done: list[bool] = []
    for block in blocks:
        el = block.element
        whole = el is not None and el.getparent() is not None and norm(text_of(el)) == block.text
        if whole:
            drop(el)
        done.append(whole)
    return done


def page_html(extraction: Extraction) -> str:
    """The whole page with the removed elements gone (the content choices of the extractor stay)."""
    from lxml import etree

    if extraction.tree is None:
        return ""
    body = etree.tostring(extraction.tree, method="html", encoding="unicode")
    return f"{extraction.doctype}\n{body}" if extraction.doctype else body
