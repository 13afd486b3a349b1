"""``line-pattern``: a whole line that matches a pattern (boilerplate: ad markers, share prompts, …).

Lines are matched as :func:`cleanpress.text.lines.strip_line` reads them: tags, list, heading and
quote markers, emphasis and end punctuation stripped, whitespace collapsed. A line the document's
structure holds (a title heading a section, a line of a wrapped paragraph, a table row, a link
reference definition, a line of a licence section: :class:`cleanpress.document.Structure`) is
never removed.

Work is proportional to what a document contains, not to rules x lines: one Aho-Corasick pass over
the case-folded document finds the lines that hold a required literal of some pattern
(:mod:`cleanpress.detect.literals`), and only those patterns are tried on those lines. A pattern is
compiled the first time a line needs it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleanpress.detect import budget
from cleanpress.detect.base import Compiled, Context, Finding
from cleanpress.detect.context import removed_lines
from cleanpress.detect.literals import LiteralIndex, Prefiltered, Prefixes
from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.folding import fold
from cleanpress.text.lazy import LazyPattern, lazy
from cleanpress.text.lines import strip_line

DEFAULT_MAX_CHARS = 300
# Decoration stripped before matching (markers, emphasis, punctuation) is short: a raw line longer
# than twice a rule's limit plus this much cannot match it, unless it holds tags.
DECORATION_ALLOWANCE = 40


def compile(rule: Rule) -> Compiled:
    p = rule.params
    sources = ([p["pattern"]] if "pattern" in p else []) + list(p.get("patterns", []))
    flags = 0 if p.get("case_sensitive") else regex.I
    return Compiled(rule, tuple(Prefiltered.of(source, flags, whole_line=True) for source in sources))


@dataclass(frozen=True, slots=True)
class Start:
    """What a whole-line match starts with: one of ``strings`` (case-folded), somewhere in the
    line's leading run of ``decoration`` characters (a character class; None: none), or after a
    teaser (``lead_in``: a character that ends it, within so many characters, then spaces and
    symbols)."""

    decoration: LazyPattern | None
    strings: tuple[str, ...]
    longest: int
    lead_in: tuple[str, int] | None = None

    @classmethod
    def of(cls, prefixes: Prefixes | None) -> Start | None:
        if prefixes is None:
            return None
        decoration = None if prefixes.decoration is None else lazy(f"{prefixes.decoration}*")
        strings = tuple(sorted(prefixes.strings))
        return cls(decoration, strings, max(len(s) for s in strings), prefixes.lead_in)

    def admits(self, line: str) -> bool:
        """Whether a match of the whole ``line`` can start with one of the strings (False:
        surely not)."""
        run = 0 if self.decoration is None else self.decoration.match(line).end()
        longest = self.longest
        strings = self.strings
        # Each character folds to at least one, so ``longest`` characters hold the prefix.
        for j in range(run + 1):
            if fold(line[j : j + longest]).startswith(strings):
                return True
        if self.lead_in is None:
            return False
        ends, most = self.lead_in
        for e in range(min(len(line), run + most + 1)):
            if line[e] in ends:
                j = e + 1
                while True:
                    if fold(line[j : j + longest]).startswith(strings):
                        return True
                    if j >= len(line) or line[j].isalnum():
                        break
                    j += 1
        return False


@dataclass(frozen=True, slots=True)
class Prepared:
    """The line rules of a cleaner, with one automaton over every pattern's literals."""

    rules: tuple[Compiled, ...]
    patterns: tuple[tuple[int, Prefiltered], ...]
    """(rule index, pattern), in rule order; a pattern's bit in a mask is its index here."""
    starts: tuple[Start | None, ...]
    """What each pattern's matches start with (None: not known)."""
    literals: LiteralIndex
    """The patterns' literals; those that require none are tried on every line short enough."""
    longest: int
    """Raw line length beyond which no rule can match (unless the line holds tags)."""
    reach: tuple[tuple[int, int], ...] = ()
    """(raw length limit, mask of the patterns whose rule allows a line that long), by limit: a
    line longer than a rule's limit is not tried against it (unless it holds tags)."""
    unauthored: int = 0
    """Mask of the patterns whose rule leaves authored documents (Markdown, reST) alone."""
    tests: tuple[tuple[Rule, int, Start | None, LazyPattern], ...] = ()
    """Per pattern (by bit): its rule, the rule's longest line, its start test, the pattern."""

    @property
    def always(self) -> int:
        """Mask of the patterns that require no literal."""
        return self.literals.always

    def fitting(self, length: int) -> int:
        """Mask of the patterns a raw line of ``length`` characters can still match."""
        i = bisect_left(self.reach, (length, 0))
        return self.reach[i][1] if i < len(self.reach) else 0


def prepare(rules: Sequence[Compiled]) -> Prepared:
    patterns: list[tuple[int, Prefiltered]] = []
    for index, compiled in enumerate(rules):
        patterns.extend((index, pattern) for pattern in compiled.matcher)
    literals = LiteralIndex.of([pattern.literals for _, pattern in patterns])
    limits = [_raw_limit(rules[index].rule) for index, _ in patterns]
    longest = max((_raw_limit(c.rule) for c in rules), default=0)
    reach = tuple(
        (limit, sum(1 << bit for bit, own in enumerate(limits) if own >= limit))
        for limit in sorted(set(limits))
    )
    starts = tuple(Start.of(pattern.starts) for _, pattern in patterns)
    unauthored = sum(
        1 << bit
        for bit, (index, _) in enumerate(patterns)
        if not rules[index].rule.params.get("authored", True)
    )
    tests = tuple(
        (
            rules[index].rule,
            int(rules[index].rule.params.get("max_chars", DEFAULT_MAX_CHARS)),
            start,
            pattern.pattern,
        )
        for (index, pattern), start in zip(patterns, starts, strict=True)
    )
    return Prepared(tuple(rules), tuple(patterns), starts, literals, longest, reach, unauthored, tests)


def _raw_limit(rule: Rule) -> int:
    """Decoration stripped before matching (markers, emphasis, punctuation) is short: a raw line
    longer than twice a rule's limit plus this allowance cannot match it."""
    return 2 * int(rule.params.get("max_chars", DEFAULT_MAX_CHARS)) + DECORATION_ALLOWANCE


def find(doc: Document, prepared: Prepared, ctx: Context, found: Sequence[Finding]) -> list[Finding]:
    text = doc.text
    matched: dict[int, Rule] = {}
    # A line's verdict depends on its text only (its candidate patterns are those whose literals
    # it holds): a line the first pass read is not read again by the second.
    known, learned = ctx.known, ctx.verdicts
    # Rules for scraped text only (authored = false) leave Markdown and reST written as such alone.
    allowed = ~prepared.unauthored if prepared.unauthored and doc.authored else -1
    for index, mask in sorted(_candidates(doc, prepared).items()):
        mask &= allowed
        if not mask:
            continue
        line = doc.lines[index]
        content = text[line.start : line.end]
        if "<" not in content and "&lt;" not in content:
            mask &= prepared.fitting(len(content))  # too long for some rules even after stripping
            if not mask:
                continue
        if not content.strip() or doc.is_protected(line.start, line.end):
            continue
        key = (_VERDICT, content)
        if key in known:
            rule = known[key]
        else:
            # A line of decoration only ("[…]") is matched as written.
            stripped = strip_line(content) or content.strip()
            rule = learned[key] = _first_match(prepared, mask, stripped)
        if rule is not None:
            matched[index] = rule
    if not matched:
        return []
    # A section title, a line of a wrapped paragraph, a table cell, a reference definition, a
    # licence section's notice: the words are the document's, whatever they say. A neighbour that
    # goes too (spam found earlier, or boilerplate matched here) does not make a line structure.
    gone = removed_lines(doc, found) | set(matched)
    findings: list[Finding] = []
    for index, rule in matched.items():
        if doc.structure.keeps(index, gone) is None:
            line = doc.lines[index]
            findings.append(Finding(rule, line.start, line.end, whole_line=True))
    return findings


# The key under which a line's verdict is kept in Context.verdicts (a prefix: other detectors may
# keep theirs there too).
_VERDICT = "line-pattern:"


def _candidates(doc: Document, prepared: Prepared) -> dict[int, int]:
    """Line index -> mask of the patterns whose literals the line holds (plus those that need none)."""
    always = prepared.always
    masks: dict[int, int] = dict.fromkeys(range(len(doc.lines)), always) if always else {}
    for line, mask in prepared.literals.lines(doc.folded):
        masks[line] = always | mask
    return masks


def _first_match(prepared: Prepared, mask: int, stripped: str) -> Rule | None:
    """The first rule (in order) one of whose candidate patterns matches the whole line."""
    tests = prepared.tests
    length = len(stripped)
    while mask:
        low = mask & -mask
        mask ^= low
        rule, max_chars, start, pattern = tests[low.bit_length() - 1]
        if length > max_chars or (start is not None and not start.admits(stripped)):
            continue
        if budget.run(rule, pattern.fullmatch, stripped) is not None:
            return rule
    return None
