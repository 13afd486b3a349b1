"""What a corpus run tells its user: documents, changes, removals and characters per rule, and the
hosts and lines removed most often.

A :class:`CorpusSummary` is filled record by record (:meth:`CorpusSummary.add`), one per shard,
and shards' summaries are merged in input order (:meth:`CorpusSummary.merge`), so the figures do
not depend on how the work was spread. The host and line tallies are bounded: past
:data:`MAX_TRACKED` distinct keys the rarest are dropped, so memory stays flat on any corpus and
the most frequent keys (the ones shown) survive.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleanpress.model import CleanResult
from cleanpress.text.urls import find_urls

# Distinct hosts (or removed lines) tallied before the rarest are dropped, and how many survive a
# pruning. Spam hosts and boilerplate lines repeat: the top few hundred carry nearly every count.
MAX_TRACKED = 20_000
KEPT_ON_PRUNE = 2_000
# Hosts and lines shown in the summary, and the width a removed line is cut to.
TOP_SHOWN = 10
LINE_WIDTH = 70


@dataclass(slots=True)
class CorpusSummary:
    """Counts for one shard or a whole run."""

    documents: int = 0
    changed: int = 0
    status: Counter[str] = field(default_factory=Counter)
    """Records by status other than changed/unchanged: ``malformed``, ``no-field``, ``skipped``."""
    removals: Counter[str] = field(default_factory=Counter)
    """Removals per rule id."""
    chars: Counter[str] = field(default_factory=Counter)
    """Characters removed per rule id (net of replacements)."""
    hosts: Counter[str] = field(default_factory=Counter)
    lines: Counter[str] = field(default_factory=Counter)
    """Removed text that holds no URL (boilerplate lines), stripped and cut to :data:`LINE_WIDTH`."""

    def add_status(self, status: str) -> None:
        """A record not cleaned (``malformed``, ``no-field``, ``skipped``); blanks are not records."""
        if status == "blank":
            return
        self.documents += 1
        self.status[status] += 1

    def add(self, result: CleanResult) -> None:
        """One cleaned record."""
        self.documents += 1
        if not result.changed:
            return
        self.changed += 1
        for removal in result.removals:
            self.removals[removal.rule] += 1
            self.chars[removal.rule] += len(removal.text) - len(removal.replacement)
            host = next((hit.host for hit in find_urls(removal.text)), None)
            if host is not None:
                self.hosts[host.removeprefix("www.")] += 1
            elif removal.text.strip():
                self.lines[_cut(removal.text)] += 1
        _bound(self.hosts)
        _bound(self.lines)

    def merge(self, other: CorpusSummary) -> None:
        self.documents += other.documents
        self.changed += other.changed
        for mine, theirs in (
            (self.status, other.status),
            (self.removals, other.removals),
            (self.chars, other.chars),
            (self.hosts, other.hosts),
            (self.lines, other.lines),
        ):
            mine.update(theirs)
        _bound(self.hosts)
        _bound(self.lines)

    def render(self, top: int = TOP_SHOWN) -> list[str]:
        """The summary as lines for stderr."""
        total = sum(self.removals.values())
        chars = sum(self.chars.values())
        head = f"{self.documents} documents, {self.changed} changed ({total} removals, {chars} chars)"
        extra = [f"{n} {status}" for status, n in sorted(self.status.items()) if n]
        out = [", ".join([head, *extra])]
        if self.removals:
            out.append(f"  {'rule':<8}{'removals':>10}{'chars':>12}")
            for rule in sorted(self.removals):
                out.append(f"  {rule:<8}{self.removals[rule]:>10}{self.chars[rule]:>12}")
        for title, counter in (("hosts", self.hosts), ("lines", self.lines)):
            if counter:
                out.append(f"  most removed {title}:")
                out.extend(f"  {n:>8}  {key}" for key, n in _top(counter, top))
        return out


def _cut(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= LINE_WIDTH else line[: LINE_WIDTH - 1] + "…"


def _top(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` largest counts, ties broken by key so the summary is deterministic."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n]


def _bound(counter: Counter[str]) -> None:
    if len(counter) > MAX_TRACKED:
        kept = _top(counter, KEPT_ON_PRUNE)
        counter.clear()
        counter.update(dict(kept))
