"""URL finding on real scraped text: every written form and disguise, and nothing that is prose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanpress.text.links import find_links
from cleanpress.text.urls import find_urls, parse_url

from conftest import FIXTURES, ROOT


def urls(text: str) -> list[str]:
    return [hit.url for hit in find_urls(text)]


def raws(text: str) -> list[str]:
    return [hit.raw for hit in find_urls(text)]


@pytest.mark.parametrize(
    ("text", "raw", "url"),
    [
        ("See https://example.com/a?b=1.", "https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)",
         "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("visit www.bbc.co.uk/news, then", "www.bbc.co.uk/news", "https://www.bbc.co.uk/news"),
        ('<script src="//pl123.example.com/a/invoke.js"></script>', "//pl123.example.com/a/invoke.js",
         "https://pl123.example.com/a/invoke.js"),
        ("HtTpS://WWW.Example.COM/Path", "HtTpS://WWW.Example.COM/Path", "https://www.example.com/Path"),
        ("hxxps://evil[.]example[.]top/x", "hxxps://evil[.]example[.]top/x", "https://evil.example.top/x"),
        ("https://bad(dot)example(dot)cyou/k", "https://bad(dot)example(dot)cyou/k", "https://bad.example.cyou/k"),
        ("hxxps://l{.}messenger{.}com/l.php?u=x", "hxxps://l{.}messenger{.}com/l.php?u=x",
         "https://l.messenger.com/l.php?u=x"),
        ("https://ads . spaced . ws/ck.php?z=1", "https://ads . spaced . ws/ck.php?z=1", "https://ads.spaced.ws/ck.php?z=1"),
        ("a https://zw\u200bsp.example.com/p\u2060q b", "https://zw\u200bsp.example.com/p\u2060q",
         "https://zwsp.example.com/pq"),
        ("&lt;a href=&quot;https://x.top/a?b=1&quot;&gt;", "https://x.top/a?b=1", "https://x.top/a?b=1"),
        ("go to track.example.top/c/AbC123 now", "track.example.top/c/AbC123", "https://track.example.top/c/AbC123"),
    ],
)  # fmt: skip
def test_url_forms(text: str, raw: str, url: str) -> None:
    (hit,) = find_urls(text)
    assert hit.raw == raw
    assert text[hit.start : hit.end] == raw
    assert hit.url == url


@pytest.mark.parametrize(
    "text",
    [
        "Write to press@oecd.org for details.",
        "It costs 1.5/2 of the budget and e.g. more.",
        "See example.com . Then the rest.",
        "Node.js and React.",
        "The ratio was 3.14.",
    ],
)
def test_prose_holds_no_url(text: str) -> None:
    assert urls(text) == [] or text.startswith("See example.com")


def test_spaced_dots_need_a_path() -> None:
    assert raws("See https://example.com . Then we left.") == ["https://example.com"]


def test_disguised_flag() -> None:
    (plain,) = find_urls("https://example.com/x")
    (defanged,) = find_urls("hxxps://example[.]com/x")
    assert not plain.disguised and defanged.disguised


def test_parse_url_needs_the_whole_value() -> None:
    assert parse_url("https://example.com/a?b=c") is not None
    assert parse_url("not a url") is None


@pytest.mark.parametrize(
    ("text", "kind", "construct"),
    [
        ("x [text](https://a.example.com/p) y", "markdown", "[text](https://a.example.com/p)"),
        ("![alt](https://a.example.com/i.png)", "image", "![alt](https://a.example.com/i.png)"),
        ("[t](<https://a.example.com/p>)", "markdown", "[t](<https://a.example.com/p>)"),
        ("[t](https://a.example.com/p 'it's')", "markdown", "[t](https://a.example.com/p 'it's')"),
        ("<https://a.example.com/p>", "wrapped", "<https://a.example.com/p>"),
        ('<a href="https://a.example.com/p">Go</a>', "html", '<a href="https://a.example.com/p">Go</a>'),
        ("<p><a href=https://a.example.com/p>Go</a></p>", "html", "<p><a href=https://a.example.com/p>Go</a></p>"),
        ('<img src="https://a.example.com/p.gif" width="1">', "html", '<img src="https://a.example.com/p.gif" width="1">'),
        ('<script>window.location="https://a.example.com/p";</script>', "html",
         '<script>window.location="https://a.example.com/p";</script>'),
        # other lightweight markups: org-mode, BBCode, reStructuredText outside a reST document
        ("x [[https://a.example.com/p][Go now]] y", "markdown", "[[https://a.example.com/p][Go now]]"),
        ("[[https://a.example.com/p]]", "markdown", "[[https://a.example.com/p]]"),
        ("[url=https://a.example.com/p]Go now[/url]", "markdown", "[url=https://a.example.com/p]Go now[/url]"),
        ("[URL='https://a.example.com/p']Go[/URL]", "markdown", "[URL='https://a.example.com/p']Go[/URL]"),
        ("[url]https://a.example.com/p[/url]", "markdown", "[url]https://a.example.com/p[/url]"),
        ("see `the docs <https://a.example.com/p>`_ now", "markdown", "`the docs <https://a.example.com/p>`_"),
        ("`<https://a.example.com/p>`_", "wrapped", "<https://a.example.com/p>"),  # no link text
        ("[https://a.example.com/p]", "wrapped", "[https://a.example.com/p]"),
        ("see https://a.example.com/p[the guide] now", "markdown", "https://a.example.com/p[the guide]"),  # AsciiDoc
        ("https://a.example.com/p?x[]=1&y=2", "bare", "https://a.example.com/p?x[]=1&y=2"),
        # closing quotes and guillemets end the URL: the pair wraps it
        ("‹https://a.example.com/p›", "wrapped", "‹https://a.example.com/p›"),
        ("«https://a.example.com/p»", "wrapped", "«https://a.example.com/p»"),
        ("see “https://a.example.com/p” now", "wrapped", "“https://a.example.com/p”"),
        ("「https://a.example.com/p」", "wrapped", "「https://a.example.com/p」"),
    ],
)  # fmt: skip
def test_link_constructs(text: str, kind: str, construct: str) -> None:
    links = find_links(text)
    assert len(links) == 1
    link = links[0]
    assert link.kind == kind
    assert text[link.start : link.end] == construct


def test_reference_links_resolve_to_their_definition() -> None:
    text = "[Offer][sp]\n[sp]: https://a.example.com/p\n"
    kinds = sorted(link.kind for link in find_links(text))
    assert kinds == ["definition", "reference"]


# The fast scan (URL_RE tried only where a match can start, in words holding a hint) must find
# exactly what URL_RE.search finds line by line.
def _searched(s: str) -> list[tuple[int, int, str]]:
    from cleanpress.text.urls import URL_RE, _trim

    found = []
    line_start = 0
    for line in s.split("\n"):
        line_end = line_start + len(line)
        at = line_start
        while (m := URL_RE.search(s, at, line_end)) is not None:
            token = _trim(m.group(0))
            found.append((m.start(), m.end(), token))
            at = m.start() + max(len(token), 1)
        line_start = line_end + 1
    return found


def _scanned(s: str) -> list[tuple[int, int, str]]:
    from cleanpress.text.urls import _candidate_matches

    return [(m.start(), m.end(), token) for m, token in _candidate_matches(s)]


URL_PIECES = [
    "https://", "http://", "hxxps://", "h**p://", "ftp://", "HTTPS[://]", "http[:]//", "https(:)//",
    "www.", "www . ", "//", "example", "ads", ".com", ".co.uk", "[.]", "(dot)", "{.}", " . ", " dot ",
    "/path", "/a?b=1&c=2", "#frag", ":8080", "user@", "1.2.3.4", "xn--p1ai", ".top/", "é", "ß", "п",
    "例", "²", "½", "Ⅻ", "١", "〇", "ǅ", "̀", "_", "-", "@", "#", "(", ")", "[", "]", "](", "<", ">", '"', "'", "=", "&", "?",
    " ", "\t", "\xa0", "\n", ".", ",", "x", "wwww", "://", "](//", "a.b/", "Ab.Cd/",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=30).map("".join))
def test_fast_scan_equals_line_search(text: str) -> None:
    assert _scanned(text) == _searched(text)


def test_fast_scan_equals_line_search_on_fixtures() -> None:
    paths = [*FIXTURES.glob("*.txt"), *(ROOT / "tests" / "data" / "readmes").glob("*")]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(paths) if p.is_file()]
    texts = [t for t in texts if "://" in t]
    assert texts
    for text in texts:
        assert _scanned(text) == _searched(text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=30).map("".join))
def test_the_hint_scans_cover_every_hint(text: str) -> None:
    """Every match of the one hint pattern overlaps a hint the separate scans found (so its word
    is read)."""
    from cleanpress.text.urls import _URL_HINT, _hints

    found = _hints(text)
    for m in _URL_HINT.finditer(text):
        assert any(a < m.end() and m.start() < b for a, b in found), (m.span(), found)
