"""``badgekit keys``: exit codes, 0600 key files, passphrases from the environment only,
and no private material in any output."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric import ec

from badgekit.cli import main
from badgekit.keys import KeyPair
from badgekit.keys.multibase import ED25519_SECRET_HEADER, encode_multibase

VECTOR = json.loads(
    (
        Path(__file__).resolve().parents[1] / "vectors/ob3-eddsa-rdfc-2022-test-vector.json"
    ).read_text(encoding="utf-8")
)["keyPair"]
PASS_ENV = {"BADGEKIT_TEST_PW": "correct horse battery"}


def run(args: list[str], env: dict[str, str] | None = None, stdin: bytes | None = None) -> Any:
    return CliRunner().invoke(main, args, env=env, input=stdin)


def _secrets(path: Path, passphrase: str | None = None) -> list[str]:
    """Strings that must never be printed: the PEM body and the private scalar."""
    key = KeyPair.load(path, passphrase)
    pem_lines = path.read_text().splitlines()[1:-1]
    pem = key.private_pem().decode().splitlines()[1:-1]
    return [line for line in pem_lines + pem if len(line) > 16]


@pytest.mark.parametrize("kind", ["ed25519", "p256", "p384", "rsa"])
def test_generate_writes_a_0600_pkcs8_key(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "issuer.pem"
    result = run(["keys", "generate", "--out", str(out), "--type", kind])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    key = KeyPair.load(out)
    assert key.kind == kind
    assert key.fingerprint in result.stdout
    if kind != "rsa":
        assert f"did:key:                {key.did_key}" in result.stdout
    for secret in _secrets(out):
        assert secret not in result.output


def test_generate_default_is_ed25519(tmp_path: Path) -> None:
    out = tmp_path / "k.pem"
    assert run(["keys", "generate", "-o", str(out)]).exit_code == 0
    assert KeyPair.load(out).did_key.startswith("did:key:z6Mk")


def test_generate_encrypted_with_a_passphrase_from_the_environment(tmp_path: Path) -> None:
    out = tmp_path / "k.pem"
    result = run(
        ["keys", "generate", "-o", str(out), "--passphrase-env", "BADGEKIT_TEST_PW"], PASS_ENV
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert "correct horse" not in result.output
    for secret in _secrets(out, PASS_ENV["BADGEKIT_TEST_PW"]):
        assert secret not in result.output

    no_pass = run(["keys", "show", str(out)])
    assert no_pass.exit_code == 1
    assert "encrypted: a passphrase is needed (use --passphrase-env VAR" in no_pass.stderr
    wrong = run(
        ["keys", "show", str(out), "--passphrase-env", "BADGEKIT_TEST_PW"],
        {"BADGEKIT_TEST_PW": "wrong"},
    )
    assert wrong.exit_code == 1
    assert "wrong passphrase" in wrong.stderr
    ok = run(["keys", "show", str(out), "--passphrase-env", "BADGEKIT_TEST_PW"], PASS_ENV)
    assert ok.exit_code == 0, ok.output


def test_unset_passphrase_variable_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "k.pem"
    result = run(["keys", "generate", "-o", str(out), "--passphrase-env", "BADGEKIT_UNSET_VAR"])
    assert result.exit_code == 1
    assert "BADGEKIT_UNSET_VAR (from --passphrase-env) is not set" in result.stderr
    assert not out.exists()


def test_generate_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "k.pem"
    out.write_text("precious")
    result = run(["keys", "generate", "-o", str(out)])
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert out.read_text() == "precious"
    assert run(["keys", "generate", "-o", str(out), "--force"]).exit_code == 0
    assert KeyPair.load(out).has_private


def test_no_passphrase_option_on_the_command_line() -> None:
    result = run(["keys", "generate", "-o", "x.pem", "--passphrase", "secret"])
    assert result.exit_code == 2


def test_bad_type_is_a_usage_error(tmp_path: Path) -> None:
    assert run(["keys", "generate", "-o", str(tmp_path / "k"), "--type", "dsa"]).exit_code == 2


def test_show_json(tmp_path: Path) -> None:
    key = KeyPair.from_seed(bytes.fromhex(VECTOR["privateKeySeedHex"]))
    path = key.save(tmp_path / "v.pem")
    result = run(["keys", "show", str(path), "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info == {
        "type": "ed25519",
        "private": True,
        "alg": "EdDSA",
        "didKey": f"did:key:{VECTOR['publicKeyMultibase']}",
        "verificationMethod": f"did:key:{VECTOR['publicKeyMultibase']}#"
        f"{VECTOR['publicKeyMultibase']}",
        "publicKeyMultibase": VECTOR["publicKeyMultibase"],
        "didJwk": key.did_jwk,
        "publicKeyJwk": key.public_jwk,
        "fingerprint": key.fingerprint,
    }
    assert "d" not in info["publicKeyJwk"]


def test_show_text_has_every_identifier(tmp_path: Path) -> None:
    path = KeyPair.generate("p256").save(tmp_path / "p.pem")
    result = run(["keys", "show", str(path)])
    assert result.exit_code == 0
    for label in ("did:key:", "verification method:", "publicKeyMultibase:", "public JWK:"):
        assert label in result.stdout


def test_show_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert run(["keys", "show", str(tmp_path / "nope.pem")]).exit_code == 2


def test_show_garbage_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.pem"
    path.write_text("hello")
    result = run(["keys", "show", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: unrecognised key format")


def test_did_web_writes_the_document_and_names_its_url(tmp_path: Path) -> None:
    key = KeyPair.generate()
    path = key.save(tmp_path / "k.pem")
    out = tmp_path / "did.json"
    result = run(
        ["keys", "did-web", str(path), "--domain", "example.com:3000/user/alice", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text())
    did = "did:web:example.com%3A3000:user:alice"
    assert document["id"] == did
    method = document["verificationMethod"][0]
    assert method["type"] == "Multikey"
    assert method["publicKeyMultibase"] == key.public_multibase
    assert document["assertionMethod"] == [method["id"]]
    assert "https://example.com:3000/user/alice/did.json" in result.stderr
    assert did in result.stderr


def test_did_web_prints_without_out(tmp_path: Path) -> None:
    path = KeyPair.generate().save(tmp_path / "k.pem")
    result = run(["keys", "did-web", str(path), "--domain", "example.org"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "did:web:example.org"
    assert "https://example.org/.well-known/did.json" in result.stderr


def test_did_web_refuses_an_ip_address(tmp_path: Path) -> None:
    path = KeyPair.generate().save(tmp_path / "k.pem")
    result = run(["keys", "did-web", str(path), "--domain", "192.168.1.10"])
    assert result.exit_code == 1
    assert "does not allow IP addresses" in result.stderr


@pytest.mark.parametrize(
    "source",
    [
        VECTOR["secretKeyMultibase"],  # the 64-byte seed+public form
        encode_multibase(ED25519_SECRET_HEADER, bytes.fromhex(VECTOR["privateKeySeedHex"])),
    ],
)
def test_import_secret_key_multibase(tmp_path: Path, source: str) -> None:
    src = tmp_path / "secret.txt"
    src.write_text(source + "\n")
    out = tmp_path / "k.pem"
    result = run(["keys", "import", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert KeyPair.load(out).public_multibase == VECTOR["publicKeyMultibase"]
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert source not in result.output
    assert VECTOR["privateKeySeedHex"] not in result.output


def test_import_jwk_from_stdin_encrypting_the_output(tmp_path: Path) -> None:
    key = KeyPair.generate("p256")
    private = key.private_key
    assert isinstance(private, ec.EllipticCurvePrivateKey)
    d = private.private_numbers().private_value.to_bytes(32, "big")
    jwk = {**key.public_jwk, "d": base64.urlsafe_b64encode(d).rstrip(b"=").decode()}
    out = tmp_path / "k.pem"
    result = run(
        ["keys", "import", "-", "-o", str(out), "--passphrase-env", "BADGEKIT_TEST_PW"],
        PASS_ENV,
        json.dumps(jwk).encode(),
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert KeyPair.load(out, PASS_ENV["BADGEKIT_TEST_PW"]).fingerprint == key.fingerprint
    assert jwk["d"] not in result.output


def test_import_encrypted_pem_needs_the_source_passphrase(tmp_path: Path) -> None:
    key = KeyPair.generate()
    src = key.save(tmp_path / "src.pem", passphrase=PASS_ENV["BADGEKIT_TEST_PW"])
    out = tmp_path / "k.pem"
    result = run(["keys", "import", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "use --source-passphrase-env VAR" in result.stderr
    assert not out.exists()
    result = run(
        ["keys", "import", str(src), "-o", str(out), "--source-passphrase-env", "BADGEKIT_TEST_PW"],
        PASS_ENV,
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")


def test_import_refuses_a_public_key(tmp_path: Path) -> None:
    src = tmp_path / "pub.txt"
    src.write_text(VECTOR["publicKeyMultibase"])
    result = run(["keys", "import", str(src), "-o", str(tmp_path / "k.pem")])
    assert result.exit_code == 1
    assert "holds only a public key" in result.stderr


def test_import_refuses_to_overwrite(tmp_path: Path) -> None:
    src = tmp_path / "secret.txt"
    src.write_text(VECTOR["secretKeyMultibase"])
    out = tmp_path / "k.pem"
    out.write_text("keep")
    assert run(["keys", "import", str(src), "-o", str(out)]).exit_code == 1
    assert out.read_text() == "keep"
