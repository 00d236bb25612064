"""``badgekit bake``, ``unbake`` and ``inspect``: happy paths and pinned exit codes."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, PngImagePlugin

import badgekit
from badgekit.cli import main

CREDENTIAL = '{"type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "Café"}'
JWS = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def files(tmp_path: Path, sample_png: bytes, sample_svg: bytes) -> Path:
    (tmp_path / "badge.png").write_bytes(sample_png)
    (tmp_path / "badge.svg").write_bytes(sample_svg)
    (tmp_path / "cred.json").write_text(CREDENTIAL + "\n", encoding="utf-8")
    (tmp_path / "cred.jws").write_text(JWS + "\n", encoding="utf-8")
    return tmp_path


def _run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _one_error_line(code: int, out: str, err: str) -> str:
    assert code == 1, (out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("image", "payload"), [("badge.png", "cred.json"), ("badge.svg", "cred.jws")]
)
def test_bake_unbake_inspect(runner: CliRunner, files: Path, image: str, payload: str) -> None:
    out = files / f"baked-{image}"
    code, stdout, stderr = _run(runner, "bake", files / image, files / payload, "--out", out)
    assert code == 0, stderr
    assert "baked" in stderr
    expected = (files / payload).read_text().strip()
    assert badgekit.unbake(out.read_bytes()).payload == expected

    code, stdout, stderr = _run(runner, "unbake", out)
    assert (code, stdout) == (0, expected + "\n")
    assert "Open Badges 3.0" in stderr

    code, stdout, _ = _run(runner, "unbake", out, "--out", files / "got.txt")
    assert (code, stdout) == (0, "")
    assert (files / "got.txt").read_text(encoding="utf-8") == expected

    code, stdout, _ = _run(runner, "inspect", out)
    assert code == 0
    assert image.rsplit(".")[-1].upper() in stdout
    assert "carries Open Badges 3.0" in stdout
    assert ("JSON" if payload.endswith("json") else "JWS") in stdout

    code, stdout, _ = _run(runner, "inspect", "--json", out)
    assert code == 0
    info = json.loads(stdout)
    assert info["format"] == image.rsplit(".")[-1]
    assert info["hint"] is None
    assert [c["version"] for c in info["carriers"]] == ["3.0"]


def test_inspect_unbaked_png_says_why(runner: CliRunner, files: Path) -> None:
    code, stdout, _ = _run(runner, "inspect", files / "badge.png")
    assert code == 0
    assert "carries no Open Badges data" in stdout
    assert "screenshots" in stdout
    code, stdout, _ = _run(runner, "inspect", "--json", files / "badge.png")
    assert code == 0
    info = json.loads(stdout)
    assert info["carriers"] == []
    assert "screenshots" in info["hint"]


def test_rebake_without_force_leaves_the_file_untouched(runner: CliRunner, files: Path) -> None:
    out = files / "baked.png"
    assert _run(runner, "bake", files / "badge.png", files / "cred.json", "-o", out)[0] == 0
    before = out.read_bytes()
    os.utime(out, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    stamp = out.stat().st_mtime_ns
    line = _one_error_line(*_run(runner, "bake", out, files / "cred.jws", "--out", out))
    assert "already carries" in line
    assert "--force" in line
    assert out.read_bytes() == before
    assert out.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in files.iterdir()) == sorted(
        ["badge.png", "badge.svg", "cred.json", "cred.jws", "baked.png"]
    )
    code, _, _ = _run(runner, "bake", out, files / "cred.jws", "--out", out, "--force")
    assert code == 0
    assert badgekit.unbake(out.read_bytes()).payload == JWS


def test_out_equal_to_input(runner: CliRunner, files: Path) -> None:
    image = files / "badge.svg"
    assert _run(runner, "bake", image, files / "cred.json", "--out", image)[0] == 0
    assert badgekit.unbake(image.read_bytes()).payload == CREDENTIAL


def _bad_inputs(d: Path) -> dict[str, tuple[Path, str]]:
    png = (d / "badge.png").read_bytes()
    cases = {
        "empty": (b"", "empty"),
        "jpeg": (b"\xff\xd8\xff\xe0" + bytes(50), "JPEG"),
        "gif": (b"GIF89a" + bytes(50), "GIF"),
        "random": (bytes(range(7, 250)), "neither a PNG nor an SVG"),
        "truncated": (png[: len(png) // 2], "truncated"),
        "bad-crc": (png[:30] + bytes([png[30] ^ 1]) + png[31:], "CRC"),
        "xxe": (
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
            "DOCTYPE",
        ),
        "broken-svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', "not well-formed"),
        "html-root": (b"<html><svg/></html>", "root element"),
        "webp": (b"RIFF\0\0\0\0WEBPVP8 " + bytes(40), "WebP"),
        "length-past-end": (png[:33] + struct.pack(">I", 10**6) + b"IDAT" + bytes(8), "claims"),
        "billion-laughs": (
            b'<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
            "DOCTYPE",
        ),
        "utf16-svg": (
            '<svg xmlns="http://www.w3.org/2000/svg"/>'.encode("utf-16"),
            "encoded as UTF-16",
        ),
        "text-mode-copied-png": (png.replace(b"\r\n", b"\n", 1), "signature is damaged"),
    }
    out = {}
    for name, (data, match) in cases.items():
        path = d / f"bad-{name}.img"
        path.write_bytes(data)
        out[name] = (path, match)
    return out


def test_every_bad_input_is_one_line_exit_1_and_no_file(runner: CliRunner, files: Path) -> None:
    for name, (path, match) in _bad_inputs(files).items():
        before = sorted(p.name for p in files.iterdir())
        for args in (
            ["bake", path, files / "cred.json", "--out", files / "out.png"],
            ["unbake", path, "--out", files / "out.txt"],
            ["inspect", path],
            ["inspect", "--json", path],
        ):
            line = _one_error_line(*_run(runner, *args))
            assert match in line, (name, args, line)
        assert sorted(p.name for p in files.iterdir()) == before, name  # no partial or temp file


def test_unbaked_image_exit_1_says_why(runner: CliRunner, files: Path) -> None:
    line = _one_error_line(*_run(runner, "unbake", files / "badge.png"))
    assert "no Open Badges credential" in line
    assert "screenshots" in line


def test_payload_problems_exit_1(runner: CliRunner, files: Path) -> None:
    (files / "empty.json").write_bytes(b"\n")
    (files / "latin1.json").write_bytes(b'{"name": "caf\xe9"}')
    (files / "huge.json").write_bytes(b"{" + b" " * badgekit.MAX_PAYLOAD_BYTES + b"}")
    for payload, match in [
        ("empty.json", "empty"),
        ("latin1.json", "not UTF-8"),
        ("huge.json", "limit"),
    ]:
        line = _one_error_line(
            *_run(runner, "bake", files / "badge.png", files / payload, "--out", files / "o.png")
        )
        assert match in line
    assert not (files / "o.png").exists()


def test_unwritable_output_exit_1(runner: CliRunner, files: Path) -> None:
    line = _one_error_line(
        *_run(
            runner,
            "bake",
            files / "badge.png",
            files / "cred.json",
            "--out",
            files / "no" / "x.png",
        )
    )
    assert "does not exist" in line


@pytest.mark.parametrize(
    "args",
    [
        ["bake"],
        ["bake", "{png}"],
        ["bake", "{png}", "{json}"],  # --out is required
        ["bake", "{missing}", "{json}", "--out", "x.png"],
        ["unbake"],
        ["unbake", "{missing}"],
        ["inspect"],
        ["inspect", "{png}", "--bogus"],
        ["unbake", "{dir}"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, files: Path, args: list[str]) -> None:
    values = {
        "png": files / "badge.png",
        "json": files / "cred.json",
        "missing": files / "missing.png",
        "dir": files,
    }
    code, stdout, stderr = _run(runner, *(a.format(**values) for a in args))
    assert stdout == ""
    assert code == 2
    assert "Usage:" in stderr
    assert "Traceback" not in stderr


def test_real_subprocess(files: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(badgekit.__file__).parent.parent)}

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "badgekit", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=files,
            check=False,
            timeout=60,
        )

    baked = run("bake", "badge.png", "cred.json", "--out", "baked.png")
    assert baked.returncode == 0, baked.stderr
    unbaked = run("unbake", "baked.png")
    assert (unbaked.returncode, unbaked.stdout) == (0, CREDENTIAL + "\n")
    again = run("bake", "baked.png", "cred.json", "--out", "baked.png")
    assert again.returncode == 1
    assert again.stderr.startswith("error: ")
    assert len(again.stderr.splitlines()) == 1
    assert "Traceback" not in again.stderr
    usage = run("unbake")
    assert usage.returncode == 2


def test_write_failure_leaves_no_partial_or_temp_file(
    runner: CliRunner, files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = files / "out.png"
    out.write_bytes(b"previous output")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    line = _one_error_line(
        *_run(runner, "bake", files / "badge.png", files / "cred.json", "--out", out)
    )
    assert "No space left on device" in line
    assert out.read_bytes() == b"previous output"
    assert not [p.name for p in files.iterdir() if p.name.endswith(".tmp")]


def _pillow_png(**text: str) -> bytes:
    """A PNG written by Pillow (an independent writer) with the given iTXt/tEXt chunks."""
    info = PngImagePlugin.PngInfo()
    for key, value in text.items():
        if key.startswith("itxt_"):
            info.add_itxt(key[5:], value)
        else:
            info.add_text(key, value)
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 200)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def test_unbake_reports_legacy_version_and_carrier(runner: CliRunner, files: Path) -> None:
    legacy = files / "legacy.png"
    legacy.write_bytes(_pillow_png(openbadges="https://example.org/assertions/1"))
    code, stdout, stderr = _run(runner, "unbake", legacy)
    assert (code, stdout) == (0, "https://example.org/assertions/1\n")
    assert "Open Badges 2.0 URL payload in the PNG tEXt openbadges" in stderr
    code, stdout, _ = _run(runner, "inspect", legacy)
    assert code == 0
    assert "carries Open Badges 2.0 URL" in stdout


def test_two_credentials_are_reported_and_the_first_is_read(runner: CliRunner, files: Path) -> None:
    png = (files / "badge.png").read_bytes()
    itxt = b"iTXt", b"openbadgecredential\0\0\0\0\0"
    two = (
        png[:33]
        + b"".join(
            struct.pack(">I", len(itxt[1] + body))
            + itxt[0]
            + itxt[1]
            + body
            + struct.pack(">I", zlib.crc32(itxt[0] + itxt[1] + body))
            for body in (b'{"n": 1}', b'{"n": 2}')
        )
        + png[33:]
    )
    (files / "two.png").write_bytes(two)
    code, stdout, stderr = _run(runner, "unbake", files / "two.png")
    assert (code, stdout) == (0, '{"n": 1}\n')
    assert "warning: 2 openbadgecredential chunks found" in stderr
    code, stdout, _ = _run(runner, "inspect", files / "two.png")
    assert stdout.count("carries Open Badges 3.0 JSON") == 2
    assert "warning: 2 openbadgecredential chunks" in stdout
    code, _, _ = _run(
        runner, "bake", files / "two.png", files / "cred.jws", "-o", files / "one.png", "--force"
    )
    assert code == 0
    info = badgekit.inspect((files / "one.png").read_bytes())
    assert [(c.kind, c.location) for c in info.carriers] == [("jws", "iTXt openbadgecredential")]


def test_compressed_chunk_past_its_bound_exit_1(runner: CliRunner, files: Path) -> None:
    png = (files / "badge.png").read_bytes()
    z = zlib.compressobj(9)
    bomb = b"".join(z.compress(bytes(1 << 20)) for _ in range(9)) + z.flush()
    data = b"openbadgecredential\0\1\0\0\0" + bomb
    chunk = (
        struct.pack(">I", len(data))
        + b"iTXt"
        + data
        + struct.pack(">I", zlib.crc32(b"iTXt" + data))
    )
    (files / "bomb.png").write_bytes(png[:33] + chunk + png[33:])
    for args in (
        ["unbake", files / "bomb.png", "-o", files / "x.txt"],
        ["inspect", files / "bomb.png"],
    ):
        line = _one_error_line(*_run(runner, *args))
        assert f"{badgekit.MAX_PAYLOAD_BYTES:,}-byte limit" in line
    assert not (files / "x.txt").exists()


def test_out_that_would_destroy_an_input_is_a_usage_error(runner: CliRunner, files: Path) -> None:
    baked = files / "baked.png"
    assert _run(runner, "bake", files / "badge.png", files / "cred.json", "-o", baked)[0] == 0
    before = {p.name: p.read_bytes() for p in files.iterdir()}
    for args in (
        ["unbake", baked, "--out", baked],
        ["unbake", baked, "--out", files / "." / "baked.png"],
        ["bake", files / "badge.png", files / "cred.json", "--out", files / "cred.json"],
    ):
        code, stdout, stderr = _run(runner, *args)
        assert (code, stdout) == (2, ""), stderr
        assert "would destroy it" in stderr
    assert {p.name: p.read_bytes() for p in files.iterdir()} == before


def test_bake_warns_when_the_payload_is_not_a_credential(runner: CliRunner, files: Path) -> None:
    (files / "note.txt").write_text("hello\n", encoding="utf-8")
    (files / "broken.json").write_text('{"name": ', encoding="utf-8")
    for payload, warning in [
        ("note.txt", "neither credential JSON nor a compact JWS"),
        ("broken.json", "is not valid JSON"),
        ("cred.json", None),
        ("cred.jws", None),
    ]:
        out = files / f"{payload}.png"
        code, stdout, stderr = _run(runner, "bake", files / "badge.png", files / payload, "-o", out)
        assert (code, stdout) == (0, ""), stderr
        assert out.exists()
        warnings = [line for line in stderr.splitlines() if line.startswith("warning: ")]
        assert len(warnings) == (1 if warning else 0), stderr
        assert warning is None or warning in warnings[0]


CLR_CREDENTIAL = json.dumps(
    {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        ],
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Transcript",
    }
)
HOSTED_SVG = Path(__file__).resolve().parent.parent / "data" / "bake" / "ob2-hosted-both.svg"
HOSTED_URL = "https://badges.riverside-library.example/public/assertions/3kQ7cJ2aTmW9xYzR"


@pytest.mark.parametrize(
    ("image", "location"),
    [("badge.png", "PNG iTXt clrcredential"), ("badge.svg", "SVG <clr:credential> CDATA")],
)
def test_clr_credential_bake_unbake_inspect(
    runner: CliRunner, files: Path, image: str, location: str
) -> None:
    (files / "clr.json").write_text(CLR_CREDENTIAL, encoding="utf-8")
    out = files / f"clr-{image}"
    code, _, stderr = _run(runner, "bake", files / image, files / "clr.json", "-o", out)
    assert code == 0, stderr
    assert f"baked a {len(CLR_CREDENTIAL):,}-byte CLR 2.0 payload into {out}" in stderr
    code, stdout, stderr = _run(runner, "unbake", out)
    assert (code, stdout) == (0, CLR_CREDENTIAL + "\n")
    assert f"found a CLR 2.0 JSON payload in the {location}" in stderr
    code, stdout, _ = _run(runner, "inspect", out)
    assert "carries CLR 2.0 JSON" in stdout
    assert "Open Badges" not in stdout
    code, stdout, _ = _run(runner, "inspect", "--json", out)
    (carrier,) = json.loads(stdout)["carriers"]
    assert (carrier["standard"], carrier["version"], carrier["label"]) == ("clr", "2.0", "CLR 2.0")


def test_hosted_ob2_svg_unbake_gives_the_json_and_notes_the_url(runner: CliRunner) -> None:
    code, stdout, stderr = _run(runner, "unbake", HOSTED_SVG)
    assert code == 0
    assert json.loads(stdout)["id"] == HOSTED_URL
    assert stderr.splitlines() == [
        "found an Open Badges 2.0 JSON payload in the SVG <openbadges:assertion> CDATA",
        f"note: the assertion is hosted at {HOSTED_URL}",
    ]
    code, stdout, _ = _run(runner, "inspect", HOSTED_SVG)
    assert code == 0
    assert f"in <openbadges:assertion> CDATA, hosted at {HOSTED_URL}" in stdout
    code, stdout, _ = _run(runner, "inspect", "--json", HOSTED_SVG)
    (carrier,) = json.loads(stdout)["carriers"]
    assert (carrier["hosted_url"], carrier["kind"], carrier["label"]) == (
        HOSTED_URL,
        "json",
        "Open Badges 2.0",
    )


def test_a_hosted_url_cannot_control_the_terminal(runner: CliRunner, files: Path) -> None:
    evil = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:o="http://openbadges.org">'
        b'<o:assertion verify="https://x.example/a&#27;[2J&#10;VALID"><![CDATA[{"a": 1}]]>'
        b"</o:assertion></svg>"
    )
    (files / "evil.svg").write_bytes(evil)
    _, _, stderr = _run(runner, "unbake", files / "evil.svg")
    _, stdout, _ = _run(runner, "inspect", files / "evil.svg")
    for text in (stderr, stdout):
        assert "\x1b" not in text
        assert "\nVALID" not in text


@pytest.mark.parametrize(
    "payload", [CREDENTIAL, JWS, "https://example.org/a", '{"ends": "in a newline"}\n']
)
def test_unbake_output_is_the_payload_and_one_newline(
    runner: CliRunner, files: Path, payload: str
) -> None:
    # PNG text is taken as is, so a payload may itself end in a newline: exactly one more.
    png = (files / "badge.png").read_bytes()
    (files / "p.png").write_bytes(badgekit.bake(png, payload))
    code, stdout, stderr = _run(runner, "unbake", files / "p.png")
    assert (code, stdout) == (0, payload + "\n")
    assert stderr.endswith("\n")
    code, stdout, _ = _run(runner, "unbake", files / "p.png", "-o", files / "p.txt")
    assert (code, stdout) == (0, "")
    assert (files / "p.txt").read_bytes() == payload.encode()  # --out: the payload exactly
