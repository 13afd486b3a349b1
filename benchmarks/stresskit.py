"""Shared kit of the stress-corpus generators (stress_corpus.py, stress2_corpus.py, stress3_corpus.py).

A generator is a seed plus DATA (benchmarks/data/stress*.json: phrase banks, domain parts, URL
shapes, link templates, redirect wrappers, disguise tables, layouts, weights) plus a little glue.
This module holds everything they share:

* `Kit`: the seeded random stream and the helpers drawing from it (random strings, numbers,
  base64 tokens, UUIDs, languages), a tiny template language (`Kit.expand`), ad-URL building
  from shape templates, URL disguises configured by data, domain generation and list slicing;
* the document model: `Unit` (one line or paragraph of pieces `[text, span-key, legit-key]`),
  `render` (text, expected text, spans and legit spans, with the span that owns each line
  break), two placement strategies (`GroupDoc`: a list of groups of units; `SlotDoc`: units
  inserted in slots between paragraphs);
* record checks, corpus loading, JSONL writing and span statistics.

Every draw from the random stream happens in the same order as in the generators' original
single-file versions, so their output is byte-identical to what those produced.

Template language (`Kit.expand`): text with `{field}` substitutions, `{{`/`}}` for braces.
  {name}              a variable of the environment (no randomness)
  {hex:SPEC}          random string from an alphabet (hex, low, b62, lowdig, updig, up, or
                      one the data defines); SPEC is N, LO-HI (randint) or A|B|C (choice)
  {num:LO-HI}         str(randint(LO, HI))
  {b64:N} {b64u:N}    N random bytes, base64 / urlsafe base64, without padding
  {uuid}              a random UUID4
  {pick:LIST}         random.choice of the environment list LIST
  {one:a|b|c}         random.choice of the literal options
  {var:x|y}           random.choice of the environment variables x, y
  {call:FN}           calls the environment function FN(environment)
  {enc:x} {esc:x} {upper:x} {b64s:x} {noscheme:x} {ppenc:x}
                      a filter of variable x (URL-quote, HTML-escape, upper case, urlsafe
                      base64, strip the scheme, Proofpoint v2 encoding)
A template may also be a list (concatenation) or an object:
  {"host": T, "path": T, "scheme": T}   (URL shapes: evaluated in that key order)
  {"eager_choice": [T, ...]}           every option evaluated, then one chosen
  {"shuffle": [T, ...], "sep": S}       every item evaluated, shuffled, joined
  {"html_escape": T}                    HTML-escape the expansion
  {"repeat": T, "n": SPEC}              T expanded SPEC times (the count drawn first)
"""

from __future__ import annotations

import base64
import html
import json
import random
import re
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SHARED = HERE.parent.parent / "shared"  # ../shared beside the checkout
CORPORA = SHARED / "corpora"

LOW = "abcdefghijklmnopqrstuvwxyz"
DIG = "0123456789"
HEXD = "0123456789abcdef"
B62 = LOW + LOW.upper() + DIG
ALPHABETS = {
    "hex": HEXD,
    "low": LOW,
    "b62": B62,
    "lowdig": LOW + DIG,
    "updig": LOW.upper() + DIG,
    "up": LOW.upper(),
}

Key = tuple[str, int]
Env = dict[str, Any]


def load_data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").split("\n") if x.strip()]


def load_domains(path: Path) -> set[str]:
    return {d.strip().lower() for d in Path(path).read_text().split() if d.strip() and not d.startswith("#")}


def norm(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


# ============================================================================ random stream


class Kit:
    """The seeded random stream of one generator and everything that draws from it."""

    def __init__(self, seed: int, data: dict[str, Any] | None = None) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.data = data or {}
        self.alphabets = dict(ALPHABETS, **self.data.get("alphabets", {}))
        self._ctr = 0
        dis = self.data.get("disguises", {})
        self.disguise_kinds: list[str] = list(dis.get("kinds", {}))
        self.disguise_specs: dict[str, dict[str, Any]] = dis.get("kinds", {})
        self.url_re = re.compile(
            dis.get("url_re", r"([A-Za-z]+)://([^/?#]+)(.*)"), re.S if dis.get("dotall") else 0
        )
        self.env: Env = {}

    # ---------------------------------------------------------------- keys of spans / legit lines
    def key(self, cat: str) -> Key:
        self._ctr += 1
        return (cat, self._ctr)

    # ---------------------------------------------------------------- basic draws
    def rs(self, n: int, alphabet: str = LOW) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def rhex(self, n: int) -> str:
        return self.rs(n, HEXD)

    def rn(self, lo: int, hi: int) -> str:
        return str(self.rng.randint(lo, hi))

    def b64(self, n: int, urlsafe: bool = True) -> str:
        raw = bytes(self.rng.randrange(256) for _ in range(n))
        enc = base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)
        return enc.decode().rstrip("=")

    def ruuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def lang(self) -> str:
        langs = self.data["langs"]
        return str(self.rng.choices(langs["codes"], langs["weights"])[0])

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # ---------------------------------------------------------------- template language
    def _count(self, spec: str) -> int:
        if "|" in spec:
            return int(self.rng.choice(spec.split("|")))
        if "-" in spec:
            lo, hi = spec.split("-")
            return self.rng.randint(int(lo), int(hi))
        return int(spec)

    def _field(self, field: str, env: Env) -> str:
        op, _, arg = field.partition(":")
        if not _:
            if op == "uuid":
                return self.ruuid()
            return str(env[op])
        if op in self.alphabets:
            return self.rs(self._count(arg), self.alphabets[op])
        if op == "num":
            lo, hi = arg.split("-")
            return self.rn(int(lo), int(hi))
        if op == "b64":
            return self.b64(int(arg), urlsafe=False)
        if op == "b64u":
            return self.b64(int(arg))
        if op == "pick":
            return str(self.rng.choice(env[arg]))
        if op == "one":
            return str(self.rng.choice(arg.split("|")))
        if op == "var":
            return str(self.rng.choice([env[v] for v in arg.split("|")]))
        if op == "call":
            return str(env[arg](env))
        return FILTERS[op](str(env[arg]))

    def expand(self, tpl: Any, env: Env | None = None) -> str:
        env = self.env if env is None else {**self.env, **env}
        if isinstance(tpl, list):
            return "".join(self.expand(t, env) for t in tpl)
        if isinstance(tpl, dict):
            if "eager_choice" in tpl:
                return str(self.rng.choice([self.expand(t, env) for t in tpl["eager_choice"]]))
            if "shuffle" in tpl:
                items = [self.expand(t, env) for t in tpl["shuffle"]]
                self.rng.shuffle(items)
                return str(tpl.get("prefix", "")) + str(tpl["sep"]).join(items)
            if "repeat" in tpl:
                return "".join(self.expand(tpl["repeat"], env) for _ in range(self._count(tpl["n"])))
            if "html_escape" in tpl:
                return html.escape(self.expand(tpl["html_escape"], env))
            raise ValueError(f"unknown template object {tpl!r}")
        out: list[str] = []
        i, n = 0, len(tpl)
        while i < n:
            c = tpl[i]
            if c == "{":
                if tpl.startswith("{{", i):
                    out.append("{")
                    i += 2
                    continue
                j = tpl.index("}", i)
                out.append(self._field(tpl[i + 1 : j], env))
                i = j + 1
            elif c == "}" and tpl.startswith("}}", i):
                out.append("}")
                i += 2
            else:
                j = i + 1
                while j < n and tpl[j] not in "{}":
                    j += 1
                out.append(tpl[i:j])
                i = j
        return "".join(out)

    # ---------------------------------------------------------------- ad domains and URLs
    def made_up_domain(self) -> str:
        """One made-up ad domain from the data's `domains.patterns` (a pattern is drawn, then the TLD)."""
        dom = self.data["domains"]
        k = self.rng.randrange(len(dom["patterns"]))
        tld = self.rng.choice(dom["tlds"])
        return self.expand(dom["patterns"][k], dom["parts"]) + "." + str(tld)

    def ad_url(self, domain: str, shape: int | None = None) -> str:
        """An ad URL of the data's `ad_url` shapes; `order` says whether the subdomain or the shape
        is drawn first, `subs_each_call` whether the subdomain options are templates expanded on
        every call (else they were expanded once, at setup)."""
        spec = self.data["ad_url"]
        shapes = spec["shapes"]
        if spec["order"] == "sub-first":
            sub = self._sub(spec)
            s = self.rng.randrange(len(shapes)) if shape is None else shape
        else:
            s = self.rng.randrange(len(shapes)) if shape is None else shape
            sub = self._sub(spec)
        env: Env = {"domain": domain, "sub": sub}
        tpl = shapes[s]
        parts = tpl if isinstance(tpl, dict) else {"path": tpl}
        scheme, host, path = "https", sub + domain, ""
        for k, t in parts.items():
            v = self.expand(t, env)
            if k == "scheme":
                scheme = v
            elif k == "host":
                host = v
            else:
                path = v
        return f"{scheme}://{host}{path}"

    def _sub(self, spec: dict[str, Any]) -> str:
        if spec.get("subs_each_call"):
            return str(self.rng.choice([self.expand(t) for t in spec["subs"]]))
        return str(self.rng.choice(spec["subs"]))

    # ---------------------------------------------------------------- URL disguises
    def split_url(self, url: str) -> tuple[str, str, str]:
        m = self.url_re.match(url)
        assert m, url
        return m.group(1), m.group(2), m.group(3)

    def sprinkle(self, s: str, chars: Sequence[str], k: int) -> str:
        x = list(s)
        for _ in range(k):
            x.insert(self.rng.randint(1, len(x) - 1), self.rng.choice(chars))
        return "".join(x)

    def _pick(self, v: Any) -> Any:
        """A literal, or a random choice when the data gives a list."""
        return self.rng.choice(v) if isinstance(v, list) else v

    def disguise(self, url: str, kind: str | None = None) -> str:
        kind = kind or self.rng.choice(self.disguise_kinds)
        spec = self.disguise_specs[kind]
        sc, h, rest = self.split_url(url)
        how = spec["how"]
        if how == "sprinkle":  # invisible characters after the scheme (or the first 8 characters)
            lead = self.rng.choice(spec["lead"]) if "lead" in spec else ""
            cut = spec["prefix"] if isinstance(spec["prefix"], int) else len(sc) + 3
            k = self.rng.randint(*spec["k"])
            return lead + url[:cut] + self.sprinkle(url[cut:], spec["chars"], k)
        if how == "sprinkle-host-path":  # one in the host, some in the path (long paths only)
            if len(rest) <= 2:
                return url
            host = self.sprinkle(h, spec["chars"], 1)
            return f"{sc}://" + host + self.sprinkle(rest, spec["chars"], self.rng.randint(*spec["k"]))
        if how == "rewrite":  # scheme / separator / host dots / host case
            s = spec.get("scheme")
            if s == "tt-xx":
                s = sc.replace("tt", "xx")
            elif s == "upper":
                s = sc.upper()
            else:
                s = self._pick(s) if s is not None else sc
            host = h.upper() if spec.get("host_upper") else h
            if "dot" in spec:
                dot = self._pick(spec["dot"])
                count = spec.get("count", "all")
                if count == "last":
                    i = host.rfind(".")
                    host = f"{host[:i]}{dot}{host[i + 1 :]}"
                else:
                    host = host.replace(".", dot) if count == "all" else host.replace(".", dot, count)
            return f"{s}{spec.get('sep', '://')}{host}{rest}"
        if how == "wrap":  # brackets / quotes / trailing punctuation
            a, b = self._pick(spec["pairs"]) if "pairs" in spec else spec["pair"]
            return f"{a}{url}{b}"
        if how == "schemeless-www-registrable":
            hh = (
                h
                if h.startswith("www.")
                else "www." + h.split(".", 1)[-1]
                if h.count(".") > 1
                else "www." + h
            )
            return hh + rest
        if how == "schemeless-www":
            return ("www." + h if not h.startswith("www.") else h) + rest
        if how == "protorel":
            return f"//{h}{rest}"
        raise ValueError(kind)

    def maybe(self, url: str, p: float = 0.33, kinds: Sequence[str] | None = None) -> str:
        if self.rng.random() < p:
            return self.disguise(url, self.rng.choice(kinds) if kinds else None)
        return url

    # ---------------------------------------------------------------- placement of injected lines
    def put(self, groups: list[list[Unit]], new: Iterable[list[Unit]], top_ok: bool = False) -> None:
        """Insert each new group at a random paragraph break (the top too, with some chance)."""
        p = self.data["placement"]["top_p"]
        for g in new:
            lo = 0 if top_ok and self.rng.random() < p else 1
            groups.insert(self.rng.randint(lo, len(groups)), g)

    def put_inline(
        self,
        groups: list[list[Unit]],
        text: str,
        span: Key | None = None,
        lg: Key | None = None,
        mid: bool = True,
    ) -> None:
        """Append (or, at a sentence end, insert) an inline piece into a random content paragraph."""
        cfg = self.data["placement"]
        cands = [
            g[0]
            for g in groups
            if len(g) == 1
            and g[0].whole is None
            and len(g[0].pieces) == 1
            and g[0].pieces[0][1] is None
            and g[0].pieces[0][2] is None
            and len(g[0].pieces[0][0]) > cfg["inline_min_len"]
        ]
        if not cands:
            cands = [
                g[0]
                for g in groups
                if g[0].whole is None
                and g[0].pieces[-1][1] is None
                and (g[0].pieces[-1][2] is None or not cfg["fallback_plain"])
            ]
        u = self.rng.choice(cands)
        base, last_lg = u.pieces[-1][0], u.pieces[-1][2]
        piece: list[Any] = [text, span, lg]
        ok = mid and (last_lg is None or not cfg["mid_needs_plain"])
        cuts = [m.end() for m in re.finditer(cfg["sentence_end"], base)] if ok else []
        if cuts and self.rng.random() < cfg["mid_p"]:
            c = self.rng.choice(cuts)
            keep = last_lg if cfg["mid_needs_plain"] else None
            u.pieces[-1:] = [[base[:c], None, keep], piece, [base[c:], None, keep]]
        else:
            u.pieces.append(piece)

    # ---------------------------------------------------------------- layouts
    def pick_layout(self) -> tuple[str, str, str]:
        """(name, separator, newline) drawn as the data's `layout` says."""
        lay = self.data["layout"]
        if lay["mode"] == "two-draws":  # CRLF with probability p, then blank lines with 1/2
            crlf = self.rng.random() < lay["crlf_p"]
            blank = self.rng.random() < 0.5
            nl = "\r\n" if crlf else "\n"
            return ("blank" if blank else "single") + ("-crlf" if crlf else ""), nl * 2 if blank else nl, nl
        r = self.rng.random()  # "table": one draw, cumulative thresholds
        for bound, name, sep, nl in lay["table"]:
            if bound is None or r < bound:
                return name, sep, nl
        raise ValueError(lay)


def _ppenc(u: str) -> str:
    return u.replace("-", "-2D").replace(":", "-3A").replace("/", "_")


FILTERS: dict[str, Callable[[str], str]] = {
    "enc": lambda u: urllib.parse.quote(u, safe=""),
    "esc": html.escape,
    "upper": str.upper,
    "b64s": lambda u: base64.urlsafe_b64encode(u.encode()).decode().rstrip("="),
    "noscheme": lambda u: u.split("://", 1)[1],
    "ppenc": _ppenc,
}


# ============================================================================ document model


class Unit:
    """One line / paragraph: pieces `[text, span-key | None, legit-key | None]`; `whole` is the
    span key of a whole injected line."""

    def __init__(self, pieces: list[list[Any]], whole: Key | None = None) -> None:
        self.pieces = pieces
        self.whole = whole


def content(text: str) -> Unit:
    return Unit([[text, None, None]])


def spam(kit: Kit, text: str, cat: str, k: Key | None = None) -> Unit:
    k = k or kit.key(cat)
    return Unit([[text, k, None]], whole=k)


def legit(kit: Kit, text: str, ltype: str, k: Key | None = None) -> Unit:
    return Unit([[text, None, k or kit.key(ltype)]])


def render(
    units: list[Unit], sep: str, nl: str, translate_pieces: bool = True
) -> tuple[str, str, list[list[Any]], list[list[Any]]]:
    """Text, expected text, spans and legit spans of the units joined by `sep`.

    A whole injected line owns the line break after it when content follows, else the one
    before it.  With `translate_pieces`, "\\n" inside pieces becomes `nl` (and `sep` is taken as
    given); otherwise `sep`'s "\\n" become `nl` and pieces are kept as they are."""
    kept_after = [False] * len(units)
    seen = False
    for i in range(len(units) - 1, -1, -1):
        kept_after[i] = seen
        if units[i].whole is None:
            seen = True
    if not translate_pieces:
        sep = sep.replace("\n", nl)
    flat: list[tuple[str, Key | None, Key | None]] = []
    for i, u in enumerate(units):
        if i:
            owner = None
            prev = units[i - 1].whole
            if prev and kept_after[i - 1]:
                owner = prev
            elif u.whole and not kept_after[i]:
                owner = u.whole
            flat.append((sep, owner, None))
        for t, s, lg in u.pieces:
            flat.append((t.replace("\n", nl) if translate_pieces else t, s, lg))
    text: list[str] = []
    spans: list[list[Any]] = []
    legits: list[list[Any]] = []
    pos = 0
    for t, s, lg in flat:
        end = pos + len(t)
        for k, out in ((s, spans), (lg, legits)):
            if k is None:
                continue
            if out and out[-1][3] == k[1] and out[-1][1] == pos:
                out[-1][1] = end
            else:
                out.append([pos, end, k[0], k[1]])
        text.append(t)
        pos = end
    expected = "".join(t for t, s, _ in flat if s is None)
    return "".join(text), expected, [x[:3] for x in spans], [x[:3] for x in legits]


class SlotDoc:
    """Paragraphs with slots of inserted units before each of them (and one after the last)."""

    def __init__(self, kit: Kit, paras: list[str]) -> None:
        self.kit = kit
        self.paras = [content(p) for p in paras]
        self.slots: list[list[Unit]] = [[] for _ in range(len(paras) + 1)]

    def insert(self, units: Iterable[Unit], where: int | None = None, allow_edges: bool = True) -> None:
        rng = self.kit.rng
        if where is None:
            lo = 0 if allow_edges else 1
            hi = len(self.paras) if allow_edges else len(self.paras) - 1
            where = rng.randint(lo, max(lo, hi))
        self.slots[where].extend(units)

    def spread(self, make_unit: Callable[[], Unit], n: int, allow_edges: bool = True) -> None:
        """Insert n units at n distinct paragraph breaks (interior preferred)."""
        rng = self.kit.rng
        cand = list(range(1, len(self.paras))) or [0]
        if allow_edges:
            cand = cand + [0, len(self.paras)] * (1 if rng.random() < 0.3 else 0)
        rng.shuffle(cand)
        picks = sorted(cand[:n]) if len(cand) >= n else sorted(rng.choice(cand) for _ in range(n))
        for w in picks:
            self.slots[w].append(make_unit())

    def append_inline(
        self, text: str, span_cat: str | None = None, legit_type: str | None = None, mid: bool = False
    ) -> None:
        cfg = self.kit.data["placement"]
        ps = [p for p in self.paras if len(p.pieces) == 1 and len(p.pieces[0][0]) > cfg["inline_min_len"]]
        if not ps:
            ps = self.paras
        p = self.kit.rng.choice(ps)
        piece = [
            text,
            self.kit.key(span_cat) if span_cat else None,
            self.kit.key(legit_type) if legit_type else None,
        ]
        base = p.pieces[0][0]
        if mid and len(p.pieces) == 1:
            m = [x.end() for x in re.finditer(cfg["sentence_end"], base)]
            if m:
                cutp = self.kit.rng.choice(m)
                p.pieces = [[base[:cutp], None, None], piece, [base[cutp:], None, None]]
                return
        p.pieces.append(piece)

    def units(self) -> list[Unit]:
        out: list[Unit] = []
        for i, p in enumerate(self.paras):
            out.extend(self.slots[i])
            out.append(p)
        out.extend(self.slots[-1])
        return out


# ============================================================================ records and output


def check_spans(rid: str, text: str, expected: str, spans: list[list[Any]]) -> None:
    """Deleting the spans from the text gives the expected text exactly."""
    out, cur = [], 0
    for s, e, _ in spans:
        assert s >= cur and e > s, (rid, s, e)
        out.append(text[cur:s])
        cur = e
    out.append(text[cur:])
    assert "".join(out) == expected, rid


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")


def span_tally(records: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """(spans per category, records per category)."""
    spans: Counter[str] = Counter()
    recs: Counter[str] = Counter()
    for r in records:
        for c in {c for *_, c in r["spans"]}:
            recs[c] += 1
        for *_, c in r["spans"]:
            spans[c] += 1
    return spans, recs


def print_tally(
    records: list[dict[str, Any]], cats: list[str], fmt: str = "{c:<22} {s:>4} spans / {r:>3} records"
) -> None:
    spans, recs = span_tally(records)
    for c in cats:
        print("  " + fmt.format(c=c, s=spans[c], r=recs[c]))


def control_carriers(
    records: list[dict[str, Any]], min_paras: int, max_paras: int | None
) -> list[tuple[str, list[str]]]:
    """(source, paragraphs) of the first control record of each source with enough paragraphs."""
    out, seen = [], set()
    for r in records:
        if r["kind"] != "control" or r["meta"]["source"] in seen:
            continue
        seen.add(r["meta"]["source"])
        paras = [p.strip() for p in r["expected"].replace("\r\n", "\n").split("\n") if p.strip()]
        if len(paras) >= min_paras:
            out.append((r["meta"]["source"], paras[:max_paras]))
    return out
