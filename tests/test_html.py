"""HTML mode: element removals and their report, main content, renderings, the engine contract,
the CLI and batch over ``.html`` files, and the limits (huge and deeply nested pages)."""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cssselect import GenericTranslator
from lxml import etree

import cleanpress
from cleanpress.cli import main
from cleanpress.errors import RuleError
from cleanpress.formats.html.easylist import generic_elemhide, read_list_file
from cleanpress.formats.html.extract import Extractor
from cleanpress.formats.html.model import Extraction
from cleanpress.formats.html.parse import cap_depth, parse_html
from cleanpress.formats.html.render import page_html
from cleanpress.formats.html.selectors import SelectorIndex, parse_compound
from cleanpress.htmlmode import HtmlPage
from cleanpress.model import apply_edits
from cleanpress.ruleset import builtin_rules_dir, load_pack, load_rules

from conftest import SEED, SEED_CLEAN, read_exact

PARA = (
    "The council approved the budget on Monday, after a long debate, and the mayor said the new plan "
    "would fund schools, roads and parks for the next five years."
)
AD_LINE = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
RULES = load_rules()
CLEANER = cleanpress.Cleaner()


def page(body: str, title: str = "Council approves budget") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def extractor() -> Extractor:
    return HtmlPage([r for r in RULES if r.kind == "html-selector"], "suspect").extractor()


def extract(html: str) -> Extraction:
    return extractor().extract(html)


# --- the engine contract ------------------------------------------------------------------------
def test_text_mode_does_not_import_lxml() -> None:
    code = "import sys, cleanpress; cleanpress.clean('text'); print('lxml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_seed_article_as_a_page_loses_exactly_the_five_ad_lines() -> None:
    lines = read_exact(SEED).splitlines()
    html = page("".join(f"<p>{line}</p>\n" for line in lines if line.strip()))
    result = cleanpress.clean(html)
    assert result.format == "html"
    expected = [line for line in read_exact(SEED_CLEAN).splitlines() if line.strip()]
    got = [p for p in result.text.split("\n\n") if p.strip()]
    assert got == expected  # in order, none missing
    assert [r.text.strip() for r in result.removals] == [AD_LINE] * 5
    assert {r.rule for r in result.removals} == {"CP101"}
    assert apply_edits(result.original, result.removals) == result.text


def test_ad_iframe_invoke_script_and_taboola_are_removed_and_reported() -> None:
    html = page(
        f"<article><h1>Council approves budget</h1><p>{PARA}</p>\n"
        '<iframe src="https://ads.example.net/serve?zone=42" width="300" height="250"></iframe>\n'
        '<script src="//pl2345.profitablecpmrate.com/a1b2c3/invoke.js"></script>\n'
        '<div id="taboola-below-article-thumbnails" class="trc_related_container">Promoted: You won\'t'
        " believe these celebrity homes</div>\n"
        f"<p>{PARA}</p></article>"
    )
    result = cleanpress.clean(html, "html")
    assert result.text == f"{PARA}\n\n{PARA}"
    by_rule = {e.rule: e for e in result.elements}
    assert {"CP801", "CP803", "CP804"} <= set(by_rule)
    assert by_rule["CP804"].line == 2 and by_rule["CP803"].line == 3 and by_rule["CP801"].line == 4
    taboola = by_rule["CP801"]
    assert taboola.path.endswith("div#taboola-below-article-thumbnails")
    assert taboola.excerpt.startswith("Promoted") and taboola.chars == len(taboola.excerpt)
    assert taboola.reason and taboola.confidence == "certain" and taboola.name == "ad-container"
    report = result.to_dict()
    assert {e["rule"] for e in report["elements"]} >= {"CP801", "CP803", "CP804"}
    assert report["format"] == "html"
    whole = cleanpress.clean(html, "html", output="page").text
    assert "invoke.js" not in whole and "<iframe" not in whole and "taboola" not in whole
    assert PARA in whole and "<h1>" in whole and whole.startswith("<!DOCTYPE html>")


def test_hidden_pharma_and_casino_links_are_removed() -> None:
    html = page(
        f"<article><p>{PARA}</p>"
        '<div style="display: none"><a href="https://pills.example/buy-viagra">buy viagra online</a> '
        '<a href="https://rx.example/cialis">cheap cialis</a></div>'
        f"<p>{PARA}"
        '<span style="position:absolute;left:-9999px"><a href="https://casino.example">best online casino'
        "</a></span></p>"
        '<div hidden><a href="https://slots.example">free slots</a></div>'
        '<div style="display:none">Loading comments</div>'
        "</article>"
    )
    result = cleanpress.clean(html)
    assert len([e for e in result.elements if e.rule == "CP810"]) == 3
    whole = cleanpress.clean(html, output="page").text
    for word in ("viagra", "cialis", "casino", "slots"):
        assert word not in result.text and word not in whole
    assert "Loading comments" in whole  # hidden without links: not a CP810 match
    assert result.text.count("The council approved") == 2


def test_text_rules_run_over_the_extracted_text() -> None:
    html = page(f"<article><p>{PARA}</p><p>Advertisement</p><p>{PARA} {AD_LINE}</p></article>")
    result = cleanpress.clean(html)
    assert AD_LINE not in result.text and "Advertisement" not in result.text
    assert apply_edits(result.original, result.removals) == result.text
    assert result.changed


def test_markdown_and_html_outputs() -> None:
    html = page(
        '<div id="main"><article><h1>Council approves budget</h1>'
        f"<p>{PARA}</p><h2>What changes</h2>"
        "<ul><li>Schools get <a href='/s'>more teachers</a> this year.</li><li>Roads are <em>repaired</em>.</li>"
        f"</ul><pre>  x = 1\n    y = 2</pre><p>{PARA}</p><p>{AD_LINE}</p></article></div>"
    )
    md = cleanpress.clean(html, output="markdown")
    assert "## What changes" in md.text and "- Schools get [more teachers](/s) this year." in md.text
    assert "- Roads are *repaired*." in md.text and "```\n  x = 1\n    y = 2\n```" in md.text
    assert AD_LINE not in md.text and md.output == "markdown"
    assert apply_edits(md.original, md.removals) == md.text
    out = cleanpress.clean(html, output="html")
    assert (
        '<a href="/s">more teachers</a>' in out.text
        and "<ul>" in out.text
        and "<h2>What changes</h2>" in out.text
    )
    assert AD_LINE not in out.text and "cpmrevenuegate" not in out.text
    with pytest.raises(cleanpress.UnsupportedFormat):
        cleanpress.clean(html, output="pdf")


def test_main_content_blocks_kinds_paths_and_text() -> None:
    html = page(
        '<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>'
        '<div id="main"><article><h1>Council approves budget</h1>'
        '<div class="byline">By Jane Doe, 3 March 2026</div>'
        f"<p>{PARA}</p><h2>What changes</h2>"
        "<ul><li>Schools get <a href='/s'>more teachers</a> this year.</li><li>Roads are repaired.</li></ul>"
        "<pre>  x = 1\n    y = 2</pre>"
        "<blockquote><p>This is a good day for the city, said the mayor.</p></blockquote>"
        "<table><tr><td>Schools</td><td>40%</td></tr><tr><td>Roads</td><td>30%</td></tr></table>"
        f"<p>{PARA}</p></article>"
        '<div class="related-stories"><a href="/a">Another story about budgets</a></div></div>'
        "<footer>© 2026 City News</footer>"
    )
    ex = extract(html)
    assert [b.kind for b in ex.blocks] == [
        "paragraph", "heading", "list-item", "list-item", "pre", "quote", "table-row", "table-row", "paragraph",
    ]  # fmt: skip
    assert ex.blocks[0].path == "html > body > div#main > article > p:nth-of-type(1)"
    assert ex.blocks[4].text == "  x = 1\n    y = 2"  # pre verbatim
    assert ex.blocks[6].text == "Schools 40%"
    for gone in ("Jane Doe", "Another story", "Home", "Council approves budget"):
        assert gone not in ex.text


def test_content_chosen_over_sidebar_and_comments() -> None:
    article = "".join(f"<p>{PARA} Point {i}.</p>" for i in range(6))
    sidebar = "".join(f'<li><a href="/x{i}">Popular story number {i}</a></li>' for i in range(20))
    comments = "<p>Great article, thanks for writing it up!</p>" * 3
    html = page(
        f'<div class="sidebar"><ul>{sidebar}</ul></div><div class="post-content">{article}</div>'
        f'<div id="comments">{comments}</div>'
    )
    text = cleanpress.clean(html).text
    assert text.count("The council approved") == 6
    assert "Popular story" not in text and "Great article" not in text


def test_guard_keeps_a_content_wrapper_with_a_boilerplate_word_in_its_class() -> None:
    body = "".join(f"<p>{PARA} ({i})</p>" for i in range(5))
    html = page(
        f'<div class="content-with-sidebar"><article>{body}</article></div><aside><a href="/">x</a></aside>'
    )
    result = cleanpress.clean(html)
    assert result.text.count("The council approved") == 5
    assert [e.rule for e in result.elements] == ["CP822"]  # the aside, not the wrapper


def test_min_confidence_certain_runs_only_certain_element_rules() -> None:
    html = page(
        f'<article><p>{PARA}</p><div class="share-bar"><a href="/s">Share</a></div><script>x()</script></article>'
    )
    rules = {e.rule for e in cleanpress.Cleaner(min_confidence="certain").clean(html).elements}
    assert "CP803" in rules and "CP830" not in rules


def test_empty_and_odd_inputs() -> None:
    assert cleanpress.clean("", "html").text == ""
    assert cleanpress.clean("   ", "html").elements == ()
    assert (
        "plain words"
        in cleanpress.clean("plain words in a body without tags, long enough to keep", "html").text
    )
    xml = '<?xml version="1.0" encoding="utf-8"?>' + page(f"<article><p>{PARA}</p></article>")
    assert cleanpress.clean(xml, "html").text == PARA


# --- rule packs -----------------------------------------------------------------------------------
def test_easylist_list_is_large_and_attributed() -> None:
    path = builtin_rules_dir() / "lists" / "easylist-elemhide.txt"
    assert len(read_list_file(path.read_text(encoding="utf-8"))) > 10_000
    header = path.read_text(encoding="utf-8")[:800]
    assert "EasyList" in header and "GPL" in header and "CC BY-SA" in header


def test_a_user_pack_of_html_selectors(tmp_path: Path) -> None:
    pack = tmp_path / "acme.toml"
    pack.write_text(
        '[[rule]]\nid = "ACME801"\nname = "promo-line"\nkind = "html-selector"\n'
        'reason = "our print promo"\nselectors = [".promo-line"]\n'
    )
    cleaner = cleanpress.Cleaner(extra_rules=[pack])
    html = page(f'<article><p>{PARA}</p><p class="promo-line">Subscribe to our print edition</p></article>')
    assert [e.rule for e in cleaner.clean(html).elements] == ["ACME801"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('selectors = ["div >> p"]\n', r"acme.toml:6: ACME801: bad selector"),
        ('lists = ["missing.txt"]\n', r"acme.toml:6: ACME801: no such selector list"),
        ("require_links = true\n", r"acme.toml:1: ACME801: html-selector rule gives no selectors"),
        ('selectors = ["p"]\nprotect = "yes"\n', r"acme.toml:7: ACME801: field 'protect' has the wrong type"),
    ],
)
def test_bad_html_rules_fail_with_path_and_line(tmp_path: Path, body: str, message: str) -> None:
    pack = tmp_path / "acme.toml"
    pack.write_text('[[rule]]\nid = "ACME801"\nname = "x"\nkind = "html-selector"\nreason = "r"\n' + body)
    with pytest.raises(RuleError, match=message):
        load_pack(pack)


# --- selectors, lists, parsing --------------------------------------------------------------------
def test_generic_elemhide_extraction() -> None:
    lines = ["! comment", "##.ad-box", "###top-ad", "example.com##.site-ad", "##.bait", "#@#.bait",
             "##div:has-text(Sponsored)", "#?#.x:-abp-has(.y)", "||ads.example^", "##.ad-box"]  # fmt: skip
    assert generic_elemhide(lines) == [".ad-box", "#top-ad"]
    assert read_list_file("# header line\n#top-ad\n\n.ad-box\n") == ["#top-ad", ".ad-box"]


SELECTORS = ["div.ad", "#banner", "[class*=taboola]", "[id^=div-gpt-ad]", "ins.adsbygoogle",
             "a[href$='.exe']", "[data-ad]", "span.x.y", '[class~="promo"]', "aside", "div > .child",
             "ul li.sponsored"]  # fmt: skip
DOC = ("<html><body><div class='ad'>1</div><p id='banner'>2</p><div class='x taboola-w'>3</div>"
       "<div id='div-gpt-ad-1'>4</div><ins class='adsbygoogle'>5</ins><a href='/f.exe'>6</a>"
       "<b data-ad=''>7</b><span class='y x'>8</span><i class='promo big'>9</i><aside>10</aside>"
       "<div><p class='child'>11</p></div><ul><li class='sponsored'>12</li><li>13</li></ul>"
       "<div class='adx'>no</div><p id='banner2'>no</p><span class='x'>no</span></body></html>")  # fmt: skip


def test_the_selector_index_agrees_with_cssselect() -> None:
    root = parse_html(DOC)
    assert root is not None
    idx = SelectorIndex.build((s, i, True) for i, s in enumerate(SELECTORS))
    ours = {(entry.key, el.text or "") for el in root.iter() for entry in idx.match_element(el)}
    ours |= {(key, el.text or "") for el, key, _ in idx.match_complex(root)}
    theirs: set[tuple[int, str]] = set()
    for i, sel in enumerate(SELECTORS):
        found = root.xpath(GenericTranslator().css_to_xpath(sel))
        assert isinstance(found, list)
        theirs |= {(i, node.text or "") for node in found if isinstance(node, etree._Element)}
    assert ours == theirs
    assert len(idx.complex) == 2


def test_parse_compound_rejects_combinators() -> None:
    assert parse_compound("div > p") is None and parse_compound("a:not(.x)") is None
    comp = parse_compound('div#a.b.c[data-x^="y"]')
    assert comp is not None and comp.tag == "div" and comp.ids == ("a",) and comp.classes == ("b", "c")


def test_removal_paths_point_into_the_original_page() -> None:
    html = page(
        f'<div id="main"><p>{PARA}</p><div class="adsbygoogle-box"></div><div class="share-bar">'
        f'<a href="https://twitter.com/share">Tweet</a></div><p>{PARA}</p></div>'
    )
    share = next(e for e in cleanpress.clean(html).elements if e.rule == "CP830")
    assert share.path == "html > body > div#main > div:nth-of-type(2)"
    found = etree.fromstring(html, etree.HTMLParser()).xpath(GenericTranslator().css_to_xpath(share.path))
    assert isinstance(found, list) and len(found) == 1


def test_page_html_keeps_only_the_pages_own_doctype() -> None:
    assert page_html(extract("<html><body><p>x</p><script>a()</script></body></html>")).startswith("<html>")
    cleaned = page_html(extract(page(f"<article><p>{PARA}</p><script>var a=1;</script></article>")))
    assert cleaned.startswith("<!DOCTYPE html>\n<html>") and "var a=1" not in cleaned


def test_cap_depth_keeps_text_and_balance() -> None:
    assert (
        cap_depth("<div><div><div><b>x</b></div></div></div>tail", max_depth=2)
        == "<div><div>x</div></div>tail"
    )


def test_no_recursion_error_on_deep_inline_nesting() -> None:
    html = page("<article>" + "<span>" * 3000 + PARA + "</span>" * 3000 + "</article>")
    assert PARA in cleanpress.clean(html).text


# --- CLI and batch --------------------------------------------------------------------------------
AD_PAGE = page(
    f"<article>\n<p>{PARA}</p>\n<script src='//x.example/invoke.js'></script>\n<p>{AD_LINE}</p>\n"
    f"<p>{PARA} {AD_LINE}</p>\n</article>"
)


def test_cli_cleans_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(AD_PAGE, encoding="utf-8")
    assert main(["page.html", "--report", "report.json", "-o", "out.txt"]) == 0
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert out.startswith(PARA) and "invoke.js" not in out and AD_LINE not in out
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [e["rule"] for e in report["elements"]] == ["CP803"] and report["elements"][0]["line"] == 3
    assert main(["page.html", "--format", "html", "--render", "markdown"]) == 0
    assert capsys.readouterr().out.startswith(PARA)
    assert main(["page.html", "--render", "html"]) == 0
    assert capsys.readouterr().out.startswith(f"<p>{PARA}</p>")


def test_check_and_fix_an_html_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "page.html"
    target.write_text(AD_PAGE, encoding="utf-8")
    assert main(["check", "page.html"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"page\.html:3:1: CP803 ", out) and re.search(r"page\.html:4:1: CP101 ", out)
    assert "suggestion" in out  # the ad inside a paragraph cannot be cut from the page: reported only
    assert main(["fix", "page.html"]) == 1
    fixed = target.read_text(encoding="utf-8")
    assert fixed.startswith("<!DOCTYPE html>") and "<article>" in fixed  # HTML, not a text rendering
    assert "invoke.js" not in fixed and f"<p>{AD_LINE}</p>" not in fixed and fixed.count(PARA) == 2
    capsys.readouterr()
    assert main(["check", "page.html"]) == 0  # fixed: only the suggestion is left


def test_fix_leaves_a_clean_page_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    raw = "<!doctype html>\n<HTML><body><p class=x>Hi &amp; bye</p></body></HTML>\n"
    (tmp_path / "a.htm").write_text(raw, encoding="utf-8")
    assert main(["fix", "a.htm"]) == 0
    assert (tmp_path / "a.htm").read_text(encoding="utf-8") == raw


# --- limits ---------------------------------------------------------------------------------------
# Bounds for pathological pages through the whole pipeline (extraction and the text rules), measured
# on the 2-core VM: 50,000 levels 0.4 s; 1,000,000 nodes 22 s and 910 MB peak RSS. The bounds leave
# about 3x headroom for slower CI machines.
DEEP_LEVELS = 50_000
DEEP_MAX_SECONDS = 5.0
MILLION_MAX_SECONDS = 60.0
MILLION_MAX_RSS_MB = 2500


@pytest.mark.slow
def test_deep_nesting_50000_levels() -> None:
    html = page("<div>" * DEEP_LEVELS + f"<p>{PARA}</p>" + "</div>" * DEEP_LEVELS)
    start = time.perf_counter()
    result = cleanpress.clean(html)
    assert time.perf_counter() - start < DEEP_MAX_SECONDS
    assert result.text == PARA  # text below libxml2's depth cap is kept (nesting capped first)


@pytest.mark.slow
def test_one_million_elements() -> None:
    n = 500_000  # <p> elements, each with a text node: 1,000,000 tree nodes
    html = page("<article>" + "<p>Some words here, and there.</p>" * n + "</article>")
    start = time.perf_counter()
    result = cleanpress.clean(html)
    elapsed = time.perf_counter() - start
    assert result.text.count("\n\n") == n - 1 and not result.removals
    assert elapsed < MILLION_MAX_SECONDS
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < MILLION_MAX_RSS_MB


def test_the_page_kinds_are_registered_modules() -> None:
    from cleanpress.detect.registry import KINDS, detector

    assert KINDS["html-selector"].stage == "page"
    module = detector("html-selector")
    assert module.__name__ == "cleanpress.detect.html_selector"
    assert callable(module.compile) and callable(module.prepare)
    assert callable(detector("page-chrome").find)
