"""``url-domain``: a URL whose host is, or is a subdomain of, a listed domain."""

from __future__ import annotations

from dataclasses import dataclass

from cleanpress.detect.base import Compiled
from cleanpress.detect.linkstage import LinkFacts, Verdict
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.domains import DomainSet
from cleanpress.text.links import Link


@dataclass(slots=True)
class _Domains:
    """The rule's domains as a set, built on the first link to judge (a list of 45,000 domains
    costs tens of milliseconds that a document without links never needs)."""

    rule: Rule
    _set: DomainSet | None = None

    def match_names(self, names: tuple[str, ...]) -> str | None:
        """The first of ``names`` (a host and its parent domains, :meth:`LinkFacts.names`) that is
        listed, or None."""
        if self._set is None:
            self._set = DomainSet.of_normalised(self.rule.domains)
        return self._set.first_of(names)


def compile(rule: Rule) -> Compiled:
    return Compiled(rule, _Domains(rule))


def judge(compiled: Compiled, doc: Document, link: Link, facts: LinkFacts) -> Verdict | None:
    listed = compiled.matcher.match_names(facts.names(link.hit.host))
    return Verdict(compiled.rule, (f"listed:{listed}",)) if listed is not None else None
