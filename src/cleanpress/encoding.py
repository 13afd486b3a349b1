"""Bytes <-> text for files and streams, lossless by construction.

* UTF-8 (the default): invalid bytes are kept as lone surrogates (``surrogateescape``) and come
  back exactly; a UTF-8 BOM stays in the text (a leading BOM is never removed by a rule).
* UTF-16 and UTF-32 with a BOM: decoded without the BOM, written back in the same encoding with
  the same BOM; unpaired surrogates survive (``surrogatepass``).
* Anything else holding a NUL byte is binary: :func:`decode` raises :class:`BinaryInput`, unless
  ``force_text`` asks for it to be read as UTF-8 anyway.

Every decoding is checked by encoding it back: a byte string that would not come back exactly is
refused as binary instead of being rewritten with a difference nobody asked for.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Literal

Encoding = Literal["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, Encoding], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# UTF-8 keeps undecodable bytes as U+DC80..U+DCFF; UTF-16/32 keep unpaired surrogates as they are.
UTF8_ERRORS = "surrogateescape"
WIDE_ERRORS = "surrogatepass"
# The message of a skipped or refused binary input (kept stable: tests and users grep for it).
BINARY_MESSAGE = "binary file (NUL bytes)"


class BinaryInput(ValueError):
    """Bytes that are not text cleanpress can write back exactly (a NUL byte without a UTF-16 or
    UTF-32 BOM, or a BOM followed by bytes that are not valid in that encoding)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how to turn it back into bytes: ``decoded.encode(decoded.text)`` is the input."""

    text: str
    encoding: Encoding = "utf-8"
    bom: bytes = b""
    """The BOM in front of a UTF-16/32 text (not part of :attr:`text`); empty for UTF-8."""

    def encode(self, text: str) -> bytes:
        """``text`` in this input's encoding, with its BOM."""
        return encode(text, self.encoding, self.bom)


def encode(text: str, encoding: Encoding = "utf-8", bom: bytes = b"") -> bytes:
    errors = UTF8_ERRORS if encoding == "utf-8" else WIDE_ERRORS
    return bom + text.encode(encoding, errors=errors)


def decode(data: bytes, *, force_text: bool = False) -> Decoded:
    """``data`` as text; raises :class:`BinaryInput` for binary data unless ``force_text``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_wide(data, bom, encoding)
    if b"\0" in data and not force_text:
        raise BinaryInput(BINARY_MESSAGE)
    return Decoded(data.decode("utf-8", errors=UTF8_ERRORS))


def is_binary(data: bytes) -> bool:
    """True when :func:`decode` would refuse ``data``."""
    try:
        decode(data)
    except BinaryInput:
        return True
    return False


def _decode_wide(data: bytes, bom: bytes, encoding: Encoding) -> Decoded:
    try:
        decoded = Decoded(data[len(bom) :].decode(encoding, errors=WIDE_ERRORS), encoding, bom)
    except UnicodeDecodeError as exc:
        raise BinaryInput(f"not valid {encoding.upper()} after its BOM: {exc.reason}") from None
    if decoded.encode(decoded.text) != data:  # never rewrite bytes that would not come back
        raise BinaryInput(f"{encoding.upper()} text that would not round-trip exactly")
    return decoded
