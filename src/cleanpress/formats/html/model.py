"""Result types of an HTML extraction (frozen dataclasses)."""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field
from typing import Any

from cleanpress.model import ElementRemoval

# Characters of an element's text kept as the excerpt of its removal.
EXCERPT_CHARS = 80


@dataclass(frozen=True, slots=True)
class Block:
    """One main-content block in document order."""

    kind: str
    """``heading``, ``paragraph``, ``list-item``, ``pre``, ``table-row``, ``quote``, …"""
    text: str
    path: str
    level: int = 0
    """Heading level (1-6) or list nesting depth; 0 when not relevant."""
    ordered: bool = False
    """A list item of an ``<ol>``."""
    markdown: str = ""
    """Inline Markdown (links, emphasis); "" means the same as ``text``."""
    html: str = ""
    """Inline HTML (escaped text, links, emphasis); "" means the escaped text."""
    line: int = 0
    """Line of the block's element in the page (lxml ``sourceline``)."""
    element: Any = field(default=None, compare=False, repr=False)
    """The block's element in the cleaned tree."""

    @property
    def inline_html(self) -> str:
        return self.html or html_lib.escape(self.text, quote=False)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Main content of a page plus the elements removed from it."""

    blocks: tuple[Block, ...]
    elements: tuple[ElementRemoval, ...]
    title: str = ""
    doctype: str = ""
    """The page's own doctype ("" when it had none: libxml2's default is not added)."""
    tree: Any = field(default=None, compare=False, repr=False)
    """The cleaned lxml root (rule removals applied), for :func:`~.render.page_html`."""

    @property
    def text(self) -> str:
        """The blocks' text, paragraphs separated by a blank line."""
        return "\n\n".join(b.text for b in self.blocks)
