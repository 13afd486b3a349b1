"""``url-pattern``: a regex over the normalised URL (redirect wrappers, shorteners, affiliate links).

A ``(?P<target>…)`` group names a redirect's destination, so that a wrapper around a real citation
can be unwrapped instead of removed.
"""

from __future__ import annotations

import regex

from cleanpress.detect import budget
from cleanpress.detect.base import Compiled
from cleanpress.detect.linkstage import LinkFacts, Verdict
from cleanpress.detect.literals import Prefiltered
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.links import Link
from cleanpress.text.urls import UrlHit, parse_url, unquote_repeatedly


def compile(rule: Rule) -> Compiled:
    # A URL holding none of the pattern's literals is not searched.
    return Compiled(rule, Prefiltered.of_url(rule.params["pattern"], regex.I))


def judge(compiled: Compiled, doc: Document, link: Link, facts: LinkFacts) -> Verdict | None:
    """The link stage asks only about links whose URL holds one of the pattern's literals
    (:class:`cleanpress.detect.linkstage.Judges`)."""
    hit = link.hit
    matcher: Prefiltered = compiled.matcher
    m = budget.run(compiled.rule, matcher.pattern.search, hit.url)
    if m is None:
        return None
    evidence = [f"pattern:{m.group(0)[:60]}"]
    target = _unwrap(m)
    if target is not None:
        evidence.append(f"target:{target.host}")
    return Verdict(compiled.rule, tuple(evidence), target)


def _unwrap(m: regex.Match[str]) -> UrlHit | None:
    """The destination a redirect wrapper carries in its query, when it is a valid URL."""
    target = m.groupdict().get("target")
    if not target:
        return None
    return parse_url(unquote_repeatedly(target))
