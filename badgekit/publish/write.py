"""Putting a site folder in place whole, or not at all (not public API).

The site is written into a temporary folder next to the target (same file system), every
file fsynced, then renamed into place: a reader (or a host syncing the folder) sees the old
site or the new one, never half of each, and a failure leaves the old one untouched.  A
target that already exists must be empty or a site badgekit wrote (it holds
:data:`~badgekit.publish.site.MARKER`); files in it that badgekit did not write (a ``CNAME``,
a host's own config) are carried over into the new site.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .._io import write_atomic
from ..batch.worker import fsync_dir
from ..errors import FileAccessError, PublishError
from .site import MARKER

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["write_site"]


def _previous(out: Path) -> set[str] | None:
    """The files a previous badgekit site in ``out`` lists; ``None`` if ``out`` is empty or
    missing.

    :raises PublishError: ``out`` is a file, or a non-empty folder that is not a badgekit site.
    """
    if not out.exists():
        return None
    if not out.is_dir():
        msg = f"{out}: exists and is not a folder"
        raise PublishError(msg)
    marker = out / MARKER
    if not marker.is_file():
        if any(out.iterdir()):
            msg = (
                f"{out}: the folder is not empty and is not a site badgekit wrote (no {MARKER}); "
                "give an empty or new folder"
            )
            raise PublishError(msg)
        return None
    try:
        listed = json.loads(marker.read_text("utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        listed = None
    if not isinstance(listed, list):
        msg = f"{marker}: not a badgekit site marker; give an empty or new folder"
        raise PublishError(msg)
    return {str(p) for p in listed}


def _carry_over(old: Path, new: Path, written: set[str], ours: set[str]) -> list[str]:
    """Copy the files of ``old`` that badgekit did not write into ``new``."""
    kept = []
    for path in sorted(old.rglob("*")):
        relative = path.relative_to(old).as_posix()
        if path.is_symlink() or not path.is_file() or relative in ours or relative in written:
            continue
        target = new / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        kept.append(relative)
    return kept


def _swap(tmp: Path, out: Path, replacing: bool) -> None:
    if not replacing:
        if out.exists():  # an empty folder
            out.rmdir()
        os.rename(tmp, out)
        return
    old = out.with_name(f".{out.name}.old-{secrets.token_hex(4)}")
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_site(files: Mapping[str, bytes], out: str | os.PathLike[str]) -> tuple[str, ...]:
    """Write ``files`` (path in the site -> bytes) as the folder ``out``, replacing a previous
    badgekit site there.

    :returns: the paths of files kept from the previous site because badgekit did not write
        them.
    :raises PublishError: ``out`` is not empty and not a badgekit site, or is a file.
    :raises FileAccessError: the folder cannot be written (nothing is changed then).
    """
    shown = Path(out)
    # "site/", "." and ".." name the folder itself; a symlink (~/www -> /var/www/html) names
    # the folder it points to, which is replaced (renaming the link would leave it stale).
    target = Path(os.path.realpath(out))
    previous = _previous(target)
    parent = target.parent
    tmp = parent / f".{target.name}.publish-{secrets.token_hex(4)}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir()
        for relative, data in files.items():
            path = tmp / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data, fsync=True)
        for folder in {(tmp / r).parent for r in files}:
            fsync_dir(folder)
        kept = _carry_over(target, tmp, set(files), previous) if previous is not None else []
        _swap(tmp, target, previous is not None)
        fsync_dir(parent)
    except OSError as e:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        msg = f"{shown}: cannot write the site ({e.strerror or e})"
        raise FileAccessError(msg) from None
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    return tuple(kept)
