#!/usr/bin/env python3
"""Generate an independent STRESS corpus for cleanpress (deterministic, fixed seed).

It imitates how the private holdout differs from the public dev sets: new made-up ad
domains and URL shapes, new lead-ins / boilerplate phrasings / spam sentences in seven
languages, new Markdown and HTML link syntaxes, real redirect wrappers and shorteners,
URL disguises, CRLF layouts and precision traps.  Carriers are the clean `expected`
texts of the control records of /work/shared/corpora/dev-broad.jsonl.

Outputs (record format of shared/corpora/README.md):
  benchmarks/stress/stress.jsonl       ~300 records (~70 % injected, ~30 % controls)
  benchmarks/stress/hard-traps.jsonl   controls only, with extreme precision traps
                                       (beyond what the README promises for the holdout)

The phrase banks, domains and templates are in benchmarks/data/stress.json; the machinery
is shared with the other stress sets in benchmarks/stresskit.py.

Usage:  python benchmarks/stress_corpus.py      (then score with shared/eval/score_text.py)
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from typing import Any

import stresskit as sk
from stresskit import Unit, legit, spam

D = sk.load_data("stress.json")
SEED: int = D["seed"]
OUT_DIR = sk.HERE / "stress"
kit = sk.Kit(SEED, D)
rng = kit.rng

# ----------------------------------------------------------------------------- carriers and domains
DEV_RECORDS = sk.load_jsonl(sk.CORPORA / "dev-broad.jsonl") + sk.load_jsonl(sk.CORPORA / "dev-injected.jsonl")
DEV_TEXT_LOWER = "\n".join(r["text"] for r in DEV_RECORDS).lower()
CARRIERS = sk.control_carriers(sk.load_jsonl(sk.CORPORA / "dev-broad.jsonl"), 4, 16)
DEV_AD = sk.load_domains(sk.CORPORA / "dev-ad-domains.txt") | sk.load_domains(
    sk.CORPORA / "dev-broad-ad-domains.txt"
)


def easylist_slice(n: int) -> list[str]:
    """Registrable-looking list domains, not sub-sub-domains, mentioned nowhere in the dev corpora."""
    cands = sorted(d for d in sk.load_domains(sk.SHARED / "lists/easylist-domains.txt") if d not in DEV_AD)
    r = random.Random(SEED + 1)
    out: list[str] = []
    while len(out) < n:
        d = r.choice(cands)
        if d.count(".") == 1 and len(d) < 28 and d not in DEV_TEXT_LOWER and d not in out:
            out.append(d)
    return out


LIST_DOMAINS = easylist_slice(D["domains"]["n_list"])
MADE_UP: list[str] = []
while len(MADE_UP) < D["domains"]["n_made_up"]:
    d = kit.made_up_domain()
    if d not in MADE_UP and d.split(".")[0] not in DEV_TEXT_LOWER and d not in DEV_AD:
        MADE_UP.append(d)
D["ad_url"]["subs"] = [kit.expand(t) for t in D["ad_url"]["subs"]]  # drawn once, after the domains
LEGIT_URLS: list[list[str]] = D["legit_urls"]
kit.env.update(
    MADE_UP=MADE_UP,
    sponsor_mark=D["sponsor_mark"],
    LEGIT_URL=[u for _, u in LEGIT_URLS],
    LEGIT_URL_LAST4=[u for _, u in LEGIT_URLS[-4:]],
)

# ----------------------------------------------------------------------------- phrases and material


def headline() -> str:
    _, paras = rng.choice(CARRIERS)
    words = re.sub(r"[“”\"'’:;,.()\[\]]", "", paras[0]).split()[: rng.randint(5, 10)]
    h = " ".join(words)
    return h[:1].upper() + h[1:].lower() if rng.random() < 0.6 else h


def vary_case_punct(s: str) -> str:
    r = rng.random()
    if r < 0.2:
        s = s.upper()
    elif r < 0.3:
        s = s.lower()
    r = rng.random()
    if r < 0.35 and s[-1].isalnum():
        s += rng.choice(D["boilerplate_decor"]["suffixes"])
    elif r < 0.45:
        s = rng.choice(D["boilerplate_decor"]["prefixes"]) + s
    return s


def boilerplate(family: str | None = None) -> str:
    family = family or rng.choice(list(D["boilerplate"]))
    lg = kit.lang()
    tmpl = rng.choice(D["boilerplate"][family][lg])
    site = rng.choice(D["sites"])
    s = tmpl.format(h=headline(), site=site, SITE=site.upper(), y=rng.randint(2015, 2025))
    return vary_case_punct(s)


def any_domain() -> str:
    return rng.choice(MADE_UP + LIST_DOMAINS)


def shortener_url() -> str:
    s = rng.choice(D["shorteners"])
    if s != "tinyurl.com":
        tok = kit.rs(rng.choice([6, 7, 8]), sk.B62)
    else:
        tok = rng.choice([kit.rs(8, sk.B62), "y" + kit.rs(7, "abcdefghijkmnpqrstuvwxyz23456789")])
    if s == "ow.ly":
        tok = kit.rs(5, sk.B62) + "50" + kit.rs(4, sk.B62)
    return f"https://{s}/{tok}"


def redirect_line() -> str:
    if rng.random() < 0.6:
        u = kit.ad_url(any_domain())
        url = kit.expand(rng.choice(D["wrappers"]), {"u": u})
    else:
        url = shortener_url()
    return kit.maybe(url, 0.3, D["redirect_disguises"])


def md_line() -> list[tuple[str, bool]]:
    """Markdown spam: [(line, goes to the end of the document)]."""
    t = rng.choice(D["link_texts"][kit.lang()])
    u = kit.ad_url(any_domain())
    if rng.random() < 0.2:
        u = kit.maybe(u, 1.0, D["md_disguises"])
    lab = rng.choice(D["md_ref_labels"])
    form = D["md_forms"][rng.randrange(len(D["md_forms"]))]
    return [(kit.expand(line, {"t": t, "u": u, "lab": lab}), bool(end)) for line, end in form]


def html_snip() -> str:
    t = rng.choice(D["link_texts"][kit.lang()])
    d = any_domain()
    env = {"t": t, "d": d, "u": kit.ad_url(d)}
    env["js"] = kit.expand(D["html_js"], env)
    return kit.expand(D["html_forms"][rng.randrange(len(D["html_forms"]))], env)


def trap_blocks(kind: str) -> tuple[list[list[Unit]], list[tuple[str, str]]]:
    """([groups of lines to insert at paragraph breaks], [inline legit sentences (text, type)])."""
    lg = kit.lang()
    if kind == "citation-line":
        name, u = rng.choice(LEGIT_URLS)
        lab = rng.choice(D["cite_labels"][lg])
        form = rng.randrange(3)
        t = f"{lab} {name}, {u}" if form == 0 else f"{lab} {u}" if form == 1 else f"{lab} {name} ({u})"
        return [[legit(kit, t, kind)]], []
    if kind == "reference-list":
        urls = rng.sample([u for _, u in LEGIT_URLS], rng.randint(2, 4))
        head = legit(kit, rng.choice(D["ref_headings"]), kind)
        return [[head] + [legit(kit, u, kind) for u in urls]], []
    if kind == "reputable-url-inline":
        return [], [(" " + rng.choice(D["inline_legit"][lg]).format(u=rng.choice(LEGIT_URLS)[1]), kind)]
    if kind == "shortener-in-sentence":
        return [], [(" " + rng.choice(D["short_legit"][lg]).format(u=shortener_url()), kind)]
    if kind == "email-inline":
        return [], [(" " + rng.choice(D["email_legit"][lg]), kind)]
    if kind == "subheading":
        return [[legit(kit, rng.choice(D["subheadings"]), kind)]], []
    if kind == "boilerplate-lookalike":
        return [[legit(kit, rng.choice(D["lookalikes"]), kind)]], []
    if kind == "repeated-legit-line":
        if rng.random() < 0.4:
            s = rng.choice(D["slogans"])
            return [[legit(kit, s, kind)], [legit(kit, s, kind)]], []
        s = rng.choice(D["repeated_legit"])
        return [[legit(kit, s, kind)] for _ in range(rng.randint(2, 5))], []
    raise ValueError(kind)


def hard_trap() -> tuple[str, list[Unit] | None, str | None]:
    """(type, lines to insert, or an inline sentence), from the data's `hard_traps`."""
    spec = D["hard_traps"][rng.randrange(len(D["hard_traps"]))]
    env = {"handle": rng.choice(D["hard_trap_handles"])}
    for name, tpl in spec.get("let", {}).items():
        env[name] = kit.expand(tpl, env)
    t = spec["type"]
    if "inline" in spec:
        return t, None, kit.expand(spec["inline"], env)
    return t, [legit(kit, kit.expand(x, env), t) for x in spec["lines"]], None


# ----------------------------------------------------------------------------- record assembly


def inject(groups: list[list[Unit]], cat: str) -> None:
    if cat in ("ad-url-line", "unknown-ad-url-line"):
        dom = rng.choice(LIST_DOMAINS if cat == "ad-url-line" else MADE_UP)
        line = kit.maybe(kit.ad_url(dom))
        varied = rng.random() < 0.2
        lines = []
        for _ in range(rng.randint(2, 6)):
            lines.append(line)
            if varied:
                line = kit.maybe(kit.ad_url(dom, rng.randrange(len(D["ad_url"]["shapes"]))), 0.2)
        kit.put(groups, [[spam(kit, x, cat)] for x in lines], top_ok=True)
    elif cat == "inline-ad-url":
        for _ in range(rng.randint(1, 2)):
            lead = rng.choice(D["leadins"][rng.choice([*D["langs"]["codes"], "none"])])
            u = kit.maybe(kit.ad_url(any_domain()))
            kit.put_inline(groups, f" {lead} {u}" if lead else f" {u}", span=kit.key(cat))
    elif cat == "markdown-link-spam":
        for _ in range(rng.randint(1, 2)):
            parts = md_line()
            k = kit.key(cat)
            if len(parts) == 1:
                kit.put(groups, [[spam(kit, parts[0][0], cat, k)]])
            else:
                kit.put(groups, [[spam(kit, parts[0][0], cat)]])
                groups.append([spam(kit, parts[1][0], cat)])
    elif cat == "html-link-remnant":
        for _ in range(rng.randint(1, 2)):
            h = html_snip()
            if rng.random() < 0.3:
                kit.put_inline(groups, " " + h, span=kit.key(cat), mid=False)
            else:
                kit.put(groups, [[spam(kit, h, cat)]])
    elif cat == "redirect-url-line":
        line = redirect_line()
        reps = rng.choice([1, 1, 2, 3])
        kit.put(
            groups, [[spam(kit, line if rng.random() < 0.7 else redirect_line(), cat)] for _ in range(reps)]
        )
    elif cat == "boilerplate-line":
        for _ in range(rng.randint(1, 4)):
            fam = rng.choice(list(D["boilerplate"]))
            b = spam(kit, boilerplate(fam), cat)
            if fam in D["bottom_families"] and rng.random() < 0.6:
                groups.append([b])
            elif fam == "cookie" and rng.random() < 0.5:
                groups.insert(0, [b])
            else:
                kit.put(groups, [[b]])
    elif cat == "repeated-spam-line":
        s = rng.choice(D["spam"][kit.lang()]).format(n=rng.randint(2, 60))
        kit.put(groups, [[spam(kit, s, cat)] for _ in range(rng.randint(3, 5))])


def add_traps(groups: list[list[Unit]], n: int) -> None:
    for kind in rng.sample(D["trap_kinds"], n):
        new_groups, inl = trap_blocks(kind)
        kit.put(groups, new_groups)
        for t, lt in inl:
            kit.put_inline(groups, t, lg=kit.key(lt), mid=False)


def finish(rid: str, kind: str, groups: list[list[Unit]], layout: tuple[str, str, str]) -> dict[str, Any]:
    name, sep, nl = layout
    text, expected, spans, legits = sk.render([u for g in groups for u in g], sep, nl)
    sk.check_spans(rid, text, expected, spans)
    assert (kind == "control") == (not spans), rid
    return {"id": rid, "kind": kind, "text": text, "expected": expected, "spans": spans,
            "meta": {"source": "stress", "layout": name, "legit": legits}}  # fmt: skip


def make_record(rid: str, kind: str) -> dict[str, Any]:
    groups = [[sk.content(p)] for p in rng.choice(CARRIERS)[1]]
    layout = kit.pick_layout()
    if kind == "injected":
        ncat = rng.choices([1, 2, 3], [5, 4, 2])[0]
        cats: set[str] = set()
        while len(cats) < ncat:
            cats.add(rng.choices(D["cats"], D["cat_weights"])[0])
        for c in sorted(cats):
            inject(groups, c)
        if rng.random() < 0.5:
            add_traps(groups, rng.randint(1, 2))
    else:
        add_traps(groups, rng.choice([0, 1, 1, 2, 2, 3]))
    return finish(rid, kind, groups, layout)


def make_hard(rid: str) -> dict[str, Any]:
    groups = [[sk.content(p)] for p in rng.choice(CARRIERS)[1]]
    layout = kit.pick_layout()
    for _ in range(rng.choice([1, 1, 2])):
        t, units, sentence = hard_trap()
        if units:
            kit.put(groups, [units])
        else:
            assert sentence is not None
            kit.put_inline(groups, sentence, lg=kit.key(t), mid=False)
    return finish(rid, "control", groups, layout)


# ----------------------------------------------------------------------------- disjointness checks


def disjointness_report(records: list[dict[str, Any]]) -> list[str]:
    norm = sk.norm
    dev_spans = {norm(r["text"][s:e]) for r in DEV_RECORDS for s, e, _ in r["spans"]}
    problems = [
        f"span text equals a dev span: {r['text'][s:e]!r}"
        for r in records
        for s, e, _ in r["spans"]
        if norm(r["text"][s:e]) in dev_spans
    ]
    # banks: fixed phrases must not equal dev span texts; domains must not occur in dev texts
    fams = D["boilerplate"].values()
    bank = [x for fam in fams for v in fam.values() for x in v if "{" not in x]
    bank += [x for v in D["spam"].values() for x in v if "{" not in x]
    bank += [x for v in D["link_texts"].values() for x in v] + [
        x for v in D["leadins"].values() for x in v if x
    ]
    problems += [f"bank phrase equals a dev span: {x!r}" for x in bank if norm(x) in dev_spans]
    for x in [t.split("{")[0] for fam in fams for v in fam.values() for t in v if "{" in t]:
        if len(norm(x)) > 6 and any(d.startswith(norm(x) + " ") for d in dev_spans):
            problems.append(f"template prefix used in dev: {x!r}")
    problems += [f"domain in dev corpora: {d}" for d in MADE_UP + LIST_DOMAINS if d in DEV_TEXT_LOWER]
    for x in [x for v in D["leadins"].values() for x in v if len(x) > 3]:
        if norm(x) and re.search(r"(?<!\w)" + re.escape(x.lower()), DEV_TEXT_LOWER):
            problems.append(f"lead-in occurs in dev text (maybe as content): {x!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args(argv)
    n = D["counts"]
    kinds = ["injected"] * n["injected"] + ["control"] * n["controls"]
    rng.shuffle(kinds)
    records = [make_record(f"stress-{i:04d}", k) for i, k in enumerate(kinds)]
    hard = [make_hard(f"hard-{i:04d}") for i in range(n["hard"])]
    sk.write_jsonl(OUT_DIR / "stress.jsonl", records)
    sk.write_jsonl(OUT_DIR / "hard-traps.jsonl", hard)
    problems = disjointness_report(records)
    for p in problems:
        print("disjointness:", p, file=sys.stderr)
    print(
        f"stress.jsonl: {len(records)} records ({kinds.count('injected')} injected, "
        f"{kinds.count('control')} controls); hard-traps.jsonl: {len(hard)} controls"
    )
    sk.print_tally(records, D["cats"])
    print(f"  disjointness problems: {len(problems)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
