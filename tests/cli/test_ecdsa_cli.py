"""The CLI with P-256/P-384 keys: ``sign``/``batch --suite ecdsa-rdfc-2019``, ``keys generate
--type p384``, did:jwk issuers, and one-line errors for keys that do not fit the suite."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from badgekit.cli import main
from badgekit.keys.keypair import KeyPair

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "batch"))
from _batch_helpers import NOW_TEXT, check_outputs, good_rows, write_csv, write_issuer

VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
)
SUITE = "ecdsa-rdfc-2019"


def _files(tmp: Path, kind: str, issuer: str = "did:key") -> tuple[Path, Path, KeyPair]:
    key = KeyPair.generate(kind)  # type: ignore[arg-type]
    key_file = key.save(tmp / f"{kind}.pem")
    doc = dict(VECTOR["unsignedCredential"])
    doc["issuer"] = {**doc["issuer"], "id": key.did_jwk if issuer == "did:jwk" else key.did_key}
    cred = tmp / "credential.json"
    cred.write_text(json.dumps(doc))
    return cred, key_file, key


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(main, args)


def _one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("kind", ["p256", "p384"])
@pytest.mark.parametrize("issuer", ["did:key", "did:jwk"])
def test_sign_and_verify_proof(tmp_path: Path, kind: str, issuer: str) -> None:
    cred, key_file, key = _files(tmp_path, kind, issuer)
    out = tmp_path / "signed.json"
    result = _run(["sign", str(cred), "--key", str(key_file), "--suite", SUITE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    proof = json.loads(out.read_text())["proof"][0]
    assert proof["cryptosuite"] == SUITE
    vm = key.did_key_vm if issuer == "did:key" else f"{key.did_jwk}#0"
    assert proof["verificationMethod"] == vm
    verified = _run(["verify-proof", str(out)])
    assert verified.exit_code == 0, verified.output
    assert f"verified: {SUITE}" in verified.output


@pytest.mark.parametrize(
    ("kind", "suite", "alg", "message"),
    [
        ("p256", None, None, "eddsa-rdfc-2022 signs with Ed25519 keys only, not P-256"),
        ("ed25519", SUITE, None, "ecdsa-rdfc-2019 signs with P-256 or P-384 keys only"),
        ("p384", SUITE, "ES256", "alg ES256 does not fit a P-384 key"),
        ("p256", SUITE, "EdDSA", "ecdsa-rdfc-2019 signs with ES256 or ES384, not EdDSA"),
    ],
)
def test_bad_combinations_are_one_line_errors(
    tmp_path: Path, kind: str, suite: str | None, alg: str | None, message: str
) -> None:
    cred, key_file, _ = _files(tmp_path, kind)
    args = ["sign", str(cred), "--key", str(key_file), "-o", str(tmp_path / "o.json")]
    args += ["--suite", suite] if suite else []
    args += ["--alg", alg] if alg else []
    assert message in _one_line_error(_run(args))
    assert not (tmp_path / "o.json").exists()


def test_sign_jwt_es384(tmp_path: Path) -> None:
    cred, key_file, _ = _files(tmp_path, "p384")
    out = tmp_path / "t.jws"
    args = ["sign", str(cred), "--key", str(key_file), "--suite", "jwt", "--alg", "ES384"]
    assert _run([*args, "-o", str(out)]).exit_code == 0
    assert _run(["verify-proof", str(out)]).exit_code == 0


def test_keys_generate_p384_and_show(tmp_path: Path) -> None:
    out = tmp_path / "k.pem"
    result = _run(["keys", "generate", "--type", "p384", "-o", str(out)])
    assert result.exit_code == 0, result.output
    key = KeyPair.load(out)
    assert key.kind == "p384"
    assert key.did_key.startswith("did:key:z82")
    shown = json.loads(_run(["keys", "show", str(out), "--json"]).stdout)
    assert shown["alg"] == "ES384"
    assert shown["didKey"] == key.did_key
    assert shown["didJwk"] == key.did_jwk
    assert "d" not in shown["publicKeyJwk"]


def _batch_args(tmp: Path, roster: Path, key: Path, *extra: str) -> list[str]:
    return [
        "batch",
        "--achievement", str(tmp / "achievement.toml"),
        "--key", str(key),
        "--recipients", str(roster),
        "--out-dir", str(tmp / "out"),
        "--image", str(tmp / "art.png"),
        "--now", NOW_TEXT,
        "-j", "1",
        *extra,
    ]  # fmt: skip


@pytest.mark.parametrize("kind", ["p256", "p384"])
def test_batch_with_ecdsa(tmp_path: Path, kind: str) -> None:
    write_issuer(tmp_path)
    key = KeyPair.generate(kind).save(tmp_path / "ec.pem")  # type: ignore[arg-type]
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(3))
    result = _run(_batch_args(tmp_path, roster, key, "--suite", SUITE))
    assert result.exit_code == 0, result.output
    assert "issued 3 badges" in result.output
    check_outputs(tmp_path / "out", expected=3)


@pytest.mark.parametrize("suite", [SUITE, "jwt"])
def test_batch_status_list_and_revoke_with_a_p256_key(tmp_path: Path, suite: str) -> None:
    """The status list credential of a P-256 issuer is signed with ecdsa-rdfc-2019 (it was
    eddsa-rdfc-2022 whatever the key), also for a VC-JWT batch, and revoke re-signs it."""
    write_issuer(tmp_path)
    key = KeyPair.generate("p256").save(tmp_path / "ec.pem")
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(2))
    url = "https://example.org/status/3"
    result = _run(_batch_args(tmp_path, roster, key, "--suite", suite, "--status-list", url))
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    status_file = out / "status-list.json"
    assert json.loads(status_file.read_text())["proof"][0]["cryptosuite"] == SUITE
    check_outputs(out, expected=2, status_file=status_file)
    victim = json.loads((out / "manifest.jsonl").read_text().splitlines()[0])
    revoke = _run(
        ["revoke", "--status-list-file", str(status_file), "--key", str(key),
         "--credential-id", victim["credential_id"], "--manifest", str(out / "manifest.jsonl"),
         "--now", NOW_TEXT]
    )  # fmt: skip
    assert revoke.exit_code == 0, revoke.output
    assert json.loads(status_file.read_text())["proof"][0]["cryptosuite"] == SUITE
    verify = _run(
        ["verify", "--now", NOW_TEXT, "--status-file", str(status_file), str(out / victim["file"])]
    )
    assert verify.exit_code == 1
    assert "REVOKED" in verify.output


def test_batch_with_a_key_the_suite_cannot_use(tmp_path: Path) -> None:
    write_issuer(tmp_path)  # an Ed25519 issuer.pem
    roster = write_csv(tmp_path / "r.csv", "email,name", good_rows(2))
    result = _run(_batch_args(tmp_path, roster, tmp_path / "issuer.pem", "--suite", SUITE))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "ecdsa-rdfc-2019 signs with P-256 or P-384 keys only" in result.output
    assert not list(tmp_path.glob("out/*.png"))  # stopped on the sample, before any badge


def test_suite_choices_follow_the_registry() -> None:
    for command in (["sign", "--help"], ["batch", "--help"], ["issue", "--help"]):
        assert SUITE in _run(command).output
