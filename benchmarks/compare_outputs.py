#!/usr/bin/env python3
"""Check that cleanpress's output is byte-identical to the code before a change.

  --dump OUT.jsonl         clean every public corpus record and write one line per record:
                           {corpus, id, sha256 (of result.text), removals: [[rule, start, end,
                           replacement], ...]}, or {corpus, id, error: "..."} if clean() raised
  --compare A.jsonl B.jsonl
                           print the records that differ (with a short diff of removals) and a
                           summary line; exit status 1 if any differ
  --against-ref GITREF     dump GITREF (a temporary `git worktree` under the system temp dir,
                           run with PYTHONPATH=<worktree>/src) and the working tree (PYTHONPATH=
                           <repo>/src), compare them, remove the worktree

Corpora (paths relative to the checkout's parent, ../shared): corpora/dev-injected.jsonl,
corpora/dev-broad.jsonl, corpora/dev-wild.jsonl, corpora/real-clean-dev.jsonl and
bench/scrapinghub-fulltext.jsonl, field `text`.  Each record is cleaned with
cleanpress.clean(text, format=F), F being the record's "format" field when it is one of
text/markdown/html, else "auto".

Usage:  python benchmarks/compare_outputs.py --against-ref HEAD
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
CORPORA = {
    "dev-injected": SHARED / "corpora" / "dev-injected.jsonl",
    "dev-broad": SHARED / "corpora" / "dev-broad.jsonl",
    "dev-wild": SHARED / "corpora" / "dev-wild.jsonl",
    "real-clean-dev": SHARED / "corpora" / "real-clean-dev.jsonl",
    "scrapinghub-fulltext": SHARED / "bench" / "scrapinghub-fulltext.jsonl",
}
FORMATS = ("text", "markdown", "html")
MAX_SHOWN = 30


def iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                yield lineno, json.loads(line)


def dump(out: Path, corpora: dict[str, Path]) -> int:
    import cleanpress

    n = errors = 0
    with out.open("w", encoding="utf-8") as f:
        f.write(
            json.dumps({"meta": {"cleanpress": cleanpress.__version__, "module": cleanpress.__file__}}) + "\n"
        )
        for corpus, path in corpora.items():
            for lineno, rec in iter_records(path):
                rid = rec.get("id", f"line{lineno}")
                fmt = str(rec["format"]) if rec.get("format") in FORMATS else "auto"
                row: dict[str, Any] = {"corpus": corpus, "id": rid}
                try:
                    res = cleanpress.clean(rec["text"], format=fmt)
                    row["sha256"] = hashlib.sha256(res.text.encode("utf-8", "surrogatepass")).hexdigest()
                    row["removals"] = [[r.rule, r.start, r.end, r.replacement] for r in res.removals]
                except Exception as exc:  # recorded, not fatal
                    row["error"] = f"{exc.__class__.__name__}: {exc}"
                    errors += 1
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    print(
        f"dumped {n} records ({errors} errors) with cleanpress {cleanpress.__version__} "
        f"from {Path(cleanpress.__file__).parent} to {out}"
    )
    return 0


def load_dump(path: Path) -> tuple[dict[str, Any], dict[tuple[str, str], dict[str, Any]]]:
    meta: dict[str, Any] = {}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for _, rec in iter_records(path):
        if "meta" in rec:
            meta = rec["meta"]
            continue
        key = (rec["corpus"], str(rec["id"]))
        while key in rows:  # duplicate ids inside a corpus: keep both, in order
            key = (key[0], key[1] + "'")
        rows[key] = rec
    return meta, rows


def removal_diff(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    if "error" in a or "error" in b:
        return [f"    A: {a.get('error', 'ok')}", f"    B: {b.get('error', 'ok')}"]
    ra = {tuple(x) for x in a["removals"]}
    rb = {tuple(x) for x in b["removals"]}
    lines = [f"    - {list(x)!r}" for x in sorted(ra - rb, key=lambda x: (x[1], x[2]))]
    lines += [f"    + {list(x)!r}" for x in sorted(rb - ra, key=lambda x: (x[1], x[2]))]
    if not lines:
        lines = ["    (same removals, different text sha256)"]
    if len(lines) > 8:
        lines = [*lines[:8], f"    ... {len(lines) - 8} more"]
    return lines


def compare(a_path: Path, b_path: Path) -> int:
    meta_a, a = load_dump(a_path)
    meta_b, b = load_dump(b_path)
    print(f"A: {a_path} ({meta_a.get('cleanpress', '?')}, {meta_a.get('module', '?')})")
    print(f"B: {b_path} ({meta_b.get('cleanpress', '?')}, {meta_b.get('module', '?')})")
    differ: list[tuple[str, str]] = []
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    for key in a.keys() & b.keys():
        ra, rb = a[key], b[key]
        if (ra.get("sha256"), ra.get("removals"), ra.get("error")) != (
            rb.get("sha256"),
            rb.get("removals"),
            rb.get("error"),
        ):
            differ.append(key)
    differ.sort()
    for i, key in enumerate(differ):
        if i == MAX_SHOWN:
            print(f"... {len(differ) - MAX_SHOWN} more differing records")
            break
        print(f"DIFF {key[0]} {key[1]}")
        print("\n".join(removal_diff(a[key], b[key])))
    for key in only_a[:MAX_SHOWN]:
        print(f"ONLY-A {key[0]} {key[1]}")
    for key in only_b[:MAX_SHOWN]:
        print(f"ONLY-B {key[0]} {key[1]}")
    n_err = sum("error" in r for r in b.values())
    same = len(a.keys() & b.keys()) - len(differ)
    bad = len(differ) + len(only_a) + len(only_b)
    print(
        f"summary: {same} identical, {len(differ)} differ, {len(only_a)} only in A, {len(only_b)} only in B, "
        f"{n_err} errors in B -> {'IDENTICAL' if not bad else 'DIFFERENT'}"
    )
    return 1 if bad else 0


def dump_in_subprocess(src: Path, out: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(src) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--dump", str(out)], env=env)
    if proc.returncode != 0:
        raise SystemExit(
            f"dump with PYTHONPATH={src} failed (exit {proc.returncode}); is cleanpress importable there?"
        )


def against_ref(ref: str) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="cleanpress-compare-"))
    wt = tmp / "worktree"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(wt), ref], check=True
    )
    try:
        ref_dump, cur_dump = tmp / "ref.jsonl", tmp / "working-tree.jsonl"
        print(f"ref {ref} -> {wt}")
        dump_in_subprocess(wt / "src", ref_dump)
        dump_in_subprocess(REPO / "src", cur_dump)
        return compare(ref_dump, cur_dump)
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(wt)], check=False)
        subprocess.run(["git", "-C", str(REPO), "worktree", "prune"], check=False)
        for p in sorted(tmp.rglob("*"), reverse=True):
            if p.is_file() or p.is_symlink():
                p.unlink()
            else:
                p.rmdir()
        tmp.rmdir()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--dump", type=Path, metavar="OUT.jsonl", help="write a dump of the importable cleanpress"
    )
    mode.add_argument(
        "--compare", type=Path, nargs=2, metavar=("A.jsonl", "B.jsonl"), help="compare two dumps"
    )
    mode.add_argument(
        "--against-ref", metavar="GITREF", help="compare GITREF's output with the working tree's"
    )
    args = ap.parse_args(argv)
    if args.dump:
        return dump(args.dump, CORPORA)
    if args.compare:
        return compare(*args.compare)
    return against_ref(args.against_ref)


if __name__ == "__main__":
    sys.exit(main())
