#!/usr/bin/env python3
"""How cleanpress scales with document size: one big document versus its parts.

For each size S (default 10 KB, 100 KB, 1 MB, 8 MB, 10 MB; 1 KB = 1,000 bytes of UTF-8),
a document is built by concatenating dev-injected texts (cycled, blank line between)
until it reaches S bytes.  Then:
  whole   time of ONE Cleaner().clean(document, format)      (in its own child process)
  parts   total time of Cleaner().clean(part, format) over the parts (in another child)
  ratio   whole / parts  (the issue's target: <= 1.5 at 8 MB)
  peak    peak RSS of the child that builds and cleans the whole document: ru_maxrss of
          that child's rusage from os.wait4 (the per-child form of
          getrusage(RUSAGE_CHILDREN)), next to the child's RSS just before clean()

Usage:  python benchmarks/bench_scaling.py [--sizes 10K,100K,1M,8M,10M] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "corpora" / "dev-injected.jsonl"
TARGET_SIZE = 8_000_000
TARGET_RATIO = 1.5
UNITS = {"K": 10**3, "M": 10**6, "G": 10**9}


def parse_size(s: str) -> int:
    s = s.strip().upper().removesuffix("B")
    if s and s[-1] in UNITS:
        return int(float(s[:-1]) * UNITS[s[-1]])
    return int(s)


def fmt_size(n: int) -> str:
    if n >= 10**6:
        return f"{n / 1e6:g} MB"
    if n >= 10**3:
        return f"{n / 1e3:g} KB"
    return f"{n} B"


def build_parts(source: Path, size: int) -> list[str]:
    texts = [
        json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        t = texts[i % len(texts)]
        parts.append(t)
        total += len(t.encode("utf-8", "surrogatepass")) + (2 if len(parts) > 1 else 0)
        i += 1
    return parts


def child(mode: str, source: Path, size: int, fmt: str, repeat: int) -> int:
    """Runs in a child process; prints one JSON line."""
    import cleanpress

    parts = build_parts(source, size)
    cleaner = cleanpress.Cleaner()
    cleaner.clean(parts[0], fmt)  # warm lazy initialisation outside the timing
    out: dict[str, object] = {"n_parts": len(parts)}
    if mode == "whole":
        doc = "\n\n".join(parts)
        del parts
        out["bytes"] = len(doc.encode("utf-8", "surrogatepass"))
        out["rss_before_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        times = []
        removals = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            res = cleaner.clean(doc, fmt)
            times.append(time.perf_counter() - t0)
            removals = len(res.removals)
            del res
        out["seconds"] = min(times)
        out["removals"] = removals
    else:
        times = []
        removals = 0
        for _ in range(repeat):
            total = 0.0
            removals = 0
            for p in parts:
                t0 = time.perf_counter()
                res = cleaner.clean(p, fmt)
                total += time.perf_counter() - t0
                removals += len(res.removals)
            times.append(total)
        out["seconds"] = min(times)
        out["removals"] = removals
    print(json.dumps(out))
    return 0


def run_child(mode: str, args: argparse.Namespace, size: int) -> tuple[dict[str, object], int]:
    """(child's JSON result, child's peak RSS in KB from os.wait4)."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        mode,
        "--size",
        str(size),
        "--source",
        str(args.source),
        "--format",
        args.format,
        "--repeat",
        str(args.repeat),
    ]
    with open(os.devnull, "rb") as devnull, tempfile.TemporaryFile() as errf:
        proc = subprocess.Popen(cmd, stdin=devnull, stdout=subprocess.PIPE, stderr=errf)
        out = proc.stdout.read() if proc.stdout else b""  # one short JSON line
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read()
    if proc.returncode != 0:
        raise SystemExit(
            f"child {mode} {size} failed ({proc.returncode}):\n{err.decode(errors='replace')[-2000:]}"
        )
    return json.loads(out.decode().strip().splitlines()[-1]), usage.ru_maxrss


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--sizes", default="10K,100K,1M,8M,10M", help="comma-separated sizes (default: %(default)s)"
    )
    ap.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help="JSONL with field text (default: %(default)s)"
    )
    ap.add_argument("--format", default="text", help="format passed to clean() (default: %(default)s)")
    ap.add_argument(
        "--repeat", type=int, default=1, help="timings per child; the minimum is kept (default: 1)"
    )
    ap.add_argument("--child", choices=["whole", "parts"], help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args.child, args.source, args.size, args.format, args.repeat)

    import cleanpress

    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    print(
        f"cleanpress {cleanpress.__version__}; format={args.format}; best of {args.repeat}; "
        f"peak = ru_maxrss of the whole-document child (os.wait4)"
    )
    hdr = (
        f"{'size':>8}{'parts':>7}{'whole s':>10}{'parts s':>10}{'whole/parts':>13}"
        f"{'rss before MB':>15}{'peak MB':>10}{'removals w/p':>15}"
    )
    print(hdr)
    print("-" * len(hdr))
    verdict = None
    for size in sizes:
        whole, peak_kb = run_child("whole", args, size)
        parts, _ = run_child("parts", args, size)
        ws, ps = float(whole["seconds"]), float(parts["seconds"])  # type: ignore[arg-type]
        ratio = ws / ps if ps else float("inf")
        before = int(whole["rss_before_kb"]) / 1024  # type: ignore[call-overload]
        rem = f"{whole['removals']}/{parts['removals']}"
        print(
            f"{fmt_size(size):>8}{whole['n_parts']:>7}{ws:>10.3f}{ps:>10.3f}{ratio:>13.2f}"
            f"{before:>15.1f}{peak_kb / 1024:>10.1f}{rem:>15}"
        )
        sys.stdout.flush()
        if size == TARGET_SIZE:
            verdict = ratio
    if verdict is not None:
        ok = "MET" if verdict <= TARGET_RATIO else "NOT MET"
        print(f"\ntarget (8 MB whole within {TARGET_RATIO}x its parts): {ok} (ratio {verdict:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
