"""One machine, two figures: files/s of ``cleanpress fix`` at -j 1 and -j 2 on a folder of 2,000
articles, and the peak RSS of the whole process tree while ``cleanpress clean`` streams a 100 MB
JSONL at -j 2 (sampled from /proc), with the output's record order checked. The wall-clock
speed-up is printed and, because a shared machine distorts it, the speed-up idle cores would give:
the CPU time of the -j 1 run over the bound of the -j 2 run, its busiest process or its whole CPU
time spread over the cores, whichever is larger.

The articles are the texts of ../shared/corpora/dev-injected.jsonl (300 injected articles), cycled,
each file made unique by a numbered first line. Every ``fix`` run starts from a fresh copy of the
folder, so -j 1 and -j 2 do the same work.

    python benchmarks/bench_corpus.py [--files 2000] [--mb 100] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "dev-injected.jsonl"
# How often the process tree's memory is sampled: often enough to catch a worker's peak.
SAMPLE_SECONDS = 0.05
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1_000_000


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float
    """CPU seconds of the whole process tree."""
    busiest: float
    """CPU seconds of the busiest single process: on idle cores the run cannot be faster than this."""
    exit: int
    peak_rss: int


def texts() -> list[str]:
    with open(CORPUS, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def build_folder(folder: Path, count: int) -> int:
    articles = texts()
    folder.mkdir(parents=True)
    size = 0
    for i in range(count):
        data = f"Article {i}.\n\n{articles[i % len(articles)]}".encode()
        (folder / f"article-{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def build_jsonl(path: Path, target_bytes: int) -> int:
    articles = texts()
    written = records = 0
    with open(path, "wb") as out:
        while written < target_bytes:
            record = {"id": f"doc-{records}", "text": articles[records % len(articles)]}
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
            out.write(line)
            written += len(line)
            records += 1
    return records


def tree_rss(root: int, cpu: dict[int, float]) -> int:
    """Resident bytes of ``root`` and all its descendants, read from /proc; ``cpu`` gets each
    process's CPU seconds so far."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
            with open(f"/proc/{pid}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            cpu[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def run(args: list[str]) -> Run:
    cmd = [sys.executable, "-m", "cleanpress.cli", *args]
    start = time.perf_counter()
    before = os.times()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()
    per_process: dict[int, float] = {}

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid, per_process))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    done.set()
    sampler.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    busiest = max(per_process.values(), default=cpu)
    return Run(time.perf_counter() - start, cpu, busiest, code, peak)


def _row(name: str, jobs: int, run: Run, rate: float) -> str:
    return (
        f"{name:<16}{jobs:>3}{run.exit:>5}{run.wall:>8.1f}{run.cpu:>7.1f}{run.busiest:>10.1f}"
        f"{rate:>9.1f}{run.peak_rss / MB:>12.0f} MB"
    )


def ids_in_order(path: Path) -> bool:
    with open(path, "rb") as handle:
        return all(json.loads(line)["id"] == f"doc-{i}" for i, line in enumerate(handle))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--skip-jsonl", action="store_true")
    options = parser.parse_args()
    work = options.workdir or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    print(f"cpus: {len(os.sched_getaffinity(0))}, workdir: {work}")

    master = work / "articles"
    size = build_folder(master, options.files)
    print(f"folder: {options.files} files, {size / MB:.1f} MB")
    header = f"{'run':<16}{'-j':>3}{'exit':>5}{'wall s':>8}{'cpu s':>7}{'busiest s':>10}{'items/s':>9}"
    print(header + f"{'peak RSS tree':>15}")
    rates: dict[int, float] = {}
    runs: dict[int, Run] = {}
    for jobs in (1, 2):
        folder = work / f"fix-j{jobs}"
        shutil.copytree(master, folder)
        result = run(["fix", str(folder), "-j", str(jobs), "-q", "--isolated"])
        rates[jobs] = options.files / result.wall
        runs[jobs] = result
        print(_row("fix folder", jobs, result, rates[jobs]))
        shutil.rmtree(folder)
    print(f"speed-up -j 2 / -j 1: {rates[2] / rates[1]:.2f}x by wall clock (files/s)")
    cpus = len(os.sched_getaffinity(0))
    bound = max(runs[2].busiest, runs[2].cpu / cpus)
    print(
        f"speed-up on {cpus} idle cores, cpu(-j 1) / max(busiest, cpu / cores)(-j 2): "
        f"{runs[1].cpu / bound:.2f}x"
    )
    if options.skip_jsonl:
        return

    big = work / "corpus.jsonl"
    records = build_jsonl(big, options.mb * MB)
    print(f"JSONL: {records} records, {big.stat().st_size / MB:.1f} MB")
    out = work / "clean.jsonl"
    result = run(["clean", str(big), "-o", str(out), "-j", "2", "-q", "--isolated"])
    print(_row("clean JSONL", 2, result, records / result.wall))
    peak = result.peak_rss / MB
    print(f"peak RSS of the process tree at -j 2: {peak:.0f} MB; record order kept: {ids_in_order(out)}")
    if not options.workdir:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
