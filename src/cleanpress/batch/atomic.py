"""Atomic writes: a temporary file in the target's folder, renamed over it when complete.

A crash at any moment (an exception, ``kill -9``, a full disk, a file-size limit) leaves either the
old file or the new one, never half of either: the data goes to a temporary file next to the
target, and only a complete file is renamed over it (``os.replace`` is atomic on POSIX). The
temporary file is removed on every failure a Python process can see; after ``kill -9`` a
``.NAME.*.tmp`` file may remain, the target is intact. Data is not ``fsync``-ed: a power cut right
after a rename may lose the new content on some file systems (see SECURITY.md).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# Permission bits of a new file before the umask, as open(2) and shells create them.
NEW_FILE_MODE = 0o666


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` through :func:`atomic_output`."""
    with atomic_output(path) as handle:
        handle.write(data)


class AtomicFile:
    """A temporary file in the target's folder that replaces the target on :meth:`commit`.

    A crash never leaves half a file. A symlink is written through (its target is replaced, the
    link stays); an existing file's permission bits are kept, a new file gets the umask's; a file
    this process may not write is refused. Raises ``OSError``."""

    def __init__(self, path: Path) -> None:
        self.target = Path(os.path.realpath(path))
        if self.target.exists() and not os.access(self.target, os.W_OK):
            # Renaming over a read-only file would succeed (the folder is writable): refuse, as
            # opening it for writing would.
            raise PermissionError(errno.EACCES, "Permission denied (read-only file)", str(path))
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.handle.close()
            os.chmod(self.tmp, _mode_for(self.target))
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


def _mode_for(target: Path) -> int:
    """The target's permission bits, or those a new file gets under the current umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE & ~_umask()


def _umask() -> int:
    mask = os.umask(0o22)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask


# --- has the file changed since it was read? ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies one version of a file: inode, size and modification time (nanoseconds)."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, result: os.stat_result) -> FileStamp:
        return cls(result.st_ino, result.st_size, result.st_mtime_ns)


def read_with_stamp(path: Path) -> tuple[bytes, FileStamp]:
    """The file's bytes and the stamp of the version read (taken from the open file)."""
    with open(path, "rb") as handle:
        stamp = FileStamp.of(os.fstat(handle.fileno()))
        return handle.read(), stamp


def changed_since(path: Path, stamp: FileStamp) -> str | None:
    """Why ``path`` is no longer the version ``stamp`` describes (deleted, replaced, edited), or None.

    Checked just before an in-place write, so that a file edited or deleted by someone else while
    cleanpress worked on it is reported instead of overwritten or brought back."""
    try:
        now = FileStamp.of(os.stat(path))
    except FileNotFoundError:
        return "deleted during the run; not written"
    except OSError as exc:
        return f"cannot stat: {exc.strerror or exc}"
    if now != stamp:
        return "changed by another program during the run; not written (run again)"
    return None
