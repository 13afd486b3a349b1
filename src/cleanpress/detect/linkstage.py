"""The link stage: every link judged by the link kinds (url-domain, url-pattern, url-shape), in
rule order, certain rules first; the first verdict wins.

A redirect wrapper inside a sentence around a destination that is not spam is unwrapped (the
citation stays, the wrapper goes). A link judged in the company of spam on its line is judged again
as it will stand once the spam is gone, so that cleaning twice removes nothing more.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.context import alone_on_line, link_place, reference_list_lines
from cleanpress.detect.literals import LiteralIndex, Prefiltered
from cleanpress.detect.registry import detector
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.domains import DomainSet, names_of
from cleanpress.text.folding import fold
from cleanpress.text.lazy import lazy
from cleanpress.text.links import Link
from cleanpress.text.urls import UrlHit, registrable_domain


@dataclass(frozen=True, slots=True)
class Verdict:
    rule: Rule
    evidence: tuple[str, ...]
    target: UrlHit | None = None
    """For a redirect wrapper: the destination it carries, when that is a valid URL."""


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """What the document says about its links as a whole."""

    counts: Counter[str]
    """How often each normalised URL occurs."""
    domains: Counter[str]
    """How many links go to each registrable domain."""
    reference_lines: set[int]
    """Lines under a 'Further reading' / 'Sources' heading."""
    trusted: DomainSet
    list_lines: frozenset[int] = frozenset()
    """Lines whose link is an item of a list of links (a product list, a parts list): content."""
    _folded: dict[str, str] = field(default_factory=dict, repr=False)
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def folded(self, url: str) -> str:
        """``url`` case-folded, once per URL however many patterns look at it."""
        found = self._folded.get(url)
        if found is None:
            found = self._folded[url] = fold(url)
        return found

    def names(self, host: str) -> tuple[str, ...]:
        """``host`` and each of its parent domains, most specific first (as a domain list is
        matched), worked out once per host however many lists look at it."""
        found = self._names.get(host)
        if found is None:
            found = self._names[host] = names_of(host)
        return found


@dataclass(frozen=True, slots=True)
class Judges:
    """The link rules in order, with one automaton over the literals of their URL patterns: a link
    is judged only by the rules its URL holds a literal of, and by those that need none."""

    rules: tuple[Compiled, ...]
    literals: LiteralIndex
    """The URL patterns' literals (bit i: ``rules[i]``); the other rules are tried on every link."""
    calls: tuple[tuple[Compiled, Any, bool], ...] = ()
    """Per rule: (the rule, its kind's judge function, whether it judges only standalone links)."""

    def __bool__(self) -> bool:
        return bool(self.rules)

    def candidates(self, folded_url: str) -> int:
        """Mask of the rules that may judge a link to ``folded_url`` (its case-folded URL)."""
        return self.literals.mask(folded_url)


def prepare(rules: Sequence[Compiled]) -> Judges:
    """The link rules of a cleaner (in the order they are tried), ready to judge links."""
    literals = LiteralIndex.of(
        [c.matcher.literals if isinstance(c.matcher, Prefiltered) else None for c in rules]
    )
    calls = tuple(
        (c, detector(c.rule.kind).judge, bool(c.rule.params.get("standalone_only", False))) for c in rules
    )
    return Judges(tuple(rules), literals, calls)


def find(doc: Document, judges: Judges, ctx: Context) -> list[Finding]:
    """Findings for the links some link rule judges spam."""
    links = ctx.links
    if not links or not judges:
        return []
    # A URL is counted where it is written: a Markdown reference definition and the links that use
    # it are one URL, not a URL repeated (which is evidence of injection).
    written = _written_urls(links)
    domains = Counter(registrable_domain(hit.host) for hit in written)
    facts = LinkFacts(
        counts=Counter(hit.url for hit in written),
        domains=domains,
        reference_lines=reference_list_lines(doc),
        trusted=ctx.trusted,
        list_lines=_link_list_lines(doc, links),
    )
    allow = ctx.allow
    judged = [link for link in links if not (allow and allow.match(link.hit.host))]
    verdicts = {id(link): judge(doc, link, judges, facts) for link in judged}
    spam = [link for link in judged if verdicts[id(link)] is not None]
    spam_lines = {doc.line_at(link.start).index for link in spam}
    again = [
        link for link in judged if verdicts[id(link)] is None and doc.line_at(link.start).index in spam_lines
    ]
    if again:
        masked = list(doc.text)
        for link in spam:
            for i in range(link.start, link.end):
                if masked[i] not in "\r\n":
                    masked[i] = " "
        masked_doc = Document("".join(masked), doc.format, doc.protected)
        for link in again:
            verdicts[id(link)] = judge(masked_doc, link, judges, facts)
    findings: list[Finding] = []
    for link in judged:
        hit = link.hit
        verdict = verdicts[id(link)]
        if verdict is None:
            continue
        if verdict.target is not None and link_place(doc, link).in_sentence:
            # A redirect inside a sentence around a destination that is not spam: keep the
            # citation, drop the wrapper.
            target = verdict.target
            inner = judge(doc, Link(target, link.start, link.end, link.kind, link.anchor), judges, facts)
            if inner is None:
                evidence = (*verdict.evidence, "unwrapped")
                findings.append(
                    Finding(
                        verdict.rule, hit.start, hit.end, evidence=evidence, replacement=target.url, link=link
                    )
                )
                continue
        anchor = link.anchor if link.kind in ("markdown", "reference", "html") else ""
        findings.append(
            Finding(verdict.rule, link.start, link.end, evidence=verdict.evidence, anchor=anchor, link=link)
        )
    return findings


def judge(doc: Document, link: Link, judges: Judges, facts: LinkFacts) -> Verdict | None:
    """The first verdict of ``judges`` on ``link``, or None."""
    alone: bool | None = None
    mask = judges.candidates(facts.folded(link.hit.url))
    calls = judges.calls
    while mask:
        low = mask & -mask
        mask ^= low
        compiled, run, standalone_only = calls[low.bit_length() - 1]
        if standalone_only:
            if alone is None:
                alone = _standalone(doc, link, facts)
            if not alone:
                continue
        verdict: Verdict | None = run(compiled, doc, link, facts)
        if verdict is not None:
            return verdict
    return None


# A list of links is content (a product list, a parts list, a list of talks) when it has at least
# this many items; an injection adds one link, or the same link a few times, between paragraphs.
MIN_LINK_LIST_ITEMS = 3
_LIST_MARKER = lazy(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+\S")


def _link_list_lines(doc: Document, links: Sequence[Link]) -> frozenset[int]:
    """Lines of links that are items of a list: the link's line is a list item, or the link stands
    under one ("1) Lego Star Wars 75188" / "http://amzn.to/…"), with at least
    :data:`MIN_LINK_LIST_ITEMS` such items holding different URLs."""
    items: dict[int, str] = {}
    for link in links:
        line = doc.line_at(link.start)
        if line.index in items:
            continue
        if _LIST_MARKER.match(doc.content(line)) or _under_list_item(doc, line.index):
            items[line.index] = link.hit.url
    if len(set(items.values())) < MIN_LINK_LIST_ITEMS:
        return frozenset()
    return frozenset(items)


def _under_list_item(doc: Document, index: int) -> bool:
    """The nearest non-blank line above is a list item that holds no link of its own."""
    for above in range(index - 1, max(-1, index - 3), -1):
        content = doc.content(doc.lines[above])
        if content.strip():
            return bool(_LIST_MARKER.match(content)) and "://" not in content
    return False


def _written_urls(links: Sequence[Link]) -> list[UrlHit]:
    """Each URL as written once: a reference definition and its uses are one URL, and so are a
    link and the same address shown as its text (``[https://a.org/x](https://a.org/x)``)."""
    hits = {link.hit.start: link.hit for link in links}
    starts = sorted(hits)
    for link in links:
        if link.kind not in ("markdown", "image", "html"):
            continue
        for start in starts[bisect_left(starts, link.start) : bisect_left(starts, link.end)]:
            if start != link.hit.start and start in hits and hits[start].url == link.hit.url:
                del hits[start]
    return list(hits.values())


def _standalone(doc: Document, link: Link, facts: LinkFacts) -> bool:
    """Alone on its line as an injection stands: not a Markdown reference definition (its link is
    where it is used), not an image inside a link's text (a badge: its link is judged, and takes
    the image along) and not an item of a list of links."""
    return (
        link.kind != "definition"
        and not link.nested
        and alone_on_line(doc, link)
        and doc.line_at(link.start).index not in facts.list_lines
    )
