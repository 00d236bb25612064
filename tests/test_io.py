"""``badgekit._io``: atomic writes and bounded reads."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from badgekit import _io
from badgekit.errors import FileAccessError, PayloadTooLargeError

if TYPE_CHECKING:
    from pathlib import Path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_atomic_honours_mode(tmp_path: Path) -> None:
    key = _io.write_atomic(tmp_path / "key.pem", b"secret", mode=0o600)
    assert key == tmp_path / "key.pem"
    assert key.read_bytes() == b"secret"
    assert _mode(key) == 0o600
    assert _mode(_io.write_atomic(tmp_path / "badge.png", b"png")) == 0o644


def test_write_atomic_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old contents, longer than the new ones")
    _io.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["out.bin"]


def test_write_atomic_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _io.write_atomic("plain.txt", b"x")
    assert (tmp_path / "plain.txt").read_bytes() == b"x"


def test_no_temp_file_left_after_an_os_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"original")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(FileAccessError, match="No space left on device"):
        _io.write_atomic(target, b"new")
    assert os.listdir(tmp_path) == ["out.bin"]
    assert target.read_bytes() == b"original"


def test_no_temp_file_left_after_any_exception(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        _io.write_atomic(tmp_path / "out.bin", "not bytes")  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_no_temp_file_left_when_chmod_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", fail)
    with pytest.raises(FileAccessError, match="not permitted"):
        _io.write_atomic(tmp_path / "out.bin", b"x")
    assert os.listdir(tmp_path) == []


def test_write_into_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="does not exist"):
        _io.write_atomic(tmp_path / "nope" / "out.bin", b"x")


def test_write_over_a_directory(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(FileAccessError, match="cannot write"):
        _io.write_atomic(tmp_path / "d", b"x")
    assert os.listdir(tmp_path) == ["d"]


def test_read_bytes(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert _io.read_bytes(path) == b"12345"
    assert _io.read_bytes(path, limit=5) == b"12345"
    with pytest.raises(PayloadTooLargeError, match="4-byte limit"):
        _io.read_bytes(path, limit=4)
    with pytest.raises(FileAccessError, match="no such file"):
        _io.read_bytes(tmp_path / "missing")
    with pytest.raises(FileAccessError, match="is a directory"):
        _io.read_bytes(tmp_path)


def test_write_atomic_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "private.png"
    target.write_bytes(b"old")
    target.chmod(0o600)
    _io.write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"new"
