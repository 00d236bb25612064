"""Output files of the printing layer: the format from the file name, never over an input
(not public API).

Every file is written with :func:`badgekit._io.write_atomic`, so a refused or failed run
leaves nothing half-written, and an existing file is replaced only by a complete one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import _io
from ..errors import PrintError
from ..verify.source import holds_badge

if TYPE_CHECKING:
    import os

__all__ = ["check_target", "output_format", "write_output"]


def output_format(out: str | os.PathLike[str], allowed: tuple[str, ...]) -> str:
    """``"pdf"`` or ``"png"``… from ``out``'s suffix.

    :raises PrintError: a suffix not in ``allowed``.
    """
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix not in allowed:
        kinds = " or ".join(f".{a}" for a in allowed)
        msg = f"{out}: the output must be a {kinds} file"
        raise PrintError(msg)
    return suffix


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_target(out: str | os.PathLike[str], inputs: tuple[str | os.PathLike[str], ...]) -> None:
    """Refuse an output that is one of the inputs (or the same file under another name), or
    any other badge: a certificate or card written over it would destroy it.

    :raises PrintError: ``out`` is an input, a file holding a badge, or an existing folder.
    """
    target = Path(out)
    for given in inputs:
        if _same(target, Path(given)):
            msg = f"{out}: the output is the input badge; choose another file name"
            raise PrintError(msg)
    if target.is_dir():
        msg = f"{out}: is a folder; give a file name"
        raise PrintError(msg)
    if holds_badge(target):
        msg = f"{out}: holds a badge, which the output would replace; choose another file name"
        raise PrintError(msg)


def write_output(out: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``out`` atomically.

    :raises FileAccessError: the folder is missing or not writable.
    """
    return _io.write_atomic(out, data)
