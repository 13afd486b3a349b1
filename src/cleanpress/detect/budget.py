"""A time budget for the patterns of user rule packs.

A pattern from a pack nobody here wrote can backtrack catastrophically (``(a+)+$`` on a long line of
``a``): every match it runs gets at most :data:`PATTERN_TIME_BUDGET` seconds (the ``regex`` module
stops it), and a rule that overruns is reported and switched off while the run goes on. The
bundled packs' patterns are tested and run unbudgeted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cleanpress.errors import RuleError
from cleanpress.ruleset import Rule

# Seconds one match of a user pattern may take. A sane pattern needs microseconds on a line; a
# quarter of a second is thousands of times that, and short enough that a runaway one is noticed.
PATTERN_TIME_BUDGET = 0.25


class PatternTimeout(RuleError):
    """A user pattern overran its budget; the message names the pack, line and rule."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(
            f"{rule.source}: {rule.id}: a pattern took more than {PATTERN_TIME_BUDGET:g} s on one match "
            "(catastrophic backtracking?); the rule is switched off for the rest of the run"
        )
        self.rule = rule


# A scan of a whole document (finditer) gets this much per million characters on top.
SCAN_BUDGET_PER_MCHAR = 2.0


def scan(rule: Rule, pattern: Any, text: str) -> list[Any]:
    """Every match of ``pattern`` in ``text``: a user rule's scan within a budget that grows with the text."""
    if rule.bundled:
        return list(pattern.finditer(text))
    limit = PATTERN_TIME_BUDGET + SCAN_BUDGET_PER_MCHAR * len(text) / 1_000_000
    try:
        return list(pattern.finditer(text, timeout=limit))
    except TimeoutError:
        raise PatternTimeout(rule) from None


def run(rule: Rule, method: Callable[..., Any], *args: Any) -> Any:
    """``method(*args)`` of a compiled pattern, within the budget unless the rule is bundled."""
    if rule.bundled:
        return method(*args)
    try:
        return method(*args, timeout=PATTERN_TIME_BUDGET)
    except TimeoutError:
        raise PatternTimeout(rule) from None
