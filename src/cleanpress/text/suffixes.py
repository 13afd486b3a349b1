"""Public suffixes: splitting a host into subdomain, registrable name and suffix.

The Public Suffix List is the snapshot bundled with tldextract (its ICANN section), read here as a
file: tldextract itself would import an HTTP client at start-up, and cleanpress never fetches the
list. The split is tldextract's (``TLDExtract(include_psl_private_domains=False)`` with no fetch):
wildcard and exception rules, punycode labels compared decoded, IPv4 and bracketed IPv6 hosts as
they are. ``tests/test_suffixes.py`` compares the two on thousands of hosts.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from ipaddress import AddressValueError, IPv6Address
from pathlib import Path

SNAPSHOT = ".tld_set_snapshot"
_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_SUFFIX_LINE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_IPV4 = re.compile(
    r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.)"
    r"{3}(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    re.ASCII,
)
_IDEOGRAPHIC_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
# Hosts recur across a corpus; their splits are kept for this many hosts.
SPLIT_CACHE_SIZE = 65536


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False


class SuffixListMissing(RuntimeError):
    """tldextract's bundled suffix list is not installed."""


def snapshot_path() -> Path:
    spec = importlib.util.find_spec("tldextract")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SuffixListMissing("cleanpress needs tldextract's bundled public suffix list")
    return Path(next(iter(spec.submodule_search_locations))) / SNAPSHOT


@cache
def _rules_by_tld() -> dict[str, list[str]]:
    """The ICANN section's rules, grouped by their last label (read once)."""
    text = snapshot_path().read_text(encoding="utf-8")
    public = text.partition(_PRIVATE_SECTION)[0]
    grouped: dict[str, list[str]] = {}
    for m in _SUFFIX_LINE.finditer(public):
        rule = m.group("suffix")
        grouped.setdefault(rule.rpartition(".")[2], []).append(rule)
    return grouped


@cache
def _tld_node(tld: str) -> _Node | None:
    """The suffix trie under ``tld``, built the first time a host under it is split."""
    rules = _rules_by_tld().get(tld)
    if rules is None:
        return None
    node = _Node()
    for rule in rules:
        at = node
        for label in reversed(rule.split(".")[:-1]):
            at = at.children.setdefault(label, _Node())
        at.end = True
    return node


def _decode(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna  # only for punycode labels; idna comes with tldextract

        try:
            decoded: str = idna.decode(lowered)
            return decoded
        except (UnicodeError, IndexError):
            pass
    return lowered


def _host(value: str) -> str:
    """The host of a URL-like string, as tldextract reads it (scheme, path, user and port dropped)."""
    start = value.find("//")
    if start == 0:
        value = value[2:]
    elif start >= 2 and value[start - 1] == ":" and re.fullmatch(r"[A-Za-z0-9+.-]*", value[: start - 1]):
        value = value[start + 2 :]
    authority = value.partition("/")[0].partition("?")[0].partition("#")[0]
    after_user = authority.rpartition("@")[-1]
    if after_user.startswith("["):
        before, bracket, _ = after_user.partition("]")
        if bracket:
            return f"{before}]"
    return after_user.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


def _is_ipv6(value: str) -> bool:
    try:
        IPv6Address(value)
    except AddressValueError:
        return False
    return True


@lru_cache(maxsize=SPLIT_CACHE_SIZE)
def split_host(host: str) -> tuple[str, str, str]:
    """``(subdomain, domain, suffix)`` of ``host`` ("news.bbc.co.uk" -> ("news", "bbc", "co.uk"))."""
    netloc = _host(host).translate(_IDEOGRAPHIC_DOTS)
    if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]" and _is_ipv6(netloc[1:-1]):
        return "", netloc, ""
    labels = netloc.split(".")
    index = _suffix_index(labels)
    if index is None:
        if len(labels) == 4 and netloc[:1].isdecimal() and _IPV4.fullmatch(netloc):
            return "", netloc, ""
        return ".".join(labels[:-1]), labels[-1], ""
    subdomain = ".".join(labels[: index - 1]) if index >= 2 else ""
    domain = labels[index - 1] if index > 0 else ""
    return subdomain, domain, ".".join(labels[index:])


def _suffix_index(labels: list[str]) -> int | None:
    """Index of the first label of the public suffix, or None when no suffix is known."""
    suffix_at = at = len(labels)
    node: _Node | None = None
    for label in reversed(labels):
        decoded = _decode(label)
        child = _tld_node(decoded) if node is None else node.children.get(decoded)
        if child is not None:
            at -= 1
            node = child
            if node.end:
                suffix_at = at
            continue
        if node is not None and "*" in node.children:
            return at if "!" + decoded in node.children else at - 1
        break
    return None if suffix_at == len(labels) else suffix_at
