"""Hostile inputs for tests/test_hardening_hostile.py, and a child-process probe that cleans them.

Run as ``python tests/hostile_inputs.py CASE FORMAT SIZE...``: prints one JSON object with, per
size, the input length, the seconds taken, the removals and any exception, and the peak RSS growth
while cleaning the largest size. Each case is run in a child process so that a hang is a timeout,
not a stuck test run, and so that its memory is measured alone.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "000_b6446a1b2c005969.txt"


def _article(size: int) -> str:
    """Article-like prose of about ``size`` characters: the seed article with numbered paragraphs
    (so no line repeats), an ad line every few paragraphs."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if len(p) > 80 and "://" not in p]
    out: list[str] = []
    total = i = 0
    while total < size:
        line = f"{i}. {paragraphs[i % len(paragraphs)]}"
        if i % 7 == 3:
            line += f"\n{AD}{i}"
        out.append(line)
        total += len(line) + 1
        i += 1
    return "\n".join(out)


CASES: dict[str, Callable[[int], str]] = {
    # One line of n characters (words).
    "long-line": lambda n: "word " * (n // 5),
    # n nested tags on one line, and one per line (HTML-ish text through the text/Markdown paths).
    "nested-tags": lambda n: "<div>" * n + "text" + "</div>" * n,
    "nested-tag-lines": lambda n: "<div>\n" * n + "text\n" + "</div>\n" * n,
    # n blockquote markers before one word, with and without spaces.
    "blockquotes": lambda n: ">" * n + " quoted\n",
    "spaced-blockquotes": lambda n: "> " * n + "quoted\n",
    # An ad URL whose path is n characters long, and one with n query parameters.
    "long-url": lambda n: f"Intro.\n{AD}/" + "a" * n + "\nEnd.\n",
    "many-params": lambda n: f"Intro.\n{AD}&" + "&".join(f"p{i}=v{i}" for i in range(n)) + "\nEnd.\n",
    # n distinct URL lines; article-like prose of n characters.
    "url-lines": lambda n: "\n".join(f"https://site{i}.example.com/a?b={i}" for i in range(n)),
    "article": _article,
    # The seed article (with its five ad lines) repeated up to n characters: every line repeats.
    "repeated-article": lambda n: (SEED.read_text(encoding="utf-8") * (n // 8000 + 1))[:n],
}


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def probe(case: str, fmt: str, sizes: list[int]) -> dict[str, object]:
    import cleanpress

    cleaner = cleanpress.Cleaner()
    cleaner.clean(CASES[case](10), fmt)  # warm up: compiled rules, lazy imports
    runs: list[dict[str, object]] = []
    rss_growth = 0
    for size in sorted(sizes, reverse=True):  # largest first: its peak is the one measured
        text = CASES[case](size)
        gc.collect()
        before = _peak_rss_bytes()
        start = time.perf_counter()
        run: dict[str, object] = {"size": size, "chars": len(text)}
        try:
            result = cleaner.clean(text, fmt)
            run["removals"] = [r.rule for r in result.removals]
            run["lossless"] = cleanpress.apply_edits(text, result.removals) == result.text
        except BaseException as exc:
            run["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
        run["seconds"] = time.perf_counter() - start
        if not rss_growth:
            rss_growth = _peak_rss_bytes() - before
        runs.append(run)
        del text
    return {
        "case": case,
        "format": fmt,
        "runs": sorted(runs, key=lambda r: int(str(r["size"]))),
        "rss_growth": rss_growth,
    }


if __name__ == "__main__":
    name, form, *numbers = sys.argv[1:]
    print(json.dumps(probe(name, form, [int(n) for n in numbers])))
