"""Hardening, item 2: bytes survive.

Every byte cleanpress does not remove comes back exactly, through ``fix``, ``clean FILE -o`` and
``clean`` on stdin: invalid UTF-8, a UTF-8 BOM, UTF-16 and UTF-32 with a BOM (cleaned and written
back in the same encoding), CRLF, CR and mixed line ends (each kept line keeps its own), a missing
final newline. NUL bytes without a UTF-16/32 BOM are binary: skipped with a notice in ``check`` and
``fix``, a one-line error (exit 2) for ``clean`` unless ``--force-text``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleanpress import encoding
from cleanpress.cli import main
from cleanpress.encoding import BinaryInput, decode

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
AD_B = AD.encode()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in tmp_path, so no configuration file of the checkout applies."""
    monkeypatch.chdir(tmp_path)


# --- the ways in and out: fix (a folder of every case at once), clean FILE -o, clean on stdin -----
def via_clean_output(tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    source, out = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_bytes(data)
    assert main(["clean", str(source), "-o", str(out), "--format", "text", "--isolated"]) == 0
    return out.read_bytes()


def via_stdin(tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    assert main(["clean", "-", "--format", "text", "--isolated"]) == 0
    return out.getvalue()


WAYS: dict[str, Callable[[Path, bytes, pytest.MonkeyPatch], bytes]] = {
    "clean -o": via_clean_output,
    "stdin": via_stdin,
}
# Each command run loads the rule packs (~0.5 s): stdin is tried on the cases that differ most.
STDIN_CASES = ("invalid utf-8", "utf-16 le bom crlf", "mixed line ends")


def utf16(text: str, order: str) -> bytes:
    bom = {"le": b"\xff\xfe", "be": b"\xfe\xff"}[order]
    return bom + text.encode(f"utf-16-{order}")


CASES: dict[str, tuple[bytes, bytes]] = {
    "invalid utf-8": (
        b"Caf\xe9 au lait \xff\xfe\xfd.\n" + AD_B + b"\nEnd \xc3(\x80.\n",
        b"Caf\xe9 au lait \xff\xfe\xfd.\nEnd \xc3(\x80.\n",
    ),
    "utf-8 bom": (b"\xef\xbb\xbfIntro.\n" + AD_B + b"\nEnd.\n", b"\xef\xbb\xbfIntro.\nEnd.\n"),
    "utf-16 le bom crlf": (
        utf16(f"Intro \u00e9\U0001f600.\r\n{AD}\r\nEnd.\r\n", "le"),
        utf16("Intro \u00e9\U0001f600.\r\nEnd.\r\n", "le"),
    ),
    "utf-16 be bom": (utf16(f"Intro.\n{AD}\nEnd.", "be"), utf16("Intro.\nEnd.", "be")),
    "utf-16 le lone surrogate": (
        b"\xff\xfe" + "Intro ".encode("utf-16-le") + b"\x00\xd8" + f".\n{AD}\nEnd.\n".encode("utf-16-le"),
        b"\xff\xfe" + "Intro ".encode("utf-16-le") + b"\x00\xd8" + ".\nEnd.\n".encode("utf-16-le"),
    ),
    "utf-32 le bom": (
        b"\xff\xfe\x00\x00" + f"Intro.\n{AD}\nEnd.\n".encode("utf-32-le"),
        b"\xff\xfe\x00\x00" + b"Intro.\nEnd.\n".decode().encode("utf-32-le"),
    ),
    "mixed line ends": (
        b"One.\r\nTwo.\n" + AD_B + b"\r\nThree.\rstill three.\nFour.\r\n" + AD_B + b"\nFive.\r\n",
        b"One.\r\nTwo.\nThree.\rstill three.\nFour.\r\nFive.\r\n",
    ),
    "missing final newline": (b"Intro.\r\nMiddle.\r\n" + AD_B + b"\r\nEnd.", b"Intro.\r\nMiddle.\r\nEnd."),
    # The file ended without a newline, and so does the output: the spam line goes with the break before it.
    "spam on the last line without newline": (b"Intro.\nEnd.\n" + AD_B, b"Intro.\nEnd."),
    "curly quotes and nbsp": (
        "“Quoted” text\u00a0here.\n".encode() + AD_B + b"\n",
        "“Quoted” text\u00a0here.\n".encode(),
    ),
}


def test_fix_keeps_every_byte_it_does_not_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = {case: tmp_path / f"{i:02}.txt" for i, case in enumerate(CASES)}
    for case, path in names.items():
        path.write_bytes(CASES[case][0])
    assert main(["fix", str(tmp_path), "--isolated", "-q"]) == 1
    assert {case: path.read_bytes() for case, path in names.items()} == {c: CASES[c][1] for c in CASES}
    assert sorted(tmp_path.iterdir()) == sorted(names.values())  # no temporary file left


@pytest.mark.parametrize(
    ("case", "way"), [(case, "clean -o") for case in CASES] + [(case, "stdin") for case in STDIN_CASES]
)
def test_clean_keeps_every_byte_it_does_not_remove(
    case: str, way: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before, expected = CASES[case]
    assert WAYS[way](tmp_path, before, monkeypatch) == expected


def test_clean_files_are_not_rewritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [tmp_path / f"{i:02}.txt" for i in range(len(CASES))]
    for path, (_, clean) in zip(paths, CASES.values(), strict=True):
        path.write_bytes(clean)
    inodes = [path.stat().st_ino for path in paths]
    assert main(["fix", str(tmp_path), "--isolated"]) == 0
    assert [path.read_bytes() for path in paths] == [clean for _, clean in CASES.values()]
    assert [path.stat().st_ino for path in paths] == inodes  # not even replaced by an identical copy


def test_fix_diff_of_a_utf16_file_shows_the_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(utf16(f"Intro.\n{AD}\nEnd.\n", "le"))
    assert main(["check", str(target), "--diff", "--isolated"]) == 1
    assert f"-{AD}\n" in capsys.readouterr().out


# --- binary input ---------------------------------------------------------------------------------
BINARY = b"PK\x03\x04\x00\x00" + AD_B + b"\n\x00\x01"


def test_binary_files_are_skipped_with_a_notice_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "data.txt"
    binary.write_bytes(BINARY)
    odd = tmp_path / "odd.txt"  # a UTF-16 BOM, then an odd number of bytes: not UTF-16 either
    odd.write_bytes(b"\xff\xfe" + b"Intro.\n".decode().encode("utf-16-le") + b"\x00\x00\x41")
    before = binary.read_bytes(), odd.read_bytes()
    assert main(["fix", str(binary), str(odd), "--isolated"]) == 0
    err = capsys.readouterr().err
    assert f"cleanpress: {binary}: skipped: binary file (NUL bytes)" in err
    assert f"cleanpress: {odd}: skipped: not valid UTF-16-LE after its BOM: truncated data" in err
    assert (binary.read_bytes(), odd.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.txt", "odd.txt"]


@pytest.mark.parametrize("from_file", [False, True])
def test_binary_input_to_clean_is_a_one_line_error(
    from_file: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    source = tmp_path / "data.bin"
    source.write_bytes(BINARY)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BINARY)))
    assert main(["clean", str(source) if from_file else "-", "--isolated"]) == 2
    captured = capsysbinary.readouterr()
    name = str(source) if from_file else "<stdin>"
    assert captured.out == b""
    assert (
        captured.err
        == (
            f"cleanpress: error: {name}: binary file (NUL bytes); not cleaned "
            "(--force-text cleans it as UTF-8 text)\n"
        ).encode()
    )


def test_force_text_cleans_input_with_nul_bytes(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = b"Intro\x00 text.\n" + AD_B + b"\nEnd \xff.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["clean", "--force-text", "--isolated"]) == 0
    assert capsysbinary.readouterr().out == b"Intro\x00 text.\nEnd \xff.\n"


# --- the codec: a decoding either comes back exactly or is refused ---------------------------------
@settings(max_examples=400, deadline=None)
@given(
    st.binary(max_size=200),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]),
)
def test_decode_round_trips_or_refuses(data: bytes, bom: bytes) -> None:
    raw = bom + data
    try:
        decoded = decode(raw)
    except BinaryInput:
        assert not raw.startswith(b"\xef\xbb\xbf") or b"\0" in raw
        return
    assert decoded.encode(decoded.text) == raw
    if b"\0" in raw:
        assert decoded.encoding != "utf-8"  # NUL bytes are text only after a UTF-16/32 BOM


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=200).filter(lambda b: b"\0" not in b and not b.startswith((b"\xff\xfe", b"\xfe\xff")))
)
def test_any_bytes_without_nul_are_utf8_text(data: bytes) -> None:
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.encode(decoded.text) == data
    assert not encoding.is_binary(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100), st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]))
def test_wide_encodings_round_trip(text: str, name: encoding.Encoding) -> None:
    # A UTF-16-LE BOM followed by U+0000 is the UTF-32-LE BOM, byte for byte: such a text cannot
    # be told apart (and no real text starts with NUL).
    assume(not text.startswith("\x00"))
    bom = dict((enc, mark) for mark, enc in encoding.BOMS)[name]
    raw = encoding.encode(text, name, bom)
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding, decoded.encode(decoded.text)) == (text, name, raw)
