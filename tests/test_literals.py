"""Required literals: the prefilter of line rules never rejects a line the full pattern accepts."""

from __future__ import annotations

import json
from functools import cache

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanpress.detect import line_pattern
from cleanpress.detect.literals import (
    LITERALS_FILE,
    Prefixes,
    bundled_line_patterns,
    bundled_patterns,
    literals_of,
    pattern_key,
    prefixes_of,
    required_literals,
    required_prefixes,
)
from cleanpress.ruleset import Rule, builtin_rules_dir, load_rules
from cleanpress.text.folding import fold
from cleanpress.text.lines import strip_line


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("advertisement", {"advertisement"}),
        ("(?:paid\\s)?advert(?:isement|ising)", {"advertisement", "advertising"}),
        ("share\\s+(?:on|via)\\s+(?:facebook|x)", {"share"}),
        ("(?x: read \\s more \\s (?:here|below) )", {"read"}),
        ("[\\p{S}\\s]*(?:anzeige|werbung)[\\s.!]*", {"anzeige", "werbung"}),
        ("(?=.*cookie).{1,80}", None),  # a lookahead requires nothing by itself
        ("\\d{4}", None),
        ("a|.*", None),
        ("Copyright © 20\\d\\d", {"copyright"}),
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == expected


def test_the_table_of_the_bundled_packs_is_current() -> None:
    data = json.loads((builtin_rules_dir() / LITERALS_FILE).read_text(encoding="utf-8"))
    starts = data["prefixes"]
    line_patterns = bundled_line_patterns()
    assert {pattern_key(p) for p in line_patterns} == set(starts), "run: python -m cleanpress.detect.literals"
    for pattern in line_patterns:
        derived_start = required_prefixes(pattern)
        expected = None
        if derived_start is not None:
            lead_in = None if derived_start.lead_in is None else list(derived_start.lead_in)
            expected = [derived_start.decoration, sorted(derived_start.strings), lead_in]
        assert starts[pattern_key(pattern)] == expected
        assert prefixes_of(pattern) == derived_start
    table = data["patterns"]
    patterns = bundled_patterns()
    assert {pattern_key(p) for p in patterns} == set(table), "run: python -m cleanpress.detect.literals"
    for pattern in patterns:
        derived = required_literals(pattern)
        assert table[pattern_key(pattern)] == (None if derived is None else sorted(derived))
        assert literals_of(pattern) == derived


@cache
def _rules() -> dict[str, Rule]:
    return {rule.id: rule for rule in load_rules()}


@cache
def _line_rules() -> list[tuple[str, str, int]]:
    """(pattern, rule id, flags) of every bundled line rule."""
    found = []
    for rule in _rules().values():
        if rule.kind == "line-pattern":
            for pattern in line_pattern.compile(rule).matcher:
                found.append((pattern.source, rule.id, pattern.flags))
    return found


def _admits(literals: frozenset[str] | None, raw_line: str) -> bool:
    return literals is None or any(literal in fold(raw_line) for literal in literals)


def test_every_example_a_line_rule_removes_passes_its_prefilter() -> None:
    rules = _rules()
    checked = 0
    for source, rule_id, flags in _line_rules():
        compiled = regex.compile(source, flags)
        literals = required_literals(source)
        for example in rules[rule_id].examples_remove:
            for raw in example.splitlines():
                stripped = strip_line(raw) or raw.strip()
                if compiled.fullmatch(stripped):
                    checked += 1
                    assert _admits(literals, raw), (rule_id, raw, sorted(literals or ()))
    assert checked > 100


_DECORATION = st.sampled_from(["", "**", "- ", "> ", "### ", "<p>", "  ", "\t", "👉 ", "[", "_"])
_CASE = st.sampled_from([str.lower, str.upper, str.title, str.casefold, lambda s: s])


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_lines_the_patterns_accept_always_pass_the_prefilter(data: st.DataObject) -> None:
    """Generated variants of the examples (decoration, case, spacing) that a pattern still
    accepts are all admitted by its literals."""
    rules = _rules()
    source, rule_id, flags = data.draw(st.sampled_from(_line_rules()))
    examples = rules[rule_id].examples_remove or ("",)
    base = data.draw(st.sampled_from(examples)).splitlines()[0] if examples[0] else ""
    raw = data.draw(_DECORATION) + data.draw(_CASE)(base).replace(
        " ", data.draw(st.sampled_from([" ", "  ", "\t"]))
    )
    raw += data.draw(_DECORATION)
    stripped = strip_line(raw) or raw.strip()
    if regex.compile(source, flags).fullmatch(stripped):
        assert _admits(literals_of(source), raw), (rule_id, raw)


def test_every_url_an_example_of_a_url_rule_holds_passes_its_prefilter() -> None:
    """URL patterns are filtered by the literals of what follows the scheme: every URL in a
    url-pattern rule's examples that its pattern matches holds one of them."""
    from cleanpress.detect import url_pattern
    from cleanpress.text.urls import find_urls

    checked = 0
    for rule in _rules().values():
        if rule.kind != "url-pattern":
            continue
        matcher = url_pattern.compile(rule).matcher
        compiled = regex.compile(matcher.source, matcher.flags)
        for example in (*rule.examples_remove, *rule.examples_keep):
            for hit in find_urls(example):
                if compiled.search(hit.url):
                    checked += 1
                    assert matcher.may_match(hit.url.casefold()), (rule.id, hit.url, sorted(matcher.literals))
    assert checked > 50


@cache
def _prepared() -> line_pattern.Prepared:
    rules = [rule for rule in _rules().values() if rule.kind == "line-pattern"]
    return line_pattern.prepare([line_pattern.compile(rule) for rule in rules])


_LINE_PIECES = ["Advertisement", "share this", "ß", "STRASSE", "İ", "read more", "\n", "\r\n", " ", "x", "le",
                "Ad", "©", "2024", "—", "[…]", "\n\n", "Lea también", "ﬁ"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=40).map("".join))
def test_candidate_lines_are_the_lines_holding_a_literal(text: str) -> None:
    """The one-pass candidate scan finds, for every line, the patterns whose literals it holds
    (case folding may change a line's length, never its line breaks)."""
    from cleanpress.formats import read_document

    prepared = _prepared()
    doc = read_document(text, "text")
    expected: dict[int, int] = {}
    for line in doc.lines:
        folded = fold(text[line.start : line.end])
        mask = prepared.always
        for bit, (_, pattern) in enumerate(prepared.patterns):
            if pattern.literals is not None and any(lit in folded for lit in pattern.literals):
                mask |= 1 << bit
        if mask:
            expected[line.index] = mask
    assert line_pattern._candidates(doc, prepared) == expected


@pytest.mark.parametrize(
    ("pattern", "decoration", "prefixes"),
    [
        ("advertisement", None, {"advertisement"}),
        ("(?:paid\\s)?advert(?:isement|ising)", None, {"paid", "advertisement", "advertising"}),
        ("[\\p{S}\\s]*(?:Anzeige|Werbung)[\\s.!]*", "[\\p{S}\\s]", {"anzeige", "werbung"}),
        ("(?x: [\\p{S}\\s]* (?: read \\s more | see \\s also ) )", "[\\p{S}\\s]", {"read", "see"}),
        ("(?=x)foo", None, {"foo"}),
        ("a?b?", None, None),  # may match nothing
        (".*foo", None, None),
        ("(?:[^.?!:]{2,50}[?!:]|x)?share", None, None),  # a free lead-in: anything may come first
        ("x[\\p{S}]*y", None, {"x"}),  # a class after the start is not decoration
    ],
)
def test_required_prefixes(pattern: str, decoration: str | None, prefixes: set[str] | None) -> None:
    found = required_prefixes(pattern)
    if prefixes is None:
        assert found is None
    else:
        assert found is not None
        assert (found.decoration, set(found.strings)) == (decoration, prefixes)


def _starts() -> list[tuple[line_pattern.Start, str, str, int]]:
    """(start test, pattern, rule id, flags) of every bundled line pattern that has one."""
    prepared = _prepared()
    found = []
    for (index, pattern), start in zip(prepared.patterns, prepared.starts, strict=True):
        if start is not None:
            found.append((start, pattern.source, prepared.rules[index].rule.id, pattern.flags))
    return found


def test_most_line_patterns_have_a_start_test() -> None:
    assert len(_starts()) >= len(_prepared().patterns) // 2


def test_every_example_a_line_rule_removes_passes_its_start_test() -> None:
    rules = _rules()
    checked = 0
    for start, source, rule_id, flags in _starts():
        compiled = regex.compile(source, flags)
        for example in (*rules[rule_id].examples_remove, *rules[rule_id].examples_keep):
            for raw in example.splitlines():
                stripped = strip_line(raw) or raw.strip()
                if compiled.fullmatch(stripped):
                    checked += 1
                    assert start.admits(stripped), (rule_id, stripped, start.strings[:10])
    assert checked > 100


_LEADS = st.sampled_from(["", "» ", "— ", "★★ ", "¡", "“", "(", "🔥 ", "- ", "• ", "📣📣 "])


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_lines_the_patterns_accept_always_pass_the_start_test(data: st.DataObject) -> None:
    """Generated variants of the examples (leading symbols, case) that a pattern still accepts
    are all admitted by its start test."""
    rules = _rules()
    start, source, rule_id, flags = data.draw(st.sampled_from(_starts()))
    examples = rules[rule_id].examples_remove or ("",)
    base = data.draw(st.sampled_from(examples)).splitlines()[0] if examples[0] else ""
    line = data.draw(_LEADS) + data.draw(_CASE)(strip_line(base) or base.strip())
    if regex.compile(source, flags).fullmatch(line):
        assert start.admits(line), (rule_id, line)


def test_a_teaser_before_the_phrase_is_read_as_a_lead_in() -> None:
    pattern = r"(?x: [\p{S}\s]* (?:[^.?!:]{2,50}[?!:]\s?[\p{S}\uFE0F]*\s?)? share \s (?:this|it) .{0,40} )"
    found = required_prefixes(pattern)
    assert found == Prefixes(r"[\p{S}\s]", frozenset({"share"}), ("?!:", 50))
    start = line_pattern.Start.of(found)
    assert start is not None
    compiled = regex.compile(pattern, regex.I)
    for line in (
        "Share this story",
        "→ Like this story? 👉 Share it with a friend",
        "Enjoyed it: share this",
    ):
        assert compiled.fullmatch(line)
        assert start.admits(line), line
    for line in ("We share this view", "A long sentence with no teaser, then share this"):
        assert not start.admits(line), line
