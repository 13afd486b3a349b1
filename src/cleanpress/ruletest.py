"""Running every rule's own examples: ``remove`` ones must lose something to that rule,
``keep`` ones must come back unchanged.

Examples of page rules (``html-selector``) are HTML snippets, each embedded in a small article
page between two paragraphs: ``remove`` ones must lose an element to the rule while the article
survives, ``keep`` ones must lose none to it (the pack's protecting rules run alongside)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from cleanpress.detect.registry import KINDS
from cleanpress.engine import Cleaner
from cleanpress.ruleset import Rule

# The article every page example is embedded in; both of its paragraphs must survive every example.
FILLER = (
    "Researchers at the institute published the results on Tuesday, after three years of field work, "
    "and the data show a clear trend across all twelve regions they surveyed."
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Example</title></head><body><main><article><p>{filler}</p>"
    "{snippet}<p>{filler}</p></article></main></body></html>"
)


def example_page(snippet: str) -> str:
    """The article page a page rule's example is tested in."""
    return PAGE.format(filler=FILLER, snippet=snippet)


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
    if KINDS[rule.kind].stage == "page":
        return _check_page_examples(rule, rules)
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


def _check_page_examples(rule: Rule, rules: Sequence[Rule]) -> list[ExampleFailure]:
    alongside = [r for r in rules if r.id == rule.id or (r.kind == rule.kind and r.params.get("protect"))]
    if rule.params.get("protect"):  # a protecting rule's keep examples survive the whole pack
        alongside = [r for r in rules if r.kind == rule.kind]
    cleaner = Cleaner(rules=alongside, select=[r.id for r in alongside])
    failures: list[ExampleFailure] = []
    for example in rule.examples_remove:
        result = cleaner.clean(example_page(example), "html")
        if not any(e.rule == rule.id for e in result.elements):
            failures.append(ExampleFailure(rule, "remove", example, result.text, "no element was removed"))
        elif result.text.count(FILLER) != 2:
            failures.append(ExampleFailure(rule, "remove", example, result.text, "the article lost text"))
    for example in rule.examples_keep:
        result = cleaner.clean(example_page(example), "html")
        protects = bool(rule.params.get("protect"))  # then no rule of the pack may remove it
        hits = [e for e in result.elements if e.rule == rule.id or (protects and not e.heuristic)]
        if hits:
            removed = ", ".join(f"{e.path} ({e.excerpt!r})" for e in hits)
            failures.append(ExampleFailure(rule, "keep", example, result.text, f"removed {removed}"))
    return failures
