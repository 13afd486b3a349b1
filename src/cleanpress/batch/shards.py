"""Many JSONL shards, one output shard each: with ``-j N`` worker processes, or on Dask.

A shard is the unit of work: one process streams it line by line (memory flat whatever its size)
into ``DIR/NAME`` through an atomic file, so its output is byte for byte what the serial
``cleanpress clean NAME -o DIR/NAME`` writes (the same
:func:`~cleanpress.batch.corpus.clean_record_safely` per line, the same malformed-line policy).
A shard that fails (unreadable, unwritable, a malformed line under ``on_malformed="error"``, a
crashed worker) leaves no output and is reported; the others finish. Each shard sends back its
:class:`~cleanpress.corpus_summary.CorpusSummary`, its warnings and a few review samples, merged
in input order.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cleanpress.batch.atomic import AtomicFile
from cleanpress.batch.corpus import _report_line, clean_record_safely
from cleanpress.batch.parallel import Cleaners, parallel_map
from cleanpress.config import CleanerSpec
from cleanpress.corpus_summary import CorpusSummary
from cleanpress.formats.jsonl import JsonlOptions, report_record
from cleanpress.formats.review import ReviewSample, sample_of

if TYPE_CHECKING:
    import distributed

# Suffix of a shard's report file in the report folder: part-0001.jsonl -> part-0001.report.jsonl.
REPORT_SUFFIX = ".report.jsonl"
# Warnings (malformed lines) a shard sends back in full; past this only their number.
MAX_WARNINGS = 100


class ShardError(ValueError):
    """The shards cannot be run as asked (clashing names, output over input); the message says why."""


@dataclass(frozen=True, slots=True)
class ShardJob:
    """One shard to clean: small and picklable, sent to a worker process or a Dask worker."""

    source: str
    output: str
    report: str | None
    spec: CleanerSpec
    options: JsonlOptions
    ignore: tuple[str, ...] = ()
    on_malformed: str = "pass"
    samples: int = 0
    """Changed documents to keep for the review page."""


@dataclass(frozen=True, slots=True)
class ShardResult:
    source: str
    output: str
    error: str = ""
    """Empty when the shard was written."""
    summary: CorpusSummary = field(default_factory=CorpusSummary)
    warnings: tuple[str, ...] = ()
    more_warnings: int = 0
    samples: tuple[ReviewSample, ...] = ()
    size: int = 0


def plan_shards(
    sources: Sequence[str],
    output_dir: str,
    report_dir: str | None,
    make_job: Callable[[str, str, str | None], ShardJob],
) -> list[ShardJob]:
    """One job per shard: ``DIR/NAME`` and ``REPORT_DIR/STEM.report.jsonl``. Two shards with one
    name, or an output that would overwrite its input, is a :class:`ShardError`."""
    jobs: list[ShardJob] = []
    seen: dict[str, str] = {}
    for source in sources:
        name = os.path.basename(source)
        if name in seen:
            raise ShardError(f"{seen[name]} and {source} would both be written to {output_dir}/{name}")
        seen[name] = source
        output = os.path.join(output_dir, name)
        if os.path.exists(output) and os.path.samefile(output, source):
            raise ShardError(f"{source}: --output-dir would overwrite the input; choose another folder")
        report = None
        if report_dir is not None:
            report = os.path.join(report_dir, Path(name).stem + REPORT_SUFFIX)
        jobs.append(make_job(source, output, report))
    return jobs


def clean_shard(cleaners: Cleaners, job: ShardJob) -> ShardResult:
    """Clean one shard into ``job.output`` (and ``job.report``), atomically; never raises for the
    shard's own problems, which come back as ``error``."""
    try:
        return _clean_shard(cleaners, job)
    except Exception as exc:  # a bug on one shard must not stop the others
        if os.environ.get("CLEANPRESS_DEBUG"):
            raise
        return ShardResult(job.source, job.output, f"internal error: {type(exc).__name__}: {exc}")


def _clean_shard(cleaners: Cleaners, job: ShardJob) -> ShardResult:
    cleaner = cleaners.get(job.ignore)
    summary = CorpusSummary()
    warnings: list[str] = []
    more = 0
    samples: list[ReviewSample] = []
    sinks: list[AtomicFile] = []
    try:
        with open(job.source, "rb") as source:
            out = AtomicFile(Path(job.output))
            sinks.append(out)
            report = AtomicFile(Path(job.report)) if job.report else None
            if report is not None:
                sinks.append(report)
            for number, raw in enumerate(source, 1):
                outcome = clean_record_safely(cleaner, raw, number, job.options)
                if outcome.result is not None:
                    summary.add(outcome.result)
                    if outcome.status == "changed" and len(samples) < job.samples:
                        sample = sample_of(job.source, number, outcome.record_id, outcome.result)
                        if sample is not None:
                            samples.append(sample)
                else:
                    summary.add_status(outcome.status)
                if outcome.status == "malformed":
                    where = f"{job.source}:{number}: {outcome.message}"
                    if job.on_malformed == "error":
                        raise _Stop(f"{where} (use --on-malformed pass or skip to go on)")
                    if len(warnings) < MAX_WARNINGS:
                        warnings.append(
                            f"{where} ({'skipped' if job.on_malformed == 'skip' else 'passed through'})"
                        )
                    else:
                        more += 1
                    if job.on_malformed == "pass":
                        out.handle.write(outcome.output)
                else:
                    out.handle.write(outcome.output)
                if report is not None and outcome.status != "blank":
                    report.handle.write(_report_line(report_record(outcome)))
            size = source.tell()
        for sink in sinks:
            sink.commit()
    except _Stop as stop:
        _discard(sinks)
        return ShardResult(job.source, job.output, str(stop), summary, tuple(warnings), more)
    except OSError as exc:
        _discard(sinks)
        where = exc.filename or job.source
        return ShardResult(job.source, job.output, f"{where}: {exc.strerror or exc}", summary)
    except BaseException:
        _discard(sinks)
        raise
    return ShardResult(job.source, job.output, "", summary, tuple(warnings), more, tuple(samples), size)


class _Stop(Exception):
    """A malformed line under ``on_malformed="error"``: the shard stops, nothing is written."""


def _discard(sinks: list[AtomicFile]) -> None:
    for sink in sinks:
        sink.discard()


# --- running many shards -------------------------------------------------------------------------
def run_shards(
    jobs: Sequence[ShardJob],
    spec: CleanerSpec,
    *,
    workers: int = 1,
    on_done: Callable[[ShardResult], None] = lambda result: None,
) -> list[ShardResult]:
    """Every shard with ``workers`` processes (the rule packs compiled once in each), in order."""
    results: list[ShardResult] = []
    for result in parallel_map(clean_shard, Cleaners, spec, jobs, jobs=max(1, min(workers, len(jobs)))):
        results.append(result)
        on_done(result)
    return results


# One compiled rule set per spec in each Dask worker process, built by the first shard it runs.
_dask_cleaners: dict[CleanerSpec, Cleaners] = {}
_dask_lock = threading.Lock()


def clean_shard_on_worker(job: ShardJob) -> ShardResult:
    """:func:`clean_shard` with this process's cached :class:`Cleaners` (the Dask task)."""
    with _dask_lock:
        cleaners = _dask_cleaners.get(job.spec)
        if cleaners is None:
            cleaners = _dask_cleaners[job.spec] = Cleaners(job.spec)
    return clean_shard(cleaners, job)


def run_shards_dask(
    jobs: Sequence[ShardJob],
    client: distributed.Client,
    *,
    on_done: Callable[[ShardResult], None] = lambda result: None,
) -> list[ShardResult]:
    """Every shard as one Dask task (workers must see the shards' paths); results in input order,
    ``on_done`` as each finishes. A task that dies (a worker lost) is reported as that shard's error."""
    from distributed import as_completed

    futures = client.map(clean_shard_on_worker, list(jobs), pure=False)
    index = {future.key: i for i, future in enumerate(futures)}
    results: list[ShardResult | None] = [None] * len(jobs)
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        i = index[future.key]
        try:
            result = future.result()
        except Exception as exc:
            job = jobs[i]
            result = ShardResult(job.source, job.output, f"task failed: {type(exc).__name__}: {exc}")
        results[i] = result
        on_done(result)
    return [r for r in results if r is not None]
