"""Batch cleaning of files: clean each target (in parallel) and check or fix it in place.

Data flows one way: paths -> :func:`~cleanpress.batch.discover.discover` -> targets ->
:func:`run_task` (in this process or a worker) -> :class:`FileOutcome` s -> a :class:`BatchReport`
the CLI formats. Outcomes come back in input order whatever ``jobs`` is, so output never depends on it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from cleanpress.batch.atomic import atomic_write, changed_since, read_with_stamp
from cleanpress.batch.corpus import process_jsonl_file
from cleanpress.batch.discover import Discovery, Task
from cleanpress.batch.parallel import TASKS_IN_FLIGHT_PER_WORKER, Cleaners, parallel_map, resolve_jobs
from cleanpress.config import CleanerSpec
from cleanpress.diagnostics import BatchReport, FileOutcome, Mode, diagnostics_of
from cleanpress.encoding import BinaryInput, decode
from cleanpress.engine import Cleaner
from cleanpress.formats.writers import unified_diff

# Files sent to a worker process at once. One round trip per file costs the main process about as
# much CPU as a worker spends on 5% of the files; on a 2-core machine that CPU is taken from the
# workers. 16 files (~0.1 s of work) make the round trips negligible and keep progress moving.
FILES_PER_CHUNK = 16


def run_task(cleaners: Cleaners, task: Task) -> FileOutcome:
    """Clean one file; write it back (``task.write``) only when its bytes change. A rule switched
    off while cleaning it (a user pattern over its time budget) is a problem of this file (exit 2)."""
    path = task.target.path
    try:
        cleaner = cleaners.get(task.target.ignore)
        seen = len(cleaner.rule_errors)
        if task.target.format == "jsonl":
            outcome = process_jsonl_file(cleaner, task)
        else:
            outcome = _process_document(cleaner, task)
        switched_off = tuple((1, message) for message in cleaner.rule_errors[seen:])
        return replace(outcome, problems=outcome.problems + switched_off) if switched_off else outcome
    except Exception as exc:  # one bad file must not stop the batch: report it, go on
        if os.environ.get("CLEANPRESS_DEBUG"):
            raise
        return FileOutcome(path, "error", message=f"internal error: {type(exc).__name__}: {exc}")


def _process_document(cleaner: Cleaner, task: Task) -> FileOutcome:
    path = task.target.path
    try:
        data, stamp = read_with_stamp(Path(path))
    except OSError as exc:
        return FileOutcome(path, "error", message=f"cannot read: {exc.strerror or exc}")
    try:
        decoded = decode(data)
    except BinaryInput as exc:  # NUL bytes without a UTF-16/32 BOM: not text, left alone
        return FileOutcome(path, "skipped", message=str(exc))
    text = decoded.text
    # An HTML page is written back as HTML, its removed elements gone (never as extracted text).
    result = cleaner.clean_or_skip(text, task.target.format, output="page")
    if isinstance(result, str):
        return FileOutcome(path, "skipped", message=result)
    diagnostics = diagnostics_of(result)
    new = decoded.encode(result.text)  # same encoding and BOM as the file
    if new == data:
        return FileOutcome(path, "unchanged", diagnostics, result.suppressed)
    diff = unified_diff(path, text, result.text) if task.diff else ""
    if task.write:
        moved = changed_since(Path(path), stamp)
        if moved is not None:  # never overwrite another program's edit, never bring back a deleted file
            return FileOutcome(path, "error", diagnostics, result.suppressed, moved, diff)
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
    size = chunk_size(len(tasks), workers)
    chunks = [tuple(tasks[i : i + size]) for i in range(0, len(tasks), size)]
    for done in parallel_map(run_tasks, Cleaners, spec, chunks, jobs=workers):
        for outcome in done:
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
    return BatchReport(mode, tuple(outcomes), discovery.excluded)


def run_tasks(cleaners: Cleaners, tasks: tuple[Task, ...]) -> list[FileOutcome]:
    """:func:`run_task` over a chunk of files, in order (the unit sent to a worker)."""
    return [run_task(cleaners, task) for task in tasks]


def chunk_size(files: int, workers: int) -> int:
    """Files per chunk: one in this process (progress per file), else up to :data:`FILES_PER_CHUNK`,
    fewer when that would leave a worker without a few chunks in flight (balance at the end)."""
    if workers <= 1:
        return 1
    return max(1, min(FILES_PER_CHUNK, files // (workers * TASKS_IN_FLIGHT_PER_WORKER)))


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
