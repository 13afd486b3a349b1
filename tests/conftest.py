from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "000_b6446a1b2c005969.txt"
SEED_CLEAN = FIXTURES / "000_b6446a1b2c005969.clean.txt"


@pytest.fixture(scope="session")
def cleaner():  # type: ignore[no-untyped-def]
    import cleanpress

    return cleanpress.Cleaner()


def read_exact(path: Path) -> str:
    """A fixture as stored: bytes decoded without newline translation."""
    return path.read_bytes().decode("utf-8")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path
