"""Links: a URL together with the markup that carries it in the text.

Removing an ad URL means removing what wraps it too: the Markdown link ``[text](url)``, the image
``![alt](url)``, a reference link ``[text][id]`` and its definition ``[id]: url``, an autolink
``<url>``, brackets or quotes around a bare URL, or the HTML element (``<a href=…>…</a>``,
``<script src=…></script>``, ``<img …>``) left behind in scraped text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from cleanpress.text.lazy import lazy
from cleanpress.text.urls import Skeleton, UrlHit, find_urls

_MD_INLINE = lazy(
    r"""(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|!?\[[^\[\]\n]*\](?:\([^()\s]*\))?){0,500})\]\(\s*
        (?P<dest><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)
        (?:\s+(?:"[^"\n]*"|'[^\n]*'|\([^)\n]*\)))?\s*\)
        (?:\{[^{}\n]{0,200}\})?    # kramdown / Pandoc attributes: {:target="_blank"}""",
    regex.VERBOSE,
)
_MD_REF_DEF = lazy(
    r"""^[ ]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<dest><[^>\n]*>|\S+)
        (?:[ \t]+(?:"[^"\n]*"|'[^\n]*'|\([^)\n]*\)))?[ \t]*$""",
    regex.VERBOSE | regex.MULTILINE,
)
_MD_REF_USE = lazy(r"(?P<bang>!?)\[(?P<text>[^\[\]\n]{1,500})\]\[(?P<label>[^\]\n]*)\]")
_LABELLED_AUTOLINK = lazy(r"\|([^<>|\n]{1,200})>")
_WIKI_LINK = lazy(r"[ \t]+([^\[\]\n]{1,200})\]")
_WRAPPERS = {
    "<": ">",
    "(": ")",
    "[": "]",
    "{": "}",
    '"': '"',
    "'": "'",
    "“": "”",
    "«": "»",
    "‘": "’",
    "‹": "›",
    "「": "」",
    "`": "`",
}

# HTML left in scraped text; also entity-escaped (&lt;a href=…&gt;).
_LT = r"(?:<|&lt;|&#0*60;|&#x0*3c;)"
_GT = r"(?:>|&gt;|&#0*62;|&#x0*3e;)"
_LT_AT = lazy(_LT, regex.I)
_OPEN_TAG = lazy(rf"{_LT}(?P<name>[a-zA-Z][a-zA-Z0-9-]*)\b[^<>\n]*?{_GT}", regex.I)
# Elements whose content is code or data, never text a reader sees: no anchor to keep.
_INVISIBLE_CONTENT = frozenset({"script", "style", "noscript", "template", "iframe", "object"})
_VOID = {"img", "link", "embed", "source", "meta", "br", "input", "param", "track", "area", "base", "wbr"}
# Elements that only wrap a link, and go with it when they wrap nothing else.
_WRAPPER_TAGS = (
    "p|div|span|li|strong|b|em|i|u|center|figure|aside|section|small|font|noscript|ins|td|h[1-6]|blockquote"
)
_WRAP_OPEN = lazy(rf"{_LT}(?P<name>{_WRAPPER_TAGS})\b[^<>\n]*{_GT}[ \t]*$", regex.I)
_MAX_ELEMENT_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Link:
    """A URL and the span of the construct that carries it."""

    hit: UrlHit
    start: int
    end: int
    kind: str
    """``bare``, ``wrapped``, ``markdown``, ``image``, ``reference``, ``definition`` or ``html``."""
    anchor: str = ""
    """Visible link text (Markdown link text, HTML element text); empty for a bare URL."""
    label: str = ""
    """For a reference definition and a reference link: the label (normalised) that ties them."""
    nested: bool = False
    """An image inside another link's text (a badge, a logo: ``[![alt](img)](url)``)."""


def find_links(text: str, skeleton: Skeleton | None = None) -> list[Link]:
    """Every URL in ``text`` with the construct around it, ordered by position."""
    skel = skeleton or Skeleton(text)
    hits = list(find_urls(text, skel))
    if not hits:
        return []
    by_start = {hit.start: hit for hit in hits}
    hit_starts = [hit.start for hit in hits]  # in order: find_urls yields them so
    links: list[Link] = []
    claimed: set[int] = set()

    # Markdown reference definitions, then the reference links that use them.
    definitions: dict[str, UrlHit] = {}
    if "]:" in text:
        for m in _MD_REF_DEF.finditer(text):
            hit = _hit_in(by_start, m.start("dest"), m.end("dest"))
            if hit is None:
                continue
            label = _label(m.group("label"))
            definitions[label] = hit
            links.append(Link(hit, m.start(), m.end(), "definition", label=label))
            claimed.add(hit.start)
    if definitions:
        for m in _MD_REF_USE.finditer(text):
            label = _label(m.group("label") or m.group("text"))
            if label in definitions:
                links.append(
                    Link(definitions[label], m.start(), m.end(), "reference", m.group("text"), label=label)
                )

    if "](" in text:
        for m in _MD_INLINE.finditer(text):
            hit = _hit_in(by_start, m.start("dest"), m.end("dest"))
            if hit is None or hit.start in claimed:
                continue
            kind = "image" if m.group("bang") else "markdown"
            links.append(Link(hit, m.start(), m.end(), kind, m.group("text")))
            claimed.add(hit.start)
            # An image inside the link text ([![alt](img)](url)) belongs to the same construct.
            first = bisect_left(hit_starts, m.start("text"))
            for inner in hits[first : bisect_left(hit_starts, m.end("text"))]:
                if inner.start not in claimed:
                    links.append(Link(inner, m.start(), m.end(), "image", m.group("text"), nested=True))
                    claimed.add(inner.start)

    markup = "<" in text or "&lt;" in text or "&#" in text  # once: the text may be megabytes
    for hit in hits:
        if hit.start in claimed:
            continue
        element = _html_element(text, hit) if markup else None
        if element is not None:
            start, end, anchor = element
            links.append(Link(hit, start, end, "html", anchor))
            continue
        before = text[hit.start - 1] if hit.start else ""
        after = text[hit.end] if hit.end < len(text) else ""
        other = _lightweight_markup(text, hit, before, after) if before and before in "[=<]'\"" else None
        if other is not None:  # org-mode, BBCode, reST outside a reST document
            start, end, anchor = other
            links.append(Link(hit, start, end, "markdown", anchor))
            continue
        asciidoc = _ASCIIDOC_TEXT.match(text, hit.end) if after == "[" else None
        if asciidoc is not None:  # AsciiDoc url[text]
            links.append(Link(hit, hit.start, asciidoc.end(), "markdown", asciidoc.group(1)))
            continue
        labelled = _LABELLED_AUTOLINK.match(text, hit.end) if before == "<" and after == "|" else None
        if labelled is not None:  # Slack-style <url|text>
            links.append(Link(hit, hit.start - 1, labelled.end(), "wrapped", labelled.group(1)))
        elif before == "[" and (wiki := _WIKI_LINK.match(text, hit.end)) is not None:  # [url text]
            links.append(Link(hit, hit.start - 1, wiki.end(), "markdown", wiki.group(1)))
        elif before in _WRAPPERS and after == _WRAPPERS[before]:
            links.append(Link(hit, hit.start - 1, hit.end + 1, "wrapped"))
        else:
            links.append(Link(hit, hit.start, hit.end, "bare"))
    links.sort(key=lambda link: (link.start, -link.end))
    return links


# Links of other lightweight markups, as they reach scraped text from forums, wikis and docs.
_ORG_LINK_END = lazy(r"\](?:\[([^\[\]\n]{1,200})\])?\]")  # [[url][text]] or [[url]]
_BBCODE_OPEN = lazy(r"\[url=[\"']?$|\[url\]$", regex.I)
_BBCODE_END = lazy(r"[\"']?\]([^\[\]\n]{0,200})\[/url\]", regex.I)  # after [url=URL
_BBCODE_PLAIN_END = lazy(r"\[/url\]", regex.I)  # after [url]URL
_REST_LINK_END = lazy(r">`__?(?![\w`])")
_ASCIIDOC_TEXT = lazy(r"\[([^\[\]\n]{1,200})\]")  # right after the URL: url[text]


def _lightweight_markup(text: str, hit: UrlHit, before: str, after: str) -> tuple[int, int, str] | None:
    """The construct of an org-mode (``[[url][text]]``), BBCode (``[url=url]text[/url]``) or
    reStructuredText (`` `text <url>`_ ``) link around ``hit``: (start, end, link text)."""
    start = hit.start
    if before == "[" and text.startswith("[[", start - 2) and after == "]":
        org = _ORG_LINK_END.match(text, hit.end)
        if org is not None:
            return start - 2, org.end(), org.group(1) or ""
    if before in "=]'\"":
        opened = _BBCODE_OPEN.search(text, max(0, start - 6), start)
        if opened is not None:
            plain = opened.group(0).lower() == "[url]"
            close = (_BBCODE_PLAIN_END if plain else _BBCODE_END).match(text, hit.end)
            if close is not None:
                return opened.start(), close.end(), "" if plain else close.group(1).strip()
    if before == "<" and after == ">":
        close = _REST_LINK_END.match(text, hit.end)
        if close is not None:
            line_start = text.rfind("\n", 0, start) + 1
            tick = text.rfind("`", line_start, start - 1)
            label = text[tick + 1 : start - 1] if tick != -1 else ""
            if label.strip() and label.endswith((" ", "\t")) and "`" not in label:
                return tick, close.end(), label.strip()
    return None


def _hit_in(by_start: dict[int, UrlHit], start: int, end: int) -> UrlHit | None:
    for offset in range(start, min(end, start + 2)):  # "<url>" destinations start one later
        hit = by_start.get(offset)
        if hit is not None and hit.end <= end:
            return hit
    return None


def _label(label: str) -> str:
    return " ".join(label.lower().split())


def _html_element(text: str, hit: UrlHit) -> tuple[int, int, str] | None:
    """The HTML element whose attribute or script holds ``hit``: (start, end, visible text)."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    line_end = len(text) if line_end == -1 else line_end
    window_start = max(line_start, hit.start - _MAX_ELEMENT_CHARS)
    head = text[window_start : hit.start]
    # Inside a start tag: the last "<name" before the URL with no ">" between.
    lowered = head.lower()
    open_at = max(head.rfind("<"), lowered.rfind("&lt;"), lowered.rfind("&#60;"), lowered.rfind("&#x3c;"))
    if open_at != -1 and not _LT_AT.fullmatch(head[open_at:]):  # "<https://…>" is an autolink
        tag_start = window_start + open_at
        m = _OPEN_TAG.match(text, tag_start, min(len(text), tag_start + _MAX_ELEMENT_CHARS))
        if m is not None and m.end() >= hit.end:
            return _close_element(text, tag_start, m.end(), m.group("name").lower(), line_end)
    # Inside a script body: <script>window.location="…"</script>
    script = _SCRIPT_OPEN.search(head)
    if script is not None:
        tag_start = window_start + script.start()
        tag_end = tag_start + len(script.group("open"))
        start, end, anchor = _close_element(text, tag_start, tag_end, "script", line_end)
        # An unclosed script runs on at least over the URL it holds.
        return start, max(end, hit.end), anchor
    return None


_SCRIPT_OPEN = lazy(rf"(?P<open>{_LT}script\b[^<>]*?{_GT})[^<>]*$", regex.I)
_ANY_TAG = lazy(rf"{_LT}[^<>]*?{_GT}")


@lru_cache(maxsize=256)
def _closer(name: str, after_spaces: bool = False) -> Any:
    """The end tag of element ``name`` (``after_spaces``: spaces before it belong to the match)."""
    spaces = r"[ \t]*" if after_spaces else ""
    return regex.compile(rf"{spaces}{_LT}/{regex.escape(name)}\s*{_GT}", regex.I)


def _close_element(text: str, start: int, open_end: int, name: str, line_end: int) -> tuple[int, int, str]:
    end = open_end
    anchor = ""
    if name not in _VOID and not text[open_end - 2 : open_end].startswith("/"):
        m = _closer(name).search(text, open_end, min(len(text), open_end + _MAX_ELEMENT_CHARS))
        if m is not None:
            end = m.end()
            if name not in _INVISIBLE_CONTENT:
                anchor = _ANY_TAG.sub("", text[open_end : m.start()]).strip()
    # Grow over wrappers that hold nothing else: <p><a …>…</a></p>
    while True:
        head = text[max(0, start - 300) : start]
        m = _WRAP_OPEN.search(head)
        if m is None:
            break
        name = m.group("name").lower()
        c = _closer(name, after_spaces=True).match(text, end)
        if c is None:
            break
        start = start - len(head) + m.start()
        end = c.end()
    return start, end, anchor


_REF_FULL = lazy(
    r"""(?<![\\\]!])(?P<bang>!?)
        \[(?P<text>(?:[^\[\]\\\n]|\\.|!?\[[^\[\]\n]*\](?:\[[^\[\]\n]*\])?){1,500})\]  # text, maybe an image
        \[(?P<label>[^\[\]\n]{0,999})\]""",
    regex.VERBOSE,
)
_REF_SHORTCUT = lazy(r"(?<![\\\]!])(?P<bang>!?)\[(?P<label>(?:[^\[\]\\\n]|\\.){1,999})\](?![\[(:])")


@dataclass(frozen=True, slots=True)
class ReferenceUse:
    """A use of a link reference definition: ``[text][label]``, ``[label][]`` or ``[label]``."""

    start: int
    end: int
    label: str
    """Normalised (case-folded, whitespace collapsed)."""
    text: str
    """The link text (an image's alt text)."""


def reference_uses(text: str, labels: set[str]) -> list[ReferenceUse]:
    """Every use of one of ``labels`` (normalised) in ``text``, ordered by position: full
    ``[text][label]`` and collapsed ``[label][]`` references, and shortcut ``[label]`` ones."""
    if not labels or "[" not in text:
        return []
    uses: list[ReferenceUse] = []
    taken: list[tuple[int, int]] = []
    # Overlapped: an image reference inside a link's text ("[![alt][img]][home]") is a use too.
    for m in _REF_FULL.finditer(text, overlapped=True):
        label = _label(m.group("label") or m.group("text"))
        taken.append(m.span())
        if label in labels:
            uses.append(ReferenceUse(m.start(), m.end(), label, m.group("text")))
    for m in _REF_SHORTCUT.finditer(text):
        label = _label(m.group("label"))
        if label in labels and not any(s <= m.start() < e for s, e in taken):
            uses.append(ReferenceUse(m.start(), m.end(), label, m.group("label")))
    return sorted(uses, key=lambda use: use.start)


def unlink_references(fragment: str, labels: set[str]) -> str:
    """``fragment`` with every use of ``labels`` replaced by its text (for a link text that holds
    an image reference: ``[![alt][ad]][home]``)."""
    for use in reversed(reference_uses(fragment, labels)):
        fragment = fragment[: use.start] + use.text + fragment[use.end :]
    return fragment
