"""Published EndorsementCredentials, CLR 2.0 ClrCredentials and proof sets, verified offline.

Every file in ``tests/data/public/`` is a byte-exact copy of a public file (or of one code
block of a public spec page); ``tests/data/public/README.md`` names its source and commit.  Each
test asserts the verdict the file deserves, not merely what badgekit happens to say: a
correctly signed sample is VALID, an unsigned spec example NOT VALID with ``no_proof`` while
format and schema still say what it is, and a file that needs a context badgekit does not
bundle is refused until that context is supplied.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import badgekit
from badgekit import Verdict
from badgekit.jsonld.loader import StaticLoader, default_loader
from badgekit.verify import CheckStatus

if TYPE_CHECKING:
    from badgekit import VerificationReport

PUBLIC = Path(__file__).resolve().parent.parent / "data" / "public"
#: Inside every sample's validity period (valid from 2010, none expires before 2030) and after
#: the latest proof ``created`` (2025-10-21, the DCC fixture).
NOW = datetime(2026, 1, 1, tzinfo=UTC)

CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context.json"
CLR_CONTEXT_201 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"


def _verify(name: str, **kw: Any) -> VerificationReport:
    return badgekit.verify(PUBLIC / name, now=NOW, **kw)


def _codes(report: VerificationReport) -> dict[str, tuple[CheckStatus, str]]:
    return {c.id: (c.status, c.code) for c in report.checks}


def _clr_context_loader() -> StaticLoader:
    """A loader that also serves CLR 2.0's unversioned ``context.json``, which badgekit does
    not bundle.  Its terms are taken from the bundled 2.0.1 context: the canonical N-Quads that
    1EdTech publish next to the VCDM 1.1 CLR test vector (``linked-data-proof-clr.md``) use the
    same ``https://purl.imsglobal.org/spec/vc/clr/vocab.html#`` IRIs, and LearnCard serves one
    file for both URLs.  Test-only: an assumption about a context, not a copy of it."""
    return StaticLoader(extra={CLR_CONTEXT: default_loader().document(CLR_CONTEXT_201)})


# --- EndorsementCredentials --- #


def test_1edtech_endorsement_valid_is_valid_with_its_key_named_in_the_issuer_url() -> None:
    report = _verify("1edtech-ob30-endorsement-valid.json")
    codes = _codes(report)
    assert report.verdict is Verdict.VALID
    assert codes["format"] == (CheckStatus.PASSED, "endorsement")
    assert codes["schema"] == (CheckStatus.PASSED, "ok")
    assert codes["proof"] == (CheckStatus.PASSED, "ok")
    # https://state.gov/issuers/565049#z6Mk…: the key is read from the URL, not confirmed
    # with the issuer offline (ob3-spec.md §3.3), which is right.
    assert codes["issuer_binding"] == (CheckStatus.WARNING, "unconfirmed")
    assert codes["endorses"] == (CheckStatus.PASSED, "ok")
    assert not report.confirmed
    assert report.nested == ()


def test_dcc_did_key_endorsement_with_two_proofs_is_valid_and_confirmed() -> None:
    report = _verify("dcc-endorsement-didkey-two-proofs.json")
    codes = _codes(report)
    assert report.verdict is Verdict.VALID
    assert report.confirmed  # a did:key issuer signing with its own key
    assert codes["format"] == (CheckStatus.PASSED, "endorsement")
    assert codes["issuer_binding"] == (CheckStatus.PASSED, "ok")
    proof = report.check("proof")
    assert proof is not None
    proofs = proof.details["proofs"]
    assert [(p["suite"], p["verified"]) for p in proofs] == [
        ("eddsa-rdfc-2022", True),
        ("ed25519-2020", True),
    ]


def test_1edtech_endorsement_err_schema_is_genuine_but_not_valid() -> None:
    """The validator's ``endorsement-err-schema-status-refresh.json`` is correctly signed
    (Ed25519Signature2020) but has no ``name``, which OB 3.0 requires of an
    EndorsementCredential: NOT VALID for the schema, never for the signature."""
    report = _verify("1edtech-ob30-endorsement-err-schema-status-refresh.json")
    codes = _codes(report)
    assert report.verdict is Verdict.NOT_VALID
    assert codes["format"] == (CheckStatus.PASSED, "endorsement")
    assert codes["schema"] == (CheckStatus.FAILED, "schema_invalid")
    schema = report.check("schema")
    assert schema is not None
    assert "(credential): 'name' is a required property" in schema.details["issues"]
    assert codes["proof"] == (CheckStatus.PASSED, "ok")
    # a 1EdTechRevocationList cannot be read offline
    assert codes["status"] == (CheckStatus.WARNING, "offline")


def test_1edtech_spec_endorsement_example_is_unsigned() -> None:
    report = _verify("1edtech-ob30-spec-endorsement-example-vcdm1.1.json")
    codes = _codes(report)
    assert report.verdict is Verdict.NOT_VALID
    assert report.version == "3.0 (VCDM 1.1)"
    assert codes["format"] == (CheckStatus.PASSED, "endorsement")
    assert codes["jsonld"] == (CheckStatus.PASSED, "ok")
    assert codes["proof"] == (CheckStatus.FAILED, "no_proof")
    assert codes["endorses"][0] is CheckStatus.SKIPPED


# --- proof sets --- #


def test_1edtech_multiple_proofs_unknown_suite_beside_a_valid_signature() -> None:
    """``simple-multiple-proofs.json``: a ``SomeProofType`` proof no verifier knows and a valid
    Ed25519Signature2020; the 1EdTech validator accepts it too (its only error is the JSON-LD
    of ``SomeProofType``).  The file has CRLF line endings, kept."""
    assert b"\r\n" in (PUBLIC / "1edtech-ob30-simple-multiple-proofs.json").read_bytes()
    report = _verify("1edtech-ob30-simple-multiple-proofs.json")
    assert report.verdict is Verdict.VALID
    assert report.version == "3.0 (VCDM 1.1)"
    proof = report.check("proof")
    assert proof is not None
    assert [(p["suite"], p["verified"], p["reason_code"]) for p in proof.details["proofs"]] == [
        ("SomeProofType", False, "unsupported_suite"),
        ("ed25519-2020", True, "ok"),
    ]


# --- CLR 2.0 ClrCredentials --- #


@pytest.mark.parametrize(
    "name",
    ["1edtech-clr20-simple.json", "1edtech-ob30-impl-clr-test-vector.json"],
)
def test_signed_clr_and_the_credential_it_carries_are_valid(name: str) -> None:
    report = _verify(name)
    codes = _codes(report)
    assert report.verdict is Verdict.VALID
    assert report.version == "CLR 2.0"
    assert codes["format"] == (CheckStatus.PASSED, "clr")
    assert codes["schema"] == (CheckStatus.PASSED, "ok")
    assert codes["proof"] == (CheckStatus.PASSED, "ok")
    assert codes["credentials"] == (CheckStatus.PASSED, "ok")
    assert [n.role for n in report.nested] == ["credential"]
    (carried,) = report.nested
    assert carried.verdict is Verdict.VALID
    assert _codes(carried)["format"] == (CheckStatus.PASSED, "ob3")
    assert _codes(carried)["proof"] == (CheckStatus.PASSED, "ok")


def test_unsigned_clr_test_data_is_not_valid_and_its_credentials_are_not_followed() -> None:
    report = _verify("1edtech-ob30-impl-clr-test-data-unsigned.json")
    codes = _codes(report)
    assert report.verdict is Verdict.NOT_VALID
    assert codes["format"] == (CheckStatus.PASSED, "clr")
    assert codes["schema"] == (CheckStatus.PASSED, "ok")
    assert codes["jsonld"] == (CheckStatus.PASSED, "ok")
    assert codes["proof"] == (CheckStatus.FAILED, "no_proof")
    # what an unsigned record carries is trusted only from a signed one (verify/steps.py)
    assert "credentials" not in codes
    assert report.nested == ()


@pytest.mark.parametrize(
    "name",
    ["1edtech-ob30-impl-clr-test-vector-vcdm1.1.json", "1edtech-clr20-simple_v1.json"],
)
def test_clr_on_the_unversioned_clr_context_is_refused_offline(name: str) -> None:
    """badgekit bundles CLR 2.0's ``context-2.0.1.json`` only, and refuses any context it
    does not bundle by design (ob3-spec.md §7): both files name ``context.json``."""
    report = _verify(name)
    codes = _codes(report)
    assert report.verdict is Verdict.NOT_VALID
    assert codes["format"] == (CheckStatus.PASSED, "clr")
    assert codes["jsonld"] == (CheckStatus.FAILED, "unknown_context")
    assert codes["proof"] == (CheckStatus.SKIPPED, "jsonld_failed")
    jsonld = report.check("jsonld")
    assert jsonld is not None
    assert CLR_CONTEXT in jsonld.message


def test_vcdm11_clr_test_vector_is_valid_once_its_context_is_supplied() -> None:
    report = _verify("1edtech-ob30-impl-clr-test-vector-vcdm1.1.json", loader=_clr_context_loader())
    assert report.verdict is Verdict.VALID
    assert _codes(report)["credentials"] == (CheckStatus.PASSED, "ok")
    assert [(n.role, n.verdict) for n in report.nested] == [("credential", Verdict.VALID)]


def test_the_validators_copy_of_the_clr_context_does_not_reproduce_the_signature() -> None:
    """The 1EdTech validator bundles ``context.json`` as ``contexts/clr-v2p0.json``, with
    ``…/spec/clr/v2p0/vocab.html#`` IRIs; the spec's own test vector was signed over the
    ``…/spec/vc/clr/vocab.html#`` ones, so that copy changes the canonical form."""
    copy = json.loads((PUBLIC / "contexts" / "clr-v2p0.json").read_text(encoding="utf-8"))
    report = _verify(
        "1edtech-ob30-impl-clr-test-vector-vcdm1.1.json",
        loader=StaticLoader(extra={CLR_CONTEXT: copy}),
    )
    assert _codes(report)["proof"] == (CheckStatus.FAILED, "bad_signature")


def test_did_key_clr_for_a_urn_uuid_issuer_is_genuine_but_not_the_issuers() -> None:
    """``simple_v1.json``: the record, its six credentials and the endorsement inside the
    first are all correctly signed (Ed25519Signature2020, did:key), but every issuer is a
    ``urn:uuid:`` that no did:key can be shown to belong to: the VM controller must be the
    issuer (OB 3.0 implementation guide, "Key provenance").  NOT VALID is the true verdict."""
    report = _verify("1edtech-clr20-simple_v1.json", loader=_clr_context_loader())
    codes = _codes(report)
    assert report.verdict is Verdict.NOT_VALID
    assert codes["proof"] == (CheckStatus.PASSED, "ok")
    assert codes["issuer_binding"] == (CheckStatus.FAILED, "controller_mismatch")
    assert report.nested == ()  # not followed from a record whose issuer is not confirmed

    record = json.loads((PUBLIC / "1edtech-clr20-simple_v1.json").read_text(encoding="utf-8"))
    carried = record["credentialSubject"]["verifiableCredential"]
    endorsement = carried[0]["credentialSubject"]["achievement"]["endorsement"][0]
    for credential in [*carried, endorsement]:
        alone = _codes(badgekit.verify(credential, now=NOW))
        assert alone["proof"] == (CheckStatus.PASSED, "ok")
        assert alone["issuer_binding"] == (CheckStatus.FAILED, "controller_mismatch")
    assert len(carried) == 6
