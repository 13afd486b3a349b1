"""The Adblock Plus matcher (cleanpress.text.abp): syntax, options, exceptions, $domain=, compiled round trip, no network."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from cleanpress.text import abp as abpmatch
from cleanpress.text.abp import Confidence, FilterSet, Policy, parse_filter

from conftest import ROOT

LISTS_DIR = ROOT / "rules" / "lists" / "adblock"
LISTS = [LISTS_DIR / n for n in ("easylist.txt", "easyprivacy.txt", "easylistgermany.txt")]
needs_lists = pytest.mark.skipif(not all(p.exists() for p in LISTS), reason="shared filter lists absent")
SCRIPT = frozenset({"script"})
IMAGE = frozenset({"image"})
FRAME = frozenset({"subdocument"})
POPUP = frozenset({"popup"})
DOC = frozenset({"document"})


def fs_of(*lines: str) -> FilterSet:
    return FilterSet.from_text("\n".join(lines), "t.txt")


def hit(
    fs: FilterSet, url: str, types: frozenset[str] = abpmatch.DEFAULT_TYPES, src: str | None = None
) -> bool:
    return fs.match(url, types, src) is not None


# ---- syntax ---------------------------------------------------------------------------------------
def test_host_anchor_matches_host_and_subdomains_only() -> None:
    fs = fs_of("||adsterra.com^")
    assert hit(fs, "https://adsterra.com/x")
    assert hit(fs, "https://pl123.adsterra.com/invoke.js")
    assert hit(fs, "http://ADSTERRA.COM:8080/")
    assert not hit(fs, "https://notadsterra.com/")
    assert not hit(fs, "https://adsterra.com.example.org/")
    assert not hit(fs, "https://example.org/?u=adsterra.com")


def test_host_anchor_with_path_and_wildcard() -> None:
    fs = fs_of("||example.net/pagead/*/show.js")
    assert hit(fs, "https://cdn.example.net/pagead/v2/show.js")
    assert not hit(fs, "https://cdn.example.net/other/v2/show.js")
    assert not hit(fs, "https://example.org/example.net/pagead/a/show.js")


def test_start_and_end_anchors() -> None:
    fs = fs_of("|https://ad.", "banner.swf|")
    assert hit(fs, "https://ad.example.com/")
    assert not hit(fs, "https://x.com/?r=https://ad.example.com/")
    assert hit(fs, "https://x.com/banner.swf")
    assert not hit(fs, "https://x.com/banner.swf?x=1")


def test_separator() -> None:
    fs = fs_of("/adserve^")
    assert hit(fs, "https://x.com/adserve/1")
    assert hit(fs, "https://x.com/adserve?z=1")
    assert hit(fs, "https://x.com/adserve")
    assert not hit(fs, "https://x.com/adserver/1")
    assert not hit(fs, "https://x.com/adserve.js")


def test_plain_fragments_and_wildcards() -> None:
    fs = fs_of("/invoke.js", "&zoneid=*&direct=", ".php?zone_id=")
    assert fs.match("https://pl9.cdn.test/ab/invoke.js") is not None
    assert hit(fs, "https://a.test/x?foo=1&zoneid=77&bar=2&direct=1")
    assert not hit(fs, "https://a.test/x?direct=1&zoneid=77")
    assert hit(fs, "https://a.test/serve.php?zone_id=4")
    assert hit(fs, "https://a.test/invoke.json")  # ABP: an unanchored fragment is a substring test
    assert not hit(fs, "https://a.test/invoker.js")
    assert hit(fs, "https://a.test/INVOKE.JS")  # case-insensitive by default


def test_regex_filter() -> None:
    fs = fs_of(r"/\/[0-9a-f]{32}\/invoke\.js/$script")
    url = "https://pl1.x.com/" + "ab12" * 8 + "/invoke.js"
    assert hit(fs, url, SCRIPT)
    assert not hit(fs, "https://pl1.x.com/abc/invoke.js", SCRIPT)
    assert fs.stats.get("skip:option:script") is None


def test_regex_literal_runs_feed_the_index() -> None:
    assert abpmatch._regex_literal_runs(r"(https?:\/\/)104\.154\..{100,}") == ["104.154."]
    assert abpmatch._regex_literal_runs(r"a|b") == []


def test_cosmetic_comments_and_headers_are_skipped() -> None:
    for line in (
        "example.com##.ad",
        "example.com#@#.ad",
        "x.com#?#div:has(a)",
        "x.com#$#abort",
        "! comment",
        "[Adblock Plus 2.0]",
        "",
        "x.com#@?#.y",
    ):
        assert not isinstance(parse_filter(line), abpmatch.Filter), line


def test_unknown_option_skips_filter() -> None:
    fs = fs_of("||tracker.test^$redirect=noop.js", "||csp.test^$csp=script-src 'none'")
    assert not hit(fs, "https://tracker.test/a.js", SCRIPT)
    assert fs.stats["skip:option:redirect"] == 1
    assert fs.stats["skip:option:csp"] == 1


# ---- options --------------------------------------------------------------------------------------
def test_types() -> None:
    fs = fs_of(
        "||s.test^$script",
        "||i.test^$image",
        "||f.test^$subdocument",
        "||p.test^$popup",
        "||d.test^$document",
        "||x.test^$xmlhttprequest",
        "||n.test^$~script",
        "||u.test^",
    )
    assert hit(fs, "https://s.test/a.js", SCRIPT) and not hit(fs, "https://s.test/a.js", IMAGE)
    assert hit(fs, "https://i.test/a.png", IMAGE) and not hit(fs, "https://i.test/a.png")
    assert hit(fs, "https://f.test/", FRAME)
    assert hit(fs, "https://p.test/", POPUP) and not hit(fs, "https://p.test/", SCRIPT)
    assert hit(fs, "https://d.test/", DOC) and not hit(fs, "https://d.test/", SCRIPT)
    assert hit(fs, "https://x.test/", frozenset({"xmlhttprequest"}))
    assert hit(fs, "https://n.test/", IMAGE) and not hit(fs, "https://n.test/", SCRIPT)
    # untyped filters apply to every type except popup and document (ABP semantics)
    assert hit(fs, "https://u.test/", SCRIPT) and hit(fs, "https://u.test/")
    assert not hit(fs, "https://u.test/", POPUP | DOC)
    with pytest.raises(ValueError):
        fs.match("https://u.test/", frozenset({"bogus"}))


def test_third_party() -> None:
    fs = fs_of("||cdn.test^$third-party", "||own.test^$~third-party")
    assert hit(fs, "https://cdn.test/a")  # no source page: a URL pasted into an article is third-party
    assert not hit(fs, "https://cdn.test/a", src="www.cdn.test")
    assert hit(fs, "https://cdn.test/a", src="news.example")
    assert not hit(fs, "https://own.test/a")
    assert hit(fs, "https://img.own.test/a", src="own.test")


def test_domain_option() -> None:
    fs = fs_of(
        "/promo.js$domain=news.example|~sport.news.example",
        "/spon.js$domain=~blog.example",
        "/ent.js$domain=google.*",
    )
    assert not hit(fs, "https://a.test/promo.js")  # positive domains need a matching source page
    assert hit(fs, "https://a.test/promo.js", src="news.example")
    assert hit(fs, "https://a.test/promo.js", src="www.news.example")
    assert not hit(fs, "https://a.test/promo.js", src="sport.news.example")
    assert not hit(fs, "https://a.test/promo.js", src="othernews.example")
    assert hit(fs, "https://a.test/spon.js")
    assert hit(fs, "https://a.test/spon.js", src="news.example")
    assert not hit(fs, "https://a.test/spon.js", src="blog.example")
    assert hit(fs, "https://a.test/ent.js", src="www.google.co.uk")
    assert not hit(fs, "https://a.test/ent.js", src="google.example.com.evil.test")


def test_match_case() -> None:
    fs = fs_of("/AdBanner.$match-case")
    assert hit(fs, "https://a.test/AdBanner.png")
    assert not hit(fs, "https://a.test/adbanner.png")


# ---- exceptions -----------------------------------------------------------------------------------
def test_exception_cancels_block_and_important_overrides() -> None:
    fs = fs_of(
        "||ads.test^",
        "@@||ads.test/allowed/",
        "||imp.test^$important",
        "@@||imp.test^",
        "@@||ads.test/scriptok/$script",
    )
    assert hit(fs, "https://ads.test/x")
    assert not hit(fs, "https://ads.test/allowed/x")
    assert hit(fs, "https://imp.test/x")
    assert not hit(fs, "https://ads.test/scriptok/a.js", SCRIPT)
    assert hit(fs, "https://ads.test/scriptok/a.js")  # the exception is for scripts only
    blocks, exceptions = fs.match_all("https://ads.test/allowed/x")
    assert [f.text for f in blocks] == ["||ads.test^"]
    assert [f.text for f in exceptions] == ["@@||ads.test/allowed/"]


# ---- report evidence and policy -------------------------------------------------------------------
def test_match_names_filter_file_and_line() -> None:
    fs = fs_of("! header", "||adsterra.com^$third-party")
    m = fs.match("https://adsterra.com/x")
    assert m is not None
    assert (m.list_file, m.line, m.filter_text) == ("t.txt", 2, "||adsterra.com^$third-party")
    assert m.evidence == "t.txt:2: ||adsterra.com^$third-party"


def test_policy_classification() -> None:
    fs = FilterSet.from_text("||tracker.test^$third-party\n||s.id^$popup\n", "easyprivacy.txt")
    assert fs.match("https://tracker.test/blog/post").confidence is Confidence.SUSPECT  # type: ignore[union-attr]
    assert fs.match("https://tracker.test/t.js", SCRIPT).confidence is Confidence.CERTAIN  # type: ignore[union-attr]
    gen = fs_of("/ads/*", "||adnet.test^", "/full-page-script.js$script", "||s.id^$popup")
    assert gen.match("https://www.nytimes.com/ads/x").confidence is Confidence.SUSPECT  # type: ignore[union-attr]
    assert gen.match("https://www.nytimes.com/ads/x", policy=Policy.CERTAIN) is None
    assert gen.match("https://adnet.test/x", policy=Policy.CERTAIN) is not None
    assert gen.match("https://q.test/full-page-script.js", SCRIPT, policy=Policy.CERTAIN) is not None
    assert gen.match("https://s.id/abc", policy=Policy.CERTAIN) is None
    # a CERTAIN match is preferred over a SUSPECT one for the same URL
    m = gen.match("https://adnet.test/ads/x")
    assert m is not None and m.filter_text == "||adnet.test^"


def test_url_normalisation() -> None:
    fs = fs_of("||adnet.test^")
    assert hit(fs, "//pl1.adnet.test/invoke.js")
    assert hit(fs, "www.adnet.test/x")
    assert hit(fs, "https://ad\u200bnet.test/x")  # zero-width space inside the host (a disguise)


# ---- compiled form --------------------------------------------------------------------------------
def test_compiled_round_trip_small(tmp_path: Path) -> None:
    fs = fs_of("||a.test^", "/b.js$script", r"/c\d+\.js/", "@@||a.test/ok", "$popup,domain=x.test")
    path = tmp_path / "c.json"
    fs.save(path)
    loaded = FilterSet.load(path)
    assert json.loads(path.read_text())["attribution"].startswith("Filter data derived from EasyList")
    for url in ("https://a.test/x", "https://a.test/ok", "https://q.test/b.js", "https://q.test/c12.js"):
        for types in (abpmatch.DEFAULT_TYPES, SCRIPT, POPUP):
            assert fs.match(url, types, "x.test") == loaded.match(url, types, "x.test")
    with pytest.raises(ValueError):
        FilterSet.loads('{"format": "other"}')


@pytest.fixture(scope="module")
def real() -> FilterSet:
    return FilterSet.from_lists(LISTS)


@needs_lists
def test_compiled_round_trip_real_lists(real: FilterSet, tmp_path: Path) -> None:
    loaded = FilterSet.loads(real.dumps())
    urls = [
        "https://a-ads.com/12345",
        "https://blog.newrelic.com/technology/x/",
        "https://s.id/abc",
        "//pl1.revenuecpmgate.com/ab/cd/ef/" + "0" * 32 + "/invoke.js",
        "https://www.reuters.com/world/",
        "https://ads.example-ads.top/delivery/ck.php?zoneid=1",
        "https://x.test/full-page-script.js",
        "https://doubleclick.net/x",
        "https://github.com/rust-lang/rust/issues/1",
    ]
    for url in urls:
        for types in (abpmatch.DEFAULT_TYPES, SCRIPT, FRAME, IMAGE):
            for src in (None, "news.example", "dood.to"):
                assert real.match(url, types, src) == loaded.match(url, types, src), (url, types, src)


@needs_lists
def test_real_lists_known_matches(real: FilterSet) -> None:
    m = real.match("https://a-ads.com/12345")
    assert m is not None and m.list_file == "easylist.txt" and m.confidence is Confidence.CERTAIN
    assert real.match("https://www.reuters.com/world/talks-end-2019-11-05/") is None
    assert real.match("https://github.com/rust-lang/rust/pull/1") is None
    assert real.stats["kind:regex"] > 0 and real.stats["skip:cosmetic"] > 1000


# ---- no network -----------------------------------------------------------------------------------
def test_no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network use attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    mod = abpmatch  # not reloaded: a reload would leave other modules holding the old classes
    fs = mod.FilterSet.from_text("||ads.test^\n/x.js$script\n", "t.txt")
    fs.save(tmp_path / "c.json")
    loaded = mod.FilterSet.load(tmp_path / "c.json")
    assert loaded.match("https://ads.test/x") is not None
    assert loaded.match("https://z.test/x.js", frozenset({"script"})) is not None
    assert "socket" not in mod.__dict__ and "urllib" not in mod.__dict__


def test_exception_applies_per_request_type() -> None:
    # the block applies to "other", the exception only to "document": a link {popup, document, other}
    # is still blocked as "other", while a pure document request is not blocked.
    fs = fs_of(
        "||ads.test^", "@@||ads.test^$document", "||pop.test^$popup,document", "@@||pop.test^$document"
    )
    assert hit(fs, "https://ads.test/x")
    assert not hit(fs, "https://ads.test/x", DOC)
    assert hit(fs, "https://pop.test/x")  # still blocked as a popup
    assert not hit(fs, "https://pop.test/x", DOC)


CORPUS = ROOT.parent / "shared" / "corpora" / "dev-wild.jsonl"


@needs_lists
@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus absent")
def test_compiled_round_trip_on_corpus_urls(real: FilterSet, tmp_path: Path) -> None:
    text = CORPUS.read_text(encoding="utf-8")
    urls = sorted(set(re.findall(r"(?:https?:)?//[^\s\"'<>\\]+", text)))
    assert len(urls) > 200
    path = tmp_path / "compiled.json"
    real.save(path)
    loaded = FilterSet.load(path)
    matched = 0
    for url in urls:
        for types in (abpmatch.DEFAULT_TYPES, SCRIPT, FRAME):
            a, b = real.match(url, types), loaded.match(url, types)
            assert a == b, url
            matched += a is not None
    assert matched > 100


@needs_lists
def test_the_bundled_compiled_set_is_current() -> None:
    """rules/lists/adblock/filters.json is what the bundled lists compile to
    (regenerate with: python -m cleanpress.text.abp)."""
    built = FilterSet.from_lists(LISTS).dumps()
    assert (LISTS_DIR / abpmatch.COMPILED_NAME).read_text(encoding="utf-8") == built
