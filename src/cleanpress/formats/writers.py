"""Diagnostic formatters for ``check`` and ``fix``: pure functions from a report to text.

* ``text``: ``path:line:col: CP101 reason [excerpt]`` per removal, then a summary (colour only
  when asked, i.e. on a terminal);
* ``json``: one object, schema ``cleanpress-diagnostics/1``;
* ``github``: GitHub Actions workflow commands (``::error file=…,line=…::…``) that become
  annotations on the pull request;
* ``sarif``: SARIF 2.1.0 for code-scanning upload.

JSON and SARIF are written in ASCII (``\\uXXXX`` escapes): removed text may hold bytes that are not
UTF-8 (kept as lone surrogates), and the output must stay valid JSON whatever the input was.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cleanpress._version import __version__
from cleanpress.diagnostics import BatchReport, Diagnostic, Summary, summarize

OUTPUT_FORMATS: tuple[str, ...] = ("text", "json", "github", "sarif")
DIAGNOSTICS_SCHEMA = "cleanpress-diagnostics/1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
EXCERPT_CHARS = 80
_ANSI = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2", "green": "32"}


def render(report: BatchReport, output_format: str, *, color: bool = False, root: Path | None = None) -> str:
    """The report in ``output_format`` (one of :data:`OUTPUT_FORMATS`)."""
    renderers: dict[str, Callable[[], str]] = {
        "text": lambda: render_text(report, color=color),
        "json": lambda: render_json(report),
        "github": lambda: render_github(report),
        "sarif": lambda: render_sarif(report, root or Path.cwd()),
    }
    return renderers[output_format]()


# --- shared pieces -------------------------------------------------------------------------------
def excerpt(diagnostic: Diagnostic, limit: int = EXCERPT_CHARS) -> str:
    """The removed text on one line, invisible characters spelled out, cut at ``limit``."""
    shown = _visible(" ".join(diagnostic.text.split()) or diagnostic.text)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    if diagnostic.replacement:
        shown += f" → {_visible(diagnostic.replacement)}"
    return shown


def _visible(text: str) -> str:
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def location(diagnostic: Diagnostic) -> tuple[int, int]:
    """Line and column in the file (for a JSONL record: its line, column 1)."""
    if diagnostic.record is not None:
        return diagnostic.record, 1
    return diagnostic.line, diagnostic.column


def message(diagnostic: Diagnostic) -> str:
    """The reason, where in a JSONL record, and whether it is only a suggestion."""
    text = diagnostic.reason or diagnostic.name
    if diagnostic.record is not None:
        text += f" (in the field, line {diagnostic.line} column {diagnostic.column})"
    if not diagnostic.applied:
        text += f" (suggestion: {diagnostic.confidence}, not applied at this --min-confidence)"
    return text


def summary_line(report: BatchReport) -> str:
    s = summarize(report)
    extras = [f"{s.files} file{_s(s.files)} checked"]
    if s.suggestions:
        extras.append(f"{s.suggestions} suggestion{_s(s.suggestions)}")
    if s.suppressed:
        extras.append(f"{s.suppressed} suppressed")
    if s.skipped:
        extras.append(f"{s.skipped} skipped")
    if s.excluded:
        extras.append(f"{s.excluded} excluded")
    if s.errors:
        extras.append(f"{s.errors} error{_s(s.errors)}")
    tail = f" ({', '.join(extras)})"
    if report.mode == "fix":
        if s.written:
            return f"Fixed {s.written} file{_s(s.written)}, {s.removals} removal{_s(s.removals)}{tail}."
        return f"Nothing to fix{tail}."
    if s.changed:
        head = f"Found {s.removals} removal{_s(s.removals)} in {s.changed} file{_s(s.changed)}{tail}."
        return head + " Run 'cleanpress fix' to apply them."
    return f"Nothing to remove{tail}."


def _s(n: int) -> str:
    return "" if n == 1 else "s"


# --- text ----------------------------------------------------------------------------------------
def render_text(report: BatchReport, *, color: bool = False) -> str:
    def style(text: str, *names: str) -> str:
        if not color:
            return text
        codes = ";".join(_ANSI[n] for n in names)
        return f"\x1b[{codes}m{text}\x1b[0m"

    lines: list[str] = []
    for outcome in report.outcomes:
        for d in outcome.diagnostics:
            line, column = location(d)
            code = style(d.rule, "bold", "red" if d.applied else "yellow")
            where = style(f"{outcome.path}:{line}:{column}:", "bold")
            lines.append(f"{where} {code} {message(d)} {style(f'[{excerpt(d)}]', 'dim')}")
        if outcome.written:
            lines.append(
                style(f"Fixed {outcome.path} ({outcome.removals} removal{_s(outcome.removals)})", "green")
            )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render_diff(report: BatchReport) -> str:
    return "".join(outcome.diff for outcome in report.outcomes)


def notices(report: BatchReport) -> list[str]:
    """Lines for stderr: errors always, skipped files and notes as notices."""
    out: list[str] = []
    for outcome in report.outcomes:
        if outcome.status == "error":
            out.append(f"cleanpress: error: {outcome.path}: {outcome.message}")
        elif outcome.message:
            label = "skipped" if outcome.status == "skipped" else "note"
            out.append(f"cleanpress: {outcome.path}: {label}: {outcome.message}")
        out.extend(f"cleanpress: error: {outcome.path}:{line}: {text}" for line, text in outcome.problems)
    return out


# --- json ----------------------------------------------------------------------------------------
def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": diagnostic.rule,
        "name": diagnostic.name,
        "reason": diagnostic.reason,
        "confidence": diagnostic.confidence,
        "applied": diagnostic.applied,
    }
    if diagnostic.record is not None:
        data["record_line"] = diagnostic.record
    data.update(
        line=diagnostic.line,
        column=diagnostic.column,
        end_line=diagnostic.end_line,
        end_column=diagnostic.end_column,
        text=diagnostic.text,
        replacement=diagnostic.replacement,
        evidence=list(diagnostic.evidence),
    )
    return data


def summary_dict(summary: Summary) -> dict[str, int]:
    return {
        "files": summary.files,
        "changed": summary.changed,
        "written": summary.written,
        "removals": summary.removals,
        "suggestions": summary.suggestions,
        "suppressed": summary.suppressed,
        "skipped": summary.skipped,
        "excluded": summary.excluded,
        "errors": summary.errors,
    }


def render_json(report: BatchReport) -> str:
    files = []
    for outcome in report.outcomes:
        entry: dict[str, Any] = {"path": outcome.path, "status": outcome.status}
        if outcome.message:
            entry["message"] = outcome.message
        if outcome.problems:
            entry["problems"] = [{"line": line, "message": text} for line, text in outcome.problems]
        entry["written"] = outcome.written
        entry["suppressed"] = outcome.suppressed
        entry["diagnostics"] = [diagnostic_dict(d) for d in outcome.diagnostics]
        files.append(entry)
    data = {
        "schema": DIAGNOSTICS_SCHEMA,
        "cleanpress": __version__,
        "mode": report.mode,
        "summary": summary_dict(summarize(report)),
        "files": files,
    }
    return json.dumps(data, indent=2) + "\n"


# --- github --------------------------------------------------------------------------------------
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: BatchReport) -> str:
    """Workflow commands: ``error`` for removals, ``warning`` for suggestions and problems."""
    lines: list[str] = []
    for outcome in report.outcomes:
        path = _escape_property(outcome.path)
        for d in outcome.diagnostics:
            line, column = location(d)
            level = "error" if d.applied else "warning"
            props = f"file={path},line={line},col={column}"
            if d.record is None:
                props += f",endLine={d.end_line},endColumn={d.end_column}"
            title = _escape_property(f"{d.rule} {d.name}".strip())
            lines.append(f"::{level} {props},title={title}::{_escape_data(f'{message(d)} [{excerpt(d)}]')}")
        if outcome.status == "error":
            lines.append(f"::error file={path}::{_escape_data(outcome.message)}")
        for number, text in outcome.problems:
            lines.append(f"::error file={path},line={number}::{_escape_data(text)}")
    return "".join(line + "\n" for line in lines)


# --- sarif ---------------------------------------------------------------------------------------
def _artifact(path: str, root: Path) -> dict[str, str]:
    """A URI relative to ``%SRCROOT%`` when the file is under ``root``, else an absolute file URI."""
    absolute = Path(path).absolute()
    try:
        relative = absolute.relative_to(root.absolute())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def render_sarif(report: BatchReport, root: Path) -> str:
    rules: dict[str, Diagnostic] = {}
    for outcome in report.outcomes:
        for d in outcome.diagnostics:
            rules.setdefault(d.rule, d)
    rule_ids = sorted(rules)
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for outcome in report.outcomes:
        artifact = _artifact(outcome.path, root)
        for d in outcome.diagnostics:
            results.append(_sarif_result(d, artifact, rule_ids.index(d.rule)))
        problems: list[tuple[int | None, str]] = (
            [(None, outcome.message)] if outcome.status == "error" else []
        )
        problems.extend(outcome.problems)
        for line, text in problems:
            physical: dict[str, Any] = {"artifactLocation": artifact}
            if line is not None:
                physical["region"] = {"startLine": line}
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{outcome.path}{f':{line}' if line else ''}: {text}"},
                    "locations": [{"physicalLocation": physical}],
                }
            )
    driver = {
        "name": "cleanpress",
        "version": __version__,
        "rules": [
            {
                "id": rule_id,
                "name": rules[rule_id].name or rule_id,
                "shortDescription": {"text": rules[rule_id].reason or rule_id},
                "defaultConfiguration": {"level": "error"},
                "properties": {"confidence": rules[rule_id].confidence},
            }
            for rule_id in rule_ids
        ],
    }
    root_uri = root.absolute().as_uri().rstrip("/") + "/"
    run = {
        "tool": {"driver": driver},
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    data = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(data, indent=2) + "\n"


def _sarif_result(d: Diagnostic, artifact: dict[str, str], rule_index: int) -> dict[str, Any]:
    if d.record is not None:
        region: dict[str, Any] = {"startLine": d.record}
    else:
        region = {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
            "snippet": {"text": d.text},
        }
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": "error" if d.applied else "warning",
        "message": {"text": f"{message(d)} [{excerpt(d)}]"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        "properties": {"confidence": d.confidence, "applied": d.applied, "evidence": list(d.evidence)},
    }
    if d.record is None:
        result["fixes"] = [
            {
                "description": {"text": "replace" if d.replacement else "remove"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [
                            {
                                "deletedRegion": {k: v for k, v in region.items() if k != "snippet"},
                                "insertedContent": {"text": d.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style unified diff, marking a missing final newline as git does."""
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), old, new)
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
