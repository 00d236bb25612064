"""Certificates: what is printed, what is refused, and what the PDF says about itself."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from printing_support import (
    EARNER,
    ISSUED,
    NOW,
    baked,
    credential,
    pdf_tool,
    revocable,
    status_list,
)

import badgekit
from badgekit.errors import (
    EarnerNameError,
    LinkRequiredError,
    NotPrintableError,
    PrintError,
    TextFitError,
)

if TYPE_CHECKING:
    from pathlib import Path


def test_a_valid_badge_gives_a_one_page_vector_pdf(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    out = tmp_path / "ada.pdf"
    cert = badgekit.write_certificate(badge, out, now=NOW)
    assert out.read_bytes() == cert.pdf
    assert cert.pdf.startswith(b"%PDF-")
    assert (cert.earner, cert.badge, cert.issuer) == (
        EARNER,
        "Python Basics",
        "Green Valley School",
    )
    assert cert.date == "12 May 2025"
    assert cert.expired is None
    info = pdf_tool("pdfinfo", out)
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert re.search(r"^Page size:\s+841\.89 x 595\.2\d* pts \(A4\)", info, re.M)
    assert re.search(rf"^Title:\s+Certificate: Python Basics - {EARNER}$", info, re.M)
    assert re.search(r"^Author:\s+Green Valley School$", info, re.M)
    assert re.search(rf"^Subject:\s+{EARNER} earned Python Basics, issued by", info, re.M)
    # The creation date is the badge's, not the clock's.
    assert re.search(r"^CreationDate:\s+Mon May 12 12:00:00 2025 UTC$", info, re.M)
    # Text is outlines: no font to embed, none missing on the printer.
    fonts = pdf_tool("pdffonts", out).splitlines()
    assert len(fonts) == 2, fonts  # the header lines only


def test_the_same_badge_gives_the_same_bytes(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    one = badgekit.make_certificate(badge, now=NOW)
    two = badgekit.make_certificate(badge, now=NOW + timedelta(days=3))
    assert one.pdf == two.pdf
    assert one.svg == two.svg


def test_letter_paper(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    out = tmp_path / "ada.pdf"
    badgekit.write_certificate(badge, out, now=NOW, paper="letter")
    assert re.search(r"^Page size:\s+792 x 612 pts \(letter\)", pdf_tool("pdfinfo", out), re.M)


def test_png_output(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    out = tmp_path / "ada.png.out.png"
    badgekit.write_certificate(badge, out, now=NOW)
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert int.from_bytes(data[16:20]) == round(297 / 25.4 * 200)


def test_an_expired_badge_is_printed_marked_expired(tmp_path: Path) -> None:
    old = credential(issued=NOW - timedelta(days=400), valid_until=NOW - timedelta(days=30))
    badge = baked(tmp_path, "old.png", old)
    cert = badgekit.make_certificate(badge, now=NOW)
    assert cert.expired == "2 May 2025"
    assert b"expired on 2 May 2025" in cert.svg  # the page's description
    fresh = badgekit.make_certificate(badge, now=NOW - timedelta(days=60))
    assert fresh.expired is None
    assert fresh.svg != cert.svg  # the printed line is there only when expired


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("revoked", "the issuer has revoked this badge"),
        ("tampered", "this badge is NOT VALID"),
        ("not yet valid", "not valid until 11 June 2025"),
        ("not a badge", "this badge is NOT VALID"),
    ],
)
def test_badges_that_are_not_printed(tmp_path: Path, setup: str, message: str) -> None:
    status = None
    if setup == "revoked":
        cred = credential(credential_status=revocable(3))
        status = status_list(tmp_path, 3)
    elif setup == "not yet valid":
        cred = credential(valid_from=NOW + timedelta(days=10))
    else:
        cred = credential()
    if setup == "tampered":
        cred["credentialSubject"]["achievement"]["name"] = "Forged Doctorate"
    badge = baked(tmp_path, "badge.png", cred)
    if setup == "not a badge":
        badge.write_bytes(badgekit.render(badgekit.compose("shield", {"title": "X"}).svg, size=64))
    out = tmp_path / "cert.pdf"
    with pytest.raises(NotPrintableError, match=re.escape(message)):
        badgekit.write_certificate(badge, out, now=NOW, status_file=status)
    assert not out.exists()
    assert list(tmp_path.glob(".cert.pdf.*")) == []  # no temporary file left either


def test_the_name_comes_from_the_badge(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    assert badgekit.make_certificate(badge, now=NOW, name=f"  {EARNER.upper()} ").earner == EARNER
    with pytest.raises(EarnerNameError, match="the badge names its earner"):
        badgekit.make_certificate(badge, now=NOW, name="Mallory Impostor")


def test_a_hashed_email_only_badge_needs_name(tmp_path: Path) -> None:
    badge = baked(tmp_path, "anon.png", credential(name=None))
    with pytest.raises(EarnerNameError, match=r"only a hashed email.*--name"):
        badgekit.make_certificate(badge, now=NOW)
    assert badgekit.make_certificate(badge, now=NOW, name="Ada Lovelace").earner == "Ada Lovelace"
    with pytest.raises(EarnerNameError, match="--name must be"):
        badgekit.make_certificate(badge, now=NOW, name="   ")


def test_a_hashed_name_is_checked(tmp_path: Path) -> None:
    badge = baked(tmp_path, "h.png", credential(hashed_name=True))
    with pytest.raises(EarnerNameError, match="a hashed name"):
        badgekit.make_certificate(badge, now=NOW)
    with pytest.raises(EarnerNameError, match="does not match"):
        badgekit.make_certificate(badge, now=NOW, name="Somebody Else")
    assert badgekit.make_certificate(badge, now=NOW, name=EARNER).earner == EARNER


def test_qr_target_order(tmp_path: Path) -> None:
    badge = baked(tmp_path, "a.png", credential())
    assert badgekit.make_certificate(badge, now=NOW).qr_url == "https://school.example/c/1"
    given = "https://school.example/verify.html"
    assert badgekit.make_certificate(badge, now=NOW, verify_url=given).qr_url == given
    hosted = credential(criteria_url="", credential_id="https://school.example/creds/42")
    by_id = baked(tmp_path, "b.png", hosted)
    assert badgekit.make_certificate(by_id, now=NOW).qr_url == "https://school.example/creds/42"
    nowhere = baked(tmp_path, "c.png", credential(criteria_url="http://intranet/c"))
    with pytest.raises(LinkRequiredError, match="--verify-url"):
        badgekit.make_certificate(nowhere, now=NOW)
    secret = "https://pd:s3cret@school.example/verify"  # was printed under the QR code
    with pytest.raises(LinkRequiredError, match=r"^--verify-url must not hold a user") as e:
        badgekit.make_certificate(badge, now=NOW, verify_url=secret)
    assert "s3cret" not in str(e.value)
    with pytest.raises(LinkRequiredError, match="https://"):
        badgekit.make_certificate(badge, now=NOW, verify_url="javascript:alert(1)")


def test_a_json_credential_without_artwork_gets_a_seal(tmp_path: Path) -> None:
    path = tmp_path / "ada.json"
    path.write_text(json.dumps(credential()))
    cert = badgekit.make_certificate(path, now=NOW)
    assert b"<image" not in cert.svg
    assert b"<circle" in cert.svg


def test_the_output_must_not_be_the_input(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    before = badge.read_bytes()
    with pytest.raises(PrintError, match="the output is the input"):
        badgekit.write_certificate(badge, tmp_path / "." / "ada.png", now=NOW)
    assert badge.read_bytes() == before
    with pytest.raises(PrintError, match=r"\.pdf or \.png"):
        badgekit.write_certificate(badge, tmp_path / "cert.docx", now=NOW)
    with pytest.raises(PrintError, match="unknown paper"):
        badgekit.make_certificate(badge, now=NOW, paper="a3")


def test_a_name_too_long_for_the_page(tmp_path: Path) -> None:
    badge = baked(tmp_path, "anon.png", credential(name=None))
    with pytest.raises(TextFitError, match="earner name"):
        badgekit.make_certificate(badge, now=NOW, name="Ada " * 45)


def test_issued_constant_is_the_creation_date() -> None:
    assert ISSUED.isoformat() == "2025-05-12T12:00:00+00:00"
