"""Builders for the printing tests: badges made, signed and baked with badgekit itself, at a
fixed time, with or without the earner's name."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest

import badgekit
from badgekit import Achievement, KeyPair
from badgekit.credential import build_credential
from badgekit.credential.identity import hash_identity
from badgekit.status import StatusList, build_list_credential, status_entry

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
ISSUED = NOW - timedelta(days=20)
KEY = KeyPair.from_seed(bytes(range(7, 39)))
EARNER = "Ana María Oyelaran-Kowalski"
LIST_URL = "https://school.example/status/1"


def achievement(name: str = "Python Basics", *, criteria_url: str | None = None) -> Achievement:
    """An achievement of Green Valley School; its criteria page is an https URL by default."""
    criteria: dict[str, Any] = {"narrative": f"Complete the {name} course."}
    criteria["url"] = criteria_url if criteria_url is not None else "https://school.example/c/1"
    if not criteria["url"]:
        del criteria["url"]
    return Achievement.from_dict(
        {
            "name": name,
            "description": f"Awarded for {name.lower()}.",
            "criteria": criteria,
            "issuer": {"name": "Green Valley School", "url": "https://school.example"},
        }
    )


def credential(
    *,
    name: str | None = EARNER,
    hashed_name: bool = False,
    badge: str = "Python Basics",
    criteria_url: str | None = None,
    issued: datetime = ISSUED,
    **extra: Any,
) -> dict[str, Any]:
    """A signed credential to ada@example.org (a hashed email), naming her if ``name``."""
    cred = build_credential(
        achievement(badge, criteria_url=criteria_url),
        "ada@example.org",
        issuer_id=KEY.did_key,
        now=issued,
        **extra,
    )
    if name is not None:
        ident: dict[str, Any] = {"type": "IdentityObject", "identityType": "name"}
        if hashed_name:
            ident |= {
                "hashed": True,
                "identityHash": hash_identity(name, "pepper"),
                "salt": "pepper",
            }
        else:
            ident |= {"hashed": False, "identityHash": name}
        cred["credentialSubject"]["identifier"].append(ident)
    signed = badgekit.sign(cred, KEY, now=issued)
    assert isinstance(signed, dict)
    return signed


def artwork() -> bytes:
    """Badge artwork designed with badgekit (a PNG)."""
    return badgekit.render(badgekit.compose("shield", {"title": "Python"}).svg, size=300)


def baked(folder: Path, file: str, cred: dict[str, Any]) -> Path:
    """``cred`` baked into the artwork at ``folder/file``."""
    path = folder / file
    path.write_bytes(badgekit.bake(artwork(), json.dumps(cred)))
    return path


def status_list(folder: Path, revoked: int) -> Path:
    """A signed status list that revokes index ``revoked``."""
    bits = StatusList()
    bits.set(revoked)
    doc = build_list_credential(bits, list_url=LIST_URL, issuer=KEY.did_key, valid_from=ISSUED)
    path = folder / "status.json"
    path.write_text(json.dumps(badgekit.sign(doc, KEY, now=ISSUED)))
    return path


def revocable(index: int) -> dict[str, Any]:
    """``credential_status`` for :func:`credential`."""
    return status_entry(LIST_URL, index)


def pdftoppm() -> str:
    """The pdftoppm binary (Debian's poppler-utils): under CI a missing one fails the test,
    elsewhere the test is skipped with the reason."""
    found = shutil.which("pdftoppm")
    if found is None:
        import os

        reason = "pdftoppm is not installed (apt-get install poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def pdf_to_png(pdf: Path, dpi: int) -> bytes:
    """Page 1 of ``pdf`` rendered by poppler, an independent PDF reader."""
    out = pdf.with_suffix("")
    subprocess.run(
        [pdftoppm(), "-r", str(dpi), "-png", "-singlefile", str(pdf), str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return out.with_suffix(".png").read_bytes()


def pdf_tool(tool: str, pdf: Path) -> str:
    """The output of ``pdfinfo``/``pdffonts`` (poppler-utils) for ``pdf``."""
    pdftoppm()  # the same package; same CI rule
    found = shutil.which(tool)
    assert found, f"{tool} missing although pdftoppm is installed"
    done = subprocess.run([found, str(pdf)], check=True, capture_output=True, timeout=60, text=True)
    return done.stdout
