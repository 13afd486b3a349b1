"""``url-shape``: a URL on no list judged by the weighted evidence of :mod:`cleanpress.detect.evidence`."""

from __future__ import annotations

import ipaddress

import regex

from cleanpress.detect import evidence
from cleanpress.detect.base import Compiled
from cleanpress.detect.context import link_place
from cleanpress.detect.linkstage import LinkFacts, Verdict
from cleanpress.document import AUTHORED_FORMATS, Document
from cleanpress.ruleset import Rule
from cleanpress.text.lazy import lazy
from cleanpress.text.links import Link
from cleanpress.text.urls import UrlHit, parse_url, registrable_domain

DEFAULT_THRESHOLD = 4.0


def compile(rule: Rule) -> Compiled:
    return Compiled(rule, float(rule.params.get("threshold", DEFAULT_THRESHOLD)))


# Evidence that depends on where a link stands, at its most: the bound of the quick test below.
_PLACE_MAX = max(evidence.ALONE_ON_LINE.weight, evidence.LINK_LINE.weight) + evidence.CTA_LEAD_IN.weight
_TEXT_MAX = evidence.PROMO_TEXT.weight
_MARKUP_MAX = evidence.HTML_REMNANT.weight + evidence.AD_MARKUP.weight + evidence.ACTIVE_MARKUP.weight


def _intrinsic_score(hit: UrlHit, reputable: bool) -> float:
    """The score of what the URL itself shows (host, path, query, disguise), wherever it stands."""
    return sum(f.weight for f in evidence.intrinsic_evidence(evidence.bare(hit), reputable))


def _could_reach(threshold: float, link: Link, facts: LinkFacts, reputable: bool, reference: bool) -> bool:
    """Whether the link's score can reach ``threshold`` at all: the URL's own evidence plus the
    most its place, text, markup, repetition and company could add. Most real links cannot, and
    are then judged without reading their sentence."""
    hit = link.hit
    bound = _intrinsic_score(hit, reputable) + _PLACE_MAX + _TEXT_MAX
    if link.kind == "html":
        bound += _MARKUP_MAX
    if facts.counts[hit.url] >= 2:
        bound += evidence.REPEATED.weight
    else:
        bound += evidence.REPEATED_HOST.weight
    bound += evidence.FOREIGN_HOST.weight
    if reference:
        bound += evidence.REFERENCE_LIST.weight
    return bound >= threshold


# An image from a badge service inside a link's text: the link is a project badge.
_NESTED_IMAGE = lazy(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']?([^\"'\s>]+)", regex.I)


def _well_known(link: Link, facts: LinkFacts) -> bool:
    """The host is well known (the trusted lists), the machine itself or a private network (a
    tutorial's ``http://127.0.0.1:8000/docs``), or the link wraps a badge from a well-known
    service (``[![docs](https://img.shields.io/…)](https://project.dev)``)."""
    host = link.hit.host
    if facts.trusted.match(host) is not None or _local(host):
        return True
    for m in _NESTED_IMAGE.finditer(link.anchor):
        image = parse_url(m.group(1) or m.group(2))
        if image is not None and facts.trusted.match(image.host) is not None:
            return True
    return False


def _local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".local"):
        return True
    if ":" not in host and not host[:1].isdigit():
        return False  # a name: an IPv4 address starts with a digit, an IPv6 one holds colons
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified


def judge(compiled: Compiled, doc: Document, link: Link, facts: LinkFacts) -> Verdict | None:
    hit = link.hit
    reputable = _well_known(link, facts)
    reference = doc.line_at(link.start).index in facts.reference_lines
    if not _could_reach(compiled.matcher, link, facts, reputable, reference):
        return None
    domain = registrable_domain(hit.host)
    others = evidence.OtherDomains(facts.domains, domain)
    place = link_place(doc, link)
    ctx = evidence.UrlContext(
        # A Markdown reference definition stands alone by syntax: its links are where it is used.
        alone_on_line=place.alone and link.kind != "definition",
        link_sentence=place.link_sentence,
        link_text=f"{place.lead_in} {link.anchor}" if place.link_sentence else link.anchor,
        lead_in=place.lead_in if place.link_sentence else "",
        markup=place.markup,
        occurrences=facts.counts[hit.url],
        host_occurrences=facts.domains[domain],
        in_sentence=place.in_sentence,
        under_reference_heading=reference,
        other_domains=others,
        authored=doc.format in AUTHORED_FORMATS,
    )
    fired = evidence.url_evidence(hit, ctx, reputable)
    score = sum(f.weight for f in fired)
    if score < compiled.matcher:
        return None
    names = tuple(f"{f.name}({f.weight:+g})" for f in fired)
    return Verdict(compiled.rule, (f"score:{score:g}", *names))
