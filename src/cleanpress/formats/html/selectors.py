"""Fast matching of many CSS selectors: simple compound selectors are indexed by id, class,
tag and attribute name, so each element is checked only against its candidate selectors.

Selectors with combinators or pseudo-classes are "complex": they are compiled with cssselect
to XPath and evaluated once per document (or skipped when the caller asks for it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

_IDENT = r"-?[_a-zA-Z][_a-zA-Z0-9-]*"
_ATTR_RE = re.compile(
    r"\[\s*(?P<name>[_a-zA-Z][_a-zA-Z0-9:-]*)\s*"
    r"(?:(?P<op>[\^$*~|]?=)\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\]\s]+))\s*(?P<flag>[iIsS])?\s*)?\]"
)
_TAG_RE = re.compile(r"(?P<tag>" + _IDENT + r"|\*)")
_ID_RE = re.compile(r"#(?P<id>" + _IDENT + r")")
_CLASS_RE = re.compile(r"\.(?P<cls>" + _IDENT + r")")


@dataclass(frozen=True)
class AttrCond:
    name: str
    op: str  # "" (presence), "=", "^=", "$=", "*=", "~=", "|="
    value: str
    nocase: bool = False

    def test(self, actual: str | None) -> bool:
        if actual is None:
            return False
        op, value = self.op, self.value
        if self.nocase:
            actual, value = actual.lower(), value.lower()
        if op == "":
            return True
        if op == "=":
            return actual == value
        if op == "^=":
            return bool(value) and actual.startswith(value)
        if op == "$=":
            return bool(value) and actual.endswith(value)
        if op == "*=":
            return bool(value) and value in actual
        if op == "~=":
            return value in actual.split()
        return actual == value or actual.startswith(value + "-")  # "|="

    def pattern(self) -> str | None:
        """A regex that every matching attribute value matches (None: any value may match)."""
        if self.op == "" or self.nocase or not self.value:
            return None
        v = re.escape(self.value)
        if self.op == "=":
            return "^" + v + "$"
        if self.op in ("^=", "|="):
            return "^" + v
        if self.op == "$=":
            return v + "$"
        return v  # "*=" and "~=": the value occurs somewhere


@dataclass(frozen=True)
class Compound:
    """A compound selector without combinators: tag, ids, classes and attribute tests."""

    text: str
    tag: str | None
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    attrs: tuple[AttrCond, ...]

    def matches(self, el: etree._Element) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        if self.ids and el.get("id") not in self.ids:
            return False
        if self.classes:
            have = (el.get("class") or "").split()
            if not all(c in have for c in self.classes):
                return False
        return all(a.test(el.get(a.name)) for a in self.attrs)


def parse_compound(text: str) -> Compound | None:
    """Parse `tag#id.cls[attr^=v]`; None when the selector is not a plain compound."""
    s = text.strip()
    pos, tag = 0, None
    m = _TAG_RE.match(s, pos)
    if m:
        tag = None if m.group("tag") == "*" else m.group("tag").lower()
        pos = m.end()
    ids: list[str] = []
    classes: list[str] = []
    attrs: list[AttrCond] = []
    while pos < len(s):
        if m := _ID_RE.match(s, pos):
            ids.append(m.group("id"))
        elif m := _CLASS_RE.match(s, pos):
            classes.append(m.group("cls"))
        elif m := _ATTR_RE.match(s, pos):
            value = m.group("dq") if m.group("dq") is not None else m.group("sq")
            if value is None:
                value = m.group("bare") or ""
            attrs.append(
                AttrCond(
                    m.group("name").lower(),
                    m.group("op") or "",
                    value,
                    (m.group("flag") or "").lower() == "i",
                )
            )
        else:
            return None
        pos = m.end()
    if len(set(ids)) > 1 or (tag is None and not ids and not classes and not attrs):
        return None
    return Compound(s, tag, tuple(ids), tuple(classes), tuple(attrs))


def split_selector_list(text: str) -> list[str]:
    """Split `a, b` at top-level commas (not inside brackets, parentheses or quotes)."""
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


@dataclass(frozen=True)
class Entry:
    compound: Compound
    key: int  # caller's key (e.g. index of the rule)


@dataclass(frozen=True)
class _AttrBucket:
    """Entries keyed by their first attribute test; a regex prefilter skips most elements at once."""

    prefilter: re.Pattern[str] | None  # None: the bucket has presence tests (always candidates)
    presence: tuple[Entry, ...]
    exact: dict[str, tuple[Entry, ...]]
    prefix: tuple[tuple[str, tuple[Entry, ...]], ...]
    suffix: tuple[tuple[str, tuple[Entry, ...]], ...]
    substring: tuple[tuple[str, tuple[Entry, ...]], ...]  # also "~=" and case-insensitive tests

    @classmethod
    def build(cls, entries: list[Entry]) -> _AttrBucket:
        presence: list[Entry] = []
        groups: dict[str, dict[str, list[Entry]]] = {"=": {}, "^": {}, "$": {}, "*": {}}
        for e in entries:
            a = e.compound.attrs[0]
            if a.op == "" or not a.value or a.nocase:
                presence.append(e)  # verified by Compound.matches
            elif a.op == "=":
                groups["="].setdefault(a.value, []).append(e)
            elif a.op in ("^=", "|="):
                groups["^"].setdefault(a.value, []).append(e)
            elif a.op == "$=":
                groups["$"].setdefault(a.value, []).append(e)
            else:
                groups["*"].setdefault(a.value, []).append(e)
        pats = [a.pattern() for e in entries if (a := e.compound.attrs[0]).pattern() is not None]
        prefilter = None if presence else re.compile("|".join(sorted(set(p for p in pats if p))))

        def items(kind: str) -> tuple[tuple[str, tuple[Entry, ...]], ...]:
            return tuple((k, tuple(v)) for k, v in groups[kind].items())

        return cls(
            prefilter,
            tuple(presence),
            {k: tuple(v) for k, v in groups["="].items()},
            items("^"),
            items("$"),
            items("*"),
        )

    def candidates(self, value: str, out: list[Entry]) -> None:
        if self.prefilter is not None and self.prefilter.search(value) is None:
            return
        out.extend(self.presence)
        hit = self.exact.get(value)
        if hit:
            out.extend(hit)
        for v, es in self.prefix:
            if value.startswith(v):
                out.extend(es)
        for v, es in self.suffix:
            if value.endswith(v):
                out.extend(es)
        for v, es in self.substring:
            if v in value:
                out.extend(es)


@dataclass
class SelectorIndex:
    """Compiled selectors. Not frozen: built once, then read-only."""

    by_id: dict[str, list[Entry]] = field(default_factory=dict)
    by_class: dict[str, list[Entry]] = field(default_factory=dict)
    by_tag: dict[str, list[Entry]] = field(default_factory=dict)
    by_attr: dict[str, _AttrBucket] = field(default_factory=dict)
    complex: list[tuple[str, etree.XPath, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    _attr_count: int = 0

    @classmethod
    def build(cls, selectors: Iterable[tuple[str, int, bool]]) -> SelectorIndex:
        """selectors: (css, key, allow_complex); complex ones with allow_complex False are skipped."""
        idx = cls()
        attr_entries: dict[str, list[Entry]] = {}
        for text, key, allow_complex in selectors:
            for part in split_selector_list(text):
                comp = parse_compound(part)
                if comp is None:
                    idx._add_complex(part, key, allow_complex)
                    continue
                entry = Entry(comp, key)
                if comp.ids:
                    idx.by_id.setdefault(comp.ids[0], []).append(entry)
                elif comp.classes:
                    idx.by_class.setdefault(comp.classes[0], []).append(entry)
                elif comp.attrs:
                    attr_entries.setdefault(comp.attrs[0].name, []).append(entry)
                elif comp.tag is not None:
                    idx.by_tag.setdefault(comp.tag, []).append(entry)
        for name, entries in attr_entries.items():
            idx.by_attr[name] = _AttrBucket.build(entries)
            idx._attr_count += len(entries)
        return idx

    def _add_complex(self, text: str, key: int, allow: bool) -> None:
        if not allow:
            self.skipped.append(text)
            return
        from cssselect import GenericTranslator, SelectorError

        try:
            xpath = GenericTranslator().css_to_xpath(text)
            self.complex.append((text, etree.XPath(xpath), key))
        except (SelectorError, etree.XPathSyntaxError, ValueError):
            self.skipped.append(text)

    def __len__(self) -> int:
        return (
            sum(map(len, self.by_id.values()))
            + sum(map(len, self.by_class.values()))
            + sum(map(len, self.by_tag.values()))
            + self._attr_count
            + len(self.complex)
        )

    def match_element(self, el: etree._Element) -> Iterator[Entry]:
        """Yield every indexed entry matching `el` (complex selectors excluded)."""
        cands: list[Entry] = []
        attrib = el.attrib
        if attrib:
            el_id = attrib.get("id")
            if el_id:
                cands.extend(self.by_id.get(el_id, ()))
            el_cls = attrib.get("class")
            if el_cls:
                for c in el_cls.split():
                    cands.extend(self.by_class.get(c, ()))
            by_attr = self.by_attr
            for name, value in attrib.items():
                bucket = by_attr.get(str(name))
                if bucket is not None:
                    bucket.candidates(str(value), cands)
        tag_entries = self.by_tag.get(str(el.tag))
        if tag_entries:
            cands.extend(tag_entries)
        for e in cands:
            if e.compound.matches(el):
                yield e

    def match_complex(self, root: etree._Element) -> Iterator[tuple[etree._Element, int, str]]:
        for text, xp, key in self.complex:
            result = xp(root)
            if isinstance(result, list):
                for el in result:
                    if isinstance(el, etree._Element):
                        yield el, key, text


def parse_all(selectors: Sequence[str]) -> tuple[list[Compound], list[str]]:
    """Split selectors into plain compounds and the rest (for statistics)."""
    simple: list[Compound] = []
    rest: list[str] = []
    for s in selectors:
        for part in split_selector_list(s):
            c = parse_compound(part)
            if c is None:
                rest.append(part)
            else:
                simple.append(c)
    return simple, rest
