"""``badgekit sign`` and ``badgekit verify-proof`` through click's CliRunner (exit codes pinned)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from badgekit.cli import main
from badgekit.keys.keypair import KeyPair

VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
)
CREATED = VECTOR["proofOptions"]["created"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    cred = tmp_path / "credential.json"
    cred.write_text(json.dumps(VECTOR["unsignedCredential"]))
    key = tmp_path / "issuer.pem"
    KeyPair.from_multikey(VECTOR["keyPair"]["secretKeyMultibase"]).save(key, "s3cret")
    return {"cred": cred, "key": key, "dir": tmp_path}


def _sign(files: dict[str, Path], *extra: str, out: str = "signed.json") -> tuple[int, str, Path]:
    target = files["dir"] / out
    args = ["sign", str(files["cred"]), "--key", str(files["key"]), "--passphrase-env", "PW"]
    result = CliRunner().invoke(main, [*args, *extra, "--out", str(target)], env={"PW": "s3cret"})
    return result.exit_code, result.output, target


def test_sign_reproduces_the_vector_and_verifies(files: dict[str, Path]) -> None:
    code, output, out = _sign(files, "--created", CREATED)
    assert code == 0, output
    signed = json.loads(out.read_text())
    assert signed["proof"] == [VECTOR["signedCredential"]["proof"]]
    result = CliRunner().invoke(main, ["verify-proof", str(out)])
    assert result.exit_code == 0
    assert "verified: eddsa-rdfc-2022" in result.output


def test_jwt_and_ed25519_2020(files: dict[str, Path]) -> None:
    code, output, out = _sign(files, "--suite", "jwt", "--alg", "EdDSA", out="t.jws")
    assert code == 0, output
    assert out.read_text().count(".") == 2
    result = CliRunner().invoke(main, ["verify-proof", str(out), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["suite"] == "jwt"
    code, output, _ = _sign(files, "--suite", "ed25519-2020")
    assert code == 1
    assert "ed25519-2020/v1" in output


def test_tampered_credential_exits_1(files: dict[str, Path]) -> None:
    _, _, out = _sign(files)
    signed = json.loads(out.read_text())
    signed["name"] = "Forged"
    out.write_text(json.dumps(signed))
    result = CliRunner().invoke(main, ["verify-proof", str(out), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["reason_code"] == "bad_signature"


def test_errors_exit_1_with_one_line(files: dict[str, Path]) -> None:
    runner = CliRunner()
    no_pw = runner.invoke(
        main, ["sign", str(files["cred"]), "--key", str(files["key"]), "--out", "x"]
    )
    assert no_pw.exit_code == 1
    assert "passphrase" in no_pw.output
    bad = files["dir"] / "bad.json"
    bad.write_text(json.dumps({**VECTOR["unsignedCredential"], "colour": "red"}))
    code = runner.invoke(
        main,
        ["sign", str(bad), "--key", str(files["key"]), "--passphrase-env", "PW", "--out", "y"],
        env={"PW": "s3cret"},
    )
    assert code.exit_code == 1
    assert "'colour'" in code.output
    assert len(code.output.strip().splitlines()) == 1
    assert not (files["dir"] / "y").exists()


def test_usage_errors_exit_2(files: dict[str, Path]) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["sign", str(files["cred"]), "--out", "x"]).exit_code == 2
    bad_suite = runner.invoke(
        main,
        ["sign", str(files["cred"]), "--key", str(files["key"]), "--suite", "rsa", "--out", "x"],
    )
    assert bad_suite.exit_code == 2


def test_extra_contexts_option(files: dict[str, Path]) -> None:
    ctx_dir = files["dir"] / "ctx"
    ctx_dir.mkdir()
    url = "https://example.org/hobby/v1"
    (ctx_dir / "hobby.json").write_text(
        json.dumps({"@context": {"hobby": "https://example.org/v#hobby"}})
    )
    (ctx_dir / "urls.json").write_text(json.dumps({url: "hobby.json"}))
    cred = {**VECTOR["unsignedCredential"], "hobby": "chess"}
    cred["@context"] = [*cred["@context"], url]
    files["cred"].write_text(json.dumps(cred))
    code, output, out = _sign(files, "--contexts", str(ctx_dir))
    assert code == 0, output
    assert CliRunner().invoke(main, ["verify-proof", str(out)]).exit_code == 1  # context unknown
    ok = CliRunner().invoke(main, ["verify-proof", str(out), "--contexts", str(ctx_dir)])
    assert ok.exit_code == 0, ok.output
