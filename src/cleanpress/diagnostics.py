"""What a check or fix run found, file by file: the data the writers format.

Built by :mod:`cleanpress.batch` (and by anything else that checks files), formatted by
:mod:`cleanpress.formats.writers`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from cleanpress.model import CleanResult, LineIndex, Removal

Status = Literal["unchanged", "changed", "skipped", "error"]
Mode = Literal["check", "fix"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One removal (``applied``) or suggestion, located in its file.

    For a JSONL corpus, ``record`` is the record's line in the file and ``line``/``column`` are
    positions inside the cleaned field."""

    rule: str
    name: str
    reason: str
    confidence: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    replacement: str
    evidence: tuple[str, ...] = ()
    applied: bool = True
    record: int | None = None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    path: str
    status: Status
    diagnostics: tuple[Diagnostic, ...] = ()
    suppressed: int = 0
    message: str = ""
    """Why a file was skipped, or what went wrong."""
    diff: str = ""
    written: bool = False
    problems: tuple[tuple[int, str], ...] = ()
    """Input errors inside a file that was otherwise processed: ``(line, message)`` (JSONL)."""

    @property
    def removals(self) -> int:
        return sum(1 for d in self.diagnostics if d.applied)

    @property
    def suggestions(self) -> int:
        return sum(1 for d in self.diagnostics if not d.applied)


@dataclass(frozen=True, slots=True)
class BatchReport:
    mode: Mode
    outcomes: tuple[FileOutcome, ...]
    excluded: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    changed: int
    written: int
    removals: int
    suggestions: int
    suppressed: int
    skipped: int
    errors: int
    excluded: int


def summarize(report: BatchReport) -> Summary:
    outcomes = report.outcomes
    return Summary(
        files=sum(1 for o in outcomes if o.status in ("unchanged", "changed")),
        changed=sum(1 for o in outcomes if o.status == "changed" or (o.status == "error" and o.removals)),
        written=sum(1 for o in outcomes if o.written),
        # What fix removed is what it wrote; what check found is everything it would remove.
        removals=sum(o.removals for o in outcomes if report.mode == "check" or o.written),
        suggestions=sum(o.suggestions for o in outcomes),
        suppressed=sum(o.suppressed for o in outcomes),
        skipped=sum(1 for o in outcomes if o.status == "skipped"),
        errors=sum(1 for o in outcomes if o.status == "error") + sum(len(o.problems) for o in outcomes),
        excluded=report.excluded,
    )


def exit_code(report: BatchReport) -> int:
    """2 on any input error; else 1 when ``check`` found removals or ``fix`` changed a file."""
    summary = summarize(report)
    if summary.errors:
        return 2
    if report.mode == "fix":
        return 1 if summary.written else 0
    return 1 if summary.changed else 0


def diagnostics_of(result: CleanResult, record: int | None = None) -> tuple[Diagnostic, ...]:
    if result.page is not None:
        return _page_diagnostics(result, record)
    index = LineIndex(result.original)
    found = [_diagnostic(r, index, True, record) for r in result.removals]
    found += [_diagnostic(r, index, False, record) for r in result.suggestions]
    return tuple(sorted(found, key=lambda d: (d.line, d.column, not d.applied)))


def _diagnostic(removal: Removal, index: LineIndex, applied: bool, record: int | None) -> Diagnostic:
    line, column = index.position(removal.start)
    end_line, end_column = index.position(removal.end)
    return Diagnostic(
        rule=removal.rule,
        name=removal.name,
        reason=removal.reason,
        confidence=removal.confidence,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=removal.text,
        replacement=removal.replacement,
        evidence=removal.evidence,
        applied=applied,
        record=record,
    )


def _page_diagnostics(result: CleanResult, record: int | None) -> tuple[Diagnostic, ...]:
    """An HTML page: its removed elements at their line in the page (the extractor's content
    choices are not listed: the page keeps them), and the text removals at the line of the block
    they are in (column 1: the text was extracted, it has no column in the page)."""
    found = [
        Diagnostic(
            rule=e.rule,
            name=e.name,
            reason=f"{e.reason} [{e.path}]",
            confidence=e.confidence,
            line=e.line,
            column=1,
            end_line=e.line,
            end_column=1,
            text=e.excerpt,
            replacement="",
            record=record,
        )
        for e in result.elements
        if not e.heuristic
    ]
    starts = [start for start, _ in result.block_lines]
    for removals, applied in ((result.removals, True), (result.suggestions, False)):
        for r in removals:
            k = bisect_right(starts, r.start) - 1
            line = result.block_lines[k][1] if k >= 0 else 0
            found.append(
                Diagnostic(
                    rule=r.rule,
                    name=r.name,
                    reason=r.reason,
                    confidence=r.confidence,
                    line=line,
                    column=1,
                    end_line=line,
                    end_column=1,
                    text=r.text,
                    replacement=r.replacement,
                    evidence=r.evidence,
                    applied=applied,
                    record=record,
                )
            )
    return tuple(sorted(found, key=lambda d: (d.line, d.column, not d.applied)))
