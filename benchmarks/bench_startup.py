#!/usr/bin/env python3
"""Start-up cost of cleanpress: wall time of fresh processes, min/median/max over N runs.

Measured commands (each a new process, N times):
  cleanpress --version
  cleanpress < fixtures/000_b6446a1b2c005969.txt > /dev/null
  python -c "import cleanpress"

The `cleanpress` used is the one beside sys.executable (the running venv's bin) unless
--cleanpress PATH is given; `python` is sys.executable unless --python PATH is given.

Usage:  python benchmarks/bench_startup.py [-n 11] [--cleanpress PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_FIXTURE = REPO / "fixtures" / "000_b6446a1b2c005969.txt"


def default_cleanpress() -> str:
    bindir = Path(sys.executable).parent
    for name in ("cleanpress", "cleanpress.exe"):
        if (bindir / name).exists():
            return str(bindir / name)
    return shutil.which("cleanpress") or str(bindir / "cleanpress")


def run_times(cmd: list[str], n: int, stdin_path: Path | None) -> list[float]:
    times: list[float] = []
    for _ in range(n):
        stdin = stdin_path.open("rb") if stdin_path else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append(time.perf_counter() - t0)
        finally:
            if stdin_path:
                stdin.close()  # type: ignore[union-attr]
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {err[0]}")
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=11, help="fresh processes per command (default: 11)")
    ap.add_argument(
        "--cleanpress", default=None, help="cleanpress executable (default: beside sys.executable)"
    )
    ap.add_argument(
        "--python", default=sys.executable, help="python for the import test (default: %(default)s)"
    )
    ap.add_argument("--fixture", type=Path, default=DEFAULT_FIXTURE, help="stdin for the clean run")
    args = ap.parse_args(argv)

    exe = args.cleanpress or default_cleanpress()
    if not os.path.exists(exe) and not shutil.which(exe):
        ap.error(f"cleanpress executable not found: {exe}")
    cases: list[tuple[str, list[str], Path | None]] = [
        ("cleanpress --version", [exe, "--version"], None),
        (f"cleanpress < {args.fixture.name}", [exe], args.fixture),
        ('python -c "import cleanpress"', [args.python, "-c", "import cleanpress"], None),
    ]
    print(f"cleanpress: {exe}\npython:     {args.python}\nruns:       {args.runs} fresh processes each\n")
    print(f"{'command':<44}{'min ms':>9}{'median ms':>11}{'max ms':>9}")
    for label, cmd, stdin in cases:
        ts = run_times(cmd, args.runs, stdin)
        print(f"{label:<44}{min(ts) * 1e3:>9.1f}{statistics.median(ts) * 1e3:>11.1f}{max(ts) * 1e3:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
