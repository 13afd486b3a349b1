#!/usr/bin/env python3
"""In-process throughput (MB/s) of cleanpress beside a one-regex limit and clean-text.

MB/s counts 10^6 bytes of UTF-8 input per second spent inside the timed call only.
Two corpora side by side: a dense one (dev-injected: injected ads on most records) and a
sparse one (real-clean-dev: real articles with nothing to remove).

Contenders, each timed over every record of a set, repeated N times (median reported):
  one-regex   re.compile(r"https?://\\S+").finditer(text) consumed, plus text.splitlines()
  clean-text  cleantext.clean(text, no_urls=True, lower=False, to_ascii=False, fix_unicode=False)
              (other options at clean-text's defaults): URL removal without the rewriting
              cleanpress does not do; the configuration whose speed the engine-v2 issue quotes
              (~8 MB/s), and the one the ratios are taken against first
  clean-text+ftfy  the same with fix_unicode=True (clean-text's default: every text through ftfy,
              about 4x slower); shown because it is what clean(text, no_urls=True) does out of the box
              Both are skipped with a note if clean-text is not importable.
  cleanpress  Cleaner() built once outside the timing, then cleaner.clean(text) per record;
              its bounded memo caches (host splits, URL evidence) are emptied before each timed
              pass, so that a pass does not reuse what the warm-up and earlier passes learned
              about these very texts (within a pass they fill as they would on a corpus)

Usage:  python benchmarks/bench_text.py [--repeat 3] [--dense PATH] [--sparse PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DEFAULT_DENSE = SHARED / "corpora" / "dev-injected.jsonl"
DEFAULT_SPARSE = SHARED / "corpora" / "real-clean-dev.jsonl"
URL_RE = re.compile(r"https?://\S+")


def load_texts(path: Path, field: str = "text") -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)[field])
    return texts


def one_regex(text: str) -> object:
    n = 0
    for _ in URL_RE.finditer(text):
        n += 1
    return n + len(text.splitlines())


def make_cleantext(fix_unicode: bool) -> tuple[Callable[[str], object] | None, str]:
    try:
        from cleantext import clean as ct_clean
    except Exception as exc:  # ImportError, or a broken optional dependency
        return None, f"clean-text not importable ({exc.__class__.__name__}: {exc}); skipped"

    def run(text: str) -> object:
        return ct_clean(text, no_urls=True, lower=False, to_ascii=False, fix_unicode=fix_unicode)

    name = "clean-text+ftfy" if fix_unicode else "clean-text"
    return (
        run,
        f"{name}: no_urls=True, lower=False, to_ascii=False, fix_unicode={fix_unicode}, others default",
    )


def make_cleanpress(texts: list[str]) -> tuple[Callable[[str], object], int]:
    """cleaner.clean(text) per record, Cleaner() built once.  Records whose auto-detected format
    clean() rejects (e.g. "HTML mode is not available yet") are found in an untimed warm-up
    pass and cleaned with format="text" instead; their count is returned."""
    import cleanpress

    cleaner = cleanpress.Cleaner()  # built once, outside the timing
    as_text: set[str] = set()
    for t in texts:  # untimed warm-up
        try:
            cleaner.clean(t)
        except ValueError:
            as_text.add(t)

    def run(text: str) -> object:
        if text in as_text:
            return cleaner.clean(text, "text")
        return cleaner.clean(text)

    return run, len(as_text)


def clear_memo_caches() -> int:
    """Empty every bounded ``functools.lru_cache`` of cleanpress's modules; return how many."""
    import functools
    import gc

    cleared = 0
    for obj in gc.get_objects():
        if (
            isinstance(obj, functools._lru_cache_wrapper)
            and str(getattr(obj, "__module__", "")).startswith("cleanpress")
            and obj.cache_parameters()["maxsize"] is not None
        ):
            obj.cache_clear()
            cleared += 1
    return cleared


def time_once(fn: Callable[[str], object], texts: list[str]) -> float:
    total = 0.0
    for t in texts:
        t0 = time.perf_counter()
        fn(t)
        total += time.perf_counter() - t0
    return total


def measure(
    fn: Callable[[str], object],
    texts: list[str],
    nbytes: int,
    repeat: int,
    before: Callable[[], object] | None = None,
) -> float:
    """Median MB/s over `repeat` passes; `before` runs (untimed) before each pass."""
    rates = []
    for _ in range(repeat):
        if before is not None:
            before()
        rates.append(nbytes / 1e6 / max(time_once(fn, texts), 1e-12))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--dense", type=Path, default=DEFAULT_DENSE, help="dense JSONL set (default: %(default)s)"
    )
    ap.add_argument(
        "--sparse", type=Path, default=DEFAULT_SPARSE, help="sparse JSONL set (default: %(default)s)"
    )
    ap.add_argument("--field", default="text", help="JSON field holding the text (default: %(default)s)")
    ap.add_argument("--repeat", "-n", type=int, default=3, help="passes per contender; median (default: 3)")
    ap.add_argument(
        "--limit", type=int, default=0, help="use only the first LIMIT records of each set (0: all)"
    )
    args = ap.parse_args(argv)

    import cleanpress

    sets = {"dense": args.dense, "sparse": args.sparse}
    data: dict[str, tuple[list[str], int]] = {}
    for name, path in sets.items():
        texts = load_texts(path, args.field)
        if args.limit:
            texts = texts[: args.limit]
        data[name] = (texts, sum(len(t.encode("utf-8", "surrogatepass")) for t in texts))

    ct_fn, ct_note = make_cleantext(fix_unicode=False)
    ftfy_fn, ftfy_note = make_cleantext(fix_unicode=True)
    cp_fn, n_as_text = make_cleanpress([t for texts, _ in data.values() for t in texts])
    contenders: dict[str, Callable[[str], object] | None] = {
        "one-regex": one_regex,
        "clean-text": ct_fn,
        "clean-text+ftfy": ftfy_fn,
        "cleanpress": cp_fn,
    }

    print(
        f"cleanpress {cleanpress.__version__}; Python {sys.version.split()[0]}; "
        f"median of {args.repeat} passes"
    )
    for name, path in sets.items():
        texts, nbytes = data[name]
        print(f"  {name:<6} {path} ({len(texts)} records, {nbytes / 1e6:.2f} MB)")
    print(f"  {ct_note}")
    print(f"  {ftfy_note}")
    print(
        f"  cleanpress: Cleaner().clean(text); {n_as_text} records rejected in auto format, cleaned as text"
    )
    print()
    results: dict[str, dict[str, float | None]] = {}
    for cname, fn in contenders.items():
        results[cname] = {}
        for sname in sets:
            texts, nbytes = data[sname]
            before = clear_memo_caches if cname == "cleanpress" else None
            results[cname][sname] = None if fn is None else measure(fn, texts, nbytes, args.repeat, before)

    header = f"{'MB/s':<16}" + "".join(f"{s:>12}" for s in sets)
    print(header)
    print("-" * len(header))
    for cname, row in results.items():
        cells = "".join(f"{'skipped':>12}" if v is None else f"{v:>12.2f}" for v in row.values())
        print(f"{cname:<16}{cells}")
    print()
    for sname in sets:
        cp = results["cleanpress"][sname]
        parts = []
        for other in ("clean-text", "clean-text+ftfy", "one-regex"):
            ov = results[other][sname]
            parts.append(f"cleanpress/{other} = " + ("n/a" if not cp or not ov else f"{cp / ov:.3f}"))
        print(f"ratios ({sname}): " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
