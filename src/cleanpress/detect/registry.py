"""The rule kinds: for each, the parameters a rule of that kind takes and the module that runs it.

A new kind is one module in :mod:`cleanpress.detect` plus one entry here. The module defines
``compile(rule) -> Compiled`` and either ``judge(compiled, doc, link, facts) -> Verdict | None``
(``stage="link"``: a verdict on one link, tried in rule order until one fires) or
``prepare(compiled) -> prepared`` once per cleaner and ``find(doc, prepared, ctx, found) ->
list[Finding]`` (``stage="document"``: runs over the whole document, after the kinds before it in
``order``; ``found`` holds what those found) or ``prepare(compiled) -> prepared`` alone
(``stage="page"``: rules over an HTML page's elements, which HTML mode runs before it extracts the
text; the text engine skips them).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Literal

ParamSpec = dict[str, type | tuple[type, ...]]


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    params: ParamSpec
    """Parameters a rule of this kind accepts, and their types."""
    module: str
    stage: Literal["link", "document", "page"]
    order: int
    """Document kinds run in this order; link kinds are tried in rule order (certain first)."""
    needs_pattern: bool = False
    """A rule of this kind must give ``pattern`` or ``patterns``."""
    uses_links: bool = False
    """A document kind that reads the document's links (so they are found even with no link kind)."""


_KINDS = (
    Kind(
        "url-domain",
        {"domains": list, "lists": list, "list_format": str, "standalone_only": bool},
        module="url_domain",
        stage="link",
        order=10,
    ),
    Kind(
        "url-pattern",
        {"pattern": str, "standalone_only": bool, "unwrap": list},
        module="url_pattern",
        stage="link",
        order=10,
        needs_pattern=True,
    ),
    Kind(
        "url-filter",
        {"filters": str, "standalone_only": bool},
        module="url_filter",
        stage="link",
        order=10,
    ),
    Kind(
        "url-shape",
        {"threshold": (int, float), "standalone_only": bool, "lists": list, "domains": list},
        module="url_shape",
        stage="link",
        order=10,
    ),
    Kind(
        "tracking-params",
        {"params": list, "prefixes": list},
        module="tracking_params",
        stage="document",
        order=20,
        uses_links=True,
    ),
    Kind(
        "line-pattern",
        {"pattern": str, "patterns": list, "max_chars": int, "case_sensitive": bool, "authored": bool},
        module="line_pattern",
        stage="document",
        order=30,
        needs_pattern=True,
    ),
    Kind(
        "repeated-line",
        {"min_count": int, "min_chars": int, "max_chars": int, "require": str, "min_promo": int},
        module="repeated_line",
        stage="document",
        order=40,
        uses_links=True,
    ),
    Kind(
        "markup-pattern",
        {"pattern": str},
        module="markup_pattern",
        stage="document",
        order=50,
        needs_pattern=True,
    ),
    Kind("invisible-chars", {}, module="invisible_chars", stage="document", order=60),
    Kind(
        "page-chrome",
        {"part": str},
        module="page_chrome",
        stage="document",
        order=70,
    ),
    Kind(
        "html-selector",
        {"selectors": list, "lists": list, "require_links": bool, "protect": bool},
        module="html_selector",
        stage="page",
        order=0,
    ),
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in _KINDS}


@cache
def detector(kind: str) -> ModuleType:
    """The module that compiles and runs rules of ``kind`` (imported on first use)."""
    return importlib.import_module(f"cleanpress.detect.{KINDS[kind].module}")
