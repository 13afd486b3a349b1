"""Properties that hold for any input: the report is an exact edit script, cleaning is
idempotent, and text with nothing to remove comes back unchanged."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanpress
from cleanpress.model import apply_edits

CLEANER = cleanpress.Cleaner()

SPAM_LINES = [
    "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh",
    "Advertisement",
    "https://track.akjoxfsnrg.website/c/xpdTQQLmnlDcSvIH?pub=991501",
    "[Claim your prize](https://pl.profitablecpmrate.com/go?zoneid=123)",
    '<script src="//pl20934811.highperformanceformat.com/0a1b2c3d4e5f60718293a4b5c6d7e8f9/invoke.js"></script>',
    "https://t.ly/sIze",
    "Hot deal: Air Fryer at 70% off, only today!!!",
    "Find out more: https://sbbdxfiosk7.world/offer?o=9442&a=78429&s1=sht47lx",
    "‼️ Cheap Ozempic without a prescription — ships worldwide",
    "[![a](https://x.qpon/i.png)](https://y.qpon/go/Ab12Cd34Ef)",
    "http://91.39.93.33/go.php?id=1",
    "See https://www.google.com/url?q=https%3A%2F%2Fwww.who.int%2Fx&sa=D now",
    "pass\u200bword",
    "~~~",
]
PROSE = [
    "Officials met on Monday to discuss the plan.",
    "The minister said the talks would continue.",
    "Source: https://www.reuters.com/world/talks-end-2019-11-05/",
    "Implications for Global Security",
    "The slides are at https://bit.ly/3xYz9Qa and the recording follows.",
    "“Never again.”",
    "Contact press@oecd.org for details.",
    "",
    "Prices rose 4% in October, the agency said.",
]
line = st.one_of(st.sampled_from(SPAM_LINES), st.sampled_from(PROSE), st.text(max_size=40))
newline = st.sampled_from(["\n", "\r\n", "\n\n", " "])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, max_size=12))
    breaks = [draw(newline) for _ in lines]
    text = "".join(a + b for a, b in zip(lines, breaks, strict=True))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_removals_are_an_exact_edit_script(text: str) -> None:
    result = CLEANER.clean(text, "text")
    previous_end = 0
    for removal in result.removals:
        assert removal.start >= previous_end
        assert removal.end > removal.start
        assert text[removal.start : removal.end] == removal.text
        previous_end = removal.end
    assert apply_edits(text, result.removals) == result.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_cleaning_is_idempotent(text: str) -> None:
    once = CLEANER.clean(text, "text")
    twice = CLEANER.clean(once.text, "text")
    assert twice.removals == (), [r.text for r in twice.removals]


_PLAIN = st.text(
    alphabet=st.characters(categories=["Ll", "Lu", "Nd", "Zs"], include_characters="\n.,;:'\"!?()-"),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_text_without_urls_or_boilerplate_is_unchanged(text: str) -> None:
    result = CLEANER.clean(text)
    if result.removals:
        # Only a whole-line boilerplate phrase may be removed from random prose.
        assert all(r.rule.startswith("CP3") for r in result.removals), result.removals
    else:
        assert result.text == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PROSE), max_size=10), newline)
def test_prose_and_citations_come_back_unchanged(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    assert CLEANER.clean(text).text == text
