"""``url-shape``: a URL on no list judged by the weighted evidence of :mod:`cleanpress.detect.evidence`."""

from __future__ import annotations

from cleanpress.detect import evidence
from cleanpress.detect.base import Compiled
from cleanpress.detect.context import link_place
from cleanpress.detect.linkstage import LinkFacts, Verdict
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.links import Link
from cleanpress.text.urls import registrable_domain

DEFAULT_THRESHOLD = 4.0


def compile(rule: Rule) -> Compiled:
    return Compiled(rule, float(rule.params.get("threshold", DEFAULT_THRESHOLD)))


def judge(compiled: Compiled, doc: Document, link: Link, facts: LinkFacts) -> Verdict | None:
    hit = link.hit
    domain = registrable_domain(hit.host)
    others = evidence.OtherDomains(facts.domain_set, domain)
    place = link_place(doc, link)
    ctx = evidence.UrlContext(
        alone_on_line=place.alone,
        link_sentence=place.link_sentence,
        link_text=f"{place.lead_in} {link.anchor}" if place.link_sentence else link.anchor,
        lead_in=place.lead_in if place.link_sentence else "",
        markup=place.markup,
        occurrences=facts.counts[hit.url],
        host_occurrences=facts.domains[domain],
        in_sentence=place.in_sentence,
        under_reference_heading=doc.line_at(link.start).index in facts.reference_lines,
        other_domains=others,
    )
    fired = evidence.url_evidence(hit, ctx, facts.trusted.match(hit.host) is not None)
    score = sum(f.weight for f in fired)
    if score < compiled.matcher:
        return None
    names = tuple(f"{f.name}({f.weight:+g})" for f in fired)
    return Verdict(compiled.rule, (f"score:{score:g}", *names))
