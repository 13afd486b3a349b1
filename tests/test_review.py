"""The review page: self-contained HTML, every removal highlighted in place, everything escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import cleanpress
from cleanpress.formats.review import ReviewSample, SampleRemoval, render_review, sample_of

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


class Page(HTMLParser):
    """Collects tags, attributes, and the text inside each <del> and each <pre>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.deleted: list[tuple[dict[str, str | None], str]] = []
        self.pres: list[str] = []
        self._in_del: dict[str, str | None] | None = None
        self._in_pre = False
        self._text: list[str] = []
        self._pre: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "del":
            self._in_del, self._text = dict(attrs), []
        elif tag == "pre":
            self._in_pre, self._pre = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "del" and self._in_del is not None:
            self.deleted.append((self._in_del, "".join(self._text)))
            self._in_del = None
        elif tag == "pre":
            self.pres.append("".join(self._pre))
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._in_del is not None:
            self._text.append(data)
        if self._in_pre:
            self._pre.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def test_each_removal_is_highlighted_in_place_with_rule_and_reason(cleaner: cleanpress.Cleaner) -> None:
    original = f"Officials met <b>today</b> & talked.\n{AD}\nAdvertisement\nTalks ended.\n"
    result = cleaner.clean(original, "text")
    sample = sample_of("corpus.jsonl", 3, "doc-1", result)
    assert sample is not None
    page = parse(render_review([sample]))
    assert [(attrs["data-rule"], text) for attrs, text in page.deleted] == [
        (r.rule, r.text) for r in result.removals
    ]
    assert page.deleted[0][0]["title"] == f"{result.removals[0].rule}: {result.removals[0].reason}"
    # The page shows the original text in place, each removal preceded by its rule and reason.
    expected, position = [], 0
    for removal in result.removals:
        expected += [original[position : removal.start], f"{removal.rule}: {removal.reason}", removal.text]
        position = removal.end
    assert page.pres == ["".join(expected) + original[position:]]
    assert "corpus.jsonl:3 (id doc-1)" in render_review([sample])


def test_document_text_is_escaped_and_the_page_has_no_external_assets() -> None:
    hostile = '<script>alert("x")</script> <img src="http://evil.example/x.png"> & "quotes"\n'
    removal = SampleRemoval(0, 30, "CP5<x>", 'reason "with" <tags> & more')
    sample = ReviewSample('source<"&>.jsonl', 1, "<id>", hostile, (removal,))
    html = render_review([sample], title="<title> & co")
    page = parse(html)
    assert {tag for tag, _ in page.tags} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "p",
        "section",
        "h2",
        "pre",
        "span",
        "del",
        "ins",
    }
    assert not any(name in ("src", "href") for _, attrs in page.tags for name in attrs)
    assert page.deleted == [
        (
            {"class": "removal", "data-rule": "CP5<x>", "title": 'CP5<x>: reason "with" <tags> & more'},
            hostile[:30],
        )
    ]
    assert page.pres == ['CP5<x>: reason "with" <tags> & more' + hostile]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "source&lt;&quot;&amp;&gt;.jsonl:1 (id &lt;id&gt;)" in html


def test_replacements_are_shown_and_long_documents_are_not_sampled(cleaner: cleanpress.Cleaner) -> None:
    sample = ReviewSample(
        "s", 1, "", "see [x](http://a.example/?utm_source=n)", (SampleRemoval(18, 38, "CP601", "", "/"),)
    )
    assert '<ins class="replacement">/</ins>' in render_review([sample])
    long = cleaner.clean("x" * 60_000 + f"\n{AD}\n", "text")
    assert long.changed and sample_of("s", 1, None, long) is None
