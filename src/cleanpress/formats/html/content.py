"""Main-content detection: score text blocks, propagate the scores to their ancestors and pick
the best container plus related siblings (the idea of arc90 Readability, re-implemented).
Every threshold is a named constant with the reason for its value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from cleanpress.formats.html.text import text_of

#: Tags whose own text is scored as one paragraph.
PARAGRAPH_TAGS = frozenset({"p", "pre", "td", "blockquote", "li", "dd", "h2", "h3", "h4", "h5", "h6"})
#: Containers that may hold text directly (text between <br>s), scored by their direct text.
LOOSE_TEXT_TAGS = frozenset({"div", "section", "article", "main", "span", "font", "center", "td"})
#: A paragraph shorter than this is a label, button or caption, not evidence of content.
MIN_PARAGRAPH_CHARS = 25
#: Each full CHARS_PER_POINT characters add one point, capped, so one huge block cannot win alone.
CHARS_PER_POINT = 100
MAX_LENGTH_POINTS = 3.0
#: Ancestors get the paragraph score divided by these (parent, grandparent, great-grandparent).
ANCESTOR_DIVIDERS = (1.0, 2.0, 3.0)
#: Bonus/penalty of a container whose class or id says content / boilerplate.
CLASS_WEIGHT = 25.0
#: Base scores by tag: divs and articles usually wrap content, lists and forms rarely.
TAG_BASE = {
    "article": 10.0,
    "main": 8.0,
    "div": 5.0,
    "section": 3.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "form": -3.0,
    "ul": -3.0,
    "ol": -3.0,
    "dl": -3.0,
    "li": -3.0,
    "th": -5.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
    "address": -3.0,
}
#: A sibling joins the top candidate when its score reaches this share of the top score ...
SIBLING_SHARE = 0.2
#: ... and at least this absolute score (tiny siblings of a weak top are noise).
SIBLING_MIN_SCORE = 10.0
#: A sibling with the top candidate's class gets this bonus (Readability's rule: same template).
SAME_CLASS_BONUS = 0.2 * CLASS_WEIGHT
#: A sibling <p> without score joins when long and barely linked (Readability's rule).
SIBLING_P_MIN_CHARS = 80
SIBLING_P_MAX_LINK_DENSITY = 0.25
#: Sibling tags that may join by that rule (a lead paragraph is often wrapped in a div).
SIBLING_TEXT_TAGS = frozenset({"p"})
#: Content split over several sibling blocks (text interrupted by asides, ads, figures) yields
#: several strong candidates. Candidates scoring at least ALTERNATIVE_SHARE of the top one are
#: "alternatives"; the nearest ancestor of the top holding MIN_ALTERNATIVES of them becomes the top.
ALTERNATIVE_SHARE = 0.75
MIN_ALTERNATIVES = 1

POSITIVE_HINTS = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich|"
    r"artikel|inhalt|contenido|conteudo|materia|noticia|texto|testo|corpo|tekst|statya",
    re.I,
)
NEGATIVE_HINTS = re.compile(
    r"comment|combx|contact|foot|masthead|media|meta|outbrain|taboola|promo|related|recommend|scroll|"
    r"share|sharing|social|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|"
    r"breadcrumb|byline|author|subscribe|newsletter|banner|advert|cookie|popup|modal|teaser|rail|"
    r"hidden|login|signup|pagination|pager|caption|credit",
    re.I,
)
_COMMAS = re.compile(r"[,，、،;；]")


def class_weight(el: etree._Element) -> float:
    weight = 0.0
    for attr in ("class", "id"):
        value = el.get(attr)
        if value:
            if NEGATIVE_HINTS.search(value):
                weight -= CLASS_WEIGHT
            if POSITIVE_HINTS.search(value):
                weight += CLASS_WEIGHT
    return weight


def direct_text(el: etree._Element) -> str:
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return "".join(parts)


def link_chars(el: etree._Element) -> int:
    return sum(len(text_of(a).strip()) for a in el.iter("a"))


@dataclass(frozen=True)
class Candidate:
    element: etree._Element
    score: float


def paragraph_score(text: str) -> float:
    return 1.0 + len(_COMMAS.findall(text)) + min(len(text) / CHARS_PER_POINT, MAX_LENGTH_POINTS)


def score_candidates(body: etree._Element, hints: bool = True) -> dict[etree._Element, float]:
    """Raw (not yet link-density-scaled) score of every container holding paragraphs."""
    scores: dict[etree._Element, float] = {}
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in PARAGRAPH_TAGS:
            text = text_of(el).strip()
        elif tag in LOOSE_TEXT_TAGS:
            text = direct_text(el).strip()
        else:
            continue
        if len(text) < MIN_PARAGRAPH_CHARS:
            continue
        points = paragraph_score(text)
        node: etree._Element | None = el if tag in LOOSE_TEXT_TAGS and tag not in PARAGRAPH_TAGS else None
        ancestors: list[etree._Element] = [] if node is None else [node]
        parent = el.getparent()
        while parent is not None and len(ancestors) < len(ANCESTOR_DIVIDERS):
            ancestors.append(parent)
            parent = parent.getparent()
        for ancestor, divider in zip(ancestors, ANCESTOR_DIVIDERS, strict=False):
            if ancestor not in scores:
                hint = class_weight(ancestor) if hints else 0.0
                scores[ancestor] = TAG_BASE.get(str(ancestor.tag), 0.0) + hint
            scores[ancestor] += points / divider
    return scores


def scaled(scores: dict[etree._Element, float]) -> list[Candidate]:
    out = []
    for el, score in scores.items():
        total = len(text_of(el))
        density = link_chars(el) / total if total else 0.0
        out.append(Candidate(el, score * (1.0 - density)))
    out.sort(key=lambda c: c.score, reverse=True)
    return out


def choose_roots(body: etree._Element, hints: bool = True) -> list[etree._Element]:
    """The top container and any siblings that also look like content, in document order."""
    candidates = scaled(score_candidates(body, hints))
    if not candidates:
        return [body]
    top = _climb_to_common_ancestor(candidates, body)
    by_el = {c.element: c.score for c in candidates}
    parent = top.element.getparent()
    if parent is None or top.element is body:
        return [top.element]
    threshold = max(SIBLING_MIN_SCORE, top.score * SIBLING_SHARE)
    roots: list[etree._Element] = []
    for sib in parent:
        if not isinstance(sib.tag, str):
            continue
        if sib is top.element:
            roots.append(sib)
            continue
        same_class = bool(sib.get("class")) and sib.get("class") == top.element.get("class")
        bonus = SAME_CLASS_BONUS if same_class else 0.0
        if by_el.get(sib, float("-inf")) + bonus >= threshold:
            roots.append(sib)
        elif sib.tag in SIBLING_TEXT_TAGS:
            text = text_of(sib)
            if len(text) >= SIBLING_P_MIN_CHARS and link_chars(sib) <= SIBLING_P_MAX_LINK_DENSITY * len(text):
                roots.append(sib)
    return roots


def _climb_to_common_ancestor(candidates: list[Candidate], body: etree._Element) -> Candidate:
    top = candidates[0]
    top_ancestors = set(top.element.iterancestors())
    alternatives = [
        c.element
        for c in candidates[1:]
        if c.score >= ALTERNATIVE_SHARE * top.score and c.score > 0 and c.element not in top_ancestors
    ]
    if len(alternatives) < MIN_ALTERNATIVES:
        return top
    alt_ancestor_sets = [set(a.iterancestors()) | {a} for a in alternatives]
    node = top.element.getparent()
    while node is not None and node is not body:
        if sum(node in s for s in alt_ancestor_sets) >= MIN_ALTERNATIVES:
            return Candidate(node, top.score)
        node = node.getparent()
    return top
