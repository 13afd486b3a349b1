"""Domain lists: reading plain, hosts-file and Adblock (``||domain^``) formats, and matching hosts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import filterfalse
from pathlib import Path

from cleanpress.text.lazy import lazy

_HOSTS_ADDRESSES = {"0.0.0.0", "127.0.0.1", "::", "::1", "::0"}
_DOMAIN = lazy(r"(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,62})?\.)+[\p{L}\p{N}-]{2,63}")
_SIMPLE = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,62}\.)+[a-z][a-z0-9-]{1,62}")
_ABP = lazy(r"^\|\|([^/^$*|]+)\^?(?:\$.*)?$")


class ListFormatError(ValueError):
    """A line in a domain list that is neither a domain, a hosts entry nor an ``||domain^`` rule."""

    def __init__(self, line_number: int, message: str) -> None:
        super().__init__(message)
        self.line_number = line_number


def parse_domain_list(text: str, fmt: str = "auto") -> list[str]:
    """The domains in a list file, lower-cased, in order, without duplicates.

    ``fmt`` is ``plain`` (one domain a line), ``hosts`` (``0.0.0.0 domain``), ``abp``
    (``||domain^``, other filter syntax skipped) or ``auto`` (each line by its own shape).
    Comments (``#``, ``!``) and blank lines are skipped.
    """
    lines = text.splitlines()
    if fmt in ("plain", "auto"):
        # The common file: one lower-case ASCII domain a line, and comments. Checked in C, line by
        # line; any other line sends the file down the careful path below.
        others = filterfalse(_SIMPLE.fullmatch, lines)
        if all(not line.strip() or line.lstrip().startswith(("#", "!")) for line in others):
            return list(dict.fromkeys(filter(_SIMPLE.fullmatch, lines)))
    seen: dict[str, None] = {}
    for number, raw in enumerate(lines, start=1):
        if fmt in ("plain", "auto") and _SIMPLE.fullmatch(raw):
            seen[raw] = None  # the common case, one lower-case ASCII domain: no further parsing
            continue
        line = raw.split("#", 1)[0].strip() if fmt != "abp" else raw.strip()
        if not line or line.startswith(("!", "[")):
            continue
        domain = _parse_line(line, fmt)
        if domain is None:
            if fmt == "abp":
                continue  # element-hiding and path filters are not domain rules
            raise ListFormatError(number, f"not a domain, hosts entry or ||domain^ rule: {raw.strip()!r}")
        if domain:
            seen[domain] = None
    return list(seen)


def _parse_line(line: str, fmt: str) -> str | None:
    if fmt in ("abp", "auto") and line.startswith("||"):
        m = _ABP.match(line)
        return _clean(m.group(1)) if m else None
    if fmt == "abp":
        return None
    parts = line.split()
    if fmt in ("hosts", "auto") and len(parts) >= 2 and parts[0] in _HOSTS_ADDRESSES:
        # Hosts files also name the machine itself (localhost, ip6-loopback): no dot, no domain.
        return _clean(parts[1]) if "." in parts[1] else ""
    if fmt in ("plain", "auto") and len(parts) == 1:
        return _clean(parts[0])
    return None


def _clean(candidate: str) -> str | None:
    domain = candidate.strip().strip(".").lower()
    if domain.startswith("*."):
        domain = domain[2:]
    return domain if _DOMAIN.fullmatch(domain) else None


class DomainSet:
    """A set of domains matched by host: a host matches when it or any parent domain is listed."""

    __slots__ = ("_domains",)

    def __init__(self, domains: Iterable[str] = ()) -> None:
        self._domains: set[str] | frozenset[str] = {d.lower().strip(".") for d in domains if d}

    @classmethod
    def of_normalised(cls, domains: frozenset[str]) -> DomainSet:
        """A set over ``domains`` that are lower-case already, without leading or trailing dots."""
        made = cls()
        made._domains = domains - {""} if "" in domains else domains
        return made

    def __len__(self) -> int:
        return len(self._domains)

    def __bool__(self) -> bool:
        return bool(self._domains)

    def with_domains(self, domains: Iterable[str]) -> DomainSet:
        """A new set holding these domains and ``domains``."""
        return DomainSet([*self._domains, *domains])

    def update(self, domains: Iterable[str]) -> None:
        self._domains = set(self._domains) | {d.lower().strip(".") for d in domains if d}

    def first_of(self, names: Iterable[str]) -> str | None:
        """The first of ``names`` (normalised) that is listed, or None."""
        domains = self._domains
        for name in names:
            if name in domains:
                return name
        return None

    def match(self, host: str) -> str | None:
        """The listed domain that ``host`` is, or is a subdomain of; None when none is."""
        return self.first_of(names_of(host))


def names_of(host: str) -> tuple[str, ...]:
    """``host`` (lower-cased, without outer dots) and each of its parent domains, most specific
    first: the names a domain list is matched by."""
    name = host.lower().strip(".")
    parts = [name]
    while (dot := name.find(".")) != -1:
        name = name[dot + 1 :]
        parts.append(name)
    return tuple(parts)


def read_domain_list(path: Path, fmt: str = "auto") -> list[str]:
    return parse_domain_list(path.read_text(encoding="utf-8"), fmt)
