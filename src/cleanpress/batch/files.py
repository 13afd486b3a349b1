"""Batch cleaning of files: clean each target (in parallel) and check or fix it in place.

Data flows one way: paths -> :func:`~cleanpress.batch.discover.discover` -> targets ->
:func:`run_task` (in this process or a worker) -> :class:`FileOutcome` s -> a :class:`BatchReport`
the CLI formats. Outcomes come back in input order whatever ``jobs`` is, so output never depends on it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from cleanpress.batch.atomic import atomic_write
from cleanpress.batch.corpus import process_jsonl_file
from cleanpress.batch.discover import Discovery, Task
from cleanpress.batch.parallel import Cleaners, parallel_map, resolve_jobs
from cleanpress.config import CleanerSpec
from cleanpress.diagnostics import BatchReport, FileOutcome, Mode, diagnostics_of
from cleanpress.engine import Cleaner
from cleanpress.formats.writers import unified_diff


def run_task(cleaners: Cleaners, task: Task) -> FileOutcome:
    """Clean one file; write it back (``task.write``) only when its bytes change."""
    path = task.target.path
    try:
        if task.target.format == "jsonl":
            return process_jsonl_file(cleaners.get(task.target.ignore), task)
        return _process_document(cleaners.get(task.target.ignore), task)
    except Exception as exc:  # one bad file must not stop the batch: report it, go on
        if os.environ.get("CLEANPRESS_DEBUG"):
            raise
        return FileOutcome(path, "error", message=f"internal error: {type(exc).__name__}: {exc}")


def _process_document(cleaner: Cleaner, task: Task) -> FileOutcome:
    path = task.target.path
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileOutcome(path, "error", message=f"cannot read: {exc.strerror or exc}")
    if b"\0" in data:
        return FileOutcome(path, "skipped", message="binary file (NUL bytes)")
    text = data.decode("utf-8", errors="surrogateescape")
    result = cleaner.clean_or_skip(text, task.target.format)
    if isinstance(result, str):
        return FileOutcome(path, "skipped", message=result)
    diagnostics = diagnostics_of(result)
    new = result.text.encode("utf-8", errors="surrogateescape")
    if new == data:
        return FileOutcome(path, "unchanged", diagnostics, result.suppressed)
    diff = unified_diff(path, text, result.text) if task.diff else ""
    if task.write:
        try:
            atomic_write(Path(path), new)
        except OSError as exc:
            message = f"cannot write: {exc.strerror or exc}"
            return FileOutcome(path, "error", diagnostics, result.suppressed, message, diff)
    return FileOutcome(path, "changed", diagnostics, result.suppressed, diff=diff, written=task.write)


def run_batch(
    discovery: Discovery,
    spec: CleanerSpec,
    *,
    mode: Mode,
    diff: bool = False,
    field: str = "text",
    field_format: str = "auto",
    jobs: int = 1,
    on_done: Callable[[FileOutcome], None] | None = None,
) -> BatchReport:
    """Check or fix every target; ``on_done`` is called as each file finishes (progress)."""
    tasks = [Task(t, mode == "fix", diff, field, field_format) for t in discovery.targets]
    outcomes = [FileOutcome(path, "error", message="no such file or directory") for path in discovery.missing]
    total = sum(_size(t.path) for t in discovery.targets)
    workers = resolve_jobs(jobs, total, len(tasks))
    for outcome in parallel_map(run_task, Cleaners, spec, tasks, jobs=workers):
        outcomes.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return BatchReport(mode, tuple(outcomes), discovery.excluded)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
