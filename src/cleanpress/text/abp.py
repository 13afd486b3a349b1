"""Adblock Plus network-filter URL matcher for URLs found in text (stdlib only).

Implements the URL part of the Adblock Plus filter syntax: ``||host^`` anchors, ``|`` start/end anchors,
``^`` separators, ``*`` wildcards, plain fragments, ``/regex/`` filters, ``@@`` exceptions and the
options ``$third-party``, request types, ``$domain=``, ``$match-case`` and ``$important``.  A filter
with any other option is skipped (conservative).  Element-hiding rules, comments and headers are skipped.

Filter lists (EasyList, EasyPrivacy, EasyList Germany) are by the EasyList authors (https://easylist.to),
licensed GPLv3+ or CC BY-SA 3.0+; a compiled index derived from them keeps that attribution and licence
(it is stored in the compiled file's ``attribution`` field).

Matching uses a token index (as adblock-rust / uBlock Origin do): every filter is filed under the rarest
token of its literal parts, ``||host^`` filters under their host; a URL is tokenised once and only the
filters filed under its tokens or host suffixes are checked.  The compiled form is JSON holding the raw
filter lines plus the index; filters are parsed lazily on first use, so loading is one ``json.loads``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, NamedTuple

#: Request types a filter may name (``object-subrequest`` etc. are mapped by ``_TYPE_ALIASES``).
ALL_TYPES: Final = frozenset(
    {
        "script",
        "image",
        "stylesheet",
        "object",
        "xmlhttprequest",
        "subdocument",
        "ping",
        "media",
        "font",
        "websocket",
        "webrtc",
        "other",
        "popup",
        "document",
    }
)
#: ABP: a filter without type options applies to every type except these (they must be named).
_EXPLICIT_ONLY_TYPES: Final = frozenset({"popup", "document"})
_DEFAULT_FILTER_TYPES: Final = ALL_TYPES - _EXPLICIT_ONLY_TYPES
_TYPE_ALIASES: Final = {
    "xhr": "xmlhttprequest",
    "frame": "subdocument",
    "css": "stylesheet",
    "doc": "document",
    "object-subrequest": "object",
    "background": "image",
}
#: Default request types for a bare link line in an article: a click opens it as a popup/document.
DEFAULT_TYPES: Final = frozenset({"popup", "document", "other"})  # = LINK_TYPES

#: Options that change nothing about whether a URL is blocked, but that we understand.
_FIRST_PARTY_NAMES: Final = frozenset({"~third-party", "first-party", "1p", "~3p"})
_THIRD_PARTY_NAMES: Final = frozenset({"third-party", "3p", "~first-party", "~1p"})

#: Compiled-file format tag; bump when the JSON layout or the parser's semantics change.
FORMAT: Final = "abpmatch/1"
ATTRIBUTION: Final = (
    "Filter data derived from EasyList, EasyPrivacy and EasyList Germany by the EasyList authors "
    "(https://easylist.to), licensed GPLv3+ or CC BY-SA 3.0+ (https://easylist.to/pages/licence.html)."
)

#: Element-hiding / scriptlet / HTML-filter separators: ``##``, ``#@#``, ``#?#``, ``#$#``, ``#@$?#``, ``#%#``.
_COSMETIC_RE: Final = re.compile(r"#@?[?$%]{0,2}#|#@?\+js\(|\$@?\$")
#: A host made only of host characters (for the ``||host^`` hash-table fast path).
_PLAIN_HOST_RE: Final = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")
#: Token characters, as in adblock-rust: a token is a maximal run of these.
_TOKEN_RE: Final = re.compile(r"[a-z0-9%]+")
_TOKEN_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789%")
#: Tokens that nearly every URL has; never chosen as an index key when the filter has another token.
_COMMON_URL_TOKENS: Final = frozenset({"http", "https", "www", "com", "net", "org", "html", "php", "js"})
#: Penalty added to the filter-frequency count of a common URL token when choosing the rarest token.
_COMMON_TOKEN_PENALTY: Final = 1_000_000
#: ``^`` matches one character that is not a letter, digit or one of ``_-.%``, or the end of the URL.
_SEPARATOR_RE: Final = r"(?:[^\w%.-]|$)"
#: ``||`` matches at the start of the host or at any label boundary inside it.
_HOST_ANCHOR_RE: Final = r"^[a-z][a-z0-9+.-]*://(?:[^/?#]*\.)?"
_SCHEME_HOST_RE: Final = re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#]*)", re.IGNORECASE)
#: Zero-width and bidi-control characters: never part of a URL; scrapers and disguises insert them.
_INVISIBLE: Final = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    )
)
#: Second-level labels under which registrable domains have three labels (co.uk, com.au, ...).
_SECOND_LEVEL_LABELS: Final = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or"})


class Confidence(StrEnum):
    """How sure a match is that a URL found in text is an ad/tracker (see ``classify``)."""

    CERTAIN = "certain"
    SUSPECT = "suspect"


class Policy(StrEnum):
    """Which matches ``FilterSet.match`` reports."""

    ALL = "all"  # every blocking filter, best first (browser semantics; the default of match)
    CERTAIN = "certain"  # only CERTAIN matches: what a precision-first text cleaner should remove


class _Kind(StrEnum):
    HOST = "host"  # ``||host^``: URL host equals host or is a subdomain of it
    PLAIN = "plain"  # unanchored literal substring
    PATTERN = "pattern"  # wildcards / anchors / separators, translated to a regular expression
    REGEX = "regex"  # ``/regex/`` filter


@dataclass(frozen=True, slots=True)
class Filter:
    """One parsed network filter."""

    text: str
    source: str
    line: int
    exception: bool
    kind: _Kind
    pattern: str  # lower-cased unless match_case; host for HOST, regex source for REGEX
    host_anchor: bool
    match_case: bool
    types: frozenset[str]
    explicit_types: bool  # the filter names positive request types ($script, $popup, ...)
    third_party: bool | None  # None: either; True: only third-party requests; False: only first-party
    include_domains: tuple[str, ...]
    exclude_domains: tuple[str, ...]
    important: bool

    @property
    def anchored_host(self) -> str | None:
        """The literal host of a ``||host...`` filter (up to the first ``/ ^ * | : ?``), or None."""
        if self.kind is _Kind.HOST:
            return self.pattern
        if not self.host_anchor:
            return None
        m = re.match(r"[a-z0-9_.-]+", self.pattern)
        if m is None or (m.end() < len(self.pattern) and self.pattern[m.end()] == "*"):
            return None
        return m.group(0).rstrip(".") or None


@dataclass(frozen=True, slots=True)
class Match:
    """A blocking filter that matched a URL, with where it comes from (for a removal report)."""

    filter_text: str
    list_file: str
    line: int
    confidence: Confidence

    @property
    def evidence(self) -> str:
        return f"{self.list_file}:{self.line}: {self.filter_text}"


@dataclass(frozen=True, slots=True)
class _Skip:
    reason: str


def _split_options(body: str) -> tuple[str, str | None]:
    """Split ``pattern$options``; a ``/regex/`` without options keeps its ``$``."""
    if len(body) > 2 and body.startswith("/") and body.endswith("/"):
        return body, None
    dollar = body.rfind("$")
    if dollar < 0:
        return body, None
    return body[:dollar], body[dollar + 1 :]


def _domain_list(value: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    include: list[str] = []
    exclude: list[str] = []
    for raw in value.split("|"):
        entry = raw.strip().lower()
        negated = entry.startswith("~")
        entry = entry.lstrip("~")
        if not entry or entry.startswith("/"):
            return None  # empty or uBO regex domain: not supported
        (exclude if negated else include).append(entry)
    return tuple(include), tuple(exclude)


def parse_filter(line: str, source: str = "", lineno: int = 0) -> Filter | _Skip:
    """Parse one list line into a network ``Filter`` or a ``_Skip`` that says why it is not one."""
    text = line.strip()
    if not text:
        return _Skip("blank")
    if text.startswith("!") or text.startswith("["):
        return _Skip("comment")
    if _COSMETIC_RE.search(text):
        return _Skip("cosmetic")
    exception = text.startswith("@@")
    body = text[2:] if exception else text
    pattern, options = _split_options(body)
    match_case = important = False
    third_party: bool | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    positive: set[str] = set()
    negative: set[str] = set()
    if options is not None:
        for raw in options.split(","):
            opt = raw.strip().lower()
            name, _, value = opt.partition("=")
            bare = name.lstrip("~")
            bare = _TYPE_ALIASES.get(bare, bare)
            if bare in ALL_TYPES and not value:
                (negative if name.startswith("~") else positive).add(bare)
            elif opt == "all":
                positive.update(ALL_TYPES)
            elif opt in _THIRD_PARTY_NAMES:
                third_party = True
            elif opt in _FIRST_PARTY_NAMES:
                third_party = False
            elif name in ("domain", "from") and value:
                parsed = _domain_list(value)
                if parsed is None:
                    return _Skip("unsupported-domain")
                include, exclude = parsed
            elif opt == "match-case":
                match_case = True
            elif opt == "important":
                important = True
            else:
                return _Skip(f"option:{name}")
    types = (frozenset(positive) if positive else _DEFAULT_FILTER_TYPES) - negative
    if not types:
        return _Skip("no-types")

    def make(kind: _Kind, pat: str, host_anchor: bool) -> Filter:
        return Filter(
            text=text,
            source=source,
            line=lineno,
            exception=exception,
            kind=kind,
            pattern=pat,
            host_anchor=host_anchor,
            match_case=match_case,
            types=types,
            explicit_types=bool(positive),
            third_party=third_party,
            include_domains=include,
            exclude_domains=exclude,
            important=important,
        )

    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        source_re = pattern[1:-1]  # case kept: lower-casing would turn \D into \d; IGNORECASE handles case
        try:
            re.compile(source_re)
        except re.error:
            return _Skip("bad-regex")
        return make(_Kind.REGEX, source_re, False)
    if not match_case:
        pattern = pattern.lower()
    host_anchor = pattern.startswith("||")
    if host_anchor:
        pattern = pattern[2:]
    if host_anchor and pattern.endswith("^") and _PLAIN_HOST_RE.fullmatch(pattern[:-1]):
        return make(_Kind.HOST, pattern[:-1], True)
    plain = not host_anchor and not any(c in pattern for c in "*^|")
    if plain and not pattern:
        return make(_Kind.PATTERN, "*", False)  # an empty pattern matches every URL; options decide
    return make(_Kind.PLAIN if plain else _Kind.PATTERN, pattern, host_anchor)


def _pattern_regex(f: Filter) -> re.Pattern[str]:
    flags = 0 if f.match_case else re.IGNORECASE
    if f.kind is _Kind.REGEX:
        return re.compile(f.pattern, flags)
    pat = f.pattern
    out: list[str] = [_HOST_ANCHOR_RE] if f.host_anchor else []
    start, end = 0, len(pat)
    if not f.host_anchor and pat.startswith("|"):
        out.append("^")
        start = 1
    tail = ""
    if end > start and pat.endswith("|"):
        tail = "$"
        end -= 1
    for ch in pat[start:end]:
        if ch == "*":
            out.append(".*")
        elif ch == "^":
            out.append(_SEPARATOR_RE)
        else:
            out.append(re.escape(ch))
    out.append(tail)
    return re.compile("".join(out), flags)


def _filter_tokens(f: Filter) -> list[str]:
    """Tokens that any URL matching ``f`` must contain as whole URL tokens."""
    if f.kind is _Kind.REGEX:
        return [t for run in _regex_literal_runs(f.pattern) for t in _bounded_tokens(run.lower(), False)]
    return _bounded_tokens(f.pattern.lower(), f.host_anchor)


def _regex_literal_runs(src: str) -> list[str]:
    """Literal strings every match of the regex ``src`` must contain (top-level runs; [] on ``|``)."""
    runs: list[str] = []
    cur: list[str] = []
    i, n = 0, len(src)

    def end_run() -> None:
        if cur:
            runs.append("".join(cur))
            cur.clear()

    while i < n:
        c = src[i]
        step = 1
        item: str | None = None
        if c == "\\" and i + 1 < n:
            step = 2
            item = None if src[i + 1].isalnum() else src[i + 1]  # \d \w \b ... are not literals
        elif c == "|":
            return []
        elif c in "([":
            close = ")" if c == "(" else "]"
            depth, j = 0, i
            while j < n:
                if src[j] == "\\":
                    j += 2
                    continue
                if c == "(" and src[j] == "(":
                    depth += 1
                elif src[j] == close:
                    depth -= 1 if c == "(" else 0
                    if c == "[" or depth == 0:
                        break
                j += 1
            step = j + 1 - i
        elif c == "{":
            close_at = src.find("}", i)
            step = (close_at + 1 - i) if close_at > 0 else n - i  # skip a {m,n} quantifier whole
        elif c not in ".^$*+?}":
            item = c
        nxt = src[i + step] if i + step < n else ""
        if item is None or nxt in ("*", "?", "+", "{"):
            end_run()  # a class, group, anchor or quantified item: the run cannot continue across it
        else:
            cur.append(item)
        i += step
    end_run()
    return runs


def _bounded_tokens(pat: str, host_anchor: bool) -> list[str]:
    """Tokens of a literal pattern bounded on both sides by a non-token character or an anchor."""
    tokens: list[str] = []
    n = len(pat)
    i = 0
    while i < n:
        if pat[i] not in _TOKEN_CHARS:
            i += 1
            continue
        j = i
        while j < n and pat[j] in _TOKEN_CHARS:
            j += 1
        before = pat[i - 1] if i > 0 else ("|" if host_anchor else "")
        after = pat[j] if j < n else ""
        left_ok = before not in ("", "*")
        right_ok = after not in ("", "*")
        # ``|`` at the pattern's start/end is an anchor; a pattern starting with ``|`` bounds on the left.
        if left_ok and right_ok:
            tokens.append(pat[i:j])
        i = j
    return tokens


def _registrable(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL_LABELS:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _domain_matches(domain: str, entry: str) -> bool:
    if entry.endswith(".*"):
        base = entry[:-2]
        labels = domain.split(".")
        for i in range(len(labels)):
            tld_labels = len(labels) - i - base.count(".") - 1  # labels standing for the ``*``
            if ".".join(labels[i:]).startswith(base + ".") and 1 <= tld_labels <= 2:
                return True
        return False
    return domain == entry or domain.endswith("." + entry)


#: Request types a bare link in text is assumed to have (no markup says what loads it).
LINK_TYPES: Final = frozenset({"popup", "document", "other"})
#: Lists of tracker filters: their host rules block a company's scripts and beacons, and the same hosts
#: serve its pages (newrelic.com, sentry.io), so for a bare link they are only SUSPECT.
_TRACKER_LIST_MARKERS: Final = ("easyprivacy", "privacy")
#: General-purpose link shorteners that EasyList blocks as popup/ad targets but people cite in text.
_GENERAL_LINK_HOSTS: Final = frozenset(
    {
        "s.id",
        "bit.ly",
        "t.co",
        "tinyurl.com",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "rebrand.ly",
        "cutt.ly",
        "t.ly",
        "tiny.cc",
        "lnkd.in",
        "youtu.be",
    }
)


def classify(f: Filter, types: frozenset[str] = LINK_TYPES) -> Confidence:
    """Precision policy for a URL found in text (``types``: what the caller believes loads it).

    CERTAIN when either
      1. the filter names a specific host (``||host^``, ``||host/path``; two or more labels), except
         (a) a host-only rule from a tracker list for a bare link (``types`` within ``LINK_TYPES``):
         trackers' hosts also serve their companies' pages (newrelic.com, sentry.io), and
         (b) a host-only rule for a general-purpose shortener (``s.id^$popup``); or
      2. the URL came with markup (``types`` outside ``LINK_TYPES``, e.g. a leaked ``<script src>``) and
         the filter explicitly names that markup's type (``/full-page-script.js$script``).
    SUSPECT: everything else -- untyped generic path/query fragments (``/ads/``, ``://ads.``,
    ``-banner-``) that also occur on reputable hosts, ``|http`` prefixes, ``/regex/`` on bare links.
    """
    host = f.anchored_host
    if host is not None and "." in host and not host.startswith("."):
        if f.kind is not _Kind.HOST:
            return Confidence.CERTAIN
        if host in _GENERAL_LINK_HOSTS:
            return Confidence.SUSPECT
        if types <= LINK_TYPES and any(m in f.source.lower() for m in _TRACKER_LIST_MARKERS):
            return Confidence.SUSPECT
        return Confidence.CERTAIN
    if f.explicit_types and not types <= LINK_TYPES and (f.types & types) - LINK_TYPES:
        return Confidence.CERTAIN
    return Confidence.SUSPECT


class _Request(NamedTuple):
    """One URL to check (a NamedTuple: built once per match, where a frozen dataclass costs more)."""

    url: str  # normalised (has a scheme), original case
    lower: str
    host: str
    third_party: bool
    source_domain: str | None
    types: frozenset[str]


def normalise_url(url: str) -> str:
    """Give scheme-less (``www.x``) and protocol-relative (``//x``) URLs a scheme, as a browser would, and
    drop the invisible characters (zero-width, bidi marks) that a URL parser's IDNA mapping removes."""
    u = url.strip()
    if not u.isascii():
        u = u.translate(_INVISIBLE)
    if u.startswith("//"):
        return "https:" + u
    if not _SCHEME_HOST_RE.match(u):
        return "http://" + u
    return u


def _make_request(url: str, types: frozenset[str], source_domain: str | None) -> _Request:
    if not types <= ALL_TYPES:
        raise ValueError(f"unknown request types: {sorted(types - ALL_TYPES)}")
    norm = normalise_url(url)
    m = _SCHEME_HOST_RE.match(norm)
    netloc = m.group(1) if m else ""
    host = netloc.rpartition("@")[2].lower()
    host = host.partition("]")[0] + "]" if host.startswith("[") else host.partition(":")[0]
    host = host.rstrip(".")
    src = source_domain.lower().strip(".") if source_domain else None
    third = src is None or _registrable(host) != _registrable(src)
    return _Request(norm, norm.lower(), host, third, src, types)


_Ids = int | list[int]
#: One index tier: ``[hosts, tokens, fallback]`` (host -> ids, token -> ids, ids checked for every URL).
_Tier = list[Any]
#: Tier names: "any" holds filters that can apply without a source page; "sourced" those with a positive
#: ``$domain=`` list, which only apply when the caller names the page the URL was found on.
_TIERS: Final = ("any", "sourced")


class FilterSet:
    """A set of network filters with a token index; build with ``from_lists`` or ``load``."""

    def __init__(
        self, lists: Sequence[str], records: list[str], index: dict[str, _Tier], stats: dict[str, int]
    ) -> None:
        self._lists = tuple(lists)
        self._records = records  # "list_index:line:filter text"; parsed lazily on first use
        self._index = index
        self.stats = stats
        self._parsed: dict[int, Filter] = {}
        self._regex: dict[int, re.Pattern[str]] = {}
        #: Per tier, the fallback filters with their required literal; built lazily.
        self._fallback_lits: dict[str, list[tuple[str, int]]] = {}

    # ---- building -------------------------------------------------------------------------------
    @classmethod
    def from_lists(cls, paths: Iterable[str | Path]) -> FilterSet:
        parsed: list[Filter] = []
        stats: Counter[str] = Counter()
        names: list[str] = []
        for path in paths:
            p = Path(path)
            names.append(p.name)
            with p.open(encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    result = parse_filter(line, p.name, lineno)
                    if isinstance(result, _Skip):
                        stats["skip:" + result.reason] += 1
                    else:
                        parsed.append(result)
                        stats["exception" if result.exception else "block"] += 1
                        stats["kind:" + result.kind.value] += 1
        return cls._build(names, parsed, stats)

    @classmethod
    def from_text(cls, text: str, name: str = "inline.txt") -> FilterSet:
        """Build from filter lines in a string (for tests and small lists)."""
        parsed: list[Filter] = []
        stats: Counter[str] = Counter()
        for lineno, line in enumerate(text.splitlines(), 1):
            result = parse_filter(line, name, lineno)
            if isinstance(result, _Skip):
                stats["skip:" + result.reason] += 1
            else:
                parsed.append(result)
        return cls._build([name], parsed, stats)

    @classmethod
    def _build(cls, names: list[str], parsed: list[Filter], stats: Counter[str]) -> FilterSet:
        list_index = {n: i for i, n in enumerate(names)}
        all_tokens = [_filter_tokens(f) if f.kind is not _Kind.HOST else [] for f in parsed]
        freq: Counter[str] = Counter(t for toks in all_tokens for t in set(toks))
        tiers: dict[str, tuple[dict[str, list[int]], dict[str, list[int]], list[int]]] = {
            name: ({}, {}, []) for name in _TIERS
        }
        records: list[str] = []
        for fid, (f, toks) in enumerate(zip(parsed, all_tokens, strict=True)):
            records.append(f"{list_index[f.source]}:{f.line}:{f.text}")
            hosts, tokens, fallback = tiers["sourced" if f.include_domains else "any"]
            if f.kind is _Kind.HOST:
                hosts.setdefault(f.pattern, []).append(fid)
            elif toks:
                best = min(
                    toks,
                    key=lambda t: (
                        freq[t] + (_COMMON_TOKEN_PENALTY if t in _COMMON_URL_TOKENS else 0),
                        -len(t),
                    ),
                )
                tokens.setdefault(best, []).append(fid)
            else:
                fallback.append(fid)
        for name, (_, _, fallback) in tiers.items():
            stats[f"fallback:{name}"] = len(fallback)
        stats["filters"] = len(parsed)
        index = {name: [_compact(h), _compact(t), fb] for name, (h, t, fb) in tiers.items()}
        return cls(names, records, index, dict(stats))

    # ---- compiled form --------------------------------------------------------------------------
    def dumps(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "attribution": ATTRIBUTION,
                "lists": list(self._lists),
                "stats": self.stats,
                "records": self._records,
                "index": self._index,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def loads(cls, data: str) -> FilterSet:
        obj = json.loads(data)
        if obj.get("format") != FORMAT:
            raise ValueError(f"not an {FORMAT} file: {obj.get('format')!r}")
        return cls(obj["lists"], obj["records"], obj["index"], obj["stats"])

    @classmethod
    def load(cls, path: str | Path) -> FilterSet:
        return cls.loads(Path(path).read_text(encoding="utf-8"))

    # ---- matching -------------------------------------------------------------------------------
    def _filter(self, fid: int) -> Filter:
        f = self._parsed.get(fid)
        if f is None:
            li, lineno, text = self._records[fid].split(":", 2)
            result = parse_filter(text, self._lists[int(li)], int(lineno))
            assert isinstance(result, Filter), text
            f = self._parsed[fid] = result
        return f

    def _candidates(self, req: _Request) -> list[int]:
        """Ids of the filters that may match: each filter sits in exactly one bucket, so no duplicates."""
        ids: list[int] = []
        labels = req.host.split(".")
        suffixes = {".".join(labels[i:]) for i in range(len(labels))}
        url_tokens = set(_TOKEN_RE.findall(req.lower))
        for tier in ("any", "sourced") if req.source_domain else ("any",):
            hosts, tokens, fallback = self._index[tier]
            for table, keys in ((hosts, suffixes), (tokens, url_tokens)):
                for key in table.keys() & keys:  # one C-level set intersection per table
                    got = table[key]
                    if isinstance(got, int):
                        ids.append(got)
                    else:
                        ids.extend(got)
            if fallback:
                lower = req.lower
                ids.extend(fid for lit, fid in self._fallback(tier) if lit in lower)
        return ids

    def _fallback(self, tier: str) -> list[tuple[str, int]]:
        """A tier's fallback filters (no index token), each with a literal every match contains (lower-cased;
        "" for empty patterns), so that a URL is tested only against the few whose literal it contains."""
        got = self._fallback_lits.get(tier)
        if got is None:
            got = []
            for fid in self._index[tier][2]:
                f = self._filter(fid)
                if f.kind is _Kind.REGEX:
                    runs = _regex_literal_runs(f.pattern)
                elif f.pattern == "*":
                    runs = []
                else:
                    runs = re.split(r"[*^|]", f.pattern)
                got.append((max(runs, key=len, default="").lower(), fid))
            self._fallback_lits[tier] = got
        return got

    def _applies(self, f: Filter, req: _Request) -> bool:
        if f.third_party is not None and f.third_party != req.third_party:
            return False
        src = req.source_domain
        if f.include_domains and (src is None or not any(_domain_matches(src, d) for d in f.include_domains)):
            return False
        return not (
            f.exclude_domains and src is not None and any(_domain_matches(src, d) for d in f.exclude_domains)
        )

    def _url_matches(self, fid: int, f: Filter, req: _Request) -> bool:
        kind = f.kind
        if kind is _Kind.HOST:
            return True  # candidates come from the host table: host equals or is a subdomain
        if kind is _Kind.PLAIN:
            return f.pattern in (req.url if f.match_case else req.lower)
        if f.pattern == "*":
            return True
        rx = self._regex.get(fid)
        if rx is None:
            rx = self._regex[fid] = _pattern_regex(f)
        return rx.search(req.url) is not None

    def match_all(
        self, url: str, types: frozenset[str] = DEFAULT_TYPES, source_domain: str | None = None
    ) -> tuple[list[Filter], list[Filter]]:
        """All applicable (blocking, exception) filters matching ``url``, in list-file order."""
        req = _make_request(url, types, source_domain)
        blocks: list[Filter] = []
        exceptions: list[Filter] = []
        parsed = self._parsed
        for fid in self._candidates(req):
            f = parsed.get(fid) or self._filter(fid)
            if not (f.types & types) or not self._applies(f, req) or not self._url_matches(fid, f, req):
                continue
            (exceptions if f.exception else blocks).append(f)
        if len(blocks) > 1:
            blocks.sort(key=self._order)
        if len(exceptions) > 1:
            exceptions.sort(key=self._order)
        return blocks, exceptions

    def _order(self, f: Filter) -> tuple[int, int]:
        return self._lists.index(f.source), f.line

    def match(
        self,
        url: str,
        types: frozenset[str] = DEFAULT_TYPES,
        source_domain: str | None = None,
        *,
        policy: Policy = Policy.ALL,
    ) -> Match | None:
        """The blocking filter that blocks ``url`` (CERTAIN ones preferred), or None.

        ``types`` are the request types the caller believes the URL has; it is blocked if for one of them
        a blocking filter applies and no ``@@`` exception for that type does (``$important`` blocks ignore
        exceptions).  ``policy=Policy.CERTAIN`` reports only CERTAIN matches (see ``classify``).
        """
        blocks, exceptions = self.match_all(url, types, source_domain)
        excepted = frozenset().union(*(e.types for e in exceptions)) & types
        best: Match | None = None
        for f in blocks:
            if not f.important and not (f.types & types) - excepted:
                continue
            conf = classify(f, types)
            if policy is Policy.CERTAIN and conf is not Confidence.CERTAIN:
                continue
            if best is None or (conf is Confidence.CERTAIN and best.confidence is not Confidence.CERTAIN):
                best = Match(f.text, f.source, f.line, conf)
        return best


def _compact(index: dict[str, list[int]]) -> dict[str, _Ids]:
    return {k: (v[0] if len(v) == 1 else v) for k, v in index.items()}


# Lists compiled into the bundled filter set, in the order their evidence is preferred.
BUNDLED_LISTS: Final = ("easylist.txt", "easyprivacy.txt", "easylistgermany.txt")
COMPILED_NAME: Final = "filters.json"


def compile_folder(folder: Path) -> Path:
    """Compile the bundled lists in ``folder`` into ``folder/filters.json``; return its path."""
    target = folder / COMPILED_NAME
    FilterSet.from_lists([folder / name for name in BUNDLED_LISTS]).save(target)
    return target


if __name__ == "__main__":  # python -m cleanpress.text.abp [FOLDER]  (default: the bundled lists)
    import sys

    from cleanpress.ruleset import builtin_rules_dir

    where = Path(sys.argv[1]) if len(sys.argv) > 1 else builtin_rules_dir() / "lists" / "adblock"
    print(compile_folder(where))
