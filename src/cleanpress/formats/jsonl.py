"""JSONL records: clean one field of a record, keeping every other byte of the line.

A record whose field does not change is written back byte for byte. A changed record is
re-serialised with its fields in their original order and the original's spacing and ASCII
style; only the cleaned field differs in value. A line that is not a JSON object is reported as
``malformed`` with a message, never dropped here: the streaming layer decides what to do with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from cleanpress.model import CleanResult

if TYPE_CHECKING:
    from cleanpress.engine import Cleaner

MALFORMED_POLICIES: tuple[str, ...] = ("pass", "skip", "error")

RecordStatus = Literal["changed", "unchanged", "malformed", "no-field", "skipped", "blank"]
_FIRST_KEY = re.compile(rb'^\s*\{\s*"(?:[^"\\]|\\.)*"(\s*):(\s*)')
_BOM = b"\xef\xbb\xbf"


class JsonlError(ValueError):
    """A malformed line under ``on_malformed="error"``: ``name:line: message``."""


@dataclass(frozen=True, slots=True)
class JsonlOptions:
    field: str = "text"
    """The field to clean; every other field is kept as it is."""
    format: str = "auto"
    """The field's document format."""
    id_field: str | None = "id"
    """Copied into each report record, when the record has it, to join reports to records."""
    url_field: str | None = None
    """The record's own address (its domain is never removed), as ``--source-url`` for one document."""


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    line: int
    status: RecordStatus
    output: bytes
    """The line to write: the input bytes unless the record changed."""
    result: CleanResult | None = None
    message: str = ""
    record_id: Any = None


def split_ending(raw: bytes) -> tuple[bytes, bytes]:
    """``b'{...}\\r\\n'`` -> ``(b'{...}', b'\\r\\n')``."""
    if raw.endswith(b"\r\n"):
        return raw[:-2], b"\r\n"
    if raw.endswith(b"\n"):
        return raw[:-1], b"\n"
    return raw, b""


def clean_record(cleaner: Cleaner, raw: bytes, line: int, options: JsonlOptions) -> RecordOutcome:
    """Clean the field of one JSONL line (``raw`` with its line ending, if any)."""
    body, ending = split_ending(raw)
    bom = b""
    if line == 1 and body.startswith(_BOM):
        bom, body = _BOM, body[len(_BOM) :]
    if not body.strip():
        return RecordOutcome(line, "blank", raw)
    try:
        record = json.loads(body.decode("utf-8", errors="surrogateescape"))
    except json.JSONDecodeError as exc:
        return RecordOutcome(line, "malformed", raw, message=f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return RecordOutcome(line, "malformed", raw, message=f"not a JSON object ({type(record).__name__})")
    record_id = record.get(options.id_field) if options.id_field else None
    value = record.get(options.field)
    if not isinstance(value, str):
        what = "missing" if options.field not in record else f"not a string ({json.dumps(value)[:20]})"
        return RecordOutcome(
            line, "no-field", raw, message=f"field {options.field!r} {what}", record_id=record_id
        )
    url = record.get(options.url_field) if options.url_field else None
    result = cleaner.clean_or_skip(  # an HTML page stays HTML, its removed elements gone
        value, options.format, source_url=url if isinstance(url, str) and url else None, output="page"
    )
    if isinstance(result, str):
        return RecordOutcome(line, "skipped", raw, message=result, record_id=record_id)
    if not result.changed:
        return RecordOutcome(line, "unchanged", raw, result, record_id=record_id)
    record[options.field] = result.text
    output = bom + _dumps(record, body) + ending
    return RecordOutcome(line, "changed", output, result, record_id=record_id)


def _dumps(record: dict[str, Any], original: bytes) -> bytes:
    """Serialise like the original line: its separators, and ASCII escapes if it was ASCII."""
    first = _FIRST_KEY.match(original)
    compact = first is not None and not first.group(2)
    separators = (",", ":") if compact else (", ", ": ")
    ascii_only = original.isascii()
    text = json.dumps(record, ensure_ascii=ascii_only, separators=separators)
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate from a "\\ud83d" escape: keep it escaped
        return json.dumps(record, ensure_ascii=True, separators=separators).encode("ascii")


def report_record(outcome: RecordOutcome) -> dict[str, Any]:
    """One line of ``--report-jsonl``: where, what happened, and the removals."""
    data: dict[str, Any] = {"line": outcome.line}
    if outcome.record_id is not None:
        data["id"] = outcome.record_id
    data["status"] = outcome.status
    if outcome.message:
        data["message"] = outcome.message
    if outcome.result is not None:
        report = outcome.result.to_dict()
        for key in ("format", "removed_chars", "counts", "removals", "suggestions", "suppressed"):
            data[key] = report[key]
    return data
