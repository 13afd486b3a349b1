"""Batch cleaning: find the files, clean them (in parallel), and check or fix them in place.

Data flows one way: paths -> :func:`discover` -> :class:`Target` s -> :func:`run_task` (in this
process or a worker) -> :class:`FileOutcome` s -> a :class:`BatchReport` the CLI formats.
Outcomes come back in input order whatever ``jobs`` is, so output never depends on it.
"""

from __future__ import annotations

import difflib
import os
import re
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, BinaryIO, Literal, TypeVar

from cleanpress.config import CleanerSpec, Settings, path_matches, relative_parts
from cleanpress.document import detect_format
from cleanpress.engine import Cleaner
from cleanpress.model import CleanResult, LineIndex, Removal
from cleanpress.ruleset import Rule, load_rules

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{suffix}" for suffix in FORMAT_BY_SUFFIX)
# Folders never entered while walking a directory (ruff's list, plus build and env folders).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache",
    ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv",
    ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist", "env",
    "node_modules", "site-packages", "venv", "*.egg-info",
)  # fmt: skip
# Files a folder walk passes over whatever ``include`` says: licences, notices and dependency
# lists are not articles, and their copyright lines and URLs would go as boilerplate.
META_FILE = re.compile(
    r"(?:licen[cs]e|copying|notice|authors|contributors|changelog|requirements.*|constraints.*|"
    r"cmakelists|robots)(?:\.[^/]*)?",
    re.IGNORECASE,
)
# A worker process costs about half a second to start (import, rule packs). Below about this much
# input per worker (~0.8 s of cleaning at ~1.3 MB/s) it does not pay for itself, so ``-j 0``
# (automatic) starts no more workers than the input has megabytes.
AUTO_JOBS_MIN_BYTES = 1_000_000
# Tasks in flight per worker: enough to keep every worker busy, few enough to bound memory.
TASKS_IN_FLIGHT_PER_WORKER = 4

Status = Literal["unchanged", "changed", "skipped", "error"]
Mode = Literal["check", "fix"]


# --- cleaners ------------------------------------------------------------------------------------
class Cleaners:
    """Compiled cleaners for one :class:`CleanerSpec`: the rule packs are read once, and one
    :class:`Cleaner` is compiled per set of ``per-file-ignores``."""

    def __init__(self, spec: CleanerSpec) -> None:
        self.spec = spec
        self._rules: list[Rule] = load_rules(list(spec.rule_paths))
        self._compiled: dict[tuple[str, ...], Cleaner] = {}

    def get(self, extra_ignore: Sequence[str] = ()) -> Cleaner:
        key = tuple(extra_ignore)
        cleaner = self._compiled.get(key)
        if cleaner is None:
            cleaner = Cleaner(
                self._rules,
                select=self.spec.select,
                ignore=(*self.spec.ignore, *key),
                allow_domains=self.spec.allow_domains,
                min_confidence=self.spec.min_confidence,
            )
            self._compiled[key] = cleaner
        return cleaner


def clean_or_skip(cleaner: Cleaner, text: str, fmt: str, source_url: str | None = None) -> CleanResult | str:
    """Clean ``text``; for HTML, until HTML mode lands, the reason it was skipped instead.

    Only HTML's refusal is turned into a skip: any other error is a bug and propagates."""
    try:
        return cleaner.clean(text, fmt, source_url=source_url)
    except ValueError as exc:
        if fmt == "html" or (fmt == "auto" and detect_format(text) == "html"):
            return str(exc)
        raise


# --- discovery -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Target:
    """One file to clean: ``format`` is a document format, or ``jsonl`` for a corpus."""

    path: str
    format: str
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Discovery:
    targets: tuple[Target, ...]
    missing: tuple[str, ...] = ()
    excluded: int = 0
    """Files passed by name but matched by a user ``exclude`` pattern (as pre-commit passes them)."""


def discover(paths: Sequence[str], settings: Settings, *, fmt: str = "auto") -> Discovery:
    """Files named, and files under folders named, in order and without duplicates.

    Folders are walked recursively, in sorted order, skipping :data:`DEFAULT_EXCLUDE` and the
    user's ``exclude``; their files are taken when they match ``include`` (default: the known
    extensions). Files named explicitly are always taken (an unknown extension is cleaned with
    its format detected) unless a user ``exclude`` pattern matches them: pre-commit passes every
    staged file by name, and the project's ``exclude`` must still hold for them."""
    targets: list[Target] = []
    missing: list[str] = []
    excluded = 0
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            targets.append(_target(path, settings, fmt))

    for arg in paths:
        if os.path.isdir(arg):
            for path in _walk(arg, settings):
                add(path)
        elif os.path.lexists(arg):
            if settings.is_excluded(arg):
                excluded += 1
            else:
                add(os.path.normpath(arg))
        else:
            missing.append(arg)
    return Discovery(tuple(targets), tuple(missing), excluded)


def _walk(top: str, settings: Settings) -> Iterator[str]:
    include = settings.include or DEFAULT_INCLUDE
    for folder, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not any(path_matches(p, (name,)) for p in DEFAULT_EXCLUDE)
            and not settings.is_excluded(os.path.join(folder, name))
        )
        for name in sorted(filenames):
            if META_FILE.fullmatch(name):
                continue
            path = os.path.normpath(os.path.join(folder, name))
            parts = relative_parts(path, settings.root)
            if any(path_matches(p, parts) for p in include) and not settings.is_excluded(path):
                yield path


def _target(path: str, settings: Settings, fmt: str) -> Target:
    by_suffix = FORMAT_BY_SUFFIX.get(Path(path).suffix.lower(), "auto")
    if by_suffix != "jsonl" and fmt != "auto":
        by_suffix = fmt
    return Target(path, by_suffix, settings.ignores_for(path))


# --- outcomes ------------------------------------------------------------------------------------
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


# --- one file ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Task:
    target: Target
    write: bool = False
    diff: bool = False
    field: str = "text"
    """JSONL: the field to clean, and its document format."""
    field_format: str = "auto"


def run_task(cleaners: Cleaners, task: Task) -> FileOutcome:
    """Clean one file; write it back (``task.write``) only when its bytes change."""
    path = task.target.path
    try:
        if task.target.format == "jsonl":
            from cleanpress.jsonl import process_jsonl_file

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
    result = clean_or_skip(cleaner, text, task.target.format)
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


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style unified diff, marking a missing final newline as git does."""
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), old, new)
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` through :func:`atomic_output`."""
    with atomic_output(path) as handle:
        handle.write(data)


class AtomicFile:
    """A temporary file in the target's folder that replaces the target on :meth:`commit`.

    A crash never leaves half a file. A symlink is written through (its target is replaced, the
    link stays); an existing file's permission bits are kept. Raises ``OSError``."""

    def __init__(self, path: Path) -> None:
        self.target = Path(os.path.realpath(path))
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.handle.close()
            if self.target.exists():
                os.chmod(self.tmp, self.target.stat().st_mode & 0o7777)
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.handle.close()
        Path(self.tmp).unlink(missing_ok=True)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """An :class:`AtomicFile` committed when the block ends without an exception."""
    output = AtomicFile(path)
    try:
        yield output.handle
    except BaseException:
        output.discard()
        raise
    output.commit()


# --- running a batch -----------------------------------------------------------------------------
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


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def resolve_jobs(requested: int, total_bytes: int, items: int | None = None) -> int:
    """``-j N``: N workers (never more than there are items); ``-j 0``: as many as pay off."""
    if requested > 0:
        return max(1, min(requested, items) if items is not None else requested)
    auto = min(available_cpus(), max(1, total_bytes // AUTO_JOBS_MIN_BYTES))
    return max(1, min(auto, items) if items is not None else auto)


@dataclass(slots=True)
class _WorkerState:
    """What the pool initializer builds once in each worker process (never in the main one)."""

    value: Any = None
    ready: bool = field(default=False)


_worker = _WorkerState()


def _init_worker(make_state: Callable[[Any], Any], arg: Any) -> None:
    # Ctrl-C reaches the whole process group: the main process stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker.value = make_state(arg)
    _worker.ready = True


def _call_in_worker(work: Callable[[Any, T], R], item: T) -> R:
    assert _worker.ready, "worker state not initialised"
    return work(_worker.value, item)


def parallel_map(
    work: Callable[[S, T], R],
    make_state: Callable[[Any], S],
    arg: Any,
    items: Iterable[T],
    *,
    jobs: int = 1,
) -> Iterator[R]:
    """``work(state, item)`` for each item, results in input order.

    ``state = make_state(arg)`` is built once: here for ``jobs <= 1``, else once in each of
    ``jobs`` worker processes (the rule packs take ~0.2 s to load). At most
    ``jobs * TASKS_IN_FLIGHT_PER_WORKER`` items are in flight, so ``items`` may be a stream of
    any length and memory stays bounded. ``work``, ``make_state`` and ``arg`` must pickle."""
    if jobs <= 1:
        state = make_state(arg)
        for item in items:
            yield work(state, item)
        return
    window = jobs * TASKS_IN_FLIGHT_PER_WORKER
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=get_context("spawn"),
        initializer=_init_worker,
        initargs=(make_state, arg),
    )
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(_call_in_worker, work, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
