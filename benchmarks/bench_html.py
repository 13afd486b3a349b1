"""HTML mode speed: pages/s of ``cleanpress.clean(html, "html")`` (extraction and the text rules)
next to the scorer's bs4 reference (html.parser + get_text) and, if installed, trafilatura, plus the
parser measurement behind lxml as a core dependency (bs4 + html.parser, bs4 + lxml, raw lxml), over
the 181 pages of the scrapinghub benchmark (../shared/bench/scrapinghub/html).

    python benchmarks/bench_html.py [--repeat 3] [--limit N] [--data DIR]

The systems run interleaved in one process, each repeat over all pages, after one warm-up page
(imports, rule pack compilation); the median is reported. Absolute speed on a shared VM drifts by
about 25 % from run to run: compare the ratios.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import cleanpress
from cleanpress.formats.html.parse import make_parser

DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub" / "html"
REFERENCE = "bs4 html.parser+get_text (scorer reference)"


def load_pages(data: Path, limit: int | None) -> list[str]:
    files = sorted(data.glob("*.html.gz"))[:limit]
    return [gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in files]


def bs4_reference(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text("\n", strip=True)


def bs4_parse(features: str) -> Callable[[str], object]:
    from bs4 import BeautifulSoup

    def run(html: str) -> object:
        return BeautifulSoup(html, features)

    return run


def lxml_parse(html: str) -> object:
    return etree.fromstring(html, make_parser())


def systems() -> dict[str, Callable[[str], object]]:
    cleaner = cleanpress.Cleaner()
    out: dict[str, Callable[[str], object]] = {
        "cleanpress clean(format='html')": lambda html: cleaner.clean(html, "html").text,
    }
    try:
        import trafilatura

        out["trafilatura extract(include_comments=False)"] = lambda html: trafilatura.extract(
            html, include_comments=False
        )
    except ImportError:
        print("trafilatura is not installed: its column is left out (pip install trafilatura)")
    out[REFERENCE] = bs4_reference
    out["parse only: bs4 + html.parser"] = bs4_parse("html.parser")
    out["parse only: bs4 + lxml"] = bs4_parse("lxml")
    out["parse only: raw lxml (etree.HTMLParser)"] = lxml_parse
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    pages = load_pages(args.data, args.limit)
    if not pages:
        print(f"no pages in {args.data}")
        return 2
    mb = sum(len(p.encode()) for p in pages) / 1e6
    runs = systems()
    for fn in runs.values():
        fn(pages[0])
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, fn in runs.items():
            start = time.perf_counter()
            for html in pages:
                fn(html)
            times[name].append(time.perf_counter() - start)
    ref = statistics.median(times[REFERENCE])
    print(f"{len(pages)} pages, {mb:.1f} MB, median of {args.repeat} interleaved runs")
    print(f"{'system':48s} {'pages/s':>8s} {'MB/s':>7s} {'vs bs4 ref':>10s}")
    for name, ts in times.items():
        t = statistics.median(ts)
        print(f"{name:48s} {len(pages) / t:8.1f} {mb / t:7.1f} {ref / t:9.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
