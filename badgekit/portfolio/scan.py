"""Find the badge files in a folder and verify each with one shared verifier (not public API;
:func:`scan_portfolio` is re-exported by :mod:`badgekit`).

The walk is recursive and sorted (the same folder always gives the same order).  Hidden files
and folders are skipped, symbolic links are not followed (a link could leave the folder or
loop), and a file over the size limit is listed as skipped without being read.  One
:class:`~badgekit.Verifier` serves every file, so keys and status lists are looked up once.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FileAccessError
from ..verify.pipeline import Verifier
from .entry import Portfolio, PortfolioEntry, SkippedFile

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ..verify.report import VerificationReport

__all__ = [
    "BADGE_SUFFIXES",
    "MAX_BADGE_FILE_BYTES",
    "MAX_FILES",
    "find_badge_files",
    "scan_portfolio",
]

#: File name endings a portfolio looks at: baked images, credential JSON, compact JWS.
BADGE_SUFFIXES = frozenset({".png", ".svg", ".json", ".jsonld", ".jwt", ".jws"})
#: Largest file verified (baked badges are well under 2 MB; this bounds memory and time).
MAX_BADGE_FILE_BYTES = 16 * 1024 * 1024
#: Most files verified in one scan; the rest are listed as skipped.
MAX_FILES = 5000


def _excluded(path: Path, exclude: tuple[Path, ...]) -> bool:
    return any(path == e or e in path.parents for e in exclude)


def find_badge_files(
    directory: str | os.PathLike[str],
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
    max_bytes: int = MAX_BADGE_FILE_BYTES,
) -> Iterator[tuple[Path, str | None]]:
    """Walk ``directory`` for badge files, in sorted order.

    :param exclude: files or folders to leave out (e.g. the output folder, if inside).
    :param max_bytes: files larger than this are yielded with a reason instead of verified.
    :returns: ``(path, None)`` for each file to verify, ``(path, reason)`` for one to skip.
    :raises FileAccessError: ``directory`` is missing or not a folder.
    """
    root = Path(directory)
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a folder"
        msg = f"{root}: {what}"
        raise FileAccessError(msg)
    root = root.resolve()
    skip = tuple(Path(e).resolve() for e in exclude)

    def fail(e: OSError) -> None:
        msg = f"{e.filename}: cannot read the folder ({e.strerror or e})"
        raise FileAccessError(msg)

    for here, dirs, files in os.walk(root, onerror=fail, followlinks=False):
        base = Path(here)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(base / d, skip))
        for name in sorted(files):
            path = base / name
            if name.startswith(".") or path.suffix.lower() not in BADGE_SUFFIXES:
                continue
            if _excluded(path, skip):
                continue
            if path.is_symlink():
                yield path, "a symbolic link (not followed)"
                continue
            try:
                size = path.stat().st_size
            except OSError as e:
                yield path, f"cannot read ({e.strerror or e})"
                continue
            if size > max_bytes:
                yield path, f"larger than the {max_bytes:,}-byte limit ({size:,} bytes)"
                continue
            yield path, None


def _record_parts(rel: str, path: Path, report: VerificationReport) -> list[PortfolioEntry]:
    """A CLR 2.0 record's credentials, each an entry of its own (``record.png#1``…) shown by
    its own verdict; only from a genuine record (the record's signature vouches for them)."""
    if report.version != "CLR 2.0" or report.check("credentials") is None:
        return []
    parts = [n for n in report.nested if n.role == "credential"]
    return [
        PortfolioEntry(f"{rel}#{i}", path, child, part_of=rel) for i, child in enumerate(parts, 1)
    ]


def scan_portfolio(
    directory: str | os.PathLike[str],
    *,
    verifier: Verifier | None = None,
    now: datetime | None = None,
    online: bool = False,
    recipient: str | None = None,
    status_file: str | os.PathLike[str] | None = None,
    exclude: Iterable[str | os.PathLike[str]] = (),
    max_files: int = MAX_FILES,
) -> Portfolio:
    """Verify every badge file in a folder (recursively: PNG, SVG, JSON, JWT/JWS).

    >>> folio = badgekit.scan_portfolio("my-badges", now=datetime(2026, 1, 1, tzinfo=UTC))
    >>> folio.summary()                                                   # doctest: +SKIP
    '4 badge files: 2 valid, 1 expired, 0 revoked, 1 not valid'

    :param directory: the folder to scan.
    :param verifier: a configured :class:`~badgekit.Verifier` (default: one built from
        ``now``, ``online``, ``recipient`` and ``status_file``).
    :param now: the moment to check dates and status against (default: now, UTC).
    :param online: allow network lookups (did:web, status lists, OB 2.0 hosts).
    :param recipient: an email, DID or URL every badge must have been issued to.
    :param status_file: a local status list file or folder, for revocation offline.
    :param exclude: files or folders to leave out (such as the output folder).
    :param max_files: verify at most this many files; the rest are listed as skipped.
    :returns: a :class:`Portfolio`; a bad badge is an entry, never an exception.
    :raises FileAccessError: the folder is missing, not a folder, or unreadable.
    """
    when = (verifier.now if verifier else now) or datetime.now(UTC)
    if verifier is None:
        verifier = Verifier(now=when, online=online, recipient=recipient, status_file=status_file)
    root = Path(directory)
    entries: list[PortfolioEntry] = []
    skipped: list[SkippedFile] = []
    found = sorted(find_badge_files(root, exclude=exclude), key=lambda item: item[0].parts)
    for path, reason in found:
        rel = path.relative_to(root.resolve()).as_posix()
        if reason is None and len(entries) >= max_files:
            reason = f"over the {max_files:,}-file limit of one scan"
        if reason is not None:
            skipped.append(SkippedFile(rel, reason))
            continue
        report = verifier.verify(path)
        entries.append(PortfolioEntry(rel, path, report))
        entries.extend(_record_parts(rel, path, report))
    return Portfolio(root.resolve(), tuple(entries), tuple(skipped), when, verifier.online)
