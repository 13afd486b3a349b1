"""Running every rule's own examples: ``remove`` ones must lose something to that rule,
``keep`` ones must come back unchanged."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from cleanpress.engine import Cleaner
from cleanpress.ruleset import Rule


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: Rule
    group: str
    """``remove`` or ``keep``."""
    example: str
    output: str
    message: str

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.example.splitlines(keepends=True),
            self.output.splitlines(keepends=True),
            "example",
            "cleaned",
        )
        return "".join(lines)


def check_examples(rule: Rule, rules: Sequence[Rule]) -> list[ExampleFailure]:
    """Failures of ``rule``'s examples when it runs alone (off-by-default rules included)."""
    cleaner = Cleaner(rules=[r for r in rules if r.id == rule.id], select=[rule.id])
    failures: list[ExampleFailure] = []
    for example in rule.examples_remove:
        result = cleaner.clean(example)
        if not any(r.rule == rule.id for r in result.removals):
            failures.append(ExampleFailure(rule, "remove", example, result.text, "nothing was removed"))
    for example in rule.examples_keep:
        result = cleaner.clean(example)
        if result.removals:
            removed = ", ".join(repr(r.text) for r in result.removals)
            failures.append(ExampleFailure(rule, "keep", example, result.text, f"removed {removed}"))
    return failures
