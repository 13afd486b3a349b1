"""Batch throughput and memory: ``cleanpress fix`` on a folder and ``cleanpress clean`` on a JSONL.

Not a timed test: run it by hand and read the table.

    python benchmarks/batch.py                       # 2,000 articles and a 200 MB JSONL, -j 1 and -j 2
    python benchmarks/batch.py --articles 200 --jsonl-mb 10 --jobs 1 2 4

The inputs are built from the real article bodies of ``../shared/corpora/dev-broad.jsonl`` (the
``text`` field, with its injected spam, and the ``expected`` field, already clean), written to a
temporary folder. Every run is a fresh ``cleanpress`` process; the table gives wall time, files/s,
MB/s (input bytes), and peak resident memory two ways: the largest single process (``wait4``
rusage, which covers worker processes too) and the whole process tree summed (sampled from
``/proc`` every 50 ms). The JSONL runs must stay under ``--rss-limit-mb`` (300) on both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "dev-broad.jsonl"
SAMPLE_SECONDS = 0.05
MB = 1_000_000


@dataclass(frozen=True)
class Run:
    label: str
    jobs: int
    seconds: float
    items: int
    input_bytes: int
    max_rss: int
    """Largest single process, bytes."""
    tree_rss: int
    """Largest sampled sum over the process tree, bytes."""
    returncode: int
    digest: str


def load_articles(corpus: Path) -> list[tuple[str, str]]:
    """(dirty, clean) article bodies."""
    articles = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles.append((record["text"], record["expected"]))
    return articles


def make_folder(folder: Path, articles: list[tuple[str, str]], count: int) -> int:
    """``count`` articles, half dirty and half clean, as .txt and .md in 20 subfolders."""
    total = 0
    for i in range(count):
        dirty, clean = articles[i % len(articles)]
        text = dirty if i % 2 == 0 else clean
        path = folder / f"section-{i % 20:02}" / f"article-{i:05}.{'md' if i % 3 == 0 else 'txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def make_jsonl(path: Path, articles: list[tuple[str, str]], target_bytes: int) -> tuple[int, int]:
    """Records ``{"id", "url", "text", "lang"}`` until the file reaches ``target_bytes``."""
    size = records = 0
    with path.open("wb") as handle:
        while size < target_bytes:
            dirty, clean = articles[records % len(articles)]
            record = {
                "id": f"doc-{records:07}",
                "url": f"https://news.example.org/{records}",
                "text": dirty if records % 2 == 0 else clean,
                "lang": "en",
            }
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            handle.write(line)
            size += len(line)
            records += 1
    return size, records


def _tree_rss(root: int) -> int:
    """Summed VmRSS of ``root`` and its descendants, from /proc (0 where unreadable)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measure(argv: list[str], cwd: Path) -> tuple[float, int, int, int]:
    """Run ``argv``; wall seconds, largest-process peak RSS, sampled tree peak RSS, exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", errors="replace"))
    return seconds, usage.ru_maxrss * 1024, peak, proc.returncode


def digest(paths: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
    return sha.hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jsonl-mb", type=float, default=200.0)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rss-limit-mb", type=float, default=300.0)
    parser.add_argument("--workdir", type=Path, help="Keep the generated inputs and outputs here.")
    args = parser.parse_args(argv)

    cleanpress = [sys.executable, "-m", "cleanpress.cli"]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cleanpress-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        articles = load_articles(args.corpus)
        source = work / "articles"
        if source.exists():
            shutil.rmtree(source)
        folder_bytes = make_folder(source, articles, args.articles)
        corpus = work / "corpus.jsonl"
        jsonl_bytes, records = make_jsonl(corpus, articles, int(args.jsonl_mb * MB))
        from cleanpress import __version__

        print(
            f"cleanpress {__version__} batch benchmark: Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {platform.machine()}"
        )
        print(
            f"inputs from {args.corpus.name} ({len(articles)} articles): "
            f"folder of {args.articles} files, {folder_bytes / MB:.1f} MB; "
            f"JSONL of {records} records, {jsonl_bytes / MB:.1f} MB"
        )

        runs: list[Run] = []
        for jobs in args.jobs:
            target = work / f"fix-j{jobs}"
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(source, target)
            argv_fix = [
                *cleanpress,
                "fix",
                str(target),
                "-j",
                str(jobs),
                "--quiet",
                "--isolated",
                "--output-format",
                "json",
            ]
            seconds, max_rss, tree_rss, code = measure(argv_fix, work)
            files = sorted(target.rglob("*.*"))
            runs.append(
                Run(
                    "fix folder",
                    jobs,
                    seconds,
                    args.articles,
                    folder_bytes,
                    max_rss,
                    tree_rss,
                    code,
                    digest(files),
                )
            )
        for jobs in args.jobs:
            out, report = work / f"clean-j{jobs}.jsonl", work / f"report-j{jobs}.jsonl"
            argv_clean = [
                *cleanpress,
                "clean",
                str(corpus),
                "--field",
                "text",
                "-o",
                str(out),
                "--report-jsonl",
                str(report),
                "-j",
                str(jobs),
                "--quiet",
                "--isolated",
            ]
            seconds, max_rss, tree_rss, code = measure(argv_clean, work)
            runs.append(
                Run(
                    "clean JSONL",
                    jobs,
                    seconds,
                    records,
                    jsonl_bytes,
                    max_rss,
                    tree_rss,
                    code,
                    digest([out, report]),
                )
            )

        header = f"{'run':<12} {'-j':>3} {'exit':>4} {'wall s':>8} {'items/s':>9} {'MB/s':>6} "
        header += f"{'peak RSS largest':>17} {'peak RSS all':>13}  output"
        print(header)
        for run in runs:
            unit = "files" if run.label.startswith("fix") else "records"
            print(
                f"{run.label:<12} {run.jobs:>3} {run.returncode:>4} {run.seconds:>8.1f} "
                f"{run.items / run.seconds:>9.1f} {run.input_bytes / MB / run.seconds:>6.2f} "
                f"{run.max_rss / MB:>14.0f} MB {run.tree_rss / MB:>10.0f} MB  sha256:{run.digest} ({unit})"
            )
        failures = []
        for label in ("fix folder", "clean JSONL"):
            digests = {run.digest for run in runs if run.label == label}
            same = "identical" if len(digests) == 1 else "DIFFERENT"
            print(f"{label}: output of -j {' / -j '.join(map(str, args.jobs))} {same}")
            if len(digests) != 1:
                failures.append(f"{label} output differs between job counts")
        limit = args.rss_limit_mb * MB
        for run in runs:
            if run.label == "clean JSONL":
                ok = run.max_rss < limit and run.tree_rss < limit
                print(
                    f"clean JSONL -j {run.jobs}: peak RSS {run.max_rss / MB:.0f} MB largest process, "
                    f"{run.tree_rss / MB:.0f} MB all processes: {'under' if ok else 'OVER'} "
                    f"{args.rss_limit_mb:.0f} MB"
                )
                if not ok:
                    failures.append(f"JSONL -j {run.jobs} over the memory limit")
        expected = {"fix folder": 1, "clean JSONL": 0}
        failures += [
            f"{r.label} -j {r.jobs} exited {r.returncode}" for r in runs if r.returncode != expected[r.label]
        ]
        for failure in failures:
            print(f"FAIL: {failure}")
        return 1 if failures else 0
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
