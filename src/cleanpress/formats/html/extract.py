"""The extractor: rule-based removals (with guards), main-content detection, block filtering."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from cleanpress.formats.html import content
from cleanpress.formats.html.blocks import RawBlock, walk_blocks
from cleanpress.formats.html.model import EXCERPT_CHARS, Block, Extraction
from cleanpress.formats.html.pack import PagePack, PageRule
from cleanpress.formats.html.parse import make_parser, parse_html
from cleanpress.formats.html.paths import PathBuilder
from cleanpress.formats.html.text import drop, excerpt, norm, source_line, text_of
from cleanpress.model import ElementRemoval

#: Never removed by a rule: removing them would remove the page.
PROTECTED_TAGS = frozenset({"html", "body", "head"})
#: Tags whose text is not visible; a rule may remove them whatever their size.
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed"})
#: A rule match holding more than this share of the page's prose is not removed: boilerplate
#: (ads, menus, share bars) holds little prose, so such a match is a content wrapper whose class
#: merely contains a boilerplate word (`<div class="content-with-sidebar">` around the article).
GUARD_MAX_PROSE_SHARE = 0.5
#: The same guard for "certain" rules (ad vendors, EasyList) only stops matches holding nearly all of
#: the prose: a recommendation feed may well out-write a short article.
GUARD_MAX_PROSE_SHARE_CERTAIN = 0.8
#: ... unless the match holds less prose than this anyway (tiny pages).
GUARD_MIN_CHARS = 300
#: "Prose" = text runs at least this long (sentences, not labels or menu entries).
PROSE_MIN_CHARS = 80
#: Inline elements: a "likely" rule does not remove one that sits inside running text (a tag link
#: `<a rel="tag">` or an author name within a sentence is part of the sentence).
INLINE_TAGS = frozenset(
    {
        "a",
        "span",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "time",
        "abbr",
        "sup",
        "sub",
        "small",
        "font",
        "cite",
        "mark",
        "q",
        "code",
        "label",
        "img",
    }
)
#: A block whose linked characters exceed this share is a link list (related stories, tags).
BLOCK_MAX_LINK_DENSITY = 0.5
#: A block this long is a paragraph of prose even with many links (linked names, sources) ...
LONG_BLOCK_CHARS = 400
#: ... unless nearly all of it is links.
LONG_BLOCK_MAX_LINK_DENSITY = 0.85
#: Kinds never dropped for links: headings, code, quotes (embedded posts end in a linked date).
LINK_EXEMPT_KINDS = frozenset({"heading", "pre", "quote"})
#: Whole-block labels of ad slots, in several languages (compared case-insensitively).
AD_LABELS = frozenset(
    {
        "advertisement",
        "advertisements",
        "advertising",
        "ad",
        "ads",
        "sponsored",
        "anzeige",
        "werbung",
        "publicité",
        "publicidad",
        "publicidade",
        "pubblicità",
        "реклама",
        "广告",
        "廣告",
        "광고",
        "広告",
        "annonse",
        "reklama",
        "advertentie",
        "mainos",
        "iklan",
    }
)
#: Below this much extracted text, the page is treated as a failed detection and the whole body
#: is used instead (a short answer loses more recall than body text loses precision).
MIN_CONTENT_CHARS = 200

#: A doctype is looked for in this many leading characters (after a BOM, XML declaration, comments).
DOCTYPE_SCAN_CHARS = 2048
_DOCTYPE = re.compile(r"<!doctype[^>]*>", re.I)

# Content choices of the extractor (not rules: the page keeps these elements, the text leaves them out).
HEURISTIC_HEADLINE = ("CPH01", "headline", "page headline (h1 or the document title); not article body")
HEURISTIC_LINKS = ("CPH02", "link-list", "block made mostly of links (related stories, tags, menus)")
HEURISTIC_AD_LABEL = ("CPH03", "ad-label", "an ad slot's label ('Advertisement', 'Anzeige', ...)")


@dataclass(frozen=True)
class _Match:
    element: etree._Element
    rule: PageRule


def _in_running_text(el: etree._Element) -> bool:
    """True when the element's parent has text of its own around it (the element is mid-sentence)."""
    parent = el.getparent()
    if parent is None:
        return False
    if el.tail and el.tail.strip():
        return True
    prev = el.getprevious()
    around = prev.tail if prev is not None else parent.text
    return bool(around and around.strip())


def _has_link(el: etree._Element) -> bool:
    if el.tag == "a" and el.get("href"):
        return True
    return any(a.get("href") for a in el.iter("a"))


def _prose_chars(el: etree._Element) -> int:
    """Characters in long visible text runs outside links (sentences, not menus or teasers),
    wherever they sit (p, div with br, td)."""
    total = 0
    link_depth = 0
    skip_depth = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag
        if event == "start":
            if skip_depth or tag in INVISIBLE_TAGS:
                skip_depth += 1
                continue
            if tag == "a":
                link_depth += 1
            if node.text and not link_depth:
                n = len(node.text.strip())
                if n >= PROSE_MIN_CHARS:
                    total += n
        else:
            if skip_depth:
                skip_depth -= 1
            elif tag == "a":
                link_depth -= 1
            if node.tail and node is not el and not link_depth and not skip_depth:
                n = len(node.tail.strip())
                if n >= PROSE_MIN_CHARS:
                    total += n
    return total


class Extractor:
    """A compiled rule pack, reusable across pages (the hot-loop object)."""

    def __init__(self, pack: PagePack) -> None:
        self.pack = pack
        self.parser = make_parser()

    def _matches(self, root: etree._Element, protected: set[etree._Element]) -> list[_Match]:
        """All rule matches; fills `protected` with [protect] matches and their ancestors."""
        rules = self.pack.rules
        best: dict[etree._Element, int] = {}
        index = self.pack.index
        # Simple selectors see only the tag and the attributes, so elements alike in both match
        # alike: memoise per page (menus, lists and plain <p>s repeat the same few signatures).
        memo: dict[tuple[object, ...], int] = {}
        no_match = len(rules)
        for el in root.iter():
            tag = el.tag
            if not isinstance(tag, str) or tag in PROTECTED_TAGS:
                continue
            signature = (tag, *el.attrib.items())
            key = memo.get(signature)
            if key is None:
                key = min((entry.key for entry in index.match_element(el)), default=no_match)
                memo[signature] = key
            if key < no_match:
                best[el] = key

        if self.pack.protect is not None:
            found = self.pack.protect(root)
            for node in found if isinstance(found, list) else ():
                if isinstance(node, etree._Element):
                    protected.add(node)
                    protected.update(node.iterancestors())
        for el, key, _ in index.match_complex(root):
            if el.tag not in PROTECTED_TAGS and key < best.get(el, len(rules)):
                best[el] = key
        return [_Match(el, rules[k]) for el, k in best.items()]

    def _decide(
        self,
        matches: list[_Match],
        body: etree._Element,
        paths: PathBuilder,
        chosen: set[etree._Element],
        removed: list[ElementRemoval],
        protected: set[etree._Element],
    ) -> None:
        """Accept the topmost matches that pass the guards; the tree is not modified here."""
        page_prose = _prose_chars(body)
        page_chars = len(text_of(body))
        for m in matches:
            el = m.element
            node = el.getparent()
            nested = False
            while node is not None:
                if node in chosen:
                    nested = True
                    break
                node = node.getparent()
            if nested:
                continue
            if m.rule.require_links and not _has_link(el):
                continue
            if m.rule.confidence != "certain" and (
                el in protected or (el.tag in INLINE_TAGS and _in_running_text(el))
            ):
                continue
            text = text_of(el)
            if el.tag not in INVISIBLE_TAGS and len(text) > GUARD_MIN_CHARS:
                share, total = (_prose_chars(el), page_prose) if page_prose else (len(text), page_chars)
                certain = m.rule.confidence == "certain"
                limit = GUARD_MAX_PROSE_SHARE_CERTAIN if certain else GUARD_MAX_PROSE_SHARE
                if share > GUARD_MIN_CHARS and share > limit * total:
                    continue
            chosen.add(el)
            removed.append(
                ElementRemoval(
                    m.rule.id,
                    m.rule.name,
                    paths.path(el),
                    excerpt(text, EXCERPT_CHARS),
                    len(norm(text)),
                    m.rule.reason,
                    m.rule.confidence,
                    source_line(el),
                )
            )

    def extract(self, html: str, *, base_path_hints: bool = True) -> Extraction:
        root = parse_html(html, self.parser)
        if root is None:
            return Extraction((), ())
        removed: list[ElementRemoval] = []
        title = _title(root)
        body = root.find("body")
        if body is None:
            body = root
        # Rules: document order within each confidence level, certain ones first.
        protected: set[etree._Element] = set()
        matches = self._matches(root, protected)
        matches.sort(key=lambda m: m.rule.confidence != "certain")  # stable: document order within
        chosen: set[etree._Element] = set()
        builder = PathBuilder()  # removal paths: positions in the original page
        self._decide(matches, body, builder, chosen, removed, protected)
        for el in chosen:
            drop(el)
        paths = PathBuilder()  # block paths: positions in the cleaned page
        roots = content.choose_roots(body, hints=base_path_hints)
        raw = walk_blocks(roots, paths)
        blocks = _filter_blocks(raw, title, removed)
        if sum(len(b.text) for b in blocks) < MIN_CONTENT_CHARS and roots != [body]:
            fallback = _filter_blocks(walk_blocks([body], paths), title, [])
            if sum(len(b.text) for b in fallback) > sum(len(b.text) for b in blocks):
                blocks = fallback
        found = _DOCTYPE.search(html, 0, DOCTYPE_SCAN_CHARS)
        doctype = found.group(0) if found else ""
        return Extraction(tuple(blocks), tuple(removed), title=title, doctype=doctype, tree=root)


def _title(root: etree._Element) -> str:
    for meta in root.iter("meta"):
        if meta.get("property") in ("og:title", "twitter:title") and meta.get("content"):
            return norm(meta.get("content") or "")
    t = root.findtext(".//title")
    return norm(t) if t else ""


def _same_title(text: str, title: str) -> bool:
    if not title:
        return False
    a, b = text.casefold(), title.casefold()
    return a == b or (len(a) > 15 and b.startswith(a))


def _link_list(rb: RawBlock) -> bool:
    n = len(rb.text)
    limit = BLOCK_MAX_LINK_DENSITY if n < LONG_BLOCK_CHARS else LONG_BLOCK_MAX_LINK_DENSITY
    return rb.link_chars > limit * n


def _filter_blocks(raw: Sequence[RawBlock], title: str, removed: list[ElementRemoval]) -> list[Block]:
    out: list[Block] = []
    seen_text = False  # an h1 after body text is a section heading, not the page headline
    for rb in raw:
        why: tuple[str, str, str] | None = None
        if rb.kind == "heading" and ((rb.level == 1 and not seen_text) or _same_title(rb.text, title)):
            why = HEURISTIC_HEADLINE
        elif rb.text.casefold().strip(" :.-–—|") in AD_LABELS:
            why = HEURISTIC_AD_LABEL
        elif rb.kind not in LINK_EXEMPT_KINDS and _link_list(rb):
            why = HEURISTIC_LINKS
        if why is not None:
            rule_id, name, reason = why
            short = excerpt(rb.text, EXCERPT_CHARS)
            removed.append(
                ElementRemoval(
                    rule_id,
                    name,
                    rb.path,
                    short,
                    len(rb.text),
                    reason,
                    "suspect",
                    source_line(rb.element),
                    heuristic=True,
                )
            )
            continue
        out.append(
            Block(
                rb.kind,
                rb.text,
                rb.path,
                rb.level,
                rb.ordered,
                rb.markdown,
                rb.html,
                source_line(rb.element),
                rb.element,
            )
        )
        seen_text = seen_text or rb.kind != "heading"
    return out
