"""The engine: runs compiled rules over a document and turns findings into an exact edit script.

Data flows one way: text -> Document -> findings (spans with a rule) -> line decisions ->
removals (ordered, non-overlapping) -> cleaned text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from cleanpress import heuristics
from cleanpress.document import FORMATS, Document, Format, detect_format
from cleanpress.domains import DomainSet
from cleanpress.edits import Finding, build_removals
from cleanpress.lines import (
    ENDS_SENTENCE,
    INTRODUCES,
    MAX_INLINE_LEAD_IN_WORDS,
    MAX_LINE_LEAD_IN_WORDS,
    MIN_PARAGRAPH_CHARS,
    NOT_MARKUP,
    SENTENCE_END,
    TAG,
    clean_lead_in,
    strip_line,
    words,
)
from cleanpress.links import Link, find_links
from cleanpress.model import CONFIDENCE_LEVELS, CleanResult, Confidence, Removal, apply_edits, compose_edits
from cleanpress.ruleset import Rule, RuleError, load_rules
from cleanpress.unicode import invisible_spans
from cleanpress.urls import Skeleton, UrlHit, parse_url, registrable_domain, unquote_repeatedly

# Cleaning passes at most: the second and third only catch spam that the first pass uncovered.
MAX_PASSES = 3
_REFERENCE_HEADING = regex.compile(
    r"(?:further reading|see also|sources?|references?|read more about|links|bibliography|"
    r"weiterführende links|quellen?|siehe auch|pour aller plus loin|sources|voir aussi|références|"
    r"fuentes?|ver también|referencias|para saber más|fonti|vedi anche|approfondimenti|"
    r"fontes?|veja também|referências|saiba mais|bronnen|zie ook|meer lezen|verder lezen|"
    r"indicators of compromise|iocs?|(?:malicious|phishing|c2|command and control) (?:urls|domains|servers))"
    r"(?:\s*\([^)]{0,40}\))?\s*:?",
    regex.I,
)
_KEEP_MARKER = regex.compile(
    r"^\s*(?:<!--\s*|#\s*|//\s*|\[//\]:\s*#\s*\(\s*)?cleanpress:\s*(?P<verb>keep-start|keep-end|keep)"
    r"(?:\s+(?P<ids>CP[\dA-Z,\s]+?))?\s*(?:-->|\))?\s*$",
    regex.I,
)


@dataclass(frozen=True, slots=True)
class _Verdict:
    rule: Rule
    evidence: tuple[str, ...]
    target: UrlHit | None = None
    """For a redirect wrapper: the destination it carries, when that is a valid URL."""


@dataclass(slots=True)
class _Compiled:
    url_rules: list[tuple[Rule, object]] = field(default_factory=list)
    line_rules: list[tuple[Rule, regex.Pattern[str]]] = field(default_factory=list)
    repeat_rules: list[Rule] = field(default_factory=list)
    markup_rules: list[tuple[Rule, regex.Pattern[str]]] = field(default_factory=list)
    param_rules: list[tuple[Rule, frozenset[str], tuple[str, ...]]] = field(default_factory=list)
    invisible_rules: list[Rule] = field(default_factory=list)
    longest_line_match: int = 0
    """Raw line length beyond which no line rule can match (max_chars plus room for markers)."""


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
    return rule.default or len(prefix) >= 3


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
    ) -> None:
        if min_confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"min_confidence must be one of {', '.join(CONFIDENCE_LEVELS)}")
        available = list(rules) if rules is not None else load_rules(extra_rules)
        self.rules: list[Rule] = select_rules(available, select, ignore)
        self.allow = DomainSet(d.strip() for d in allow_domains)
        self.min_confidence: Confidence = min_confidence
        self._compiled = _compile(self.rules)
        self._trusted = DomainSet()
        for rule in self.rules:
            if rule.kind == "url-shape":
                self._trusted.update(rule.domains)

    def clean(self, text: str, format: str = "auto", *, source_url: str | None = None) -> CleanResult:
        """Clean one document; ``format`` is ``auto``, ``text``, ``markdown`` or ``html``."""
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
        fmt: Format = detect_format(text) if format == "auto" else format  # type: ignore[assignment]
        if fmt == "html":
            raise ValueError("HTML mode is not available yet: clean extracted text or Markdown instead")
        doc = Document(text, fmt)
        allow = self.allow
        if source_url:
            allow = self.allow.with_domains([registrable_domain(_host_of(source_url))])
        result = self._resolve(doc, self.find(doc, allow))
        # Removing spam can leave new spam in plain sight (a pitch that now repeats, a link now
        # alone on its line): clean again until nothing changes, and compose the edit scripts, so
        # that cleaning the output removes nothing more.
        for _ in range(MAX_PASSES - 1):
            if not result.removals:
                break
            cleaned = Document(result.text, fmt)
            again = self._resolve(cleaned, self.find(cleaned, allow))
            if not again.removals:
                break
            composed = compose_edits(text, result.removals, again.removals)
            if composed is None or apply_edits(text, composed) != again.text:
                break  # cannot be expressed as one edit script of the original: keep the first pass
            result = replace(result, text=again.text, removals=tuple(composed))
        return result

    # --- finding -------------------------------------------------------------------------------
    def find(self, doc: Document, allow: DomainSet | None = None) -> list[Finding]:
        allow = self.allow if allow is None else allow
        compiled = self._compiled
        findings: list[Finding] = []
        skeleton = Skeleton(doc.text)
        needs_links = compiled.url_rules or compiled.repeat_rules or compiled.param_rules
        links = [
            link
            for link in (find_links(doc.text, skeleton) if needs_links else [])
            if not doc.is_protected(link.start, link.end)
        ]
        if links and (compiled.url_rules or compiled.param_rules):
            findings.extend(self._link_findings(doc, links, allow))
        if compiled.line_rules:
            findings.extend(self._line_findings(doc))
        if compiled.repeat_rules:
            findings.extend(self._repeat_findings(doc, links, allow, findings))
        for rule, pattern in compiled.markup_rules:
            for m in pattern.finditer(doc.text):
                if m.end() > m.start() and not doc.is_protected(m.start(), m.end()):
                    findings.append(Finding(rule, m.start(), m.end()))
        for rule in compiled.invisible_rules:
            for start, end in invisible_spans(doc.text):
                if not doc.is_protected(start, end):
                    findings.append(Finding(rule, start, end))
        return findings

    def _link_findings(self, doc: Document, links: list[Link], allow: DomainSet) -> list[Finding]:
        counts = Counter(link.hit.url for link in links)
        domains = Counter(registrable_domain(link.hit.host) for link in links)
        headings = _reference_list_lines(doc)
        judged = [link for link in links if not (allow and allow.match(link.hit.host))]
        verdicts = {id(link): self._judge(doc, link, counts, domains, headings) for link in judged}
        # A link judged in the company of spam is judged again as it will stand once the spam is
        # gone (so cleaning twice removes nothing more): the spam is masked out with spaces.
        spam = [link for link in judged if verdicts[id(link)] is not None]
        spam_lines = {doc.line_at(link.start).index for link in spam}
        again = [
            link
            for link in judged
            if verdicts[id(link)] is None and doc.line_at(link.start).index in spam_lines
        ]
        if again:
            masked = list(doc.text)
            for link in spam:
                for i in range(link.start, link.end):
                    if masked[i] not in "\r\n":
                        masked[i] = " "
            masked_doc = Document("".join(masked), doc.format)
            for link in again:
                verdicts[id(link)] = self._judge(masked_doc, link, counts, domains, headings)
        findings: list[Finding] = []
        for link in judged:
            hit = link.hit
            verdict = verdicts[id(link)]
            if verdict is not None and verdict.target is not None and _in_sentence(doc, link):
                # A redirect inside a sentence around a destination that is not spam: keep the
                # citation, drop the wrapper.
                target = verdict.target
                inner = self._judge(doc, _retarget(link, target), counts, domains, headings)
                if inner is None:
                    evidence = (*verdict.evidence, "unwrapped")
                    findings.append(
                        Finding(verdict.rule, hit.start, hit.end, evidence=evidence, replacement=target.url)
                    )
                    continue
            if verdict is not None:
                anchor = link.anchor if link.kind in ("markdown", "reference", "html") else ""
                findings.append(
                    Finding(verdict.rule, link.start, link.end, evidence=verdict.evidence, anchor=anchor)
                )
            elif self._compiled.param_rules and not hit.disguised:
                findings.extend(self._param_findings(doc, hit))
        return findings

    def _judge(
        self,
        doc: Document,
        link: Link,
        counts: Counter[str],
        domains: Counter[str],
        headings: set[int],
    ) -> _Verdict | None:
        hit = link.hit
        for rule, matcher in self._compiled.url_rules:
            standalone = rule.params.get("standalone_only", False)
            if standalone and not _alone_on_line(doc, link):
                continue
            if rule.kind == "url-domain":
                assert isinstance(matcher, DomainSet)
                listed = matcher.match(hit.host)
                if listed is not None:
                    return _Verdict(rule, (f"listed:{listed}",))
            elif rule.kind == "url-pattern":
                assert isinstance(matcher, regex.Pattern)
                m = matcher.search(hit.url)
                if m is not None:
                    evidence = [f"pattern:{m.group(0)[:60]}"]
                    target = _unwrap(hit, m)
                    if target is not None:
                        evidence.append(f"target:{target.host}")
                    return _Verdict(rule, tuple(evidence), target)
            elif rule.kind == "url-shape":
                domain = registrable_domain(hit.host)
                others = frozenset(d for d in domains if d != domain)
                place = link_place(doc, link)
                ctx = heuristics.UrlContext(
                    alone_on_line=place.alone,
                    link_sentence=place.link_sentence,
                    link_text=f"{place.lead_in} {link.anchor}" if place.link_sentence else link.anchor,
                    lead_in=place.lead_in if place.link_sentence else "",
                    markup=place.markup,
                    occurrences=counts[hit.url],
                    host_occurrences=domains[domain],
                    in_sentence=place.in_sentence,
                    under_reference_heading=doc.line_at(link.start).index in headings,
                    other_domains=others,
                )
                fired = heuristics.url_evidence(hit, ctx, self._trusted.match(hit.host) is not None)
                score = sum(f.weight for f in fired)
                if score >= float(rule.params.get("threshold", 4.0)):
                    names = tuple(f"{f.name}({f.weight:+g})" for f in fired)
                    return _Verdict(rule, (f"score:{score:g}", *names))
        return None

    def _param_findings(self, doc: Document, hit: UrlHit) -> list[Finding]:
        query_at = hit.raw.find("?")
        if query_at == -1:
            return []
        fragment_at = hit.raw.find("#", query_at)
        query_end = len(hit.raw) if fragment_at == -1 else fragment_at
        query = hit.raw[query_at + 1 : query_end]
        findings = []
        for rule, names, prefixes in self._compiled.param_rules:
            parts = query.split("&")
            kept = [p for p in parts if not _is_tracking(p.split("=", 1)[0], names, prefixes)]
            if len(kept) == len(parts):
                continue
            dropped = [p.split("=", 1)[0] for p in parts if p not in kept]
            replacement = "?" + "&".join(kept) if kept else ""
            start = hit.start + query_at
            findings.append(
                Finding(rule, start, hit.start + query_end, evidence=tuple(dropped), replacement=replacement)
            )
            break
        return findings

    def _line_findings(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        text = doc.text
        longest = self._compiled.longest_line_match
        for line in doc.lines:
            content = text[line.start : line.end]
            if len(content) > longest and "<" not in content and "&lt;" not in content:
                continue  # too long for every line rule even after stripping decoration
            if not content.strip() or doc.is_protected(line.start, line.end):
                continue
            # A line of decoration only ("[…]") is matched as written.
            stripped = strip_line(content) or content.strip()
            for rule, pattern in self._compiled.line_rules:
                if len(stripped) > rule.params.get("max_chars", 300):
                    continue
                if pattern.fullmatch(stripped):
                    findings.append(Finding(rule, line.start, line.end, whole_line=True))
                    break
        return findings

    def _repeat_findings(
        self, doc: Document, links: list[Link], allow: DomainSet, found: list[Finding]
    ) -> list[Finding]:
        text = doc.text
        by_line: dict[str, list[int]] = {}
        for line in doc.lines:
            key = text[line.start : line.end].strip()
            if key:
                by_line.setdefault(key, []).append(line.index)
        url_only: dict[int, Link] = {}
        for link in links:
            if _alone_on_line(doc, link):
                url_only[doc.line_at(link.start).index] = link
        findings: list[Finding] = []
        layout: _Layout | None = None  # built once, on the first repeated line that needs it
        for rule in self._compiled.repeat_rules:
            min_count = rule.params.get("min_count", 3)
            min_chars = rule.params.get("min_chars", 12)
            max_chars = rule.params.get("max_chars", 200)
            require = rule.params.get("require", "promo")
            for key, indexes in by_line.items():
                if len(indexes) < min_count or not min_chars <= len(key) <= max_chars:
                    continue
                evidence: tuple[str, ...]
                if require == "url":
                    lone = url_only.get(indexes[0])
                    if lone is None or (allow and allow.match(lone.hit.host)):
                        continue
                    if self._trusted.match(lone.hit.host):
                        continue
                    evidence = (f"repeated:{len(indexes)}",)
                else:
                    if indexes[0] in url_only:
                        continue
                    signs = heuristics.promo_signs(key)
                    needed = rule.params.get("min_promo", 2)
                    # Lines that are spam already (lone URLs, boilerplate) do not count as neighbours.
                    if layout is None:
                        spam_lines = set(url_only) | {doc.line_at(f.start).index for f in found}
                        layout = _layout(doc, by_line, spam_lines)
                    # Injected at paragraph breaks, between paragraphs: one sign of any kind will do;
                    # between lines that occur once but are short: one topical sign (a prize, a pill,
                    # a loan), not mere urgency or an emoji. A copy ending in a full stop reads as a
                    # sentence and always needs two.
                    topical = bool(set(signs) & heuristics.TOPICAL_THEMES)
                    isolated = not key.endswith(".") and (
                        _isolated(doc, layout, indexes, min_chars=MIN_PARAGRAPH_CHARS)
                        or (topical and _isolated(doc, layout, indexes, min_chars=0))
                    )
                    if isolated and set(signs) - heuristics.WEAK_THEMES:
                        needed -= 1
                    if len(signs) < max(needed, 1):
                        continue
                    evidence = (f"repeated:{len(indexes)}", *(["isolated"] if isolated else []), *signs)
                for index in indexes:
                    line = doc.lines[index]
                    if not doc.is_protected(line.start, line.end):
                        findings.append(
                            Finding(rule, line.start, line.end, whole_line=True, evidence=evidence)
                        )
        return findings

    # --- resolving -----------------------------------------------------------------------------
    def _resolve(self, doc: Document, findings: list[Finding]) -> CleanResult:
        findings, suppressed = _apply_suppressions(doc, findings)
        applied = [f for f in findings if _meets(f.rule.confidence, self.min_confidence)]
        held = [f for f in findings if not _meets(f.rule.confidence, self.min_confidence)]
        removals = build_removals(doc, applied)
        suggestions: tuple[Removal, ...] = ()
        if held:
            taken = [(r.start, r.end) for r in removals]
            suggestions = tuple(
                r for r in build_removals(doc, held) if not any(s < r.end and r.start < e for s, e in taken)
            )
        text = apply_edits(doc.text, removals)
        return CleanResult(
            text=text,
            removals=tuple(removals),
            original=doc.text,
            format=doc.format,
            suggestions=suggestions,
            suppressed=suppressed,
        )


def _host_of(url: str) -> str:
    hit = parse_url(url if "//" in url else f"https://{url}")
    return hit.host if hit else url


def _compile(rules: list[Rule]) -> _Compiled:
    compiled = _Compiled()
    for rule in rules:
        p = rule.params
        if rule.kind == "url-domain":
            compiled.url_rules.append((rule, DomainSet(rule.domains)))
        elif rule.kind == "url-pattern":
            compiled.url_rules.append((rule, regex.compile(p["pattern"], regex.I)))
        elif rule.kind == "url-shape":
            compiled.url_rules.append((rule, None))
        elif rule.kind == "line-pattern":
            patterns = [p["pattern"]] if "pattern" in p else []
            patterns += list(p.get("patterns", []))
            flags = 0 if p.get("case_sensitive") else regex.I
            compiled.line_rules.append((rule, regex.compile("|".join(f"(?:{x})" for x in patterns), flags)))
        elif rule.kind == "repeated-line":
            compiled.repeat_rules.append(rule)
        elif rule.kind == "markup-pattern":
            compiled.markup_rules.append((rule, regex.compile(p["pattern"], regex.I)))
        elif rule.kind == "tracking-params":
            names = frozenset(n.lower() for n in p.get("params", []))
            compiled.param_rules.append((rule, names, tuple(x.lower() for x in p.get("prefixes", []))))
        elif rule.kind == "invisible-chars":
            compiled.invisible_rules.append(rule)
        else:  # pragma: no cover - the loader rejects unknown kinds
            raise RuleError(f"{rule.source}: unknown kind {rule.kind!r}")
    # Decoration stripped before matching (markers, emphasis, punctuation) is short: allow 2x + 40.
    compiled.longest_line_match = max(
        (2 * int(rule.params.get("max_chars", 300)) + 40 for rule, _ in compiled.line_rules), default=0
    )
    # Certain verdicts are tried before suspect ones, then in pack order.
    compiled.url_rules.sort(key=lambda item: item[0].confidence != "certain")
    compiled.line_rules.sort(key=lambda item: item[0].confidence != "certain")
    return compiled


def _retarget(link: Link, target: UrlHit) -> Link:
    """``link`` as if it pointed at ``target`` (to judge a redirect's destination in place)."""
    return Link(target, link.start, link.end, link.kind, link.anchor)


def _meets(confidence: Confidence, minimum: Confidence) -> bool:
    return minimum == "suspect" or confidence == "certain"


def _is_tracking(name: str, names: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    name = name.lower()
    return name in names or name.startswith(prefixes)


def _unwrap(hit: UrlHit, m: regex.Match[str]) -> UrlHit | None:
    """The destination a redirect wrapper carries in its query, when it is a valid URL."""
    groups = m.groupdict()
    target = groups.get("target")
    if not target:
        return None
    return parse_url(unquote_repeatedly(target))


def _alone_on_line(doc: Document, link: Link) -> bool:
    """Nothing but the link (and markup or punctuation) on its line."""
    line = doc.line_at(link.start)
    if link.end > line.end:
        return False
    rest = doc.text[line.start : link.start] + doc.text[link.end : line.end]
    return not NOT_MARKUP.search(TAG.sub("", rest))


@dataclass(frozen=True, slots=True)
class LinkPlace:
    """Where a link stands in its line: alone, as a short sentence of its own, or inside prose."""

    alone: bool
    link_sentence: bool
    """The link ends a short sentence or line of its own ("… said. Find out more: <url>")."""
    in_sentence: bool
    """Prose runs on around the link."""
    lead_in: str
    """The words between the previous sentence end (or line start) and the link."""
    markup: str
    """The line's HTML, when the link sits in HTML left in the text."""


def link_place(doc: Document, link: Link) -> LinkPlace:
    line = doc.line_at(link.start)
    text = doc.text
    raw_before = text[line.start : link.start]
    raw_after = text[link.end : line.end] if link.end <= line.end else ""
    before = TAG.sub(" ", raw_before)
    after = TAG.sub(" ", raw_after)
    alone = _alone_on_line(doc, link)
    sentence_ends = list(SENTENCE_END.finditer(before))
    lead_in = before[sentence_ends[-1].end() :] if sentence_ends else before
    cta = heuristics.cta_start(lead_in)
    lead_in = lead_in[cta:].strip() if cta is not None else clean_lead_in(lead_in)
    ends_sentence = ENDS_SENTENCE.match(after) is not None
    lead_words = len(words(lead_in))
    link_sentence = (
        not alone
        and ends_sentence
        and (
            lead_words <= MAX_INLINE_LEAD_IN_WORDS
            or (INTRODUCES.search(lead_in) is not None and lead_words <= MAX_LINE_LEAD_IN_WORDS)
        )
    )
    in_sentence = not alone and not link_sentence and len(words(before)) + len(words(after)) >= 3
    markup = text[line.start : line.end] if link.kind == "html" else ""
    return LinkPlace(alone, link_sentence, in_sentence, lead_in, markup)


def _in_sentence(doc: Document, link: Link) -> bool:
    return link_place(doc, link).in_sentence


@dataclass(frozen=True, slots=True)
class _Layout:
    """For each line, the nearest content line before and after it (skipping blank and spam lines)."""

    counts: dict[int, int]
    """Content line -> how often its text occurs in the document."""
    before: list[int]
    after: list[int]


def _layout(doc: Document, by_line: dict[str, list[int]], spam_lines: set[int]) -> _Layout:
    counts = {index: len(group) for group in by_line.values() for index in group if index not in spam_lines}
    n = len(doc.lines)
    before, after = [-1] * n, [n] * n
    last = -1
    for i in range(n):
        before[i] = last
        if i in counts:
            last = i
    last = n
    for i in range(n - 1, -1, -1):
        after[i] = last
        if i in counts:
            last = i
    return _Layout(counts, before, after)


def _isolated(doc: Document, layout: _Layout, indexes: list[int], *, min_chars: int) -> bool:
    """Copies of a repeated line stand between lines that occur once (at least ``min_chars``
    long), as an injection at paragraph breaks does; a repeated heading in a recipe or meal plan
    stands next to other repeated lines."""
    copies = set(indexes)
    between_paragraphs = 0
    for index in indexes:
        ok = True
        for neighbour in (layout.before[index], layout.after[index]):
            if not 0 <= neighbour < len(doc.lines) or neighbour in copies:
                continue
            line = doc.lines[neighbour]
            if layout.counts[neighbour] > 1 or line.end - line.start < min_chars:
                ok = False
        between_paragraphs += ok
    # Most copies, not all: an article has the odd short line (a dateline, an address).
    return between_paragraphs * 2 >= len(indexes)


def _reference_list_lines(doc: Document) -> set[int]:
    """Lines that follow a 'Further reading:' / 'Sources:' heading, up to the next blank-separated prose."""
    lines: set[int] = set()
    text = doc.text
    in_list = False
    for line in doc.lines:
        content = strip_line(text[line.start : line.end])
        if not content:
            continue
        if _REFERENCE_HEADING.fullmatch(content):
            in_list = True
            continue
        if in_list and len(words(content)) <= 25:
            lines.add(line.index)
        else:
            in_list = False
    return lines


def _apply_suppressions(doc: Document, findings: list[Finding]) -> tuple[list[Finding], int]:
    """Drop findings on lines kept by ``cleanpress: keep`` markers (optionally naming rule ids)."""
    if "cleanpress:" not in doc.text:
        return findings, 0
    kept: dict[int, frozenset[str] | None] = {}
    block: frozenset[str] | bool | None = False
    pending: frozenset[str] | bool | None = False
    for line in doc.lines:
        content = doc.text[line.start : line.end]
        # Match the line on its own: with a start position, "^" would only match at offset 0.
        m = _KEEP_MARKER.match(content) if "cleanpress:" in content else None
        if m is not None and doc.is_protected(line.start, line.end):
            m = None  # a marker shown in a code block is an example, not a marker
        if m is not None:
            ids = frozenset(x for x in regex.split(r"[\s,]+", (m.group("ids") or "").upper()) if x) or None
            verb = m.group("verb").lower()
            if verb == "keep":
                pending = ids
            elif verb == "keep-start":
                block = ids
            else:
                block = False
            continue
        if block is not False:
            kept[line.index] = block  # type: ignore[assignment]
        if pending is not False and doc.text[line.start : line.end].strip():
            kept[line.index] = pending  # type: ignore[assignment]
            pending = False
    remaining: list[Finding] = []
    # Two rules flagging the same span (a listed URL that is also a repeated line) are one
    # thing kept, not two.
    suppressed: set[tuple[int, int]] = set()
    for finding in findings:
        index = doc.line_at(finding.start).index
        if index in kept:
            ids = kept[index]
            if ids is None or any(finding.rule.id.startswith(x) for x in ids):
                suppressed.add((finding.start, finding.end))
                continue
        remaining.append(finding)
    return remaining, len(suppressed)
