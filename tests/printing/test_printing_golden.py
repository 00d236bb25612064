"""Golden renders: the certificate and the business card, rendered back from their PDFs by
poppler's pdftoppm (an independent reader), look as they did when reviewed.

Regenerate on purpose only:  ``pytest tests/printing --update-golden``  (then look at the
PNGs in tests/golden/printing/ and review the diff before committing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from design.design_helpers import assert_image_similar
from printing_support import NOW, baked, credential, pdf_to_png

import badgekit

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "printing"
#: Mean channel difference allowed (0..255): absorbs anti-aliasing differences between builds.
EPSILON = 1.5


def _check(png: bytes, name: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / f"{name}.png"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(png)
        return
    assert golden.is_file(), f"no golden render for {name}: run pytest --update-golden"
    assert_image_similar(png, golden.read_bytes(), EPSILON)


def test_certificate_matches_golden(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    out = tmp_path / "cert.pdf"
    badgekit.write_certificate(badge, out, now=NOW, verify_url="https://school.example/verify")
    _check(pdf_to_png(out, 60), "certificate", request)


def test_card_matches_golden(
    folio: badgekit.Portfolio, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    out = tmp_path / "card.pdf"
    badgekit.write_business_card(
        folio, out, wall_url="https://ada.example/badges/", job_title="Data Analyst"
    )
    _check(pdf_to_png(out, 150), "card", request)


def test_the_comparison_can_fail(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential())
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    badgekit.write_certificate(badge, a, now=NOW)
    badgekit.write_certificate(badge, b, now=NOW, palette="crimson")
    with pytest.raises(AssertionError, match="images differ"):
        assert_image_similar(pdf_to_png(a, 30), pdf_to_png(b, 30), EPSILON)


def test_the_printed_qr_codes_decode(folio: badgekit.Portfolio, tmp_path: Path) -> None:
    # zbar (Debian's zbar-tools) reads the codes back off the pages poppler rendered.
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:  # under CI (./run test installs it) a missing reader fails the test
        reason = "zbarimg is not installed (apt-get install zbar-tools)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    badge = baked(tmp_path, "ada.png", credential())
    cert, card = tmp_path / "cert.pdf", tmp_path / "card.pdf"
    badgekit.write_certificate(badge, cert, now=NOW, verify_url="https://school.example/verify")
    badgekit.write_business_card(folio, card, wall_url="https://ada.example/badges/")
    for pdf, url in (
        (cert, "https://school.example/verify"),
        (card, "https://ada.example/badges/"),
    ):
        png = tmp_path / f"{pdf.stem}.png"
        png.write_bytes(pdf_to_png(pdf, 150))
        done = subprocess.run(
            [zbarimg, "-q", "--raw", str(png)], capture_output=True, text=True, timeout=60
        )
        assert done.stdout.strip() == url, done.stderr
