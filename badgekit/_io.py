"""File input and output shared by every layer (not public API).

Writes are atomic: data goes to a temporary file in the target directory, is flushed and
fsynced, then renamed over the target, so a failed or killed command never leaves a partial
file, and writing over the input file is safe.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import zlib
from pathlib import Path
from typing import IO, Any

from .errors import FileAccessError, PayloadTooLargeError

__all__ = [
    "DEFAULT_READ_LIMIT",
    "InflateError",
    "inflate",
    "open_file",
    "read_bytes",
    "write_atomic",
]

#: Largest input file read by default (badges are small; this bounds memory on hostile input).
DEFAULT_READ_LIMIT = 64 * 1024 * 1024


def open_file(path: str | os.PathLike[str], mode: str = "rb", **kwargs: Any) -> IO[Any]:
    """Open a file for reading, turning the usual failures into one-line errors.

    :raises FileAccessError: the file is missing, a directory, or unreadable.
    """
    p = Path(path)
    try:
        return p.open(mode, **kwargs)
    except FileNotFoundError:
        msg = f"{p}: no such file"
        raise FileAccessError(msg) from None
    except IsADirectoryError:
        msg = f"{p}: is a directory, not a file"
        raise FileAccessError(msg) from None
    except OSError as e:
        msg = f"{p}: cannot read ({e.strerror or e})"
        raise FileAccessError(msg) from None


def read_bytes(path: str | os.PathLike[str], *, limit: int = DEFAULT_READ_LIMIT) -> bytes:
    """Read a whole file, refusing one larger than ``limit`` bytes.

    :raises FileAccessError: the file is missing, a directory, or unreadable.
    :raises PayloadTooLargeError: the file is larger than ``limit``.
    """
    with open_file(path) as fh:
        try:
            data: bytes = fh.read(limit + 1)
        except OSError as e:  # e.g. EISDIR on read, an I/O error
            msg = f"{path}: cannot read ({e.strerror or e})"
            raise FileAccessError(msg) from None
    if len(data) > limit:
        msg = f"{path}: file is larger than the {limit:,}-byte limit"
        raise PayloadTooLargeError(msg)
    return data


def _umask() -> int:
    # Reading the umask without os.umask() (which sets it, racing other threads): Linux has it
    # in /proc; elsewhere fall back to the usual 022.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, mode: int | None = None, fsync: bool = True
) -> Path:
    """Write ``data`` to ``path`` atomically (temp file + fsync + rename).

    The temporary file gets ``mode`` before any byte is written, so a private key
    (``mode=0o600``) is never readable by others, not even for an instant.  Without ``mode``,
    an existing file keeps its permissions and a new one gets ``0o666`` less the umask.

    :returns: the path written.
    :raises FileAccessError: the directory is missing or not writable.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        msg = f"{target}: directory {directory} does not exist"
        raise FileAccessError(msg) from None
    except OSError as e:
        msg = f"{target}: cannot write ({e.strerror or e})"
        raise FileAccessError(msg) from None
    try:
        with os.fdopen(fd, "wb") as fh:  # owns fd from here: closed even if fchmod fails
            os.fchmod(fh.fileno(), _mode_for(target) if mode is None else mode)
            fh.write(data)
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            msg = f"{target}: cannot write ({e.strerror or e})"
            raise FileAccessError(msg) from None
        raise
    return target


class InflateError(Exception):
    """A bounded inflate failed; ``reason`` is ``corrupt``, ``too_large``, ``truncated`` or
    ``trailing`` (callers turn it into their own typed error)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


def inflate(data: bytes, limit: int, *, wbits: int = 15, trailing_ok: bool = True) -> bytes:
    """Decompress one zlib (``wbits=15``) or GZIP (``wbits=31``) stream, never producing more
    than ``limit`` bytes, so a compression bomb is refused without being expanded.

    :raises InflateError: corrupt, over ``limit``, truncated, or (unless ``trailing_ok``)
        followed by extra bytes.
    """
    inflater = zlib.decompressobj(wbits)
    detail = ""
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as e:
        reason, detail = "corrupt", str(e)
    else:
        if len(out) > limit or inflater.unconsumed_tail:
            reason = "too_large"
        elif not inflater.eof:
            reason = "truncated"
        elif inflater.unused_data and not trailing_ok:
            reason = "trailing"
        else:
            return out
    raise InflateError(reason, detail)
