"""``url-filter``: a URL blocked by the full Adblock Plus filter lists (EasyList, EasyPrivacy,
EasyList Germany), network filters only: host anchors, path and query fragments, wildcards,
``@@`` exceptions and request-type options (:mod:`cleanpress.text.abp`).

A URL in text is not a request, so the request type is read from the markup around it: a leaked
``<script src>`` is a script, an ``<iframe>`` a subdocument, an ``<img>`` an image; a bare link
is a link someone would click (popup, document). Only matches the lists make certain count (a
filter naming a host, or naming the markup's type); generic fragments (``/ads/``) and tracker
hosts cited as links (``newrelic.com``) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from cleanpress.detect.base import Compiled
from cleanpress.detect.linkstage import LinkFacts, Verdict
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.lazy import lazy
from cleanpress.text.links import Link

if TYPE_CHECKING:
    from cleanpress.text.abp import FilterSet


# The tag whose attribute carries the URL: the last start tag before it (also entity-escaped).
_TAG = lazy(r"(?r)(?:<|&lt;|&#0*60;|&#x0*3c;)\s*(?P<name>[a-zA-Z][a-zA-Z0-9-]*)", regex.I)
_TYPES_BY_TAG = {
    "script": frozenset({"script"}),
    "iframe": frozenset({"subdocument"}),
    "frame": frozenset({"subdocument"}),
    "img": frozenset({"image"}),
    "source": frozenset({"image", "media"}),
    "picture": frozenset({"image"}),
    "embed": frozenset({"object"}),
    "object": frozenset({"object"}),
    "link": frozenset({"stylesheet"}),
    "video": frozenset({"media"}),
    "audio": frozenset({"media"}),
}


@dataclass(slots=True)
class _Filters:
    """The compiled filter set, loaded on first use (about 40 ms)."""

    path: Path
    _set: FilterSet | None = field(default=None, repr=False)

    def get(self) -> FilterSet:
        if self._set is None:
            from cleanpress.text.abp import FilterSet  # the matcher loads with the first link

            self._set = FilterSet.load(self.path)
        return self._set


def compile(rule: Rule) -> Compiled:
    pack = Path(rule.source.rsplit(":", 1)[0]).parent
    return Compiled(rule, _Filters(pack / str(rule.params["filters"])))


def judge(compiled: Compiled, doc: Document, link: Link, facts: LinkFacts) -> Verdict | None:
    filters: _Filters = compiled.matcher
    from cleanpress.text.abp import Policy  # loaded by filters.get() below anyway

    match = filters.get().match(link.hit.url, request_types(doc, link), policy=Policy.CERTAIN)
    if match is None:
        return None
    return Verdict(compiled.rule, (f"filter:{match.evidence}",))


def request_types(doc: Document, link: Link) -> frozenset[str]:
    """What would load the URL: the element around it, or a click on a link."""
    from cleanpress.text.abp import LINK_TYPES

    if link.kind != "html":
        return LINK_TYPES
    tag = _TAG.search(doc.text, link.start, link.hit.start)
    if tag is None:
        return LINK_TYPES
    return _TYPES_BY_TAG.get(tag.group("name").lower(), LINK_TYPES)
