#!/usr/bin/env python3
"""Second, independent stress corpus for cleanpress (deterministic, fixed seed).

Built like shared/corpora (record format, span categories, span ownership of line
breaks, meta.legit precision traps) but from a fresh bank of inventions: new made-up ad
domains and ad-server URL shapes (IP hosts, ports, punycode/IDN hosts, subdomain tokens,
OpenX/HasOffers/DoubleClick-style paths, very long queries), list domains unused by every
other corpus, lead-ins / boilerplate / spam in seven languages, further link syntaxes
(BBCode, MediaWiki, reST, Org, AsciiDoc, Slack, tables, images, self-linked URLs), HTML
remnants (AMP, <picture>, srcdoc, entity-escaped), real redirect shims and shorteners,
URL disguises and realistic precision traps.

Carriers: the clean `expected` texts of the control records of
/work/shared/corpora/dev-injected.jsonl (the first stress set used dev-broad).

The phrase banks, domains and templates are in benchmarks/data/stress2.json; the machinery
is shared with the other stress sets in benchmarks/stresskit.py.

Output: benchmarks/stress2/stress2.jsonl
Usage:  python benchmarks/stress2_corpus.py
Score:  python /work/shared/eval/score_text.py benchmarks/stress2/stress2.jsonl --show-failures 80
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from typing import Any

import stresskit as sk
from stresskit import Unit, legit, spam

D = sk.load_data("stress2.json")
SEED: int = D["seed"]
OUT = sk.HERE / "stress2" / "stress2.jsonl"
kit = sk.Kit(SEED, D)
rng = kit.rng

# ============================================================================ corpora / carriers

DEV_INJ = sk.load_jsonl(sk.CORPORA / "dev-injected.jsonl")
OTHER = DEV_INJ + sk.load_jsonl(sk.CORPORA / "dev-broad.jsonl")
STRESS1 = sk.HERE / "stress" / "stress.jsonl"
if STRESS1.exists():
    OTHER += sk.load_jsonl(STRESS1)
    if (sk.HERE / "stress" / "hard-traps.jsonl").exists():
        OTHER += sk.load_jsonl(sk.HERE / "stress" / "hard-traps.jsonl")
OTHER_TEXT = "\n".join(r["text"] for r in OTHER).lower()
OTHER_SPANS = {sk.norm(r["text"][s:e]) for r in OTHER for s, e, _ in r["spans"]}
CARRIERS = sk.control_carriers(DEV_INJ, 3, 18)

# ============================================================================ ad domains

USED_LISTS = sk.load_domains(sk.CORPORA / "dev-ad-domains.txt") | sk.load_domains(
    sk.CORPORA / "dev-broad-ad-domains.txt"
)


def list_domains(n: int) -> list[str]:
    """Half from EasyPrivacy, half from EasyList: unused by every other corpus."""
    ez = sorted(sk.load_domains(sk.SHARED / "lists/easylist-domains.txt"))
    ep = sorted(sk.load_domains(sk.SHARED / "lists/easyprivacy-domains.txt"))
    r = random.Random(SEED + 99)
    out: list[str] = []
    for pool, cnt in ((ep, n // 2), (ez, n - n // 2)):
        got = 0
        while got < cnt:
            d = r.choice(pool)
            if (
                d.count(".") in (1, 2)
                and len(d) < 30
                and d not in USED_LISTS
                and d not in OTHER_TEXT
                and d.split(".")[-2] not in OTHER_TEXT
                and d not in out
                and not d[0].isdigit()
            ):
                out.append(d)
                got += 1
    return out


LIST_DOMAINS = list_domains(D["domains"]["n_list"])
MADE_UP: list[str] = []
while len(MADE_UP) < D["domains"]["n_made_up"]:
    d = kit.made_up_domain()
    if d not in MADE_UP and d.split(".")[0] not in OTHER_TEXT and d not in USED_LISTS:
        MADE_UP.append(d)


def idn(host: str, puny: bool) -> str:
    return host.encode("idna").decode() if puny else host


def ip_host(env: sk.Env | None = None) -> str:
    return kit.expand(D["ip_host"])


def ip_or_domain(env: sk.Env) -> str:
    domain: str = env["domain"]
    return domain if re.fullmatch(r"[\d.]+", domain) else ip_host()


def idn_or_domain(env: sk.Env) -> str:
    domain: str = env["domain"]
    if not domain.isascii() or domain.startswith("xn--"):
        return domain
    return idn(rng.choice(D["idn_hosts"]), rng.random() < 0.5)


kit.env.update(
    TLDS=D["domains"]["tlds"],
    ALL_DOMAINS=MADE_UP + LIST_DOMAINS,
    ip_or_domain=ip_or_domain,
    idn_or_domain=idn_or_domain,
)
N_SHAPES = len(D["ad_url"]["shapes"])

# ============================================================================ phrases


def decorate(s: str) -> str:
    r = rng.random()
    if r < 0.14:
        s = s.upper()
    elif r < 0.2:
        s = s.lower()
    d = rng.randrange(16)
    if d == 0:
        s = f"**{s}**"
    elif d == 1:
        s = f"## {s}"
    elif d == 2:
        s = f"[ {s} ]"
    elif d == 3:
        s = f"— {s} —"
    elif d == 4:
        s = rng.choice(D["decor"]["lead_emoji"]) + s
    elif d == 5:
        s = s + rng.choice(D["decor"]["tail"])
    elif d == 6:
        s = f"_{s}_"
    elif d == 7:
        s = f"<< {s} >>"
    elif d == 8:
        s = f"=== {s} ==="
    elif d == 9:
        s = f"### {s} ###"
    return s


def headline() -> str:
    _, paras = rng.choice(CARRIERS)
    w = re.sub(r"[“”\"'’:;,.()\[\]—]", "", rng.choice(paras[:3])).split()[: rng.randint(5, 9)]
    return " ".join(w)


def boilerplate() -> tuple[str, str]:
    fam = rng.choice(list(D["boilerplate"]))
    lg = kit.lang()
    t = rng.choice(D["boilerplate"][fam][lg])
    site = rng.choice(D["sites"])
    y = rng.randint(2012, 2024)
    s = t.format(h=headline(), site=site, SITE=site.upper(), y=y, y2=y + rng.randint(1, 5),
                 handle=re.sub(r"\W", "", site.lower()))  # fmt: skip
    return fam, decorate(s)


# ============================================================================ injected material


def any_ad_domain() -> str:
    return rng.choice(MADE_UP + LIST_DOMAINS)


def inline_spam() -> str:
    lg = kit.lang()
    lead = rng.choice([*D["leadins"][lg], ""])
    u = kit.maybe(kit.ad_url(any_ad_domain()))
    if rng.random() < 0.15:  # emoji/arrow glued after the URL
        u += rng.choice(D["inline_tail_emoji"])
    return f" {lead} {u}" if lead else f" {u}"


def short_url(host: str | None = None) -> str:
    h = host or rng.choice(D["short"])
    n = D["short_token_len"].get(h, rng.randint(5, 8))  # the default is drawn in every case
    tok = kit.rs(n, sk.B62)
    if h == "tinyurl.com" and rng.random() < 0.5:
        tok = rng.choice(D["tinyurl_prefixes"]) + kit.rs(5, sk.LOW + sk.DIG)
    if h == "lnkd.in":
        tok = kit.rs(1, sk.LOW) + kit.rs(7, sk.B62)
    return f"https://{h}/{tok}"


def redirect_line() -> str:
    if rng.random() < 0.6:
        wrapper = rng.choice(D["wrappers"])  # drawn before the wrapped URL
        d = any_ad_domain()
        u = kit.expand(wrapper, {"u": kit.ad_url(d, rng.choice(D["ad_url"]["redirect_shapes"]))})
    else:
        u = short_url()
    return kit.maybe(u, 0.3, D["redirect_disguises"])


def eager_form(forms: list[Any], k: int, env: sk.Env) -> str:
    """Every form is expanded (drawing its randomness, as the original's list literal did); k-th kept."""
    return [kit.expand(f, env) for f in forms][k]


def md_spam() -> list[str]:
    """Markdown / lightweight-markup spam lines.  Returns list of lines (usually one)."""
    t = rng.choice(D["link_text"][kit.lang()])
    u = kit.ad_url(any_ad_domain())
    if rng.random() < 0.15:
        u = kit.disguise(u, rng.choice(D["md_disguises"]))
    img = kit.expand(D["md_img"])
    m = rng.choice(D["marks"])
    k = rng.randrange(len(D["md_forms"]))
    return [eager_form(D["md_forms"], k, {"t": t, "u": u, "img": img, "m": m})]


def html_spam() -> str:
    t = rng.choice(D["link_text"][kit.lang()])
    d = any_ad_domain()
    env = {"t": t, "d": d, "u": kit.ad_url(d)}
    env["js"] = kit.expand(D["html_js"], env)
    env["img"] = kit.expand(D["html_img"], env)
    return eager_form(D["html_forms"], rng.randrange(len(D["html_forms"])), env)


# ============================================================================ precision traps


def trap(kind: str) -> tuple[list[list[Unit]], list[tuple[str, str]]]:
    """-> (list of unit groups to insert as lines, list of inline sentences)."""
    lg = kit.lang()
    sites = D["legit_sites"]
    if kind == "citation-line":
        n, u = rng.choice(sites)
        return [[legit(kit, rng.choice(D["cite"][lg]).format(n=n, u=u), kind)]], []
    if kind == "reference-list":
        us = rng.sample(sites, rng.randint(2, 4))
        head = rng.choice(D["ref_head"][lg])
        style = rng.randrange(3)
        lines = [legit(kit, head, kind)]
        for n, u in us:
            lines.append(legit(kit, u if style == 0 else f"- {n}: {u}" if style == 1 else f"{n} – {u}", kind))
        return [lines], []
    if kind == "reputable-url-inline":
        return [], [(" " + rng.choice(D["inline_url"][lg]).format(u=rng.choice(sites)[1]), kind)]
    if kind == "shortener-in-sentence":
        tpl = rng.choice(D["short_inline"][lg])
        return [], [(" " + tpl.format(u=short_url(rng.choice(D["trap_shorteners"]))), kind)]
    if kind == "email-inline":
        return [], [(" " + rng.choice(D["emails"][lg]), kind)]
    if kind == "subheading":
        return [[legit(kit, rng.choice(D["subhead"]), kind)]], []
    if kind == "boilerplate-lookalike":
        return [[legit(kit, rng.choice(D["lookalike"]), kind)]], []
    if kind == "repeated-legit-line":
        s = rng.choice(D["repeated_legit"])
        return [[legit(kit, s, kind)], [legit(kit, s, kind)]], []
    raise ValueError(kind)


# ============================================================================ assembly


def inject(groups: list[list[Unit]], cat: str) -> None:
    shapes = D["ad_url"]
    if cat in ("ad-url-line", "unknown-ad-url-line"):
        if cat == "ad-url-line":
            dom = rng.choice(LIST_DOMAINS)
            shape = rng.choice([s for s in range(N_SHAPES) if s not in shapes["list_shapes_excluded"]])
        else:
            dom = rng.choice(MADE_UP)
            shape = rng.randrange(N_SHAPES)
            if shape == shapes["ip_shape"]:
                dom = ip_host()
            elif shape == shapes["idn_shape"]:
                dom = idn(rng.choice(D["idn_hosts"]), rng.random() < 0.5)
        rotate = rng.random() < 0.25  # each repetition a fresh token, same domain and shape
        u = kit.maybe(kit.ad_url(dom, shape))
        lines = []
        for _ in range(rng.randint(2, 6)):
            lines.append(u)
            if rotate:
                u = kit.maybe(kit.ad_url(dom, shape), 0.2)
        kit.put(groups, [[spam(kit, x, cat)] for x in lines], top_ok=True)
    elif cat == "inline-ad-url":
        for _ in range(rng.randint(1, 2)):
            kit.put_inline(groups, inline_spam(), span=kit.key(cat))
    elif cat == "markdown-link-spam":
        for _ in range(rng.randint(1, 2)):
            kit.put(groups, [[spam(kit, x, cat)] for x in md_spam()])
    elif cat == "html-link-remnant":
        for _ in range(rng.randint(1, 2)):
            h = html_spam()
            if rng.random() < 0.3 and "\n" not in h:
                kit.put_inline(groups, " " + h, span=kit.key(cat), mid=False)
            else:
                kit.put(groups, [[spam(kit, h, cat)]])
    elif cat == "redirect-url-line":
        line = redirect_line()
        reps = rng.choice([1, 1, 2, 3])
        kit.put(
            groups, [[spam(kit, line if rng.random() < 0.75 else redirect_line(), cat)] for _ in range(reps)]
        )
    elif cat == "boilerplate-line":
        for _ in range(rng.randint(1, 4)):
            fam, s = boilerplate()
            unit = spam(kit, s, cat)
            if fam in D["bottom_families"] and rng.random() < 0.6:
                groups.append([unit])
            elif fam == "cookie" and rng.random() < 0.6:
                groups.insert(0, [unit])
            else:
                kit.put(groups, [[unit]])
    elif cat == "repeated-spam-line":
        s = rng.choice(D["spam"][kit.lang()]).format(n=rng.randint(2, 40))
        if rng.random() < 0.3:
            s = rng.choice(D["spam_emoji"]) + s
        kit.put(groups, [[spam(kit, s, cat)] for _ in range(rng.randint(3, 5))])


def add_traps(groups: list[list[Unit]], n: int) -> None:
    for k in rng.sample(D["trap_kinds"], n):
        gs, inl = trap(k)
        kit.put(groups, gs)
        for t, lt in inl:
            kit.put_inline(groups, t, lg=kit.key(lt), mid=False)


def make(rid: str, kind: str) -> dict[str, Any]:
    src, paras = rng.choice(CARRIERS)
    groups = [[sk.content(p)] for p in paras]
    layout, sep, nl = kit.pick_layout()
    cats = D["cats"]
    if kind == "injected":
        chosen = set()
        for _ in range(rng.choices([1, 2, 3], [5, 4, 2])[0]):
            chosen.add(rng.choices(cats, D["cat_weights"])[0])
        for c in sorted(chosen, key=cats.index):
            inject(groups, c)
        if rng.random() < 0.55:
            add_traps(groups, rng.randint(1, 2))
    else:
        add_traps(groups, rng.choice([0, 1, 1, 2, 2, 3]))
    text, expected, spans, legits = sk.render([u for g in groups for u in g], sep, nl)
    sk.check_spans(rid, text, expected, spans)
    assert (kind == "control") == (not spans), rid
    return {"id": rid, "kind": kind, "text": text, "expected": expected, "spans": spans,
            "meta": {"source": src, "layout": layout, "legit": legits}}  # fmt: skip


# ============================================================================ disjointness


def overlap_report(records: list[dict[str, Any]]) -> list[str]:
    norm = sk.norm
    probs = [
        f"span equals an existing span: {r['text'][s:e]!r}"
        for r in records
        for s, e, _ in r["spans"]
        if norm(r["text"][s:e]) in OTHER_SPANS
    ]
    fixed = [x for fam in D["boilerplate"].values() for v in fam.values() for x in v if "{" not in x]
    fixed += [x for v in D["spam"].values() for x in v if "{" not in x]
    fixed += [x for v in D["link_text"].values() for x in v]
    fixed += [x for v in D["leadins"].values() for x in v if len(norm(x)) > 4] + D["lookalike"] + D["subhead"]
    other_norm = norm(OTHER_TEXT)
    for x in fixed:
        nx = norm(x)
        pat = r"(?<![a-z0-9])" + re.escape(nx) + r"(?![a-z0-9])"
        if nx in OTHER_SPANS or (len(nx) > 8 and re.search(pat, other_norm)):
            probs.append(f"phrase occurs in another corpus: {x!r}")
    probs += [f"domain occurs in another corpus: {d}" for d in MADE_UP + LIST_DOMAINS if d in OTHER_TEXT]
    for _, u in D["legit_sites"]:
        h = kit.split_url(u)[1]
        if h in OTHER_TEXT:
            probs.append(f"legit host occurs in another corpus: {h}")
    return probs


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args(argv)
    kinds = ["injected"] * D["counts"]["injected"] + ["control"] * D["counts"]["controls"]
    rng.shuffle(kinds)
    records = [make(f"stress2-{i:04d}", k) for i, k in enumerate(kinds)]
    sk.write_jsonl(OUT, records)
    probs = overlap_report(records)
    for p in probs:
        print("overlap:", p, file=sys.stderr)
    lay = dict(Counter(r["meta"]["layout"] for r in records))
    print(
        f"{OUT}: {len(records)} records ({kinds.count('injected')} injected, "
        f"{kinds.count('control')} controls); layouts {lay}"
    )
    sk.print_tally(records, D["cats"])
    print(f"  overlap problems: {len(probs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
