"""Required literals of a pattern: strings one of which every match must contain.

A line rule's pattern is long (hundreds of phrasings in seven languages) and costs microseconds
per line, while almost no line matches. Before a rule looks at a line, a cheap scan of the whole
document finds the lines that contain one of the rule's required literals; the others cannot
match and are skipped. The literals are derived from the pattern itself, so a new phrasing in a
rule pack needs no second list.

The analysis is conservative: whatever it does not understand (a character class, a backreference,
an unknown escape) requires nothing, and a pattern that requires nothing is never prefiltered.
Literals are compared case-folded (``str.casefold``) and cut at whitespace, because line rules see
a line with its whitespace collapsed and its case ignored; every non-space run of the line as a
rule sees it is also in the raw line. ``tests/test_literals.py`` checks, over the rules' examples
and generated lines, that no line a pattern accepts is ever rejected.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any

import ahocorasick

from cleanpress.text.folding import fold
from cleanpress.text.lazy import LazyPattern, lazy

# Sets of alternative strings larger than this are given up (treated as "anything").
MAX_ALTERNATIVES = 256
# Fixed repetitions ({3}) are expanded up to this count.
MAX_REPEAT = 4
# Single escapes that stand for one literal character.
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
# Escapes that stand for classes or assertions: they match, but require no literal.
_CLASS_ESCAPES = set("sSdDwWbBAZzGhHvVRXK")


class _Unsupported(Exception):
    """A construct the analysis does not handle: the whole pattern then requires nothing."""


@dataclass(frozen=True, slots=True)
class _Info:
    exact: frozenset[str] | None
    """Every string the node can match, when that set is small and known; else None."""
    required: frozenset[str] | None
    """Strings one of which every match contains; None when nothing is required."""
    pre: frozenset[str] | None = None
    """Non-empty strings one of which every non-empty match starts with; None when unknown."""
    nullable: bool = False
    """Whether the node can match the empty string."""


def _exactly(strings: frozenset[str]) -> _Info:
    """A node that matches exactly ``strings``."""
    return _Info(strings, None, frozenset(s for s in strings if s), "" in strings)


_EMPTY = _exactly(frozenset({""}))
_ANY = _Info(None, None)


def required_literals(pattern: str, *, verbose: bool = False) -> frozenset[str] | None:
    """Case-folded, whitespace-free strings one of which every match of ``pattern`` contains, or
    None when the analysis finds no such set (then every line must be checked)."""
    try:
        parser = _Parser(pattern, verbose)
        info = parser.alternation()
        if parser.pos != len(pattern):
            raise _Unsupported("unbalanced parenthesis")
    except (_Unsupported, IndexError, ValueError):
        return None
    found = _best(info)
    if not found:
        return None
    pieces: set[str] = set()
    for literal in found:
        runs = fold(literal).split()
        if not runs:
            return None  # a match may be only whitespace
        pieces.add(max(runs, key=_rarity))  # the rarest run of a phrase: "más" of "ver más"
    return frozenset(pieces)


def required_prefixes(pattern: str, *, verbose: bool = False) -> Prefixes | None:
    """What every match of ``pattern`` starts with, after a leading decoration class (symbols,
    quotes, dashes, spaces) it may open with; None when the analysis finds nothing useful.

    Line rules match whole lines: a line that starts, at some point of its leading run of
    decoration, with none of the prefixes cannot match, and is not searched."""
    try:
        parser = _Parser(pattern, verbose, decoration=True)
        info = parser.alternation()
        if parser.pos != len(pattern):
            raise _Unsupported("unbalanced parenthesis")
    except (_Unsupported, IndexError, ValueError):
        return None
    if info.pre is None or not info.pre or info.nullable:
        return None
    folded = frozenset(fold(prefix) for prefix in info.pre)
    if "" in folded:
        return None
    return Prefixes(parser.decoration, folded, parser.lead_in)


@dataclass(frozen=True, slots=True)
class Prefixes:
    """The strings one of which every match starts with, case-folded, after a run of
    ``decoration`` (a character class as written in the pattern; None: no decoration), or after
    an optional ``lead_in``."""

    decoration: str | None
    strings: frozenset[str]
    lead_in: tuple[str, int] | None = None
    """(characters, most characters before one): the pattern may open with a short teaser ending
    in one of the characters ("Like this story? Share it …"); the strings may then follow it,
    after spaces and symbols."""


# An optional teaser right after the decoration: up to N characters, one of a few that end it,
# then spaces and symbols ("(?:[^.?!:]{2,50}[?!:]\s?[\p{S}\uFE0F]*\s?)?").
_LEAD_IN = lazy(
    r"\(\?:\[\^[^\]\\]+\]\{\d+,(?P<most>\d+)\}\[(?P<ends>[^\]\\\-]+)\]"
    r"(?:\\s\?|\[(?:\\p\{S\}|\\uFE0F|\\s)+\]\*)*\)\?"
)


def _sequence_starts(items: list[_Info], i: int, acc: frozenset[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``items[i:]`` preceded by one of ``acc`` starts with
    ("" among them: the whole may be empty); None when unknown."""
    while i < len(items):
        item = items[i]
        if item.exact is not None and (crossed := _cross(acc, item.exact)) is not None:
            acc = crossed
            i += 1
            continue
        known = None if "" in acc else acc  # every match starts with one of acc, at least
        if item.pre is None:
            return known
        head = _cross(acc, item.pre)
        if head is None:
            return known
        if not item.nullable:
            return head
        rest = _sequence_starts(items, i + 1, acc)
        if rest is None:
            return known
        return _union(head, rest) or known
    return acc


def _best(info: _Info) -> frozenset[str] | None:
    candidates = [s for s in (info.required, _as_required(info.exact)) if s]
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


def _as_required(exact: frozenset[str] | None) -> frozenset[str] | None:
    if exact is None or "" in exact:
        return None
    return exact


def _selectivity(strings: frozenset[str]) -> tuple[int, int]:
    """Rarer weakest literal first (longer, and a sign outside ASCII such as "©" counts as three
    characters, a run of digits such as "19" as one less), then fewer literals."""
    return (min(_rarity(s.strip()) for s in strings), -len(strings))


def _rarity(literal: str) -> int:
    """How rarely a literal occurs in text, roughly: its length, more for characters outside ASCII
    (a "©" is rarer than "ad"), less for digits (a "19" is in every date)."""
    outside = sum(1 for c in literal if not c.isascii())
    return len(literal) + 2 * outside - (1 if literal.isdigit() else 0)


def _cross(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    if left is None or right is None or len(left) * len(right) > MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _union(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None or len(a) + len(b) > MAX_ALTERNATIVES:
        return None
    return a | b


class _Parser:
    """A recursive-descent reading of the regex syntax the rule packs use (``regex`` module)."""

    def __init__(self, pattern: str, verbose: bool, decoration: bool = False) -> None:
        self.s = pattern
        self.pos = 0
        self.verbose = [verbose]
        self.decoration_pending = decoration
        """Whether a leading decoration class may still come (nothing consumed yet)."""
        self.decoration: str | None = None
        """The leading decoration class read, as written."""
        self.lead_in_pending = False
        """Whether an optional teaser may come (right after the decoration)."""
        self.lead_in: tuple[str, int] | None = None
        """The teaser read: (characters one of which ends it, most characters before one)."""
        if pattern.startswith("(?") and len(pattern) > 2:
            # A global flag group at the start, "(?x)" or "(?xi)", sets the mode for the pattern.
            end = pattern.find(")")
            flags = pattern[2:end]
            if end != -1 and flags.isalpha():
                self.verbose = [verbose or "x" in flags]
                self.pos = end + 1

    # --- structure ---------------------------------------------------------------------------
    def alternation(self) -> _Info:
        branches = [self.sequence()]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact: frozenset[str] | None = frozenset()
        required: frozenset[str] | None = frozenset()
        pre: frozenset[str] | None = frozenset()
        for branch in branches:
            exact = _union(exact, branch.exact)
            required = _union(required, _best(branch))
            pre = _union(pre, branch.pre)
        return _Info(exact, required, pre, any(branch.nullable for branch in branches))

    def sequence(self) -> _Info:
        items: list[_Info] = []
        while True:
            self._skip_verbose()
            ch = self._peek()
            if ch is None or ch in "|)":
                break
            if self.decoration_pending and ch == "[" and self._decoration():
                items.append(_EMPTY)
                continue
            if self.lead_in_pending and ch == "(" and (lead := _LEAD_IN.match(self.s, self.pos)):
                self.lead_in = (lead.group("ends"), int(lead.group("most")))
                self.pos = lead.end()
                self.lead_in_pending = False
                items.append(_EMPTY)
                continue
            items.append(self.quantified(self.atom()))
            self.decoration_pending = False
            self.lead_in_pending = False
        exact: frozenset[str] | None = frozenset({""})
        best: frozenset[str] | None = None
        run: frozenset[str] | None = frozenset({""})
        for item in items:
            exact = _cross(exact, item.exact)
            best = self._better(best, item.required)
            if item.exact is None:
                best = self._better(best, _as_required(run))
                run = frozenset({""})
                continue
            crossed = _cross(run, item.exact)
            if crossed is None:
                best = self._better(best, _as_required(run))
                run = item.exact
            else:
                run = crossed
        best = self._better(best, _as_required(run))
        starts = _sequence_starts(items, 0, frozenset({""}))
        pre = None if starts is None else frozenset(s for s in starts if s)
        return _Info(exact, best, pre, all(item.nullable for item in items))

    def _decoration(self) -> bool:
        """At the start of the pattern, a character class repeated any number of times (leading
        symbols, quotes, dashes and spaces): read it into :attr:`decoration` and skip it."""
        start = self.pos
        self.char_class()
        end = self.pos
        if self._peek() not in ("*", "+"):
            self.pos = start
            self.decoration_pending = False
            return False
        self.pos += 1
        if self._peek() in ("?", "+"):
            self.pos += 1
        self.decoration = self.s[start:end]
        self.decoration_pending = False
        self.lead_in_pending = True
        return True

    @staticmethod
    def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
        if not a:
            return b or None
        if not b:
            return a
        return max(a, b, key=_selectivity)

    def quantified(self, info: _Info) -> _Info:
        self._skip_verbose()
        ch = self._peek()
        if ch is None or ch not in "*+?{":
            return info
        low, high = 0, -1
        if ch == "{":
            close = self.s.find("}", self.pos)
            body = self.s[self.pos + 1 : close] if close != -1 else ""
            parts = body.split(",")
            numbers = all(p.strip().isdigit() or not p.strip() for p in parts)
            if close == -1 or len(parts) > 2 or not numbers:
                return info  # a literal "{"
            low = int(parts[0]) if parts[0].strip() else 0
            high = low if len(parts) == 1 else (int(parts[1]) if parts[1].strip() else -1)
            self.pos = close + 1
        else:
            self.pos += 1
            low, high = {"*": (0, -1), "+": (1, -1), "?": (0, 1)}[ch]
        if self._peek() in ("?", "+"):
            self.pos += 1  # lazy or possessive: the same strings
        if low == 0:
            exact = _union(info.exact, frozenset({""})) if high == 1 else None
            return _Info(exact, None, info.pre, True)
        if low == high and low <= MAX_REPEAT:
            exact = info.exact
            for _ in range(low - 1):
                exact = _cross(exact, info.exact)
            if exact is not None:
                return replace(_exactly(exact), required=_best(info))
        return _Info(None, _best(info), info.pre, info.nullable)

    def atom(self) -> _Info:
        ch = self.s[self.pos]
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == "\\":
            return self.escape()
        self.pos += 1
        if ch in ".":
            return _ANY
        if ch in "^$":
            return _EMPTY
        if ch in "*+?":
            raise _Unsupported("nothing to repeat")
        return _exactly(frozenset({ch}))

    def group(self) -> _Info:
        self.pos += 1
        lookaround = False
        verbose = self.verbose[-1]
        if self.s.startswith("?", self.pos):
            self.pos += 1
            head = self.s[self.pos]
            if head == "#":
                self.pos = self.s.index(")", self.pos) + 1
                return _EMPTY
            if head in "&R" or head.isdigit() or (head in "+-" and self.s[self.pos + 1].isdigit()):
                # A call of another group, (?&name) or (?1): whatever that group matches.
                self.pos = self.s.index(")", self.pos) + 1
                return _ANY
            if head in "=!":
                self.pos += 1
                lookaround = True
                self.decoration_pending = False
            elif head == "<" and self.s[self.pos + 1] in "=!":
                self.pos += 2
                lookaround = True
                self.decoration_pending = False
            elif head == ">" or head == "|":
                self.pos += 1
                if head == "|":
                    raise _Unsupported("branch reset")
            elif head == "P" and self.s.startswith("P<", self.pos):
                self.pos = self.s.index(">", self.pos) + 1
            elif head == "P" and self.s.startswith("P=", self.pos):
                raise _Unsupported("backreference")
            elif head == "<":
                self.pos = self.s.index(">", self.pos) + 1
            else:
                # Scoped flags: (?i:…), (?x-i:…), (?-x:…); a bare (?i) sets them from here on.
                end = self.pos
                while self.s[end].isalpha() or self.s[end] == "-":
                    end += 1
                flags = self.s[self.pos : end]
                on, _, off = flags.partition("-")
                if "x" in on:
                    verbose = True
                if "x" in off:
                    verbose = False
                if self.s[end] == ")":
                    self.pos = end + 1
                    self.verbose[-1] = verbose
                    return _EMPTY
                if self.s[end] != ":":
                    raise _Unsupported(f"group ({flags}")
                self.pos = end + 1
        self.verbose.append(verbose)
        inner = self.alternation()
        self.verbose.pop()
        if self._peek() != ")":
            raise _Unsupported("unclosed group")
        self.pos += 1
        return _EMPTY if lookaround else inner

    def char_class(self) -> _Info:
        start = self.pos
        self.pos += 1
        negated = self._peek() == "^"
        if negated:
            self.pos += 1
        chars: set[str] = set()
        simple = not negated
        first = True
        while True:
            ch = self.s[self.pos]
            if ch == "]" and not first:
                self.pos += 1
                break
            first = False
            if ch == "\\":
                nxt = self.s[self.pos + 1]
                if nxt in _ESCAPED:
                    chars.add(_ESCAPED[nxt])
                    self.pos += 2
                elif nxt.isalnum():
                    simple = False  # \s, \p{…}, \uXXXX: not spelled out here
                    self.pos += 2
                    if nxt in "pPN" and self._peek() == "{":
                        self.pos = self.s.index("}", self.pos) + 1
                    elif nxt == "u":
                        self.pos += 4
                    elif nxt == "x":
                        self.pos += 2
                else:
                    chars.add(nxt)
                    self.pos += 2
            elif ch == "[":
                raise _Unsupported("nested set")
            elif self.s.startswith("-", self.pos + 1) and self.s[self.pos + 2] != "]":
                simple = False  # a range
                self.pos += 3
            else:
                chars.add(ch)
                self.pos += 1
            if self.pos - start > 10_000:
                raise _Unsupported("runaway class")
        if simple and 0 < len(chars) <= 4:
            return _exactly(frozenset(chars))
        return _ANY

    def escape(self) -> _Info:
        nxt = self.s[self.pos + 1]
        self.pos += 2
        if nxt in _ESCAPED:
            return _exactly(frozenset({_ESCAPED[nxt]}))
        if nxt in "pPN":
            if self._peek() == "{":
                self.pos = self.s.index("}", self.pos) + 1
            return _ANY
        if nxt == "u":
            code = self.s[self.pos : self.pos + 4]
            self.pos += 4
            return _exactly(frozenset({chr(int(code, 16))}))
        if nxt == "x":
            code = self.s[self.pos : self.pos + 2]
            self.pos += 2
            return _exactly(frozenset({chr(int(code, 16))}))
        if nxt in "bBAZzG":
            return _EMPTY
        if nxt in _CLASS_ESCAPES:
            return _ANY
        if nxt.isdigit():
            raise _Unsupported("backreference")
        if nxt.isalnum():
            raise _Unsupported(f"escape \\{nxt}")
        return _exactly(frozenset({nxt}))

    # --- helpers -----------------------------------------------------------------------------
    def _peek(self) -> str | None:
        return self.s[self.pos] if self.pos < len(self.s) else None

    def _skip_verbose(self) -> None:
        if not self.verbose[-1]:
            return
        while self.pos < len(self.s):
            ch = self.s[self.pos]
            if ch in " \t\n\r\f\v":
                self.pos += 1
            elif ch == "#":
                end = self.s.find("\n", self.pos)
                self.pos = len(self.s) if end == -1 else end + 1
            else:
                break


# --- the precomputed table of the bundled packs ----------------------------------------------------
LITERALS_FILE = "literals.json"
PREFILTERED_KINDS = ("line-pattern", "url-pattern", "markup-pattern")
"""In the bundled rules folder: pattern digest -> its literals (null: none), so that start-up does
not parse hundreds of patterns. Patterns not in it (user packs, edited rules) are analysed here."""


def pattern_key(pattern: str) -> str:
    return hashlib.sha256(pattern.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@cache
def _tables() -> dict[str, Any]:
    from cleanpress.ruleset import builtin_rules_dir

    try:
        data: dict[str, Any] = json.loads((builtin_rules_dir() / LITERALS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data


def _table() -> dict[str, list[str] | None]:
    table: dict[str, list[str] | None] = _tables().get("patterns", {})
    return table


def prefixes_of(pattern: str) -> Prefixes | None:
    """:func:`required_prefixes` of ``pattern``, from the precomputed table when it is there."""
    table: dict[str, list[Any] | None] = _tables().get("prefixes", {})
    key = pattern_key(pattern)
    if key in table:
        found = table[key]
        if found is None:
            return None
        lead_in = None if found[2] is None else (found[2][0], int(found[2][1]))
        return Prefixes(found[0], frozenset(found[1]), lead_in)
    return required_prefixes(pattern)


def literals_of(pattern: str) -> frozenset[str] | None:
    """:func:`required_literals` of ``pattern``, from the precomputed table when it is there."""
    table = _table()
    key = pattern_key(pattern)
    if key in table:
        found = table[key]
        return None if found is None else frozenset(found)
    return required_literals(pattern)


# URL patterns anchored at the scheme of a normalised URL.
URL_SCHEME_PREFIX = "^https?://"


def url_rest(pattern: str) -> str | None:
    """``pattern`` without its leading :data:`URL_SCHEME_PREFIX` (None: it has none). Every match
    of the pattern holds a match of the rest, so the rest's literals are required literals too."""
    return pattern[len(URL_SCHEME_PREFIX) :] if pattern.startswith(URL_SCHEME_PREFIX) else None


@dataclass(frozen=True, slots=True)
class Prefiltered:
    """A pattern (compiled on first use) and the literals one of which every match contains."""

    pattern: LazyPattern
    literals: frozenset[str] | None
    starts: Prefixes | None = None
    """For a pattern matched against whole lines: what every match starts with."""

    @classmethod
    def of(cls, source: str, flags: int, *, whole_line: bool = False) -> Prefiltered:
        starts = prefixes_of(source) if whole_line else None
        return cls(lazy(source, flags), literals_of(source), starts)

    @classmethod
    def of_url(cls, source: str, flags: int) -> Prefiltered:
        """A pattern over normalised URLs: filtered by the literals of what follows its scheme
        (every URL holds "http://" or "https://", which would let every link through)."""
        rest = url_rest(source)
        literals = literals_of(rest) if rest is not None else None
        return cls(lazy(source, flags), literals if literals is not None else literals_of(source))

    @property
    def source(self) -> str:
        return self.pattern.pattern

    @property
    def flags(self) -> int:
        return self.pattern.flags

    def may_match(self, folded: str) -> bool:
        """Whether a match can be in the case-folded text (False: surely none)."""
        return self.literals is None or any(literal in folded for literal in self.literals)


@dataclass(frozen=True, slots=True)
class LiteralIndex:
    """One Aho-Corasick automaton over the literals of several patterns (bit i: pattern i), for
    the line, link and markup rules: which patterns a text can match, found in one pass."""

    automaton: Any
    """Folded literal -> mask of the patterns that require it (None: no pattern has literals)."""
    always: int
    """Mask of the patterns that require no literal: always tried."""

    @classmethod
    def of(cls, literal_sets: Sequence[frozenset[str] | None]) -> LiteralIndex:
        masks: dict[str, int] = {}
        always = 0
        for bit, literals in enumerate(literal_sets):
            if literals is None:
                always |= 1 << bit
                continue
            for literal in literals:
                masks[literal] = masks.get(literal, 0) | 1 << bit
        if not masks:
            return cls(None, always)
        automaton = ahocorasick.Automaton()
        for literal, mask in masks.items():
            automaton.add_word(literal, mask)
        automaton.make_automaton()
        return cls(automaton, always)

    def mask(self, folded: str) -> int:
        """Mask of the patterns whose literals ``folded`` (a case-folded text) holds, with those
        that need none."""
        mask = self.always
        if self.automaton is not None:
            for _, bits in self.automaton.iter(folded):
                mask |= bits
        return mask

    def lines(self, folded: str) -> Iterator[tuple[int, int]]:
        """(line index, mask of the literals it holds) of each line of ``folded`` that holds one,
        in order. Hits come in text order and a literal never spans a line break; case folding
        never adds or removes a line break, so lines are counted in the folded text."""
        if self.automaton is None:
            return
        line = -1
        mask = 0
        line_end = -1
        counted = 0
        for end, bits in self.automaton.iter(folded):
            if end < line_end:
                mask |= bits
                continue
            if line >= 0:
                yield line, mask
            line += folded.count("\n", counted, end) + (line < 0)
            counted = end
            line_end = folded.find("\n", end)
            if line_end == -1:
                line_end = len(folded)
            mask = bits
        if line >= 0:
            yield line, mask


def write_table(patterns: list[str], path: Path, line_patterns: list[str] | None = None) -> int:
    """Write the table for ``patterns`` (and the prefixes of ``line_patterns``) to ``path``;
    return how many patterns it holds."""
    entries = {}
    for pattern in patterns:
        found = required_literals(pattern)
        entries[pattern_key(pattern)] = None if found is None else sorted(found)
    prefixes: dict[str, list[Any] | None] = {}
    for pattern in line_patterns or []:
        starts = required_prefixes(pattern)
        entry = None if starts is None else [starts.decoration, sorted(starts.strings), starts.lead_in]
        prefixes[pattern_key(pattern)] = entry
    payload = {
        "about": "Required literals of the bundled line, URL and markup patterns, and prefixes of "
        "the line patterns (cleanpress.detect.literals); "
        "regenerate with: python -m cleanpress.detect.literals",
        "patterns": dict(sorted(entries.items())),
        "prefixes": dict(sorted(prefixes.items())),
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return len(entries)


def bundled_patterns() -> list[str]:
    """The patterns of the bundled line, URL and markup rules, in pack order."""
    from cleanpress.ruleset import load_rules

    patterns: list[str] = []
    for rule in load_rules():
        if rule.kind in PREFILTERED_KINDS:
            params = rule.params
            patterns += [params["pattern"]] if "pattern" in params else []
            patterns += list(params.get("patterns", []))
            if rule.kind == "url-pattern" and (rest := url_rest(params["pattern"])) is not None:
                patterns.append(rest)
    return patterns


def bundled_line_patterns() -> list[str]:
    """The patterns of the bundled line rules, in pack order."""
    from cleanpress.ruleset import load_rules

    patterns: list[str] = []
    for rule in load_rules():
        if rule.kind == "line-pattern":
            params = rule.params
            patterns += [params["pattern"]] if "pattern" in params else []
            patterns += list(params.get("patterns", []))
    return patterns


if __name__ == "__main__":  # python -m cleanpress.detect.literals
    from cleanpress.ruleset import builtin_rules_dir

    target = builtin_rules_dir() / LITERALS_FILE
    print(f"{target}: {write_table(bundled_patterns(), target, bundled_line_patterns())} patterns")
