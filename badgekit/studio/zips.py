"""Zip downloads, written atomically next to what they hold (not public API)."""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = ["zip_folder"]


def zip_folder(
    folder: Path,
    target: Path,
    *,
    prefix: str = "",
    keep: Callable[[Path], bool] = lambda path: True,
) -> Path:
    """Zip every regular file under ``folder`` (symbolic links left out, ``keep`` deciding)
    as ``prefix + relative path`` into ``target``, through a temporary file and a rename.

    :returns: ``target``.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".zip", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink() and keep(path):
                    z.write(path, prefix + path.relative_to(folder).as_posix())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
