"""``tracking-params``: tracking parameters (``utm_*``, ``fbclid``, …) rewritten out of kept links."""

from __future__ import annotations

from collections.abc import Sequence

from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.urls import UrlHit


def compile(rule: Rule) -> Compiled:
    names = frozenset(n.lower() for n in rule.params.get("params", []))
    prefixes = tuple(x.lower() for x in rule.params.get("prefixes", []))
    return Compiled(rule, (names, prefixes))


def prepare(rules: Sequence[Compiled]) -> Sequence[Compiled]:
    return tuple(rules)


def find(doc: Document, rules: Sequence[Compiled], ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    """Rewrites for the links no earlier rule judged spam (nor a disguised one: that is evasion)."""
    spam = {id(f.link) for f in found if f.link is not None}
    findings: list[Finding] = []
    for link in ctx.links:
        if id(link) in spam or link.hit.disguised or (ctx.allow and ctx.allow.match(link.hit.host)):
            continue
        finding = _rewrite(link.hit, rules)
        if finding is not None:
            findings.append(finding)
    return findings


def _rewrite(hit: UrlHit, rules: Sequence[Compiled]) -> Finding | None:
    query_at = hit.raw.find("?")
    if query_at == -1:
        return None
    fragment_at = hit.raw.find("#", query_at)
    query_end = len(hit.raw) if fragment_at == -1 else fragment_at
    query = hit.raw[query_at + 1 : query_end]
    for compiled in rules:
        names, prefixes = compiled.matcher
        parts = query.split("&")
        kept = [p for p in parts if not _is_tracking(p.split("=", 1)[0], names, prefixes)]
        if len(kept) == len(parts):
            continue
        dropped = [p.split("=", 1)[0] for p in parts if p not in kept]
        replacement = "?" + "&".join(kept) if kept else ""
        start = hit.start + query_at
        return Finding(
            compiled.rule, start, hit.start + query_end, evidence=tuple(dropped), replacement=replacement
        )
    return None


def _is_tracking(name: str, names: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    name = name.lower()
    return name in names or name.startswith(prefixes)
