"""Atomic writes: a temporary file in the target's folder, renamed over it when complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` through :func:`atomic_output`."""
    with atomic_output(path) as handle:
        handle.write(data)


class AtomicFile:
    """A temporary file in the target's folder that replaces the target on :meth:`commit`.

    A crash never leaves half a file. A symlink is written through (its target is replaced, the
    link stays); an existing file's permission bits are kept. Raises ``OSError``."""

    def __init__(self, path: Path) -> None:
        self.target = Path(os.path.realpath(path))
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.handle.close()
            if self.target.exists():
                os.chmod(self.tmp, self.target.stat().st_mode & 0o7777)
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.handle.close()
        Path(self.tmp).unlink(missing_ok=True)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """An :class:`AtomicFile` committed when the block ends without an exception."""
    output = AtomicFile(path)
    try:
        yield output.handle
    except BaseException:
        output.discard()
        raise
    output.commit()
