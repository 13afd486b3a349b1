"""A compiled set of ``html-selector`` rules: one selector index for the whole page, built once
per cleaner (by :mod:`cleanpress.detect.html_selector`) and read by the extractor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cssselect import GenericTranslator, SelectorError
from lxml import etree

from cleanpress.errors import RuleError
from cleanpress.formats.html.easylist import read_list_file
from cleanpress.formats.html.selectors import SelectorIndex
from cleanpress.model import Confidence


@dataclass(frozen=True, slots=True)
class PageRule:
    """What the extractor needs of one rule."""

    id: str
    name: str
    reason: str
    confidence: Confidence
    require_links: bool = False
    """Only remove matches that contain an ``<a href>``."""


@dataclass(frozen=True, slots=True)
class RuleSelectors:
    """A rule's selectors: its own and the files of its ``lists``."""

    rule: PageRule
    selectors: tuple[str, ...]
    lists: tuple[Path, ...] = ()
    protect: bool = False
    """The selectors name content no ``suspect`` rule removes (nor any element around it)."""


@dataclass(frozen=True, slots=True)
class PagePack:
    rules: tuple[PageRule, ...]
    index: SelectorIndex
    list_selector_count: int
    protect: etree.XPath | None = None
    """One XPath union of the protecting selectors, evaluated once per page."""


@cache
def list_selectors(path: Path) -> tuple[str, ...]:
    """The selectors of a list file (read once per process)."""
    try:
        return tuple(read_list_file(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise RuleError(f"{path}: cannot read selector list: {exc.strerror or exc}") from None


def build_pack(entries: Sequence[RuleSelectors], *, list_complex: bool = False) -> PagePack:
    """Compile rules into one index. Complex selectors (combinators, pseudo-classes) of a rule's own
    ``selectors`` go through cssselect; those of ``lists`` files are skipped unless ``list_complex``:
    in EasyList they are 15 of 13,350 and would cost one XPath pass over the page each (measured:
    about 6 ms per page, a quarter of the budget)."""
    rules: list[PageRule] = []
    pairs: list[tuple[str, int, bool]] = []
    protect: list[str] = []
    from_lists = 0
    for entry in entries:
        if entry.protect:
            protect.extend(entry.selectors)
            continue
        key = len(rules)
        rules.append(entry.rule)
        pairs.extend((s, key, True) for s in entry.selectors)
        for path in entry.lists:
            selectors = list_selectors(path)
            from_lists += len(selectors)
            pairs.extend((s, key, list_complex) for s in selectors)
    xpath = None
    if protect:
        try:
            xpath = etree.XPath(" | ".join(GenericTranslator().css_to_xpath(s) for s in protect))
        except (SelectorError, etree.XPathSyntaxError) as exc:
            raise RuleError(f"protecting selectors: invalid selector: {exc}") from None
    return PagePack(tuple(rules), SelectorIndex.build(pairs), from_lists, xpath)


def check_selector(selector: str) -> str | None:
    """Why ``selector`` is not a CSS selector cssselect understands, or None."""
    try:
        GenericTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        return str(exc)
    return None
