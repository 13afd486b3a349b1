"""Finding URLs in scraped text, as written and as disguised.

A URL is found in every form scraped text carries it: ``https://…``, scheme-less ``www.…``,
protocol-relative ``//host/…``, bare ``host.tld/path``, de-fanged (``hxxps://``, ``example[.]com``,
``example(dot)com``, ``ads . example . com/…``), with zero-width or bidi characters inside, in any
letter case. Each hit carries its span in the original text and a normalised form for the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import regex

from cleanpress.offsets import OffsetMap
from cleanpress.text.lazy import lazy
from cleanpress.text.suffixes import split_host

# Characters that render as nothing and are used to break up a URL so that filters miss it.
INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE_RUN = lazy(f"[{INVISIBLE_CHARS}\U000e0000-\U000e007f]+", stdlib=True)


def may_hold_invisible(text: str) -> bool:
    """Whether ``text`` may hold an invisible character (False: surely none), without a scan of
    every character in Python's regex engine: a search for each of the few characters, and a test
    for characters beyond the Basic Multilingual Plane (the tag characters are there)."""
    if text.isascii():
        return False
    for ch in INVISIBLE_CHARS:
        if ch in text:
            return True
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?"
_TLD = r"(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})"
# A host separator: a dot, or a de-fanged dot ("[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}").
_DOT = r"(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})"
# Loose separators put spaces around the dot ("ads . example . com", "example [dot] com"); they are
# accepted only after a scheme and only when a path follows, so prose ("… example.com . Then …") is
# never swallowed.
_LOOSE_DOT = r"(?:[ ]?(?:\[dot\]|\(dot\)|\{dot\}|\[\.\]|\(\.\)|\{\.\})[ ]?|[ ]\.[ ]|[ ]dot[ ])"
_HOST = rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"{_OCTET}(?:{_DOT}{_OCTET}){{3}}(?![\w.-])"
_LOOSE_HOST = rf"{_LABEL}(?:(?:{_DOT}|{_LOOSE_DOT}){_LABEL})*(?:{_DOT}|{_LOOSE_DOT}){_TLD}"
_PORT = r"(?::\d{1,5})?"
_PATH_CHARS = r"[^\s<>\"'`\\^{}|]"
_PATH = rf"(?:[/?#]{_PATH_CHARS}*)"
_SCHEME = r"(?P<scheme>h(?:tt|xx|\*\*)ps?|ftp)(?P<colon>://|\[:\]//|\[://\]|\(:\)//)"
_USERINFO = r"(?:[\w.%+-]{1,64}@)?"

URL_RE = lazy(
    rf"""
    (?:
        {_SCHEME}{_USERINFO}(?:(?P<host>{_IPV4}|{_HOST}){_PORT}{_PATH}?|(?P<loose>{_LOOSE_HOST}){_PORT}{_PATH})
      | (?<![\w.@/:-])(?P<www>www{_DOT}{_HOST}|www{_LOOSE_DOT}{_LOOSE_HOST}(?=[:/?])){_PORT}{_PATH}?
      | (?<![\w:/.@]|\]\()//(?P<rel>{_HOST}){_PORT}{_PATH}?
      | (?<![\w.@/:#-])(?P<bare>{_HOST}){_PORT}/{_PATH_CHARS}*
    )
    """,
    regex.IGNORECASE | regex.VERBOSE,
)

# What every URL_RE match contains: "//" (every form with a scheme, and //host), "ww" (www.host),
# or, for a bare host.tld/path, a dot (or the closing bracket of a de-fanged one) before the TLD
# letters, an optional port and the slash. Only words holding such a hint are searched with
# URL_RE; the text is scanned for each kind apart (_hints), which is faster than this one pattern.
# ([^\W\d_] holds every letter, and a few numerals besides.)
_URL_HINT = lazy(
    r"//|ww|[.\])}](?:[^\W\d_]{2,63}|xn--[a-z0-9-]{2,59})(?::\d{1,5})?/", re.IGNORECASE, stdlib=True
)
_DEFANG = lazy(r"\s*(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\bdot\b)\s*|\s+\.\s+", regex.I)
# Entities that end a URL inside entity-escaped markup (&quot;https://…&quot;&gt;).
_ENTITY_END = lazy(r"&(?:quot|gt|lt|apos|#0*34|#0*39|#0*60|#0*62|#x0*22|#x0*27|#x0*3c|#x0*3e);", regex.I)
# (and closing quotes and guillemets of every script: ”, ’, », ›, 」: prose around a URL, never in it)
_TRAILING_PUNCT = ".,;:!?…*_~'\"”’»›」』〉》"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def registrable_domain(host: str) -> str:
    """The registrable domain of ``host`` ("news.bbc.co.uk" -> "bbc.co.uk"), or the host itself."""
    _, domain, suffix = split_host(host)
    return f"{domain}.{suffix}" if domain and suffix else host


@dataclass(frozen=True, slots=True)
class UrlHit:
    """A URL as found in the original text."""

    start: int
    end: int
    raw: str
    """The original text of the URL, disguises included."""
    url: str
    """Normalised: invisible characters and de-fanging removed, scheme and host in lower case."""
    host: str
    rest: str
    """Everything after the host: port, path, query and fragment."""
    form: str
    """``scheme``, ``www``, ``relative`` (``//host``) or ``bare`` (``host.tld/path``)."""
    disguised: bool
    """Whether invisible characters or de-fanging had to be undone to read it."""

    @property
    def path(self) -> str:
        return self.rest.split("?", 1)[0].split("#", 1)[0]

    @property
    def query(self) -> str:
        if "?" not in self.rest:
            return ""
        return self.rest.split("?", 1)[1].split("#", 1)[0]

    @property
    def domain(self) -> str:
        return registrable_domain(self.host)


class Skeleton:
    """The text with invisible characters taken out, and the way back to original offsets."""

    __slots__ = ("_map", "_original_length", "text")

    def __init__(self, text: str) -> None:
        runs = []
        if may_hold_invisible(text):
            runs = [(m.start(), m.end(), 0) for m in _INVISIBLE_RUN.finditer(text)]
        if not runs:
            self.text = text
            self._map: OffsetMap | None = None
            return
        self._map = OffsetMap.from_edits(len(text), runs)
        pieces: list[str] = []
        cursor = 0
        for start, end, _ in runs:
            pieces.append(text[cursor:start])
            cursor = end
        pieces.append(text[cursor:])
        self.text = "".join(pieces)
        self._original_length = len(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of skeleton span ``[start, end)``."""
        if self._map is None:
            return start, end
        first = self._original(start)
        if end <= start:
            return first, first
        last = self._map.to_original(end, end=True)
        assert last is not None  # every skeleton character is a kept one
        return first, last

    def _original(self, position: int) -> int:
        assert self._map is not None
        if position >= self._map.length:
            return self._original_length
        found = self._map.to_original(position)
        assert found is not None
        return found


def _trim(candidate: str) -> str:
    """Drop trailing punctuation and unbalanced closing brackets that belong to the prose."""
    entity = _ENTITY_END.search(candidate)
    if entity:
        candidate = candidate[: entity.start()]
    # A BBCode link ends at its closing tag: "[url]https://…[/url]".
    if "[/" in candidate and (close := candidate.lower().find("[/url]")) != -1:
        candidate = candidate[:close]
    # An opening bracket never closed inside the URL opens the link text of an AsciiDoc link:
    # "https://…[Get paid to test apps]".
    if "[" in candidate and "]" not in candidate[(opening := candidate.rfind("[")) :]:
        candidate = candidate[:opening]
    # A closing bracket with no opening one inside the URL ends it: "…/a.webp)](https://…".
    if ")" in candidate or "]" in candidate:
        depth = {"(": 0, "[": 0}
        for i, ch in enumerate(candidate):
            if ch in depth:
                depth[ch] += 1
            elif ch in _CLOSERS and _CLOSERS[ch] in depth:
                if depth[_CLOSERS[ch]] == 0:
                    candidate = candidate[:i]
                    break
                depth[_CLOSERS[ch]] -= 1
    while candidate:
        last = candidate[-1]
        if last in _TRAILING_PUNCT or (
            last in _CLOSERS and candidate.count(last) > candidate.count(_CLOSERS[last])
        ):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def normalise_host(host: str) -> str:
    if _PLAIN_HOST.fullmatch(host) and "dot" not in host.lower():
        return host.lower().strip(".")  # nothing de-fanged: the common case, without the search
    undefanged: str = _DEFANG.sub(".", host)
    return undefanged.replace(" ", "").lower().strip(".")


_PLAIN_HOST = re.compile(r"[A-Za-z0-9.-]+")


def _valid_suffix(host: str) -> bool:
    _, domain, suffix = split_host(host)
    return bool(domain and suffix)


def _candidate_matches(s: str) -> Iterator[tuple[regex.Match[str], str]]:
    """URL_RE matches with their trimmed text, in order: what ``URL_RE.search`` from the start of
    each line would find, resuming where the trimmed URL ends (so "…/a.webp)](https://b…" yields
    both URLs), at a fraction of the cost.

    Every match holds a hint (:data:`_URL_HINT`) and starts in the same word (run of characters
    without a space or tab) as that hint: nothing between a match's start and its hint can be a
    space. So URL_RE is tried only where a match can start (:data:`_URL_START`) in the words that
    hold a hint, not at every position of a paragraph that holds a link somewhere."""
    n = len(s)
    match = URL_RE.match
    for line_start, line_end, starts in _start_positions(s, n):
        at = line_start
        for p in starts:
            if p < at or (m := match(s, p, line_end)) is None:
                continue
            token = _trim(m.group(0))
            yield m, token
            at = m.start() + max(len(token), 1)


# Where a URL_RE match can start inside a word: at a letter, digit or "/" (a host, "www" or
# "//host" begins so) after a character that no form's look-behind refuses (the forms refuse
# letters, digits, "_", ".", "@", "/", ":" and more; only these ASCII ones are tested, so this
# admits a superset of the true starts), or where a scheme begins (a scheme has no look-behind:
# "xhttps://…").
_URL_START = re.compile(r"(?<![A-Za-z0-9_.@/:])(?=[^\W_]|/)|(?=h(?:tt|xx|\*\*)ps?|ftp)", re.IGNORECASE)


def _start_positions(s: str, n: int) -> Iterator[tuple[int, int, list[int]]]:
    """(line start, line end, positions where a URL may start) for each line holding a hint."""
    hints = _hints(s)
    k = 0
    while k < len(hints):
        first, _ = hints[k]
        line_start = s.rfind("\n", 0, first) + 1
        line_end = s.find("\n", first)
        line_end = n if line_end == -1 else line_end
        starts: list[int] = []
        covered = line_start
        while k < len(hints) and hints[k][0] < line_end:
            h_start, h_end = hints[k]
            k += 1
            if h_start < covered:
                continue
            word_start = max(s.rfind(" ", line_start, h_start), s.rfind("\t", line_start, h_start)) + 1
            word_start = max(word_start, covered, line_start)
            word_end = _word_end(s, h_end, line_end)
            starts += [m.start() for m in _URL_START.finditer(s, word_start, word_end)]
            covered = word_end
        yield line_start, line_end, starts


# The hints of _URL_HINT, each kind found by a scan that jumps to its first character.
_WW_HINT = re.compile("[wW][wW]")
_HOST_HINT = re.compile(r"[.\])}](?:[^\W\d_]{2,63}|xn--[a-z0-9-]{2,59})(?::\d{1,5})?/", re.IGNORECASE)


def _hints(s: str) -> list[tuple[int, int]]:
    """(start, end) of every hint in ``s``, in order: each match of :data:`_URL_HINT`, and
    perhaps a few more overlapping them (harmless: a word holding a hint is read once)."""
    found: list[tuple[int, int]] = []
    at = s.find("//")
    while at != -1:
        found.append((at, at + 2))
        at = s.find("//", at + 2)
    found += [m.span() for m in _WW_HINT.finditer(s)]
    found += [m.span() for m in _HOST_HINT.finditer(s)]
    found.sort()
    return found


def _word_end(s: str, pos: int, limit: int) -> int:
    space = s.find(" ", pos, limit)
    tab = s.find("\t", pos, limit)
    if space == -1:
        return limit if tab == -1 else tab
    return space if tab == -1 else min(space, tab)


def find_urls(text: str, skeleton: Skeleton | None = None) -> Iterator[UrlHit]:
    """Every URL in ``text``, in order of appearance."""
    skel = skeleton or Skeleton(text)
    s = skel.text
    for m, token in _candidate_matches(s):
        start = m.start()
        end = start + len(token)
        given_scheme, given_host, loose, www, rel, bare, colon = m.group(
            "scheme", "host", "loose", "www", "rel", "bare", "colon"
        )
        if given_scheme:
            raw_host = given_host or loose
            scheme = "https" if given_scheme.lower().endswith("s") else "http"
            form = "scheme"
            host_start = m.start("host") if given_host else m.start("loose")
            host_end = host_start + len(raw_host)
        elif www:
            raw_host, scheme, form = www, "https", "www"
            host_start, host_end = m.span("www")
        elif rel:
            raw_host, scheme, form = rel, "https", "relative"
            host_start, host_end = m.span("rel")
        else:
            raw_host, scheme, form = bare, "https", "bare"
            host_start, host_end = m.span("bare")
        if host_end > end:  # trimming ate into the host: not a URL after all
            continue
        host = normalise_host(raw_host)
        if form != "scheme" and not _valid_suffix(host):
            continue
        rest = s[host_end:end]
        o_start, o_end = skel.span(start, end)
        raw = text[o_start:o_end]
        disguised = (
            raw != token
            or host != raw_host.lower()
            or (given_scheme is not None and given_scheme.lower() not in ("http", "https", "ftp"))
            or (colon not in (None, "://"))
        )
        yield UrlHit(
            start=o_start,
            end=o_end,
            raw=raw,
            url=f"{scheme}://{host}{rest}",
            host=host,
            rest=rest,
            form=form,
            disguised=disguised,
        )


def parse_url(value: str) -> UrlHit | None:
    """Read ``value`` as one URL (e.g. a redirect target); None when it is not exactly a URL."""
    value = value.strip()
    for hit in find_urls(value):
        if hit.start == 0 and hit.end >= len(value.rstrip("/")):
            return hit
        return None
    return None


def unquote_repeatedly(value: str, rounds: int = 3) -> str:
    """Percent-decode until stable (redirect targets are often encoded twice)."""
    for _ in range(rounds):
        decoded = unquote(value)
        if decoded == value:
            break
        value = decoded
    return value
