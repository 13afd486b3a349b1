"""The engine: runs compiled rules over a document and turns findings into an exact edit script.

Data flows one way: text -> Document -> findings (spans with a rule) -> line decisions ->
removals (ordered, non-overlapping) -> cleaned text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

import regex

from cleanpress import heuristics
from cleanpress.document import FORMATS, Document, Format, detect_format
from cleanpress.domains import DomainSet
from cleanpress.links import Link, find_links
from cleanpress.model import CONFIDENCE_LEVELS, CleanResult, Confidence, Removal, apply_edits
from cleanpress.ruleset import Rule, RuleError, load_rules
from cleanpress.unicode import invisible_spans
from cleanpress.urls import Skeleton, UrlHit, parse_url, registrable_domain, unquote_repeatedly

# A line whose text, once its spam links are taken out, is a short label ("**Sponsored:**",
# "[Ad]") goes as a whole; so does a longer lead-in, up to MAX_LINE_LEAD_IN_WORDS, that introduces
# the link (ends in a colon or arrow: "Dentists don't want you to know this:") or pitches it.
MAX_LINE_LABEL_WORDS = 3
MAX_LINE_LEAD_IN_WORDS = 12
_INTRODUCES = regex.compile(r"[:：→⟶»›>➡➜➔➤►▶⇒👉⬇-]\ufe0f?\s*$|[-–—]\s*$")
# An ad link appended to a real paragraph takes its lead-in ("Find out more:") with it when the
# lead-in, counted from the end of the last sentence, is at most this many words.
MAX_INLINE_LEAD_IN_WORDS = 6

_TAG = regex.compile(
    r"<!--.*?-->|(?:<|&lt;|&#0*60;|&#x0*3c;)/?[a-zA-Z][^<>]*?(?:>|&gt;|&#0*62;|&#x0*3e;)", regex.I
)
_NOT_MARKUP = regex.compile(r"[^\s*_>#()\[\]<>\"'.,;:!?|~=+‘’“”‹›«»「」-]")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’_-]*")
_SENTENCE_END = regex.compile(r"(?:[.!?…。！？][\"'”’»)\]]*|”)\s+")
# What may follow spam that forms a sentence of its own: end punctuation, then the line's end or
# the start of the next sentence.
_ENDS_SENTENCE = regex.compile(
    r"((?:[ \t]*(?:[.,;:!?…)\]}»”’›」\"'\ufe0f]|[^\P{So}©®™]))*)(?=[ \t]*$|[ \t]+[\p{Lu}\p{N}\"'“‘«¿¡(\[])"
)
# Decoration around a line: list, heading and quote markers, emphasis, brackets, arrows, bullets
# and emoji (symbols other than ©, ® and ™, which belong to copyright lines).
# A repeated line counts as injected at paragraph breaks only between lines at least this long.
MIN_PARAGRAPH_CHARS = 60
_BRACKETED = regex.compile(r"[\s·|•–—-]*[(\[_*]+[^()\[\]]*[)\]_*]+[\s.!]*")
_DECOR_SYMBOL = r"[^\P{So}©®™]|[\p{Sk}\ufe0f\u200d]"
_LINE_DECOR_LEFT = regex.compile(
    rf"^(?:[\s>#*+•·|_~»›▶►⇒➜➤→—–-]|{_DECOR_SYMBOL})*(?:\d{{1,3}}[.)]\s+)?[\s*_~\[(【「]*"
)
# Searched backwards from the end ((?r)): a forward search would try every position of the line.
_LINE_DECOR_RIGHT = regex.compile(rf"(?r)(?:[\s*_~\])】」.!:;…»›→⟶>|–—-]|{_DECOR_SYMBOL})*$")
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


@dataclass(slots=True)
class Finding:
    """A span some rule wants gone; ``whole_line`` findings take their line(s) with them."""

    rule: Rule
    start: int
    end: int
    whole_line: bool = False
    evidence: tuple[str, ...] = ()
    replacement: str | None = None
    """For rewrites (tracking parameters, unwrapped redirects): the text that replaces the span."""
    anchor: str = ""
    """A link's visible text: an ad link inside a sentence is unlinked to it, not deleted."""


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
        findings = self.find(doc, allow)
        return self._resolve(doc, findings)

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
        findings: list[Finding] = []
        counts = Counter(link.hit.url for link in links)
        domains = Counter(registrable_domain(link.hit.host) for link in links)
        headings = _reference_list_lines(doc)
        for link in links:
            hit = link.hit
            if allow and allow.match(hit.host):
                continue
            line = doc.line_at(link.start)
            verdict = self._judge(doc, link, line.index, counts, domains, headings)
            if verdict is not None and verdict.target is not None and _in_sentence(doc, link):
                # A redirect inside a sentence around a destination that is not spam: keep the
                # citation, drop the wrapper.
                target = verdict.target
                inner = self._judge(doc, _retarget(link, target), line.index, counts, domains, headings)
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
        line_index: int,
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
                    under_reference_heading=line_index in headings,
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
                    # A copy that ends in a full stop reads as a sentence: it needs two signs.
                    isolated = not key.endswith(".") and _isolated(doc, layout, indexes)
                    if isolated:
                        # Injected at paragraph breaks, between lines that occur once: one sign will do.
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


def strip_line(content: str) -> str:
    """A line as line rules see it: no tags, list or heading markers, emphasis or end punctuation."""
    if "<" in content or "&lt;" in content:
        content = _TAG.sub(" ", content)
    content = _LINE_DECOR_LEFT.sub("", content, count=1)
    tail = _LINE_DECOR_RIGHT.search(content)
    if tail is not None:
        content = content[: tail.start()]
    return " ".join(content.split())


def _alone_on_line(doc: Document, link: Link) -> bool:
    """Nothing but the link (and markup or punctuation) on its line."""
    line = doc.line_at(link.start)
    if link.end > line.end:
        return False
    rest = doc.text[line.start : link.start] + doc.text[link.end : line.end]
    return not _NOT_MARKUP.search(_TAG.sub("", rest))


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
    before = _TAG.sub(" ", raw_before)
    after = _TAG.sub(" ", raw_after)
    alone = _alone_on_line(doc, link)
    sentence_ends = list(_SENTENCE_END.finditer(before))
    lead_in = before[sentence_ends[-1].end() :] if sentence_ends else before
    cta = heuristics.cta_start(lead_in)
    lead_in = lead_in[cta:].strip() if cta is not None else _clean_lead_in(lead_in)
    ends_sentence = _ENDS_SENTENCE.match(after) is not None
    lead_words = len(_words(lead_in))
    link_sentence = (
        not alone
        and ends_sentence
        and (
            lead_words <= MAX_INLINE_LEAD_IN_WORDS
            or (_INTRODUCES.search(lead_in) is not None and lead_words <= MAX_LINE_LEAD_IN_WORDS)
        )
    )
    in_sentence = not alone and not link_sentence and len(_words(before)) + len(_words(after)) >= 3
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


def _isolated(doc: Document, layout: _Layout, indexes: list[int]) -> bool:
    """Copies of a repeated line stand between paragraphs (long lines that occur once), as an
    injection at paragraph breaks does; a repeated heading in a recipe or meal plan stands next to
    other repeated lines."""
    copies = set(indexes)
    between_paragraphs = 0
    for index in indexes:
        ok = True
        for neighbour in (layout.before[index], layout.after[index]):
            if not 0 <= neighbour < len(doc.lines) or neighbour in copies:
                continue
            line = doc.lines[neighbour]
            if layout.counts[neighbour] > 1 or line.end - line.start < MIN_PARAGRAPH_CHARS:
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
        if in_list and len(_WORD.findall(content)) <= 25:
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


# --- building the edit script -------------------------------------------------------------------
def build_removals(doc: Document, findings: list[Finding]) -> list[Removal]:
    """Turn findings into ordered, non-overlapping removals that keep the document's shape."""
    if not findings:
        return []
    text = doc.text
    line_owner: dict[int, Finding] = {}

    def claim(index: int, finding: Finding) -> None:
        # A certain verdict names the line over a suspect one; otherwise the first finding does.
        current = line_owner.get(index)
        if current is None or (current.rule.confidence != "certain" and finding.rule.confidence == "certain"):
            line_owner[index] = finding

    inline: list[tuple[int, int, Finding]] = []
    by_line: dict[int, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        first = doc.line_at(finding.start).index
        if finding.whole_line:
            last = doc.line_at(max(finding.start, finding.end - 1)).index
            for index in range(first, last + 1):
                claim(index, finding)
        else:
            by_line.setdefault(first, []).append(finding)
    deferred: list[tuple[int, list[Finding]]] = []
    for index, group in sorted(by_line.items()):
        # Rewrites and invisible characters are exact edits: they never take a line or a space along.
        rewrites = [f for f in group if f.replacement is not None or f.rule.kind == "invisible-chars"]
        inline.extend((f.start, f.end, f) for f in rewrites)
        group = [f for f in group if all(f is not r for r in rewrites)]
        if not group:
            continue
        covered = _whole_line_span(doc, group)
        if covered is not None:
            owner = min(group, key=lambda f: f.rule.confidence != "certain")
            for i in range(covered[0], covered[1] + 1):
                claim(i, owner)
        else:
            deferred.append((index, group))
    for index, group in deferred:
        if index not in line_owner:
            inline.extend(_inline_spans(doc, group))
    removals = _line_removals(doc, line_owner)
    taken = [(r.start, r.end) for r in removals]
    spans: list[tuple[int, int, Finding]] = []
    for start, end, finding in sorted(inline, key=lambda x: (x[0], -x[1])):
        if any(s < end and start < e for s, e in taken):
            continue
        if spans and start < spans[-1][1]:
            p_start, p_end, p_finding = spans[-1]
            if p_finding.replacement is None and finding.replacement is None:
                spans[-1] = (p_start, max(p_end, end), p_finding)
            continue
        spans.append((start, end, finding))
    removals.extend(_removal(text, start, end, finding) for start, end, finding in spans)
    return sorted(removals, key=lambda r: r.start)


def _removal(text: str, start: int, end: int, finding: Finding) -> Removal:
    rule = finding.rule
    return Removal(
        rule=rule.id,
        start=start,
        end=end,
        text=text[start:end],
        replacement=finding.replacement or "",
        reason=rule.reason,
        name=rule.name,
        confidence=rule.confidence,
        evidence=finding.evidence,
    )


def _words(fragment: str) -> list[str]:
    words: list[str] = _WORD.findall(_TAG.sub(" ", fragment))
    return words


def _whole_line_span(doc: Document, group: list[Finding]) -> tuple[int, int] | None:
    """The lines a group of spam spans empties, when what is left of them is only a lead-in."""
    text = doc.text
    first = doc.line_at(group[0].start)
    last = doc.line_at(max(f.end for f in group) - 1) if max(f.end for f in group) > first.start else first
    cursor = first.start
    gaps: list[str] = []
    for finding in sorted(group, key=lambda f: f.start):
        if finding.start > cursor:
            gaps.append(text[cursor : finding.start])
        cursor = max(cursor, finding.end)
    tail = text[cursor : last.end] if cursor < last.end else ""
    if _words(tail) and not _is_label(tail):
        return None
    lead_in = " ".join(gaps)
    if "://" in lead_in or "www." in lead_in.lower():
        return None  # another, kept link shares the line: the line is content
    if _SENTENCE_END.search(_clean_lead_in(lead_in) + " "):
        return None  # a sentence stands before the spam: it is content
    return (first.index, last.index) if _is_lead_in(lead_in) else None


def _clean_lead_in(fragment: str) -> str:
    cleaned: str = _LINE_DECOR_LEFT.sub("", _TAG.sub(" ", fragment), count=1)
    return cleaned.strip()


def _is_label(fragment: str) -> bool:
    """A few bracketed or emphasised words ("_(Sponsored)_", "[Ad]"), or an ad label, after a link."""
    if len(_words(fragment)) > MAX_LINE_LABEL_WORDS:
        return False
    return _BRACKETED.fullmatch(fragment) is not None or "ad-label" in heuristics.promo_signs(fragment)


def _is_lead_in(fragment: str) -> bool:
    """A short label ("Sponsored:", "[Ad]"), or a longer phrase that introduces or pitches a link."""
    fragment = _clean_lead_in(fragment)
    words = len(_words(fragment))
    if words <= MAX_LINE_LABEL_WORDS:
        return True
    pitch = _INTRODUCES.search(fragment) is not None or bool(heuristics.promo_signs(fragment))
    return pitch and words <= MAX_LINE_LEAD_IN_WORDS


def _inline_spans(doc: Document, group: list[Finding]) -> list[tuple[int, int, Finding]]:
    """Spans for spam inside a line that has real content too.

    Spam injected between two sentences ("… in 2011. Find out more: https://ad… Ivan said …") is
    a sentence of its own: it goes with its short lead-in and trailing punctuation. Spam inside a
    sentence goes alone. Either way one adjoining space goes too, so no double space is left."""
    text = doc.text
    spans: list[tuple[int, int, Finding]] = []
    for finding in group:
        line = doc.line_at(finding.start)
        start, end = finding.start, finding.end
        before = text[line.start : start]
        after = text[end : line.end] if end <= line.end else ""
        sentence_ends = list(_SENTENCE_END.finditer(before))
        lead_from = sentence_ends[-1].end() if sentence_ends else 0
        ends_sentence = _ENDS_SENTENCE.match(after)
        lead_in = before[lead_from:]
        if ends_sentence is None and finding.anchor.strip():
            # An ad link inside a sentence: keep its words, drop the link.
            spans.append((start, end, replace(finding, replacement=finding.anchor.strip())))
            continue
        if ends_sentence is not None:
            lead = _lead_in_offset(lead_in, after_sentence=bool(sentence_ends))
            if lead is not None:
                start = line.start + lead_from + lead
                end += len(ends_sentence.group(1))
        if start > line.start and text[start - 1] in " \t":
            start -= 1
        elif end < line.end and text[end] in " \t":
            end += 1
        spans.append((start, end, finding))
    return spans


def _lead_in_offset(lead_in: str, *, after_sentence: bool) -> int | None:
    """Where the lead-in of an injected link starts within ``lead_in`` (None: keep it all).

    A call to action ("Find out more:", "Bekijk hier") is taken from where it starts, or with the
    whole lead-in when that is only a few words. Without one, the whole lead-in goes when it is short: up to
    MAX_INLINE_LEAD_IN_WORDS after a sentence end, or a label or introduction at the line start.
    A lead-in holding another link is content and stays."""
    cta = heuristics.cta_start(lead_in)
    if "://" in lead_in or "www." in lead_in.lower():
        return cta
    if cta is not None:
        # "Act fast and visit", "👉 Hier entlang": a short lead-in goes whole, a long one from its CTA.
        return 0 if after_sentence and len(_words(lead_in)) <= MAX_LINE_LABEL_WORDS + 1 else cta
    if after_sentence:
        return 0 if len(_words(lead_in)) <= MAX_INLINE_LEAD_IN_WORDS else None
    return 0 if _is_lead_in(lead_in) else None


def _line_removals(doc: Document, owners: dict[int, Finding]) -> list[Removal]:
    """Removals for whole lines, with blank-line handling so paragraphs stay separated as before."""
    if not owners:
        return []
    text = doc.text
    lines = doc.lines
    n = len(lines)
    removed = set(owners)
    # Blank lines between two removed lines go with them.
    ordered = sorted(removed)
    for a, b in pairwise(ordered):
        if b > a + 1 and all(doc.is_blank(i) for i in range(a + 1, b)):
            removed.update(range(a + 1, b))
    runs: list[tuple[int, int]] = []
    for index in sorted(removed):
        if runs and index == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    removals: list[Removal] = []
    for first, last in runs:
        start = lines[first].start
        end = lines[last].next_start
        prev_blank = first > 0 and doc.is_blank(first - 1) and (first - 1) not in removed
        at_end = last == n - 1
        if at_end and not lines[last].has_break and first > 0:
            # The last line owns the break before it (and the blank line before that).
            start = lines[first - 1].end
            if prev_blank and first > 1:
                start = lines[first - 2].end
        elif at_end and prev_blank:
            start = lines[first - 1].start
        elif not at_end and doc.is_blank(last + 1) and (prev_blank or first == 0):
            end = lines[last + 1].next_start
        # One removal per owning finding, split at line boundaries inside the run.
        pieces: list[tuple[int, int, Finding]] = []
        for index in range(first, last + 1):
            owner = owners.get(index)
            if owner is None:
                continue
            if pieces and pieces[-1][2] is owner:
                continue
            pieces.append((lines[index].start, 0, owner))
        bounds = [p[0] for p in pieces]
        bounds[0] = start
        for k, (_, _, owner) in enumerate(pieces):
            piece_end = bounds[k + 1] if k + 1 < len(bounds) else end
            removals.append(_removal(text, bounds[k], piece_end, owner))
    return removals
