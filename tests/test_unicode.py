"""Invisible characters: removed where they hide text, kept where they carry meaning."""

from __future__ import annotations

import pytest

from cleanpress.text.invisible import invisible_spans


def strip(text: str) -> str:
    out, cursor = [], 0
    for start, end in invisible_spans(text):
        out.append(text[cursor:start])
        cursor = end
    return "".join(out) + text[cursor:]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pass\u200bword", "password"),
        ("a\u2060b\u2063c", "abc"),
        ("mid\ufeffdle", "middle"),
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ("hidden\U000e0041\U000e0042\U000e007f text", "hidden text"),
        ("latin\u200dword", "latinword"),
    ],
)
def test_hiding_characters_are_removed(text: str, expected: str) -> None:
    assert strip(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffA leading BOM is an encoding signature",
        "co\u00adoperate",  # soft hyphen: a hyphenation hint
        "👨\u200d👩\u200d👧 family",  # emoji ZWJ sequence
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Scotland",  # subdivision flag
        "می\u200cخواهم",  # Persian ZWNJ
        "क्\u200dष",  # Devanagari ZWJ
        "ภาษา\u200bไทย",  # Thai word boundary
        "שלום \u202bעולם\u202c",  # bidi embedding beside right-to-left text
        "left\u200eright\u200f marks",
    ],
)
def test_meaningful_characters_are_kept(text: str) -> None:
    assert invisible_spans(text) == []
