"""Diagnostic formatters: text, json, github annotations, SARIF 2.1.0 (validated offline)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cleanpress.diagnostics import BatchReport, Diagnostic, FileOutcome
from cleanpress.formats import writers as output

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def diag(rule: str = "CP101", line: int = 2, **kwargs: object) -> Diagnostic:
    values: dict[str, object] = {
        "rule": rule,
        "name": "ad-server-domain",
        "reason": "URL on a known ad-server domain (EasyList)",
        "confidence": "certain",
        "line": line,
        "column": 1,
        "end_line": line + 1,
        "end_column": 1,
        "text": AD + "\n",
        "replacement": "",
        "evidence": ("listed:cpmrevenuegate.com",),
    }
    values.update(kwargs)
    return Diagnostic(**values)  # type: ignore[arg-type]


def sample(mode: str = "check") -> BatchReport:
    suggestion = diag(
        "CP210",
        5,
        name="ad-url-shape",
        reason="URL with the shape of an ad link",
        confidence="suspect",
        applied=False,
        text="https://x.top/a1b2c3",
        end_line=5,
        end_column=21,
    )
    param = diag(
        "CP601",
        7,
        name="tracking-params",
        reason="tracking parameters",
        text="?utm_source=x&id=3",
        replacement="?id=3",
        column=20,
        end_line=7,
        end_column=38,
    )
    record = diag(
        "CP301", 2, name="ad-marker", reason="advertisement marker line", text="Advertisement\n", record=9
    )
    outcomes = (
        FileOutcome(
            "content/a, b:1.md", "changed", (diag(), suggestion, param), suppressed=1, written=mode == "fix"
        ),
        FileOutcome("content/clean.md", "unchanged"),
        FileOutcome(
            "content/c.jsonl",
            "changed",
            (record,),
            problems=((4, "invalid JSON: Expecting value (column 1)"),),
        ),
        FileOutcome("content/bin.txt", "skipped", message="binary file (NUL bytes)"),
        FileOutcome("content/gone.md", "error", message="cannot read: Permission denied"),
    )
    return BatchReport(mode, outcomes, excluded=1)  # type: ignore[arg-type]


def test_text_lines_and_summary() -> None:
    text = output.render_text(sample())
    assert text.splitlines() == [
        f"content/a, b:1.md:2:1: CP101 URL on a known ad-server domain (EasyList) [{AD}]",
        "content/a, b:1.md:5:1: CP210 URL with the shape of an ad link (suggestion: suspect, not applied at this "
        "--min-confidence) [https://x.top/a1b2c3]",
        "content/a, b:1.md:7:20: CP601 tracking parameters [?utm_source=x&id=3 → ?id=3]",
        "content/c.jsonl:9:1: CP301 advertisement marker line (in the field, line 2 column 1) [Advertisement]",
        "Found 3 removals in 2 files (3 files checked, 1 suggestion, 1 suppressed, 1 skipped, 1 excluded, "
        "2 errors). Run 'cleanpress fix' to apply them.",
    ]
    assert "\x1b[" not in text


def test_text_colour_only_when_asked() -> None:
    coloured = output.render_text(sample(), color=True)
    assert "\x1b[1;31mCP101\x1b[0m" in coloured and "\x1b[1;33mCP210\x1b[0m" in coloured


def test_fix_text_names_the_fixed_files() -> None:
    lines = output.render_text(sample("fix")).splitlines()
    assert "Fixed content/a, b:1.md (2 removals)" in lines
    assert (
        lines[-1]
        == "Fixed 1 file, 2 removals (3 files checked, 1 suggestion, 1 suppressed, 1 skipped, 1 excluded, 2 errors)."
    )


@pytest.mark.parametrize(
    ("report", "line"),
    [
        (BatchReport("check", (FileOutcome("a.md", "unchanged"),)), "Nothing to remove (1 file checked)."),
        (
            BatchReport("fix", (FileOutcome("a.md", "unchanged"), FileOutcome("b.md", "unchanged"))),
            "Nothing to fix (2 files checked).",
        ),
    ],
)
def test_summary_when_clean(report: BatchReport, line: str) -> None:
    assert output.summary_line(report) == line


def test_excerpt_spells_out_invisible_characters_and_cuts_long_text() -> None:
    assert output.excerpt(diag(text="a\u200bb\u202e")) == "a\\u200bb\\u202e"
    long = output.excerpt(diag(text="word " * 40))
    assert len(long) == output.EXCERPT_CHARS and long.endswith("…")
    assert output.excerpt(diag(text="\n\n")) == "\\u000a\\u000a"


def test_notices() -> None:
    assert output.notices(sample()) == [
        "cleanpress: error: content/c.jsonl:4: invalid JSON: Expecting value (column 1)",
        "cleanpress: content/bin.txt: skipped: binary file (NUL bytes)",
        "cleanpress: error: content/gone.md: cannot read: Permission denied",
    ]


def test_json() -> None:
    data = json.loads(output.render_json(sample()))
    assert data["schema"] == "cleanpress-diagnostics/1" and data["mode"] == "check"
    assert data["summary"] == {
        "files": 3,
        "changed": 2,
        "written": 0,
        "removals": 3,
        "suggestions": 1,
        "suppressed": 1,
        "skipped": 1,
        "excluded": 1,
        "errors": 2,
    }
    first = data["files"][0]
    assert first["path"] == "content/a, b:1.md" and first["status"] == "changed" and first["suppressed"] == 1
    assert first["diagnostics"][0] == {
        "rule": "CP101",
        "name": "ad-server-domain",
        "reason": "URL on a known ad-server domain (EasyList)",
        "confidence": "certain",
        "applied": True,
        "line": 2,
        "column": 1,
        "end_line": 3,
        "end_column": 1,
        "text": AD + "\n",
        "replacement": "",
        "evidence": ["listed:cpmrevenuegate.com"],
    }
    assert data["files"][2]["diagnostics"][0]["record_line"] == 9
    assert data["files"][2]["problems"] == [
        {"line": 4, "message": "invalid JSON: Expecting value (column 1)"}
    ]
    assert data["files"][4]["message"] == "cannot read: Permission denied"


def test_github_annotations_escape_properties_and_data() -> None:
    lines = output.render_github(sample()).splitlines()
    assert lines[0] == (
        "::error file=content/a%2C b%3A1.md,line=2,col=1,endLine=3,endColumn=1,title=CP101 ad-server-domain"
        f"::URL on a known ad-server domain (EasyList) [{AD}]"
    )
    assert lines[1].startswith(
        "::warning file=content/a%2C b%3A1.md,line=5,col=1,endLine=5,endColumn=21,title=CP210"
    )
    assert lines[3].startswith("::error file=content/c.jsonl,line=9,col=1,title=CP301 ad-marker::")
    assert lines[4] == "::error file=content/c.jsonl,line=4::invalid JSON: Expecting value (column 1)"
    assert lines[5] == "::error file=content/gone.md::cannot read: Permission denied"
    assert len(lines) == 6
    percent = output.render_github(
        BatchReport("check", (FileOutcome("a.md", "changed", (diag(reason="100%\nsure"),)),))
    )
    assert "::100%25%0Asure [" in percent


def sarif_validator() -> jsonschema.Draft7Validator:
    """The schema's top level constrains nothing: this copy keeps the log object's schema in
    ``definitions/Root`` (the OASIS original has it at the top). Validate against that."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "properties" not in schema and "Root" in schema["definitions"]
    root = {**schema, "$ref": "#/definitions/Root"}
    return jsonschema.Draft7Validator(root, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def validate_sarif(text: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(text)
    validator = sarif_validator()
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return data


def test_sarif_validates_against_the_2_1_0_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the report's paths are relative to the working directory
    data = validate_sarif(output.render_sarif(sample(), tmp_path))
    assert data["version"] == "2.1.0"
    run = data["runs"][0]  # type: ignore[index]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["CP101", "CP210", "CP301", "CP601"]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("CP101", "error"),
        ("CP210", "warning"),
        ("CP601", "error"),
        ("CP301", "error"),
    ]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "content/a%2C%20b%3A1.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 2,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 1,
        "snippet": {"text": AD + "\n"},
    }
    assert results[2]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "?id=3"
    }
    assert results[3]["locations"][0]["physicalLocation"]["region"] == {"startLine": 9}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == 2


def test_sarif_for_a_clean_run_and_files_outside_the_root(tmp_path: Path) -> None:
    clean = validate_sarif(output.render_sarif(BatchReport("check", ()), tmp_path))
    assert clean["runs"][0]["results"] == []  # type: ignore[index]
    outside = BatchReport("check", (FileOutcome("/elsewhere/a.md", "changed", (diag(),)),))
    data = validate_sarif(output.render_sarif(outside, tmp_path))
    artifact = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]  # type: ignore[index]
    assert artifact == {"uri": "file:///elsewhere/a.md"}


@pytest.mark.parametrize(
    "broken",
    [
        {"version": "2.1.0"},
        {"version": "2.0.0", "runs": []},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]},
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}]},
        {"version": "2.1.0", "runs": [], "extra": 1},
    ],
)
def test_the_validator_rejects_broken_logs(broken: dict[str, object]) -> None:
    assert list(sarif_validator().iter_errors(broken))


def test_render_dispatches_every_format(tmp_path: Path) -> None:
    for name in output.OUTPUT_FORMATS:
        assert output.render(sample(), name, root=tmp_path)
