"""Every shipped rule's own examples: what it must remove and what it must keep."""

from __future__ import annotations

import re

import pytest

import cleanpress
from cleanpress.detect.registry import KINDS
from cleanpress.ruletest import check_examples, example_page

RULES = cleanpress.load_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: cleanpress.Rule) -> None:
    if not rule.params.get("protect"):  # a protecting rule removes nothing
        assert rule.examples_remove, f"{rule.id} has no remove example"
    assert rule.examples_keep, f"{rule.id} has no keep example"
    failures = check_examples(rule, RULES)
    assert not failures, "\n".join(f"{f.group}: {f.example!r}: {f.message}" for f in failures)


def test_rule_ids_are_unique_and_documented() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.reason and rule.name and rule.description, rule.id


def test_default_rules_keep_their_keep_examples_together() -> None:
    """A keep example survives the whole default rule set, not only its own rule."""
    cleaner = cleanpress.Cleaner()
    for rule in RULES:
        for example in rule.examples_keep:
            if rule.kind in ("invisible-chars",):
                continue
            if KINDS[rule.kind].stage == "page":  # an HTML snippet: no rule of the pack removes it
                words = " ".join(re.sub(r"<[^>]*>", " ", example).split())
                page = cleaner.clean(example_page(example), "html")
                by_rules = [e for e in page.elements if not e.heuristic and words[:40] in e.excerpt]
                assert not by_rules, (rule.id, example, [e.rule for e in by_rules])
                continue
            result = cleaner.clean(example)
            assert result.text == example, (rule.id, example, [r.rule for r in result.removals])
