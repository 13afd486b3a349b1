"""A document under cleaning: its text, its lines, the regions no rule may touch, and the
structure facts (titles, wrapped paragraphs, tables, reference definitions) line rules respect.

Readers in :mod:`cleanpress.formats` build it; detectors read it; nothing changes it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

from cleanpress.text.folding import fold

# Documents someone wrote as such (a README, a manual), as opposed to text scraped from a page.
AUTHORED_FORMATS = frozenset({"markdown", "rst"})


@dataclass(slots=True, unsafe_hash=True)
class Line:
    """One line: ``text[start:end]`` is its content, ``text[end:next_start]`` its line break.

    Not frozen, for speed (a document makes one per line; a frozen dataclass sets each field
    through ``object.__setattr__``), but never changed once made."""

    index: int
    start: int
    end: int
    next_start: int

    @property
    def has_break(self) -> bool:
        return self.next_start > self.end


@dataclass(frozen=True, slots=True)
class Structure:
    """Lines a line rule (one that removes whole lines for what they say) leaves alone.

    A title stays while some line of its section's body stays; a line of a wrapped paragraph
    while a line it wraps with stays: ``gone`` in :meth:`keeps` names the lines other rules
    already remove, so that cleaning the output removes nothing more."""

    titles: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    """Line of a section title (or its underline / overline) -> the body lines of its section."""
    wrapped: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    """Line of a wrapped paragraph -> the lines it wraps with (the one before, the one after)."""
    tables: frozenset[int] = frozenset()
    """Rows of a table (Markdown pipe table, reST grid or simple table, HTML table)."""
    definitions: frozenset[int] = frozenset()
    """Link reference definitions: the link rules judge their URL, line rules leave them alone."""
    licence: frozenset[int] = frozenset()
    """Lines of a section titled for licensing ("License", "Copyright", "Legal"), or of a document
    holding a licence text (GPL, MIT, BSD, Apache, …): its copyright notices are the document's
    own, not a site's footer."""
    indented: frozenset[int] = frozenset()
    """In plain text, lines indented four columns or more: quoted or code (a changelog quoting a
    licence header, an e-mail quoting a message); scraped spam stands at the margin."""
    captions: frozenset[int] = frozenset()
    """Lines that label the code block right under them ("**Subscribe**" over the code that
    subscribes): they say what the code does, whatever their words."""

    def keeps(self, index: int, gone: AbstractSet[int] = frozenset()) -> str | None:
        """Why line ``index`` is structure a line rule must not remove, or None."""
        if index in self.tables:
            return "table"
        if index in self.definitions:
            return "reference definition"
        if index in self.licence:
            return "licence section"
        if index in self.captions:
            return "code caption"
        if index in self.indented:
            return "indented block"
        body = self.titles.get(index)
        if body is not None and any(line not in gone for line in body):
            return "section title"
        partners = self.wrapped.get(index)
        if partners is not None and any(line not in gone for line in partners):
            return "wrapped paragraph"
        return None


NO_STRUCTURE = Structure()

Wrapped = Mapping[int, tuple[int, ...]]
"""Line of a wrapped paragraph -> the lines it wraps with (the one before, the one after)."""


class StructureReader(Protocol):
    """How a format reads the structure of its documents (:mod:`cleanpress.formats.structure`)."""

    def wrapped(self, text: str) -> Wrapped:
        """The wrapped-paragraph facts alone (the link detectors need no more)."""
        ...

    def authored(self, text: str) -> bool:
        """Whether a person wrote the document in its format (a README), rather than a page's
        text reading as that format (injected Markdown links in a scraped article)."""
        ...

    def __call__(self, text: str, wrapped: Wrapped | None = None) -> Structure:
        """Every structure fact; ``wrapped``: those facts, when :meth:`wrapped` gave them already."""
        ...


class Document:
    """Text plus the line table, protected regions and structure facts every detector works from.

    ``structure``: computes the structure facts from the text (a format's reader supplies it); it
    runs the first time :attr:`structure` is read, so documents no line rule matches never pay, and
    :attr:`wrapped` reads the wrapped-paragraph facts without the rest."""

    def __init__(
        self,
        text: str,
        fmt: str,
        protected: Sequence[tuple[int, int]] = (),
        structure: StructureReader | None = None,
    ) -> None:
        self.text = text
        self.format = fmt
        self.lines: list[Line] = _split_lines(text)
        self._line_starts = [line.start for line in self.lines]
        self.protected: list[tuple[int, int]] = list(protected)
        """Sorted, disjoint spans (code) that no rule may touch."""
        self._protected_starts = [start for start, _ in self.protected]
        self._compute_structure = structure
        self._structure: Structure | None = None
        self._wrapped: Wrapped | None = None
        self._authored: bool | None = None
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        """The text case-folded (computed once): the same length per line, line breaks where the
        text has them, for scans by case-folded literals."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @property
    def structure(self) -> Structure:
        """Titles, wrapped paragraphs, tables and reference definitions (computed on first use)."""
        if self._structure is None:
            compute = self._compute_structure
            self._structure = NO_STRUCTURE if compute is None else compute(self.text, self._wrapped)
        return self._structure

    @property
    def wrapped(self) -> Wrapped:
        """Line of a wrapped paragraph -> the lines it wraps with, without computing the rest of
        :attr:`structure` (shared with it)."""
        if self._structure is not None:
            return self._structure.wrapped
        if self._wrapped is None:
            compute = self._compute_structure
            self._wrapped = NO_STRUCTURE.wrapped if compute is None else compute.wrapped(self.text)
        return self._wrapped

    @property
    def authored(self) -> bool:
        """Written as Markdown or reST by a person (see :meth:`StructureReader.authored`); decided
        on first use."""
        if self._authored is None:
            compute = self._compute_structure
            self._authored = compute is not None and compute.authored(self.text)
        return self._authored

    def line_at(self, offset: int) -> Line:
        return self.lines[bisect_right(self._line_starts, offset) - 1]

    def content(self, line: Line) -> str:
        return self.text[line.start : line.end]

    def is_blank(self, index: int) -> bool:
        line = self.lines[index]
        return not self.text[line.start : line.end].strip()

    def is_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a protected region."""
        if not self.protected:
            return False
        # Regions are sorted and disjoint, so only the last one starting before ``end`` can overlap.
        i = bisect_right(self._protected_starts, end - 1) - 1
        return i >= 0 and self.protected[i][1] > start


def _split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    n = len(text)
    index = 0
    while True:
        nl = text.find("\n", pos)
        if nl == -1:
            end = n
            lines.append(Line(index, pos, end, n))
            break
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        lines.append(Line(index, pos, end, nl + 1))
        pos = nl + 1
        index += 1
        if pos == n:
            break
    return lines
