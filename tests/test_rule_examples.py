"""Every shipped rule's own examples: what it must remove and what it must keep."""

from __future__ import annotations

import pytest

import cleanpress
from cleanpress.ruletest import check_examples

RULES = cleanpress.load_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: cleanpress.Rule) -> None:
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
            result = cleaner.clean(example)
            assert result.text == example, (rule.id, example, [r.rule for r in result.removals])
