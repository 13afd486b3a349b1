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
    bundled_patterns,
    literals_of,
    pattern_key,
    required_literals,
)
from cleanpress.ruleset import Rule, builtin_rules_dir, load_rules
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
    table = json.loads((builtin_rules_dir() / LITERALS_FILE).read_text(encoding="utf-8"))["patterns"]
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
    return literals is None or any(literal in raw_line.casefold() for literal in literals)


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
        folded = text[line.start : line.end].casefold()
        mask = prepared.always
        for bit, (_, pattern) in enumerate(prepared.patterns):
            if pattern.literals is not None and any(lit in folded for lit in pattern.literals):
                mask |= 1 << bit
        if mask:
            expected[line.index] = mask
    assert line_pattern._candidates(doc, prepared) == expected
