"""Evidence that an unknown URL is an ad link, and that a repeated line is a promotion.

Each feature has a name (shown in the report's ``evidence``), a weight and the reason for that
weight. A URL is judged an ad link when the weights of the features that fire add up to the
rule's threshold. No single weak feature reaches a threshold on its own: an ad link shows several
at once (opaque token path, key parameter, ad vocabulary, repetition, alone on a line), while a
real citation shows few and carries counter-evidence (a readable path, a public-sector host).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Container
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from cleanpress.text import vocabulary
from cleanpress.text.lazy import LazyPattern, lazy
from cleanpress.text.suffixes import split_host
from cleanpress.text.urls import UrlHit
from cleanpress.text.vocab import cta_start, promo_signs


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    weight: float
    why: str


# --- URL features -------------------------------------------------------------------------------
ALONE_ON_LINE = Feature(
    "alone-on-line", 1.0, "injected links stand on their own line; citations are introduced"
)
LINK_LINE = Feature(
    "link-line", 0.5, "the link is a short sentence or line of its own ('**Ad:** [text](url)')"
)
CTA_LEAD_IN = Feature(
    "cta-lead-in", 1.5, "introduced by a call to action ('Find out more:', 'Saiba mais em', '→')"
)
HTML_REMNANT = Feature(
    "html-remnant", 1.0, "markup left in extracted text is more often an ad slot than prose"
)
AD_MARKUP = Feature(
    "ad-markup", 2.0, "the markup says ad: rel=sponsored, ad/sponsor classes, banner sizes, .swf"
)
PROMO_TEXT = Feature(
    "promo-text", 1.0, "the link text or its label is a sales pitch (win, free, 70% off, click)"
)
REPEATED = Feature("repeated", 1.5, "the same link several times in one article is injection, not citation")
OPAQUE_PATH = Feature("opaque-path", 1.0, "ad links route by random tokens (/vt6hstxc, /c/xpdTQQLm)")
SHORT_LINK = Feature(
    "short-link", 1.5, "one random token on a short host (/FVJcWHr): a shortener, paid ones pay per click"
)
KEY_PARAM = Feature("key-param", 1.5, "a long hex or base64 query value is a campaign or publisher key")
AD_PARAMS = Feature("ad-params", 1.5, "zone, banner, campaign, affiliate and sub-id parameters serve ads")
AD_PATH = Feature("ad-path", 1.5, "click, serve, offer and delivery endpoints of ad servers")
AD_HOST = Feature("ad-host", 1.0, "ad vocabulary in the host name (ads., track., cpm, promo, boost)")
RISKY_TLD = Feature("risky-tld", 1.0, "cheap TLDs that ad and scam networks register in bulk")
RANDOM_HOST = Feature("random-host", 1.0, "a machine-made host name (consonant runs, digits mixed in)")
IP_HOST = Feature("ip-host", 1.5, "a raw IP address instead of a name: throwaway servers, not publishers")
ACTIVE_MARKUP = Feature(
    "active-markup", 1.5, "script, iframe, embed, object or refresh markup in text is never article content"
)
REPEATED_HOST = Feature(
    "repeated-host", 1.0, "several different links to one unknown host: rotating ad tokens"
)
DISGUISED = Feature(
    "disguised", 2.0, "hiding a URL from filters (zero-width characters, de-fanging) is evasion"
)
FOREIGN_HOST = Feature("foreign-host", 0.5, "no other link in the article is on this host")
REPUTABLE = Feature("reputable-host", -4.0, "public-sector, academic and well-known publisher hosts")
READABLE_PATH = Feature(
    "readable-path", -1.5, "a path of words (/reports/housing-2019) is an article, not a token"
)
DOCUMENT_PATH = Feature(
    "document-path", -1.5, "a PDF, spreadsheet or web page file is a source, ads are not files"
)
IN_SENTENCE = Feature("in-sentence", -1.5, "a URL inside running prose is usually a citation")
REFERENCE_LIST = Feature("reference-list", -2.0, "a line under a 'Further reading' / 'Sources' heading")

# What the URL itself shows of an ad link (a repeated URL line must show one of them).
AD_SHAPES = frozenset(
    {
        OPAQUE_PATH,
        SHORT_LINK,
        KEY_PARAM,
        AD_PARAMS,
        AD_PATH,
        AD_HOST,
        RISKY_TLD,
        RANDOM_HOST,
        IP_HOST,
        DISGUISED,
    }
)
# What the URL itself shows of a citation.
CITED_SHAPES = frozenset({REPUTABLE, READABLE_PATH, DOCUMENT_PATH})
URL_FEATURES = (
    ALONE_ON_LINE, LINK_LINE, CTA_LEAD_IN, HTML_REMNANT, AD_MARKUP, PROMO_TEXT, REPEATED, OPAQUE_PATH,
    KEY_PARAM, AD_PARAMS, AD_PATH, AD_HOST, RISKY_TLD, RANDOM_HOST, DISGUISED, FOREIGN_HOST, REPUTABLE,
    READABLE_PATH, DOCUMENT_PATH, IN_SENTENCE, REFERENCE_LIST,
)  # fmt: skip

_ACTIVE_MARKUP = lazy(
    r"(?:<|&lt;|&#0*60;)(?:script|iframe|embed|object|amp-ad|amp-embed|form|frame|applet)\b"
    r"|http-equiv=[\"']?refresh|\bon(?:click|load|mouseover)=",
    regex.I,
)
# A subdomain label of mixed letters and digits (qd4m3., b5g66., x9k2.), not www2 or cdn3.
_RANDOM_LABEL = lazy(r"(?=[a-z0-9]{5,12}$)(?:[a-z]*\d[a-z]+\d[a-z0-9]*|\d+[a-z]+\d*[a-z]+[a-z0-9]*)")
_IPV4_HOST = lazy(r"\d{1,3}(?:\.\d{1,3}){3}")
# A shortener's key: 5-10 letters and digits that mix digits in, or upper and lower case letters
# (two of each, an upper after a lower): "c5bba", "FVJcWHr", not "HiGHS", "about", "2024".
_SHORT_KEY = lazy(
    r"(?=[a-z0-9]*[a-z][a-z0-9]*$)(?=.*\d)[A-Za-z0-9]{5,10}"
    r"|(?=(?:[^A-Z]*[A-Z]){2})(?=(?:[^a-z]*[a-z]){2})(?=.*[a-z][A-Z])[A-Za-z0-9]{5,10}"
)
_CAMEL_WORDS = lazy(r"(?:[A-Z][a-z]{2,})+")  # "TechCrunch", "GitHub": words, not a key
_WORD_VERSION = lazy(r"[a-z]{3,}\d{1,2}")  # "junit5", "python3": a name and its version, not a key
# A shortener's host name (without its suffix) is short: "bit", "1bit", "show", "cutt".
SHORT_HOST_CHARS = 6
# The words are data (rules/vocabulary/ad-urls.toml); the structure around them is here.
URL_WORDS_FILE = "ad-urls"
_AD_MARKUP = (
    r"""\brel=["']?[^"'<>]*\bsponsored|\bclass=["']?[^"'<>]*\b(?:{classes})\b|\.swf\b|\bdata-ad-|"""
    r"""\bwidth=["']?(?:{banner_widths})["'\s].*\bheight=["']?(?:{banner_heights})\b"""
)
_AD_PATH = (
    r"(?:^|/)(?:{endpoints})(?:[/?.;]|$)"
    # script endpoints of redirectors and counters: go.php, rd.cgi, click.aspx, out.php
    r"|(?:^|/)(?:{scripts})\.(?:php|cgi|aspx?|jsp|pl)(?:[/?]|$)"
    # pixels and beacons: rt.gif, px.png, 1x1.gif
    r"|(?:^|/)(?:{pixels})\.(?:gif|png)(?:[?]|$)"
    # DoubleClick-style ;sz=300x250;ord=…
    r"|;(?:sz|size)=\d{2,4}x\d{2,4}|;ord=\d"
)
# an ad label of the host (ads., -track.), or ad vocabulary anywhere in it (cpm, popunder)
_AD_HOST = r"(?:^|[.-])(?:{labels})[.-]|{parts}"


class UrlWords:
    """The vocabulary of the URL features, read on first use (a plain class: a dataclass would cost
    this module's import half a millisecond)."""

    __slots__ = (
        "ad_host", "ad_markup", "ad_path", "public_suffix_parts", "risky_tlds", "strong_ad_params",
        "weak_ad_params",
    )  # fmt: skip

    def __init__(self, data: dict[str, Any]) -> None:
        where = f"{vocabulary.FOLDER}/{URL_WORDS_FILE}.toml"
        params = vocabulary.table(data, "params", where)
        # TLDs that hold a large share of ad, pop-under and scam hosts
        self.risky_tlds = frozenset(vocabulary.words(data, "risky_tlds", where))
        self.public_suffix_parts = frozenset(vocabulary.words(data, "public_suffix_parts", where))
        # query parameters of ad servers (evidence alone) and those ordinary sites use too (in pairs)
        self.strong_ad_params = frozenset(vocabulary.words(params, "strong", f"{where}: [params]"))
        self.weak_ad_params = frozenset(vocabulary.words(params, "weak", f"{where}: [params]"))
        self.ad_path = _filled(_AD_PATH, data, "path")
        self.ad_host = _filled(_AD_HOST, data, "host")
        self.ad_markup = _filled(_AD_MARKUP, data, "markup")


def _filled(template: str, data: dict[str, Any], section: str) -> LazyPattern:
    where = f"{vocabulary.FOLDER}/{URL_WORDS_FILE}.toml: [{section}]"
    table = vocabulary.table(data, section, where)
    lists = {key: vocabulary.alternation(vocabulary.words(table, key, where)) for key in table}
    return lazy(vocabulary.fill(template, lists, where), regex.I)


@cache
def url_words() -> UrlWords:
    return UrlWords(vocabulary.load(URL_WORDS_FILE))


_HEX_RUN = lazy(r"[0-9a-f]{16,}", regex.I)
_HEXISH = lazy(r"[0-9a-f]{8,}", regex.I)
_B64ISH = lazy(r"[A-Za-z0-9_+/=%-]{16,}")
# Path segments, host names and query values recur across the links of a corpus (blog, 2019, www):
# their verdicts are pure functions of the string, kept for this many strings.
TOKEN_CACHE_SIZE = 16384
# A part of a dashed token this long, in mixed case, is a key (base64url), not a word of a slug.
MIN_KEY_PART_CHARS = 16
_CONSONANT_RUN = lazy(r"[bcdfghjklmnpqrstvwxz]{5,}")
_WORD_THEN_NUMBER = lazy(r"[a-z]{6,}\d{1,3}$")
_SLUG_SEPARATOR = lazy(r"[-_]")
_DIGIT = lazy(r"\d")
_DOCUMENT = lazy(r"\.(?:pdf|docx?|xlsx?|pptx?|csv|odt|ods|epub|txt|xml|json|zip|html?|shtml|aspx?)$", regex.I)
_UUID = lazy(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", regex.I)
_VOWELS = set("aeiouy")
_SOURCE_CONTROL = frozenset(
    {"commit", "commits", "changeset", "changesets", "rev", "revision", "blob", "tree", "diff"}
)
_WORDISH = lazy(r"^[a-z]+(?:[-_][a-z0-9]+)+$|^[a-z]{3,}(?:\.[a-z]{2,5})?$", regex.I)


def entropy(token: str) -> float:
    counts = Counter(token)
    n = len(token)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def is_random_token(token: str) -> bool:
    """A path segment or name that no person wrote: random letters and digits."""
    token = token.split(".", 1)[0]
    if len(token) < 6 or _UUID.fullmatch(token):
        return False
    letters = [c for c in token.lower() if c.isalpha()]
    digits = sum(c.isdigit() for c in token)
    if "-" in token:
        parts = [p for p in token.split("-") if p]
        # four-character groups of mixed letters and digits: uqcg-t0i7-o1f7
        if (
            len(parts) >= 3
            and all(len(p) <= 5 for p in parts)
            and any(any(c.isdigit() for c in p) and any(c.isalpha() for c in p) for p in parts)
        ):
            return True  # (not CVE-2019-3859: words and numbers)
        # a base64url key with a dash in it (5baQwEfaCu_gXyU4LErUk62cB-V5LuYoJfYu): a long part of
        # mixed case no person wrote; the words of a slug are short, and in lower case
        return any(
            len(p) >= MIN_KEY_PART_CHARS and not p.islower() and not p.isupper() and is_random_token(p)
            for p in parts
        )
    if not letters:
        return False
    if digits and letters and len(token) >= 7 and entropy(token) >= 2.8:
        return True
    upper = sum(c.isupper() for c in token)
    if (
        upper >= 2
        and len(letters) - upper >= 2
        and len(token) >= 8
        and not token[1:].islower()
        and not _CAMEL_WORDS.fullmatch(token)
    ):
        return True  # mixed case inside a token: xpdTQQLmnlDcSvIH (not words: QuarterlyReport)
    vowel_share = sum(c in _VOWELS for c in letters) / len(letters)
    return len(token) >= 7 and vowel_share < 0.2


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def is_random_name(name: str) -> bool:
    """A registrable name that looks machine-made (kcyiegydxszco, sbbdxfiosk7)."""
    name = name.lower()
    if len(name) < 7:
        return False
    if _CONSONANT_RUN.search(name):
        return True
    letters = [c for c in name if c.isalpha()]
    digits = sum(c.isdigit() for c in name)
    if digits and letters and not name[-1].isdigit() and entropy(name) > 3.0:
        return True
    if letters and sum(c in _VOWELS for c in letters) / len(letters) < 0.22:
        return True
    return bool(digits and _WORD_THEN_NUMBER.search(name) is None and _DIGIT.search(name))


@dataclass(frozen=True, slots=True)
class OtherDomains:
    """The document's link domains but one, without copying the set for every link."""

    domains: Collection[str]
    own: str

    def __contains__(self, domain: object) -> bool:
        return domain != self.own and domain in self.domains

    def __bool__(self) -> bool:
        return len(self.domains) > 1 or (bool(self.domains) and self.own not in self.domains)


@dataclass(frozen=True, slots=True)
class UrlContext:
    """What the document says about one URL occurrence."""

    alone_on_line: bool
    link_sentence: bool
    """The link ends a short sentence or line of its own (after a lead-in of a few words)."""
    link_text: str
    """The link's anchor text, plus its lead-in when it is a link sentence."""
    lead_in: str
    """The words before the link in its sentence, when it is a link sentence."""
    markup: str
    """The line's HTML when the link sits in markup; empty otherwise."""
    occurrences: int
    host_occurrences: int
    """Links to the same registrable domain in the document, this one included."""
    in_sentence: bool
    under_reference_heading: bool
    other_domains: Container[str] | frozenset[str]
    """Registrable domains of the document's other links (truthy when there is one)."""
    authored: bool = False
    """The document is Markdown or reST, written as such: its HTML is the author's markup, not a
    remnant of a page, many links to one host are the project's own (docs, badges, logos), and a
    link cited twice is cited, not repeated (:data:`AUTHORED_REPEATS`)."""


# In an authored document a link is cited twice as a matter of course (in the text and as a
# footnote, a logo and a text link): "the same link several times" there means this many.
AUTHORED_REPEATS = 3
# The order in which features are reported.
_ORDER = (
    REPUTABLE, ALONE_ON_LINE, LINK_LINE, CTA_LEAD_IN, PROMO_TEXT, HTML_REMNANT, AD_MARKUP,
    ACTIVE_MARKUP, IP_HOST, REPEATED_HOST, REPEATED, SHORT_LINK, OPAQUE_PATH, KEY_PARAM, AD_PARAMS,
    DOCUMENT_PATH, AD_PATH, AD_HOST, RISKY_TLD, RANDOM_HOST, DISGUISED, FOREIGN_HOST, READABLE_PATH,
    IN_SENTENCE, REFERENCE_LIST,
)  # fmt: skip
# Links recur across a corpus (the same citation in many posts): what the URL alone says is kept
# for this many URLs.
INTRINSIC_CACHE_SIZE = 16384


def url_evidence(hit: UrlHit, ctx: UrlContext, reputable: bool) -> list[Feature]:
    """The URL features that fire for ``hit`` in its context."""
    fired = set(intrinsic_evidence(bare(hit), reputable))
    if ctx.alone_on_line:
        fired.add(ALONE_ON_LINE)
    elif ctx.link_sentence:
        fired.add(LINK_LINE)
    if ctx.lead_in and cta_start(ctx.lead_in) is not None:
        fired.add(CTA_LEAD_IN)
    if ctx.link_text and promo_signs(ctx.link_text):
        fired.add(PROMO_TEXT)
    if ctx.markup:
        if not ctx.authored:
            fired.add(HTML_REMNANT)
        if url_words().ad_markup.search(ctx.markup):
            fired.add(AD_MARKUP)
        if _ACTIVE_MARKUP.search(ctx.markup):
            fired.add(ACTIVE_MARKUP)
    if ctx.occurrences < 2 and ctx.host_occurrences >= 2 and not ctx.authored:
        fired.add(REPEATED_HOST)
    if ctx.occurrences >= (AUTHORED_REPEATS if ctx.authored else 2):
        fired.add(REPEATED)
    if ctx.other_domains:
        _, name, suffix = split_host(hit.host)
        if f"{name}.{suffix}" not in ctx.other_domains:
            fired.add(FOREIGN_HOST)
    if ctx.in_sentence:
        fired.add(IN_SENTENCE)
    if ctx.under_reference_heading:
        fired.add(REFERENCE_LIST)
    return [feature for feature in _ORDER if feature in fired]


def bare(hit: UrlHit) -> UrlHit:
    """``hit`` without its place in a document, so that equal URLs share one cache entry."""
    return UrlHit(0, 0, "", hit.url, hit.host, hit.rest, hit.form, hit.disguised)


@lru_cache(maxsize=INTRINSIC_CACHE_SIZE)
def intrinsic_evidence(hit: UrlHit, reputable: bool) -> tuple[Feature, ...]:
    """The features of the URL itself (host, path, query, disguise), wherever it stands."""
    fired: list[Feature] = []
    words = url_words()
    sub, name, suffix = split_host(hit.host)
    if reputable or any(part in words.public_suffix_parts for part in suffix.split(".")):
        fired.append(REPUTABLE)
    if _IPV4_HOST.fullmatch(hit.host):
        fired.append(IP_HOST)
    segments = [s for s in hit.path.split("/") if s]
    if (
        len(segments) == 1
        and not sub.strip(".").replace("www", "")
        and len(name) <= SHORT_HOST_CHARS
        and hit.rest == hit.path
        and _SHORT_KEY.fullmatch(segments[0])
        and not _CAMEL_WORDS.fullmatch(segments[0])
        and not _WORD_VERSION.fullmatch(segments[0])
    ):
        fired.append(SHORT_LINK)
    # A hex segment counts once, as a key, not also as an opaque token.
    if any(is_random_token(s) and not _is_hex_key(s.split(".", 1)[0]) for s in segments):
        fired.append(OPAQUE_PATH)
    # A commit or revision of a source browser (/commit/?id=<sha>, /commits/<sha>): its hex is a
    # hash the project's history names, not a campaign key.
    source_control = any(s.lower() in _SOURCE_CONTROL for s in segments)
    query = hit.query.replace("&amp;", "&")
    pairs = [p.split("=", 1) for p in query.split("&") if p]
    values = [p[1] for p in pairs if len(p) == 2]
    names = {p[0].lower() for p in pairs}
    hex_or_key = any(_is_key_value(v) for v in values) or any(
        _is_hex_key(s.split(".", 1)[0]) for s in segments
    )
    if hex_or_key and not source_control:
        fired.append(KEY_PARAM)
    weak = len(names & words.weak_ad_params)
    if names & words.strong_ad_params or weak >= 2 or (weak and len(names) == 1):
        fired.append(AD_PARAMS)
    if segments and _DOCUMENT.search(segments[-1]):
        fired.append(DOCUMENT_PATH)
    if words.ad_path.search(hit.path):
        fired.append(AD_PATH)
    if words.ad_host.search(hit.host):
        fired.append(AD_HOST)
    if suffix.split(".")[-1] in words.risky_tlds:
        fired.append(RISKY_TLD)
    if is_random_name(name) or any(_RANDOM_LABEL.fullmatch(label) for label in sub.split(".") if label):
        fired.append(RANDOM_HOST)
    if hit.disguised:
        fired.append(DISGUISED)
    if segments and not {AD_PATH, KEY_PARAM, AD_PARAMS} & set(fired) and _readable_path(tuple(segments)):
        fired.append(READABLE_PATH)
    return tuple(fired)


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _is_hex_key(value: str) -> bool:
    """Hex of 8+ digits mixing numbers and letters (a key or hash, not a date or a word)."""
    return (
        _HEXISH.fullmatch(value) is not None
        and sum(c.isdigit() for c in value) >= 2
        and sum(c.isalpha() for c in value) >= 2
        and _UUID.fullmatch(value) is None
    )


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _is_key_value(value: str) -> bool:
    if _UUID.fullmatch(value):
        return False
    if _is_hex_key(value):
        return True
    return bool(_B64ISH.fullmatch(value) and is_random_token(value))


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _readable_path(segments: tuple[str, ...]) -> bool:
    """The path reads as words a person wrote: a hyphenated slug, or several word segments."""
    words = 0
    slug = False
    for segment in segments:
        stem = segment.split(".", 1)[0]
        if is_random_token(segment) or _HEX_RUN.search(segment):
            return False
        if _WORDISH.match(segment) and any(c in _VOWELS for c in stem.lower()):
            words += 1
            parts = [p for p in _SLUG_SEPARATOR.split(stem) if p.isalpha() and len(p) >= 2]
            slug = slug or len(parts) >= 2
    return words >= max(1, len(segments) - 1) and (slug or words >= 2)
