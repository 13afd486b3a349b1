"""The link stage: every link judged by the link kinds (url-domain, url-pattern, url-shape), in
rule order, certain rules first; the first verdict wins.

A redirect wrapper inside a sentence around a destination that is not spam is unwrapped (the
citation stays, the wrapper goes). A link judged in the company of spam on its line is judged again
as it will stand once the spam is gone, so that cleaning twice removes nothing more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.context import alone_on_line, link_place, reference_list_lines
from cleanpress.detect.registry import detector
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.domains import DomainSet
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
    domain_set: frozenset[str]
    """The same domains, as a set."""
    reference_lines: set[int]
    """Lines under a 'Further reading' / 'Sources' heading."""
    trusted: DomainSet


def find(doc: Document, judges: Sequence[Compiled], ctx: Context) -> list[Finding]:
    """Findings for the links some link rule judges spam."""
    links = ctx.links
    if not links or not judges:
        return []
    domains = Counter(registrable_domain(link.hit.host) for link in links)
    facts = LinkFacts(
        counts=Counter(link.hit.url for link in links),
        domains=domains,
        domain_set=frozenset(domains),
        reference_lines=reference_list_lines(doc),
        trusted=ctx.trusted,
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


def judge(doc: Document, link: Link, judges: Sequence[Compiled], facts: LinkFacts) -> Verdict | None:
    """The first verdict of ``judges`` on ``link``, or None."""
    alone: bool | None = None
    for compiled in judges:
        if compiled.rule.params.get("standalone_only", False):
            if alone is None:
                alone = alone_on_line(doc, link)
            if not alone:
                continue
        verdict: Verdict | None = detector(compiled.rule.kind).judge(compiled, doc, link, facts)
        if verdict is not None:
            return verdict
    return None
