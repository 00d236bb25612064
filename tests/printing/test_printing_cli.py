"""``badgekit certificate`` and ``badgekit portfolio --vcard/--card`` through click's runner:
exit codes pinned, one-line errors, nothing written on refusal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from click.testing import CliRunner
from printing_support import NOW, baked, credential

from badgekit.cli import main

if TYPE_CHECKING:
    from pathlib import Path

    import badgekit

WHEN = NOW.isoformat()


def test_certificate_writes_a_pdf(tmp_path: Path) -> None:
    badge = baked(tmp_path, "ada.png", credential(name=None))
    out = tmp_path / "ada.pdf"
    args = ["certificate", str(badge), "--out", str(out), "--name", "Ada Lovelace"]
    result = CliRunner().invoke(main, [*args, "--paper", "letter"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    assert "Ada Lovelace" in result.output
    assert out.read_bytes().startswith(b"%PDF-")


def test_certificate_refusals_are_one_line_and_write_nothing(tmp_path: Path) -> None:
    badge = baked(tmp_path, "anon.png", credential(name=None))
    out = tmp_path / "anon.pdf"
    result = CliRunner().invoke(main, ["certificate", str(badge), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("error: the badge carries no name")
    assert "--name" in result.output
    assert not out.exists()
    same = CliRunner().invoke(main, ["certificate", str(badge), "-o", str(badge), "--name", "A"])
    assert same.exit_code == 1
    assert "the output is the input badge" in same.output
    usage = CliRunner().invoke(main, ["certificate", str(badge)])
    assert usage.exit_code == 2  # --out is required


def test_a_certificate_over_another_badge_is_refused(tmp_path: Path) -> None:
    # Only the input itself was protected: --out bob.png replaced Bob's badge with a page.
    badge = baked(tmp_path, "ada.png", credential(name=None))
    other = baked(tmp_path, "bob.png", credential(name=None))
    before = other.read_bytes()
    args = ["certificate", str(badge), "--out", str(other), "--name", "Ada Lovelace"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.output == (
        f"error: {other}: holds a badge, which the output would replace; choose another file name\n"
    )
    assert other.read_bytes() == before
    again = tmp_path / "ada-certificate.png"  # its own earlier certificate is replaced
    for _ in range(2):
        written = CliRunner().invoke(main, [*args[:3], str(again), *args[4:]])
        assert written.exit_code == 0, written.output


def test_portfolio_vcard_and_card(folio: badgekit.Portfolio, tmp_path: Path) -> None:
    vcf, card = tmp_path / "ada.vcf", tmp_path / "card.png"
    args = ["portfolio", str(folio.root), "--now", WHEN, "--vcard", str(vcf), "--card", str(card)]
    args += ["--wall-url", "https://ada.example/badges/", "--job-title", "Data Analyst"]
    args += ["--status-file", str(folio.root.parent / "status.json")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"wrote {card}: 4 valid badges shown (+2 more)" in result.output
    assert vcf.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert card.read_bytes().startswith(b"\x89PNG")


def test_portfolio_card_needs_a_wall_url(folio: badgekit.Portfolio, tmp_path: Path) -> None:
    card = tmp_path / "card.pdf"
    args = ["portfolio", str(folio.root), "--now", WHEN, "--card", str(card)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "--wall-url" in result.output
    assert not card.exists()
