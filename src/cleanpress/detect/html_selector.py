"""``html-selector``: elements of an HTML page that CSS selectors name (ad slots, menus, share bars).

A page-stage kind: the text engine skips it; HTML mode compiles every such rule of a cleaner into
one selector index (:func:`prepare`) that the extractor runs over each page before it looks for the
main content. A rule with ``protect = true`` names content instead, which no ``suspect`` rule
removes (nor any element around it). lxml is imported only here and in :mod:`cleanpress.formats.html`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cleanpress.detect.base import Compiled
from cleanpress.formats.html.pack import PagePack, PageRule, RuleSelectors, build_pack
from cleanpress.ruleset import Rule


def compile(rule: Rule) -> Compiled:
    params = rule.params
    page_rule = PageRule(
        rule.id, rule.name, rule.reason, rule.confidence, require_links=bool(params.get("require_links"))
    )
    entry = RuleSelectors(
        page_rule,
        tuple(str(s) for s in params.get("selectors", ())),
        tuple(Path(str(p)) for p in params.get("lists", ())),
        protect=bool(params.get("protect")),
    )
    return Compiled(rule, entry)


def prepare(rules: Sequence[Compiled]) -> PagePack:
    """The page-wide selector index of ``rules`` (in their order: the first matching rule names
    an element's removal)."""
    return build_pack([c.matcher for c in rules if isinstance(c.matcher, RuleSelectors)])
