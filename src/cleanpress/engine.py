"""The engine: select rules -> compile them through the registry -> run the detectors over a
document -> resolve the findings into an exact edit script -> the result.

Data flows one way: text -> Document (a format's reader) -> findings (spans with a rule) ->
removals (ordered, non-overlapping) -> cleaned text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from cleanpress.detect import linkstage
from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.budget import PatternTimeout
from cleanpress.detect.registry import KINDS, detector
from cleanpress.document import Document
from cleanpress.errors import UnsupportedFormat
from cleanpress.formats import Format, read_document, resolve_format
from cleanpress.htmlmode import HtmlPage
from cleanpress.keep import apply_suppressions
from cleanpress.model import CONFIDENCE_LEVELS, CleanResult, Confidence, Removal, apply_edits, compose_edits
from cleanpress.offsets import DisjointSpans
from cleanpress.resolve import build_removals
from cleanpress.ruleset import Rule, load_rules
from cleanpress.text.domains import DomainSet
from cleanpress.text.links import find_links
from cleanpress.text.urls import Skeleton, parse_url, registrable_domain

# Cleaning passes at most: the second and third only catch spam that the first pass uncovered.
MAX_PASSES = 3


def select_rules(
    rules: Iterable[Rule], select: Sequence[str] | None = None, ignore: Sequence[str] = ()
) -> list[Rule]:
    """Rules chosen by id or prefix, as ruff does: ``select`` (default: the default-on rules)
    minus ``ignore``. A rule that is off by default runs only when selected by a prefix at
    least as long as its own family (``CP6`` or ``CP601``, not ``CP``), or ``ALL``."""
    chosen: list[Rule] = []
    for rule in rules:
        on = rule.default if select is None else any(_selects(prefix, rule) for prefix in select)
        if on and not any(rule.id.startswith(prefix.upper()) for prefix in ignore):
            chosen.append(rule)
    return chosen


def _selects(prefix: str, rule: Rule) -> bool:
    prefix = prefix.upper()
    if prefix == "ALL":
        return True
    if not rule.id.startswith(prefix):
        return False
    return rule.default or len(prefix) >= len(rule.family)


class Cleaner:
    """A compiled rule set; reuse one for many documents.

    ``rules``: the rules to run (default: the built-in packs plus ``extra_rules``);
    ``select``/``ignore``: rule ids or prefixes; ``allow_domains``: URLs on these domains (and
    their subdomains) are never removed; ``min_confidence``: ``"suspect"`` (default) applies every
    removal, ``"certain"`` applies only certain ones and reports suspect ones as suggestions.
    """

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        *,
        extra_rules: Sequence[str | Path] = (),
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        allow_domains: Iterable[str] = (),
        min_confidence: Confidence = "suspect",
        page_chrome: bool = False,
    ) -> None:
        if min_confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"min_confidence must be one of {', '.join(CONFIDENCE_LEVELS)}")
        available = list(rules) if rules is not None else load_rules(extra_rules)
        self.rules: list[Rule] = select_rules(available, select, ignore)
        if page_chrome:  # the page-chrome rules are off by default: this switches them all on
            chosen = {rule.id for rule in self.rules}
            self.rules += [
                r
                for r in available
                if r.kind == "page-chrome"
                and r.id not in chosen
                and not any(r.id.startswith(p.upper()) for p in ignore)
            ]
        self.allow = DomainSet(d.strip() for d in allow_domains)
        self.min_confidence: Confidence = min_confidence
        self.rule_errors: list[str] = []
        """Rules switched off during the run (a user pattern that overran its time budget), as
        ``path:line: ID: message``; a command reports them and exits 2."""
        self._compile()

    def _compile(self) -> None:
        # Certain rules are tried (and named) before suspect ones, then in pack order.
        ordered = sorted(self.rules, key=lambda rule: rule.confidence != "certain")
        # Page rules (HTML elements) are compiled on the first page: text mode never loads lxml.
        self._page_rules = [r for r in ordered if KINDS[r.kind].stage == "page"]
        self._page: HtmlPage | None = None
        compiled = [detector(rule.kind).compile(rule) for rule in ordered if KINDS[rule.kind].stage != "page"]
        self._judges = linkstage.prepare([c for c in compiled if KINDS[c.rule.kind].stage == "link"])
        stages: dict[str, list[Compiled]] = {}
        for c in compiled:
            if KINDS[c.rule.kind].stage == "document":
                stages.setdefault(c.rule.kind, []).append(c)
        # Each document kind prepares its rules together once (an automaton over their literals, …).
        self._stages: list[tuple[str, Any]] = [
            (kind, detector(kind).prepare(group))
            for kind, group in sorted(stages.items(), key=lambda item: KINDS[item[0]].order)
        ]
        self._trusted = DomainSet()
        for rule in self.rules:
            if rule.kind == "url-shape":
                self._trusted.update(rule.domains)

    def clean(
        self, text: str, format: str = "auto", *, source_url: str | None = None, output: str = "text"
    ) -> CleanResult:
        """Clean one document; ``format`` is ``auto``, ``text``, ``markdown``, ``rst`` or ``html``.

        An HTML page (``format="html"``, or detected: ``<!doctype html>``/``<html>`` at the start)
        loses the elements the ``html-selector`` rules match, its main content is extracted and
        rendered as ``output`` (``text``, ``markdown``, ``html``; ``page``: the whole page with the
        removed elements gone) and the text rules run over that (see :mod:`cleanpress.htmlmode`)."""
        fmt = resolve_format(text, format)
        if fmt == "html":
            if self._page is None:
                self._page = HtmlPage(self._page_rules, self.min_confidence)
            return self._page.clean(text, output, lambda t, f: self._clean_text(t, f, source_url))
        return self._clean_text(text, fmt, source_url)

    def _clean_text(self, text: str, fmt: Format, source_url: str | None) -> CleanResult:
        doc = read_document(text, fmt)
        allow = self.allow
        if source_url:
            allow = self.allow.with_domains([registrable_domain(_host_of(source_url))])
        verdicts: dict[Any, Any] = {}  # learned by the first pass, read by the second (Context)
        result = self._resolve(doc, self.find(doc, allow, learn=verdicts))
        # Removing spam can leave new spam in plain sight (a pitch that now repeats, a link now
        # alone on its line): clean again until nothing changes, and compose the edit scripts, so
        # that cleaning the output removes nothing more.
        for _ in range(MAX_PASSES - 1):
            if not any(_changes_a_line(text, removal) for removal in result.removals):
                break  # only whole lines went: no line reads differently, nothing new to find
            cleaned = read_document(result.text, fmt)
            again = self._resolve(cleaned, self.find(cleaned, allow, learn=verdicts, known=verdicts))
            if not again.removals:
                break
            composed = compose_edits(text, result.removals, again.removals)
            if composed is None or apply_edits(text, composed) != again.text:
                break  # cannot be expressed as one edit script of the original: keep the first pass
            result = replace(result, text=again.text, removals=tuple(composed))
        return result

    def clean_or_skip(
        self, text: str, format: str = "auto", *, source_url: str | None = None, output: str = "text"
    ) -> CleanResult | str:
        """:meth:`clean`, or, for a format this installation cannot clean, the reason it is skipped.

        Only :class:`UnsupportedFormat` becomes a skip: any other error is a bug and propagates."""
        try:
            return self.clean(text, format, source_url=source_url, output=output)
        except UnsupportedFormat as exc:
            return str(exc)

    def find(
        self,
        doc: Document,
        allow: DomainSet | None = None,
        *,
        learn: dict[Any, Any] | None = None,
        known: dict[Any, Any] | None = None,
    ) -> list[Finding]:
        """Every finding of every rule in ``doc``, before suppressions and overlaps are resolved.
        ``learn``: where detectors keep what they learn about lines; ``known``: what an earlier
        pass over a version of this document learned (see :class:`~cleanpress.detect.base.Context`)."""
        allow = self.allow if allow is None else allow
        needs_links = self._judges or any(KINDS[kind].uses_links for kind, _ in self._stages)
        links = (
            [
                link
                for link in find_links(doc.text, Skeleton(doc.text))
                if not doc.is_protected(link.start, link.end)
            ]
            if needs_links
            else []
        )
        ctx = Context(doc, links, allow, self._trusted, {} if learn is None else learn, known or {})
        while True:
            try:
                findings = linkstage.find(doc, self._judges, ctx)
                for kind, prepared in self._stages:
                    findings.extend(detector(kind).find(doc, prepared, ctx, findings))
                return findings
            except PatternTimeout as exc:
                # A user pattern ran away: report it, switch the rule off, find again without it.
                self.rule_errors.append(str(exc))
                self._switch_off(exc.rule)
                ctx.verdicts.clear()  # learned with the rule still on
                ctx.known.clear()

    def _switch_off(self, rule: Rule) -> None:
        self.rules = [r for r in self.rules if r.id != rule.id]
        self._compile()

    def _resolve(self, doc: Document, findings: list[Finding]) -> CleanResult:
        findings, suppressed = apply_suppressions(doc, findings)
        applied = [f for f in findings if _meets(f.rule.confidence, self.min_confidence)]
        held = [f for f in findings if not _meets(f.rule.confidence, self.min_confidence)]
        removals = build_removals(doc, applied)
        suggestions: tuple[Removal, ...] = ()
        if held:
            taken = DisjointSpans((r.start, r.end) for r in removals)
            suggestions = tuple(r for r in build_removals(doc, held) if not taken.overlaps(r.start, r.end))
        text = apply_edits(doc.text, removals)
        return CleanResult(
            text=text,
            removals=tuple(removals),
            original=doc.text,
            format=doc.format,
            suggestions=suggestions,
            suppressed=suppressed,
        )


def _changes_a_line(text: str, removal: Removal) -> bool:
    """Whether ``removal`` leaves part of a line behind (an inline removal or a rewrite), so that
    the line reads differently afterwards; removing whole lines with their breaks does not."""
    if removal.replacement:
        return True
    starts_line = removal.start == 0 or text[removal.start - 1] == "\n"
    ends_line = removal.end == len(text) or text[removal.end - 1] == "\n"
    owns_last_break = removal.end == len(text) and text[removal.start] in "\r\n"
    return not ((starts_line and ends_line) or owns_last_break)


def _host_of(url: str) -> str:
    hit = parse_url(url if "//" in url else f"https://{url}")
    return hit.host if hit else url


def _meets(confidence: Confidence, minimum: Confidence) -> bool:
    return minimum == "suspect" or confidence == "certain"
