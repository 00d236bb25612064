"""Helpers for the batch tests: a fixed clock, an issuer, artwork, rosters, full verification."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import badgekit
from badgekit.credential import starter_file

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
NOW_TEXT = "2025-03-01T12:00:00Z"
SEED = bytes(range(32))


def write_issuer(tmp: Path) -> tuple[Path, Path, Path]:
    """An achievement file, a key file and a small PNG artwork in ``tmp``."""
    achievement = tmp / "achievement.toml"
    achievement.write_text(starter_file(), encoding="utf-8")
    key = tmp / "issuer.pem"
    badgekit.KeyPair.from_seed(SEED).save(key)
    art = tmp / "art.png"
    art.write_bytes(art_png())
    return achievement, key, art


_ART: dict[int, bytes] = {}


def art_png(size: int = 96) -> bytes:
    if size not in _ART:
        badge = badgekit.compose("circle-seal", {"title": "Test"})
        _ART[size] = badgekit.render(badge.svg, size=size)
    return _ART[size]


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def good_rows(n: int, start: int = 0) -> list[str]:
    return [f"person{i}@example.org,Person {i}" for i in range(start, start + n)]


def manifest(out: Path) -> list[dict[str, Any]]:
    path = out / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def errors(out: Path) -> list[dict[str, Any]]:
    path = out / "errors.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def badge_files(out: Path, fmt: str = "png") -> list[Path]:
    return sorted(out.glob(f"*.{fmt}"))


def check_outputs(out: Path, *, expected: int, status_file: Path | None = None) -> None:
    """Exactly ``expected`` badges, one per manifest line, hashes matching, all verified."""
    entries = manifest(out)
    files = badge_files(out) + badge_files(out, "svg")
    assert len(entries) == expected
    assert len(files) == expected
    assert sorted(e["file"] for e in entries) == sorted(f.name for f in files)
    assert len({e["row"] for e in entries}) == expected
    assert len({e["credential_id"] for e in entries}) == expected
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    verifier = badgekit.Verifier(now=NOW, status_file=status_file)
    for entry in entries:
        data = (out / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["bytes"]
        report = verifier.verify(data)
        assert report.verified, (entry["file"], report.to_json())
        payload = badgekit.unbake(data).payload
        if payload.startswith("{"):
            credential = json.loads(payload)
        else:  # VC-JWT
            from badgekit.proofs.vc_jwt import decode_unverified

            credential = decode_unverified(payload).credential
        assert credential["id"] == entry["credential_id"]
