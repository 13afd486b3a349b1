"""``url-domain``: a URL whose host is, or is a subdomain of, a listed domain."""

from __future__ import annotations

from cleanpress.detect.base import Compiled
from cleanpress.detect.linkstage import LinkFacts, Verdict
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.domains import DomainSet
from cleanpress.text.links import Link


def compile(rule: Rule) -> Compiled:
    return Compiled(rule, DomainSet.of_normalised(rule.domains))


def judge(compiled: Compiled, doc: Document, link: Link, facts: LinkFacts) -> Verdict | None:
    listed = compiled.matcher.match(link.hit.host)
    return Verdict(compiled.rule, (f"listed:{listed}",)) if listed is not None else None
