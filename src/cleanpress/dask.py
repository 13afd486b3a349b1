"""Cleaning on Dask: bags of records and dataframes, on a laptop or a cluster.

Only a small :class:`~cleanpress.config.CleanerSpec` travels with the tasks; each worker process
compiles the rules once (:func:`cleaner_for`, a per-process cache keyed by the spec) and reuses
them for every partition it is given. Needs ``pip install 'cleanpress[dask]'`` (and pandas, i.e.
``dask[dataframe]``, for :func:`clean_dataframe`).

>>> import dask.bag as db, cleanpress.dask
>>> bag = db.from_sequence([{"id": 1, "text": "Officials met.\\nAdvertisement\\nTalks ended."}])
>>> cleanpress.dask.clean_bag(bag).compute()[0]["text"]       # doctest: +SKIP
'Officials met.\\nTalks ended.'
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cleanpress.config import CleanerSpec
from cleanpress.engine import Cleaner
from cleanpress.model import CleanResult, Confidence
from cleanpress.ruleset import load_rules

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import distributed

# The key each cleaned record carries its report under (clean_bag).
REPORT_KEY = "cleanpress"
# The columns clean_dataframe adds: the removals as JSON text, and the characters removed.
REMOVALS_COLUMN = "removals"
REMOVED_CHARS_COLUMN = "removed_chars"
# Fields of the JSON report copied into each record's report, as in --report-jsonl.
REPORT_FIELDS: tuple[str, ...] = (
    "format",
    "removed_chars",
    "counts",
    "removals",
    "suggestions",
    "suppressed",
)
# "--dask local" and "local:N": a LocalCluster on this machine with one worker process per core (or N).
LOCAL = "local"


# --- one compiled cleaner per worker process --------------------------------------------------------
_cleaners: dict[CleanerSpec, Cleaner] = {}
_cleaners_lock = threading.Lock()  # a Dask worker may run several task threads


def cleaner_for(spec: CleanerSpec) -> Cleaner:
    """The :class:`Cleaner` for ``spec``, compiled on first use in this process and then reused."""
    with _cleaners_lock:
        cleaner = _cleaners.get(spec)
        if cleaner is None:
            cleaner = Cleaner(
                load_rules(list(spec.rule_paths)),
                select=spec.select,
                ignore=spec.ignore,
                allow_domains=spec.allow_domains,
                min_confidence=spec.min_confidence,
            )
            _cleaners[spec] = cleaner
        return cleaner


def cleaner_spec(
    *,
    rules: Sequence[str] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    allow_domains: Sequence[str] = (),
    min_confidence: Confidence = "suspect",
) -> CleanerSpec:
    """The options of :class:`cleanpress.Cleaner` as a small picklable spec (rule packs as absolute
    paths, so workers started elsewhere find them on a shared file system)."""
    return CleanerSpec(
        rule_paths=tuple(os.path.abspath(p) for p in rules),
        select=tuple(s.upper() for s in select) if select is not None else None,
        ignore=tuple(i.upper() for i in ignore),
        allow_domains=tuple(allow_domains),
        min_confidence=min_confidence,
    )


@dataclass(frozen=True, slots=True)
class RecordJob:
    """What every partition task is given: the spec and which field to clean, nothing compiled."""

    spec: CleanerSpec
    field: str = "text"
    format: str = "auto"
    url_field: str | None = None


# --- records ------------------------------------------------------------------------------------------
def clean_one(cleaner: Cleaner, record: dict[str, Any], job: RecordJob) -> dict[str, Any]:
    """A copy of ``record`` with ``job.field`` cleaned and the report under :data:`REPORT_KEY`.

    The report has ``status`` (``changed``, ``unchanged``, ``no-field`` when the field is missing
    or not a string, ``skipped`` for a format this installation cannot clean) and, for cleaned
    records, the fields of the JSON report (``removals`` etc.), as a ``--report-jsonl`` line."""
    out = dict(record)
    value = record.get(job.field)
    if not isinstance(value, str):
        out[REPORT_KEY] = {"status": "no-field", "message": f"field {job.field!r} missing or not a string"}
        return out
    url = record.get(job.url_field) if job.url_field else None
    result = cleaner.clean_or_skip(
        value, job.format, source_url=url if isinstance(url, str) and url else None
    )
    if isinstance(result, str):
        out[REPORT_KEY] = {"status": "skipped", "message": result}
        return out
    out[job.field] = result.text
    out[REPORT_KEY] = {"status": "changed" if result.changed else "unchanged", **_report(result)}
    return out


def clean_records(records: Iterable[dict[str, Any]], job: RecordJob) -> list[dict[str, Any]]:
    """:func:`clean_one` over ``records``, in order (one bag partition)."""
    items = list(records)
    if not items:
        return []
    cleaner = cleaner_for(job.spec)
    return [clean_one(cleaner, record, job) for record in items]


def _report(result: CleanResult) -> dict[str, Any]:
    report = result.to_dict()
    return {key: report[key] for key in REPORT_FIELDS}


def clean_bag(
    bag: dask.bag.Bag,
    *,
    field: str = "text",
    format: str = "auto",
    url_field: str | None = None,
    rules: Sequence[str] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    allow_domains: Sequence[str] = (),
    min_confidence: Confidence = "suspect",
) -> dask.bag.Bag:
    """A bag of records (dicts) -> the same records, in order, ``field`` cleaned and the report
    under ``"cleanpress"`` (see :func:`clean_one`). The cleaner options are those of
    :class:`cleanpress.Cleaner` (``rules`` are extra rule packs)."""
    spec = cleaner_spec(
        rules=rules, select=select, ignore=ignore, allow_domains=allow_domains, min_confidence=min_confidence
    )
    job = RecordJob(spec, field, format, url_field)
    cleaned: dask.bag.Bag = bag.map_partitions(clean_records, job)  # type: ignore[no-untyped-call]
    return cleaned


# --- dataframes ---------------------------------------------------------------------------------------
def clean_frame(frame: Any, job: RecordJob) -> Any:
    """One pandas partition: ``job.field`` cleaned, plus :data:`REMOVALS_COLUMN` (the removals as
    JSON text) and :data:`REMOVED_CHARS_COLUMN`. A value that is not a string is kept, with no
    removals. An empty frame (Dask's ``meta``) compiles nothing."""
    texts: list[Any] = []
    removals: list[str] = []
    removed: list[int] = []
    cleaner = cleaner_for(job.spec) if len(frame) else None
    for value in frame[job.field]:
        result = cleaner.clean_or_skip(value, job.format) if cleaner and isinstance(value, str) else None
        if not isinstance(result, CleanResult):
            texts.append(value)
            removals.append("[]")
            removed.append(0)
            continue
        report = result.to_dict()
        texts.append(result.text)
        removals.append(json.dumps(report["removals"], ensure_ascii=False))
        removed.append(int(report["removed_chars"]))
    out = frame.copy()
    out[job.field] = texts if len(frame) else frame[job.field]
    out[REMOVALS_COLUMN] = removals
    out[REMOVED_CHARS_COLUMN] = removed
    return out.astype({REMOVALS_COLUMN: object, REMOVED_CHARS_COLUMN: "int64"})


def clean_dataframe(
    df: dask.dataframe.DataFrame,
    column: str = "text",
    *,
    format: str = "auto",
    rules: Sequence[str] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    allow_domains: Sequence[str] = (),
    min_confidence: Confidence = "suspect",
) -> dask.dataframe.DataFrame:
    """``df`` with ``column`` cleaned, plus ``removals`` (JSON text) and ``removed_chars`` columns."""
    spec = cleaner_spec(
        rules=rules, select=select, ignore=ignore, allow_domains=allow_domains, min_confidence=min_confidence
    )
    job = RecordJob(spec, column, format)
    meta = clean_frame(df._meta, job)
    cleaned: dask.dataframe.DataFrame = df.map_partitions(  # type: ignore[no-untyped-call]
        clean_frame, job, meta=meta
    )
    return cleaned


# --- connecting --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Target:
    """Where ``--dask`` runs: a local cluster of ``workers`` processes, or a scheduler's address."""

    address: str | None
    workers: int = 0


def parse_target(value: str) -> Target:
    """``local`` / ``local:N`` / ``tcp://host:8786`` (any scheduler address). Raises ValueError."""
    if value == LOCAL or value.startswith(LOCAL + ":"):
        count = value.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise ValueError(f"--dask {value}: expected local or local:N with N > 0")
        return Target(None, int(count) if count else _cpus())
    if not value.strip():
        raise ValueError("--dask needs 'local', 'local:N' or a scheduler address")
    return Target(value)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@contextmanager
def connect(target: Target) -> Iterator[distributed.Client]:
    """A client of the scheduler at ``target.address``, or of a new LocalCluster (one thread per
    worker process: cleaning is pure Python, threads would only share one GIL)."""
    from distributed import Client, LocalCluster

    if target.address is not None:
        with Client(target.address) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=target.workers, threads_per_worker=1, processes=True
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client
