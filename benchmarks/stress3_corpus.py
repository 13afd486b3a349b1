#!/usr/bin/env python3
"""Third, independent stress corpus for cleanpress (deterministic, fixed seed).

Built like shared/corpora (record format, span categories, span ownership of line breaks,
meta.legit precision traps) from a fresh bank of inventions that is meant to be disjoint from
the public dev sets and from stress sets 1 and 2: new made-up ad domains, ad/affiliate/tracker
URL templates in the style of real networks (native-widget click paths, affiliate-network
deep links, tracker platforms, pop/push networks), unused list domains, new lead-ins,
boilerplate and spam phrasings in seven languages, further Markdown / HTML link variants,
new redirect shims and shorteners, URL disguises and realistic precision traps.

Carriers: the clean `expected` texts of the control records of BOTH
/work/shared/corpora/dev-injected.jsonl and dev-broad.jsonl, each cut to a (different)
middle slice of paragraphs.

The phrase banks, domains and templates are in benchmarks/data/stress3.json; the machinery
is shared with the other stress sets in benchmarks/stresskit.py.

Output: benchmarks/stress3/stress3.jsonl
Usage:  python benchmarks/stress3_corpus.py
Score:  python /work/shared/eval/score_text.py benchmarks/stress3/stress3.jsonl --show-failures 80
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from functools import partial
from typing import Any

import stresskit as sk
from stresskit import SlotDoc, Unit, legit, spam

D = sk.load_data("stress3.json")
SEED: int = D["seed"]
OUT = sk.HERE / "stress3" / "stress3.jsonl"
kit = sk.Kit(SEED, D)
rng = kit.rng

# ============================================================================ other corpora

DEV = sk.load_jsonl(sk.CORPORA / "dev-injected.jsonl") + sk.load_jsonl(sk.CORPORA / "dev-broad.jsonl")
OTHER = list(DEV)
for extra in (sk.HERE / "stress" / "stress.jsonl", sk.HERE / "stress" / "hard-traps.jsonl",
              sk.HERE / "stress2" / "stress2.jsonl"):  # fmt: skip
    if extra.exists():
        OTHER += sk.load_jsonl(extra)
OTHER_TEXT = "\n".join(r["text"] for r in OTHER).lower()
# the inventions of stress sets 1 and 2 (their generators and data) are off limits too
OTHER_SRC = "".join(
    p.read_text(encoding="utf-8").lower()
    for p in (
        sk.HERE / "stress_corpus.py",
        sk.HERE / "stress2_corpus.py",
        sk.DATA / "stress.json",
        sk.DATA / "stress2.json",
    )
    if p.exists()
)
OTHER_SPANS = {sk.norm(r["text"][s:e]) for r in OTHER for s, e, _ in r["spans"]}


def load_carriers() -> list[tuple[str, list[str]]]:
    out = []
    for r in DEV:
        if r["kind"] != "control":
            continue
        paras = [p for p in re.split(r"\r?\n", r["expected"]) if p.strip()]
        if len(paras) >= 3:
            out.append((r["meta"].get("source", "?"), paras))
    return out


CARRIERS = load_carriers()
_carrier_uses: Counter[int] = Counter()


def cut(paras: list[str]) -> list[str]:
    """A middle slice of paragraphs, different on each use of the article."""
    n = len(paras)
    if n <= 4:
        return list(paras)
    hi = min(n - 1, 14)
    want = rng.randint(min(max(3, n // 4), hi), hi)
    lo = rng.randint(1 if n - want >= 1 else 0, max(0, n - want))
    return paras[lo : lo + want]


# ============================================================================ ad domains

USED_LISTS = sk.load_domains(sk.CORPORA / "dev-ad-domains.txt") | sk.load_domains(
    sk.CORPORA / "dev-broad-ad-domains.txt"
)
EASYLIST = sk.load_domains(sk.SHARED / "lists/easylist-domains.txt")


def list_domains(n: int) -> list[str]:
    ez = sorted(EASYLIST)
    r = random.Random(SEED + 17)
    out: list[str] = []
    while len(out) < n:
        d = r.choice(ez)
        if (
            d.count(".") == 1
            and 6 < len(d) < 26
            and d not in USED_LISTS
            and d not in OTHER_TEXT
            and d.split(".")[0] not in OTHER_TEXT
            and d not in OTHER_SRC
            and d not in out
            and not d[0].isdigit()
        ):
            out.append(d)
    return out


LIST_DOMAINS = list_domains(D["domains"]["n_list"])
MADE_UP: list[str] = []
while len(MADE_UP) < D["domains"]["n_made_up"]:
    d = kit.made_up_domain()
    name = d.split(".")[0]
    if (
        d not in MADE_UP
        and name not in OTHER_TEXT
        and name not in OTHER_SRC
        and d not in USED_LISTS
        and d not in EASYLIST
    ):
        MADE_UP.append(d)
N_SHAPES = len(D["ad_url"]["shapes"])
kit.env.update(md_labels=D["md_labels"])


def ad_domain(known: bool | None = None) -> tuple[str, bool]:
    if known is None:
        known = rng.random() < 0.5
    return rng.choice(LIST_DOMAINS if known else MADE_UP), known


# ============================================================================ phrases


def decorate(s: str, heavy: bool = False) -> str:
    r = rng.random()
    if r < 0.15:
        s = s.upper()
    elif r < 0.22:
        s = s.lower()
    elif r < 0.3 and not heavy:
        s = s.title()
    r = rng.random()
    if r < 0.1:
        s = s.rstrip(".") + rng.choice(D["decor"]["tails"])
    elif r < 0.18:
        s = rng.choice(D["decor"]["frames"]).format(s)
    elif r < 0.22:
        s = "  " + s + " "
    return s


def boilerplate(fam: str | None = None) -> str:
    fam = fam or rng.choice(list(D["boilerplate"]))
    lg = kit.lang()
    site = rng.choice(D["sites"])
    tpl = rng.choice(D["boilerplate"][fam][lg])
    s = tpl.format(site=site, h=rng.choice(D["headlines"][lg]), y=kit.rn(2015, 2025))
    return decorate(s, heavy=fam in D["heavy_families"])


# ============================================================================ injection builders


def inline_piece() -> str:
    lg = rng.choice([*D["langs"]["codes"], "none"])
    d, _ = ad_domain()
    u = kit.maybe(kit.ad_url(d))
    li = rng.choice(D["leadins"][lg])
    return " " + (li + " " if li else "") + u


def short_url(h: str | None = None) -> str:
    h = h or rng.choice([*D["shorteners"], "linkvertise"])
    return kit.expand(D["short_special"].get(h, D["short_default"]), {"h": h})


def redirect_line() -> str:
    if rng.random() < 0.62:
        d, _ = ad_domain()
        wrapper = rng.choice(D["wrappers"])  # drawn before the wrapped URL
        u = kit.expand(wrapper, {"u": kit.ad_url(d)})
    else:
        u = short_url()
    return kit.maybe(u, 0.3, D["redirect_disguises"])


def expand_lines(form: Any, env: sk.Env) -> list[str]:
    if isinstance(form, dict):
        for name, tpl in form["let"].items():
            env[name] = kit.expand(tpl, env)
        form = form["lines"]
    return [kit.expand(line, env) for line in form]


def md_lines() -> list[str]:
    """Returns a list of lines (1 or 2) forming one markdown spam item."""
    lg = kit.lang()
    t = rng.choice(D["link_text"][lg])
    d, _ = ad_domain()
    u = kit.ad_url(d)
    uu = kit.maybe(u, 0.25, D["md_disguises"])
    form = D["md_forms"][rng.randrange(len(D["md_forms"]))]
    return expand_lines(form, {"t": t, "d": d, "u": u, "uu": uu, "u_angle": "<" + u + ">"})


def html_snip(mid: bool = False) -> str:
    lg = kit.lang()
    t = rng.choice(D["link_text"][lg])
    d, _ = ad_domain()
    u = kit.ad_url(d)
    k = rng.randrange(len(D["html_forms"]))
    if mid:
        k = rng.choice(D["html_mid_forms"])
    return kit.expand(D["html_forms"][k], {"t": t, "d": d, "u": u})


# ============================================================================ precision traps


def reputable(pool: list[str] | None = None) -> str:
    return kit.expand(rng.choice(pool or D["reputable"]))


def normal_url() -> str:
    s = rng.choice(D["normal_sites"])
    return kit.expand(D["normal_urls"][rng.randrange(len(D["normal_urls"]))], {"s": s})


def trap(kind: str) -> tuple[list[list[Unit]], list[tuple[str, str]]]:
    """Returns (new_units_groups, inline_pieces): groups are inserted at paragraph breaks."""
    lg = kit.lang()
    if kind == "citation-line":
        label = rng.choice(D["cite_label"][lg])
        return [[legit(kit, f"{label} {reputable()}", kind)]], []
    if kind == "reference-list":
        k = kit.key(kind)
        us = [legit(kit, rng.choice(D["ref_head"]), kind, k)]
        for _ in range(rng.randint(2, 3)):
            prefix = rng.choice(D["ref_prefixes"])
            us.append(legit(kit, prefix + reputable(), kind, k))
        return [us], []
    if kind == "reputable-url-inline":
        return [], [(" " + rng.choice(D["inline_rep"][lg]).format(u=reputable()), kind)]
    if kind == "reputable-url-query":
        tpl = rng.choice(D["inline_rep"][lg])
        return [], [(" " + tpl.format(u=reputable([D["reputable"][i] for i in D["reputable_query"]])), kind)]
    if kind == "shortener-in-sentence":
        tpl = rng.choice(D["short_inl"][lg])
        return [], [(" " + tpl.format(u=short_url(rng.choice(D["trap_shorteners"]))), kind)]
    if kind == "email-inline":
        return [], [(" " + rng.choice(D["email_inl"][lg]), kind)]
    if kind == "subheading":
        return [[legit(kit, rng.choice(D["subhead"]), kind)]], []
    if kind == "boilerplate-lookalike":
        return [[legit(kit, rng.choice(D["lookalike"]), kind)]], []
    if kind == "repeated-legit-line":
        s = rng.choice(D["slogans"])
        return [[legit(kit, s, kind)], [legit(kit, s, kind)]], []
    if kind == "report-url-line":
        k = kit.key(kind)
        lead = legit(kit, rng.choice(D["report_lead"][lg]), kind, k)
        return [[lead, legit(kit, normal_url(), kind, k)]], []
    raise ValueError(kind)


# ============================================================================ assembly


def inject(doc: SlotDoc, cat: str) -> None:
    if cat in ("ad-url-line", "unknown-ad-url-line"):
        d, _ = ad_domain(known=(cat == "ad-url-line"))
        u = kit.maybe(kit.ad_url(d))
        n = rng.randint(2, 6)
        doc.spread(lambda: spam(kit, u, cat), n)
    elif cat == "inline-ad-url":
        for _ in range(rng.choice([1, 1, 1, 2])):
            doc.append_inline(inline_piece(), span_cat=cat, mid=rng.random() < 0.25)
    elif cat == "markdown-link-spam":
        lines = md_lines()
        reps = 1 if len(lines) > 1 else rng.choice([1, 1, 2, 3])
        for _ in range(reps):
            doc.insert([spam(kit, x, cat) for x in lines], allow_edges=True)
    elif cat == "html-link-remnant":
        if rng.random() < 0.3:
            doc.append_inline(" " + html_snip(mid=True), span_cat=cat)
        else:
            h = html_snip()
            for _ in range(rng.choice([1, 1, 2])):
                doc.insert([spam(kit, h, cat)])
    elif cat == "redirect-url-line":
        r = redirect_line()
        doc.spread(lambda: spam(kit, r, cat), rng.randint(1, 4))
    elif cat == "boilerplate-line":
        for _ in range(rng.randint(1, 3)):
            fam = rng.choice(list(D["boilerplate"]))
            s = boilerplate(fam)
            if fam in D["spread_families"] and rng.random() < 0.5:
                doc.spread(partial(spam, kit, s, cat), rng.randint(2, 3), allow_edges=False)
            elif fam in D["bottom_families"] and rng.random() < 0.6:
                doc.slots[-1].append(spam(kit, s, cat))
            elif fam == "cookie" and rng.random() < 0.6:
                doc.slots[rng.choice([0, -1])].append(spam(kit, s, cat))
            elif fam == "widget":
                # widget header followed by one markdown/ad link line (labelled separately)
                w = rng.randint(1, len(doc.paras))
                doc.slots[w].append(spam(kit, s, cat))
                doc.slots[w].extend(spam(kit, x, "markdown-link-spam") for x in md_lines())
            else:
                doc.insert([spam(kit, s, cat)])
    elif cat == "repeated-spam-line":
        sp = rng.choice(D["spam"][kit.lang()])
        if rng.random() < 0.2:
            sp = decorate(sp)
        doc.spread(lambda: spam(kit, sp, cat), rng.randint(3, 5), allow_edges=False)


def add_traps(doc: SlotDoc, n: int) -> None:
    for _ in range(n):
        kind = rng.choice(D["trap_kinds"])
        groups, inl = trap(kind)
        for g in groups:
            doc.insert(g, where=rng.randint(1, max(1, len(doc.paras) - 1)))
        for t, lt in inl:
            doc.append_inline(t, legit_type=lt)


def pick_carrier() -> tuple[str, list[str]]:
    least = min(_carrier_uses[i] for i in range(len(CARRIERS)))
    pool = [i for i in range(len(CARRIERS)) if _carrier_uses[i] == least]
    i = rng.choice(pool)
    _carrier_uses[i] += 1
    return CARRIERS[i]


def make_record(rid: str, kind: str) -> dict[str, Any]:
    src, paras = pick_carrier()
    doc = SlotDoc(kit, cut(paras))
    if kind == "injected":
        ncat = rng.choices([1, 2, 3], [5, 4, 2])[0]
        cats: set[str] = set()
        while len(cats) < ncat:
            cats.add(rng.choices(D["cats"], D["cat_weights"])[0])
        for c in sorted(cats):
            inject(doc, c)
        add_traps(doc, rng.choices([0, 1, 2], [4, 4, 2])[0])
    else:
        add_traps(doc, rng.choices([0, 1, 2, 3], [2, 4, 3, 1])[0])
    layout, sep, nl = kit.pick_layout()
    text, expected, spans, legits = sk.render(doc.units(), sep, nl, translate_pieces=False)
    if kind == "injected":
        assert spans, rid
    meta: dict[str, Any] = {"source": src, "layout": layout, "legit": legits}
    rec: dict[str, Any] = {
        "id": rid,
        "kind": kind if spans else "control",
        "text": text,
        "expected": expected,
        "spans": spans,
    }
    rec["meta"] = meta
    sk.check_spans(rid, text, expected, spans)
    assert not text.endswith("\n") and not expected.endswith("\n"), rid
    if rec["kind"] == "control":
        assert text == expected and not spans
    return rec


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args(argv)
    kinds = ["injected"] * D["counts"]["injected"] + ["control"] * D["counts"]["controls"]
    rng.shuffle(kinds)
    recs = [make_record(f"s3-{i:04d}", k) for i, k in enumerate(kinds)]
    sk.write_jsonl(OUT, recs)
    # stats and overlap warnings
    legit_recs: Counter[str] = Counter()
    layouts = Counter(r["meta"]["layout"] for r in recs)
    overlap = set()
    for r in recs:
        for s, e, _ in r["spans"]:
            if sk.norm(r["text"][s:e]) in OTHER_SPANS:
                overlap.add(r["text"][s:e].strip())
        for t in {t for _, _, t in r["meta"]["legit"]}:
            legit_recs[t] += 1
    print(f"wrote {OUT} ({len(recs)} records: {Counter(r['kind'] for r in recs)})")
    sk.print_tally(recs, D["cats"], "{c:22s} {s:4d} spans / {r:3d} records")
    print("  legit:", dict(legit_recs))
    print("  layouts:", dict(layouts))
    print(f"  made-up domains {len(MADE_UP)}, list domains {len(LIST_DOMAINS)}, url shapes {N_SHAPES}")
    if overlap:
        print(
            f"  WARNING {len(overlap)} span texts also occur as spans in other corpora:", sorted(overlap)[:10]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
