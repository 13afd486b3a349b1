"""Extract generic element-hiding selectors (`##selector`, no domain) from Adblock filter lists."""

from __future__ import annotations

from collections.abc import Iterable

#: Markers of procedural / extended selectors that are not plain CSS (skipped).
PROCEDURAL_MARKERS = (
    ":has-text",
    ":-abp-",
    ":xpath",
    ":matches-",
    ":upward",
    ":remove",
    ":style",
    ":contains",
    ":min-text-length",
    ":watch-attr",
    ":others",
    ":if",
    ":matches-css",
    ":has(",
    ":not(",
    "^",
)


def generic_elemhide(lines: Iterable[str]) -> list[str]:
    """Return generic `##` selectors in first-seen order, minus targets of `#@#` exceptions."""
    selectors: list[str] = []
    excepted: set[str] = set()
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("!") or line.startswith("["):
            continue
        if "#@#" in line:
            excepted.add(line.split("#@#", 1)[1].strip())
            continue
        if not line.startswith("##"):
            continue  # domain-specific (`example.com##...`), `#?#`, `#$#` or a network rule
        sel = line[2:].strip()
        if not sel or any(mark in sel for mark in PROCEDURAL_MARKERS):
            continue
        selectors.append(sel)
    seen: set[str] = set()
    out: list[str] = []
    for sel in selectors:
        if sel not in excepted and sel not in seen:
            seen.add(sel)
            out.append(sel)
    return out


def read_list_file(text: str) -> list[str]:
    """Lines of a plain list file, without `#` comments and blank lines."""
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not _is_comment(ln.strip())]


def _is_comment(line: str) -> bool:
    """`# text` is a comment; `#id` is a selector."""
    return line == "#" or line.startswith("# ")


HEADER = """\
# Generic element-hiding selectors (`##selector` with no domain) from EasyList and EasyList Germany.
# Targets of `#@#` exceptions and procedural selectors (:has-text, :-abp-*, :has, :not, ...) are left out.
# Source: https://easylist.to/ (easylist.txt, easylistgermany.txt as of the shared copy, Jul 2026)
# Authors: The EasyList authors (https://easylist.to/pages/about.html)
# Licence: dual, GNU GPL v3 or later (GPLv3+) or Creative Commons Attribution-ShareAlike 3.0
# or later (CC BY-SA 3.0+); see https://easylist.to/pages/licence.html
# Regenerate with: python -m cleanpress.formats.html.easylist (from rules/lists/adblock/)
"""


def main() -> int:
    """Rebuild ``rules/lists/easylist-elemhide.txt`` from the EasyList copies in ``rules/lists/adblock``."""
    from cleanpress.ruleset import builtin_rules_dir

    lists = builtin_rules_dir() / "lists"
    lines: list[str] = []
    for name in ("easylist.txt", "easylistgermany.txt"):
        lines.extend((lists / "adblock" / name).read_text(encoding="utf-8").splitlines())
    selectors = generic_elemhide(lines)
    out = lists / "easylist-elemhide.txt"
    out.write_text(HEADER + "\n".join(selectors) + "\n", encoding="utf-8")
    print(f"{len(selectors)} selectors -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
