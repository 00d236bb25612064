"""Robustness fuzzing of what verify reads (conventions §5.6-5.7): nested credentials
(endorsements, a CLR's credentials), proof sets, the ECDSA suites, did:jwk keys, the
selective-disclosure CBOR decoder and the CLR/OB 2.0 image carriers.

Seeds are genuine credentials: badges built here with fixed keys and ids (eddsa-rdfc-2022,
ecdsa-rdfc-2019, ecdsa-sd-2023, a did:jwk issuer, a proof set; endorsements as JSON and VC-JWT;
a CLR carrying two of them) and the public samples.  Each example changes one in one to three
places (a value replaced with hostile JSON or slightly altered, a subtree moved in from another
seed, deleted, duplicated, or an ancestor carried again: a loop); it may then be signed anew,
so that what it carries is verified too, and carried several levels deep.  Whatever comes out,
``verify`` returns a report that serialises as JSON, stays within the nesting bounds, and calls
VALID only what was signed: a seed's credential, one signed anew here, or one with a seed's
canonical form and proof.  Every test is derandomized (the same examples each run).
"""

from __future__ import annotations

import base64
import copy
import functools
import hashlib
import itertools
import json
import types
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest
from bake.pngchunks import tiny_png
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from proofs import sd_support
from proofs.sd_support import cbor
from verify_support import ED, ISSUED, NOW, ob2_svg, unsigned

import badgekit
from badgekit import KeyPair, Verdict
from badgekit.bake import bake as bake_layer
from badgekit.bake import inspect as inspect_layer
from badgekit.cli import main
from badgekit.credential.constants import CLR_CONTEXT, OB_CONTEXT, VC_V2_CONTEXT
from badgekit.credential.endorsement import build_endorsement
from badgekit.credential.parse import parse_credential
from badgekit.errors import (
    BadgekitError,
    BakeError,
    CredentialError,
    KeyMaterialError,
    ProofError,
    ResolutionError,
)
from badgekit.jsonld.canon import canonize
from badgekit.jsonld.loader import default_loader
from badgekit.keys.did_jwk import did_jwk_document, did_jwk_public
from badgekit.keys.multibase import b58encode
from badgekit.keys.resolver import Resolver
from badgekit.proofs import _cbor, _sd
from badgekit.proofs._di import unsecured
from badgekit.verify import nested
from badgekit.verify.describe import badge_lines, check_lines, nested_lines

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from badgekit import VerificationReport

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "data" / "public"
VECTORS = ROOT / "vectors"
#: Inside every public sample's validity period (see test_public_samples.py).
LATER = datetime(2026, 1, 1, tzinfo=UTC)

GUILD = KeyPair.from_seed(bytes(range(2, 34)))
REGISTRAR = KeyPair.from_seed(bytes(range(3, 35)))
_ECDSA = json.loads((VECTORS / "vc-di-ecdsa-rdfc-2019.json").read_text())
P256 = KeyPair.from_multikey(_ECDSA["p256"]["keyPair"]["secretKeyMultibase"])
P384 = KeyPair.from_multikey(_ECDSA["p384"]["keyPair"]["secretKeyMultibase"])
_SD_DERIVED = json.loads((VECTORS / "ecdsa-sd-2023-derived.json").read_text())
_SD_KEYS = json.loads((VECTORS / "ecdsa-sd-2023-key-material.json").read_text())

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def _fuzz(n: int) -> Callable[[Any], Any]:
    return settings(
        derandomize=True,
        max_examples=n,
        deadline=None,
        suppress_health_check=SLOW,
        database=None,
    )


# --- seeds: genuine credentials --- #


@dataclass(frozen=True)
class Seed:
    """A genuine credential, how to verify it, and (for ours) the key and suite it was signed
    with, to sign it again once changed."""

    doc: dict[str, Any]
    now: datetime = NOW
    key: KeyPair | None = None
    suite: str = "eddsa-rdfc-2022"

    def resign(self, doc: dict[str, Any], *, jwt: bool = False) -> dict[str, Any] | str | None:
        """``doc`` signed anew (its proofs dropped), or ``None`` if it cannot be signed."""
        if self.key is None:
            return None
        try:
            suite = "jwt" if jwt else self.suite
            return badgekit.sign(unsecured(doc), self.key, suite=suite, now=ISSUED)
        except BadgekitError:
            return None

    def verify(self, source: Any) -> VerificationReport:
        return badgekit.verify(source, now=self.now)


def _signed(doc: dict[str, Any], key: KeyPair, **kw: Any) -> dict[str, Any]:
    out = badgekit.sign(doc, key, now=ISSUED, **kw)
    assert isinstance(out, dict)
    return out


def _endorsement(subject: str, n: int, key: KeyPair = GUILD, suite: str = "eddsa-rdfc-2022") -> Any:
    doc = build_endorsement(
        subject,
        issuer_id=key.did_key,
        issuer_name=f"Endorser {n}",
        now=ISSUED,
        comment=f"Endorsement number {n}.",
        credential_id=f"urn:uuid:00000000-0000-4000-8000-0000000e{n:04d}",
    )
    return badgekit.sign(doc, key, suite=suite, now=ISSUED)


def _badge(n: int, key: KeyPair = ED, suite: str = "eddsa-rdfc-2022", **kw: Any) -> dict[str, Any]:
    """A signed OB 3.0 badge (fixed id) with an endorsement on its achievement and a VC-JWT one
    on the credential; the issuer is ``key``'s did:key (or ``issuer``)."""
    doc = unsigned(issuer=kw.pop("issuer", key.did_key))
    doc["id"] = f"urn:uuid:00000000-0000-4000-8000-00000000b{n:03d}"
    achievement = doc["credentialSubject"]["achievement"]
    achievement["endorsement"] = [_endorsement(achievement["id"], n)]
    doc["endorsementJwt"] = [_endorsement(doc["id"], n + 100, suite="jwt")]
    return _signed(doc, key, suite=suite, **kw)


def _clr(credentials: list[Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": [VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT],
        "id": "urn:uuid:7e0f3c53-53bb-4a4c-9f6a-00000000c1a0",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Learning record",
        "issuer": {"id": REGISTRAR.did_key, "type": ["Profile"], "name": "Registrar"},
        "validFrom": "2025-05-02T12:00:00Z",
        "credentialSubject": {
            "type": ["ClrSubject"],
            "identifier": credentials[0]["credentialSubject"]["identifier"],
            "achievement": [c["credentialSubject"]["achievement"] for c in credentials],
            "verifiableCredential": credentials,
        },
    }
    return _signed(doc, REGISTRAR)


def _proof_set() -> dict[str, Any]:
    """A badge by an https issuer with two of its keys (named in the URL fragment): an
    eddsa-rdfc-2022 and an ecdsa-rdfc-2019 proof."""
    doc = unsigned(issuer="https://academy.example/issuer")
    doc["id"] = "urn:uuid:00000000-0000-4000-8000-000000000051"
    return _signed(_signed(doc, ED), P256, suite="ecdsa-rdfc-2019")


def _did_jwk_badge() -> dict[str, Any]:
    doc = unsigned(issuer=P384.did_jwk)
    doc["id"] = "urn:uuid:00000000-0000-4000-8000-00000000d0c0"
    doc["issuer"]["endorsement"] = [_endorsement(P384.did_jwk, 7)]
    return _signed(doc, P384, suite="ecdsa-rdfc-2019")


def _public(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PUBLIC / name).read_text("utf-8"))
    return data


def _sd_badge() -> dict[str, Any]:
    """An OB 3.0 badge by P256's did:key with an ecdsa-sd-2023 derived proof disclosing all of
    it, the issuer and achievement mandatory; its random parts made fixed (labels, ephemeral
    key), so the seed is the same every run."""
    doc = unsigned(issuer=P256.did_key)
    doc["id"] = "urn:uuid:00000000-0000-4000-8000-000000005d01"
    count = itertools.count()
    fixed = types.SimpleNamespace(
        token_bytes=lambda n: hashlib.sha256(b"%d" % next(count)).digest()[:n]
    )
    ephemeral = KeyPair.from_multikey(_SD_KEYS["proofKeyPair"]["privateKeyMultibase"])
    keys = types.SimpleNamespace(generate=lambda _kind: ephemeral)
    with (
        mock.patch.object(sd_support, "secrets", fixed),
        mock.patch.object(sd_support, "KeyPair", keys),
    ):
        return sd_support.make_derived(
            doc,
            P256,
            P256.did_key_vm,
            mandatory=lambda q: "credentials#issuer" in q or "/achievements/" in q.split(" ")[0],
        )


@functools.cache
def seeds() -> dict[str, Seed]:
    """Every seed, built once; each is VALID as it is (checked by a test)."""
    b1, b2 = _badge(1), _badge(2, P256, suite="ecdsa-rdfc-2019")
    return {
        "endorsed": Seed(b1, key=ED),
        "ecdsa": Seed(b2, key=P256, suite="ecdsa-rdfc-2019"),
        "clr": Seed(_clr([b1, b2]), key=REGISTRAR),
        "proof_set": Seed(_proof_set(), key=ED),
        "did_jwk": Seed(_did_jwk_badge(), key=P384, suite="ecdsa-rdfc-2019"),
        "sd": Seed(_sd_badge(), key=P256, suite="ecdsa-rdfc-2019"),
        **{
            name.removeprefix("1edtech-").removesuffix(".json"): Seed(_public(name), now=LATER)
            for name in (
                "1edtech-clr20-simple.json",
                "1edtech-ob30-endorsement-valid.json",
                "1edtech-ob30-impl-clr-test-vector.json",
                "1edtech-ob30-simple-multiple-proofs.json",
                "dcc-endorsement-didkey-two-proofs.json",
            )
        },
    }


SEED_NAMES = [
    "endorsed",
    "ecdsa",
    "clr",
    "proof_set",
    "did_jwk",
    "sd",
    "clr20-simple",
    "ob30-endorsement-valid",
    "ob30-impl-clr-test-vector",
    "ob30-simple-multiple-proofs",
    "dcc-endorsement-didkey-two-proofs",
]


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


def _subtrees(node: Any) -> Iterator[Any]:
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from _subtrees(v)
    elif isinstance(node, list):
        for v in node:
            yield from _subtrees(v)


@functools.cache
def genuine() -> tuple[dict[str, dict[str, Any]], tuple[Any, ...]]:
    """Every credential inside a seed (any dict, and the payload of any JWS), by its JSON, and
    every subtree of every seed (material to transplant)."""
    found: dict[str, dict[str, Any]] = {}
    parts: list[Any] = []
    for seed in seeds().values():
        for node in _subtrees(seed.doc):
            parts.append(node)
            if isinstance(node, dict):
                found[_dumps(node)] = node
            elif isinstance(node, str) and node.count(".") == 2:
                try:
                    claims = parse_credential(node)
                except BadgekitError:
                    continue
                found[_dumps(claims)] = claims
    return found, tuple(parts)


# --- hostile values --- #

_B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B64 = st.text(_B64_ALPHABET, max_size=80)
B58 = st.text(_B58_ALPHABET, max_size=70)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64json(value: Any) -> str:
    return _b64(json.dumps(value).encode())


class Long(str):
    """A long string that hypothesis shows by its length."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Long({self[:10]!r}... {len(self):,} chars)"


NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 2**63, 2**64 + 1, 10**100, -(10**300), 1.5, -0.0, 1e308]),
)
STRINGS = st.sampled_from(
    [
        "",
        " ",
        Long("x" * 100_000),
        Long("é\u2028\u0085" * 2_000),
        "\ud800",
        "a\x00b",
        "line\nbreak",
        "_:c14n0",
        "urn:uuid:00000000-0000-4000-8000-00000000b001",
        "https://example.org/../x",
        "relative/path",
        "2025-13-45T99:99:99Z",
        "2025-05-02T12:00:00Z",
        "9999-12-31T23:59:59Z",
        "assertionMethod",
        "DataIntegrityProof",
        "ecdsa-sd-2023",
        "ecdsa-rdfc-2019",
        "eddsa-rdfc-2022",
        "Ed25519Signature2020",
        "EndorsementCredential",
        "ClrCredential",
        "OpenBadgeCredential",
        "u2V0BhVhA",
        "u2V0AhVhA",
        "z" + "1" * 300,
        "z" + "2" * 90,
    ]
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=20), STRINGS, STRINGS)
# Any length, or exactly a P-256 / P-384 coordinate's (32 or 48 bytes): points off the curve.
COORDINATES = st.one_of(B64, st.binary(min_size=32, max_size=32).map(_b64))
COORDINATES |= st.binary(min_size=48, max_size=48).map(_b64)
_JWK = st.fixed_dictionaries(
    {"kty": st.sampled_from(["EC", "OKP", "RSA", "oct", "", 1])},
    optional={
        "crv": st.sampled_from(["P-256", "P-384", "P-521", "Ed25519", "X25519", "secp256k1"]),
        "x": COORDINATES,
        "y": COORDINATES,
        "n": B64,
        "e": B64,
        "d": B64,
        "k": B64,
        "use": st.sampled_from(["sig", "enc", 3]),
        "alg": st.sampled_from(["ES256", "ES384", "EdDSA", "none"]),
    },
)
DID_JWK = st.tuples(
    st.one_of(
        B64,
        _JWK.map(_b64json),
        st.sampled_from([P256.did_jwk, P384.did_jwk, ED.did_jwk]).map(lambda d: d[8:]),
        st.text(max_size=30),
    ),
    st.sampled_from(["", "#0", "#1", "#", "#0#0"]),
).map(lambda t: f"did:jwk:{t[0]}{t[1]}")
# Multikeys with a real header and random key bytes of the right length (Ed25519 32 bytes,
# P-256 and P-384 compressed points 33 and 49), or anything at all after the prefix.
_MULTIKEYS = st.one_of(
    st.tuples(st.sampled_from([b"\xed\x01", b"\x80\x24", b"\x81\x24"]), st.binary(max_size=50)),
    st.tuples(st.just(b"\xed\x01"), st.binary(min_size=32, max_size=32)),
    st.tuples(st.just(b"\x80\x24"), st.binary(min_size=33, max_size=33)),
    st.tuples(st.just(b"\x81\x24"), st.binary(min_size=49, max_size=49)),
).map(lambda t: "z" + b58encode(t[0] + t[1]))
DID_KEY = st.tuples(
    st.one_of(
        st.tuples(st.sampled_from(["zDn", "z6Mk", "z82", "z", "zQ3s", "u", ""]), B58).map("".join),
        _MULTIKEYS,
    ),
    st.sampled_from(["", "#", "#zDn", "#0", "#self"]),
).map(lambda t: f"did:key:{t[0]}{t[1].replace('self', t[0])}")
CONTEXTS = st.one_of(
    st.sampled_from(
        [
            VC_V2_CONTEXT,
            OB_CONTEXT,
            CLR_CONTEXT,
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/data-integrity/v2",
            "https://example.org/unknown-context.json",
            "relative.json",
            "",
        ]
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "@vocab": st.sampled_from(["https://example.org/#", "", "_:"]),
            "@protected": st.booleans(),
            "@version": st.sampled_from([1.1, 1.0, "1.1"]),
            "name": st.sampled_from(["@id", "@type", "https://example.org/name", None]),
            "@base": st.sampled_from(["https://example.org/", None]),
        },
    ),
)
CONTEXT_FRAGMENT = st.fixed_dictionaries(
    {"@context": st.one_of(CONTEXTS, st.lists(CONTEXTS, max_size=3), st.none())},
    optional={"@id": st.text(max_size=10), "@type": st.sampled_from(["@json", "@id", "x"])},
)
_HEADER = st.fixed_dictionaries(
    {"alg": st.sampled_from(["ES256", "ES384", "EdDSA", "RS256", "none", "HS256", ""])},
    optional={"kid": st.one_of(DID_JWK, DID_KEY, st.text(max_size=10)), "typ": st.just("JWT")},
)
JWS = st.one_of(
    st.tuples(B64, B64, B64).map(".".join),
    st.tuples(_HEADER.map(_b64json), B64, B64).map(".".join),
    st.tuples(
        _HEADER.map(_b64json),
        st.dictionaries(st.sampled_from(["vc", "iss", "sub", "nbf", "exp", "jti"]), SCALARS).map(
            _b64json
        ),
        B64,
    ).map(".".join),
    st.text("ab.", max_size=10),
)
_KEYS = st.one_of(
    st.sampled_from(
        [
            "id",
            "type",
            "@context",
            "@id",
            "@type",
            "@value",
            "@json",
            "proof",
            "proofValue",
            "verificationMethod",
            "cryptosuite",
            "issuer",
            "credentialSubject",
            "achievement",
            "endorsement",
            "endorsementJwt",
            "verifiableCredential",
            "validFrom",
        ]
    ),
    st.text(max_size=6),
)
HOSTILE = st.recursive(
    st.one_of(SCALARS, DID_JWK, DID_KEY, JWS, CONTEXT_FRAGMENT),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


# --- mutations --- #

JsonPath = tuple[str | int, ...]


def _paths(node: Any, path: JsonPath = ()) -> list[JsonPath]:
    out: list[JsonPath] = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


def _at(doc: Any, path: JsonPath) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@dataclass
class Case:
    """A mutated seed; its repr (what hypothesis prints) names the seed and the changes.

    :ivar signed: the credentials signed anew here (genuine too), as reports show them.
    """

    seed: Seed
    name: str
    doc: dict[str, Any]
    changes: list[str] = field(default_factory=list)
    signed: list[dict[str, Any]] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Case({self.name!r}, {self.changes!r})"

    def note(self, op: str, path: JsonPath = (), value: Any = None) -> None:
        shown = repr(value)
        shown = shown if len(shown) <= 200 else f"{shown[:200]}... ({len(shown):,} chars)"
        self.changes.append(f"{op} {list(path)} {shown}")

    def resign(self, seed: Seed, doc: dict[str, Any], *, jwt: bool = False) -> Any:
        """``doc`` signed anew by ``seed``'s key (a dict, or a VC-JWT), else ``doc``."""
        signed = seed.resign(doc, jwt=jwt)
        if signed is None:
            return doc
        self.signed.append(parse_credential(signed))
        return signed

    def nest(self, depth: int, jws: bool) -> None:
        """Carry the credential ``depth`` levels deep, alternately in a CLR record and as an
        endorsement, each level signed anew (inner levels as VC-JWTs if ``jws``)."""
        credential: Any = self.doc
        for level in range(depth):
            name = "endorsed" if level % 2 else "clr"
            shell = unsecured(copy.deepcopy(seeds()[name].doc))
            if level % 2:
                key = "endorsementJwt" if isinstance(credential, str) else "endorsement"
                shell[key] = [credential]
            else:
                shell["credentialSubject"]["verifiableCredential"].append(credential)
            credential = self.resign(seeds()[name], shell, jwt=jws and level < depth - 1)
        self.doc = credential
        self.note(f"nest {depth}{' as JWS' if jws else ''}")


def _tweaked(text: str) -> st.SearchStrategy[str]:
    """``text`` changed a little: an id with a fragment, a date a second off, a proof value
    one character short, another case, a stray character."""
    return st.one_of(
        st.sampled_from(
            ["#0", "#", "#key-1", " ", "\n", "\x00", "Z", "/", ".x", "==", "\ud800"]
        ).map(lambda tail: text + tail),
        st.integers(0, max(len(text) - 1, 0)).map(lambda n: text[:n]),
        st.sampled_from([text.upper(), text.lower(), text.strip("z"), f" {text}", text[::-1]]),
        st.tuples(st.integers(0, len(text)), st.characters()).map(
            lambda t: text[: t[0]] + t[1] + text[t[0] + 1 :]
        ),
    )


def _mutate(draw: st.DrawFn, case: Case) -> None:
    doc = case.doc
    _found, parts = genuine()
    paths = _paths(doc)[1:]
    path = paths[draw(st.integers(0, len(paths) - 1))]
    parent, last = _at(doc, path[:-1]), path[-1]
    ops = ["replace", "replace", "tweak", "transplant", "delete", "duplicate", "loop"]
    op = draw(st.sampled_from(ops))
    if op == "tweak" and isinstance(parent[last], str):
        parent[last] = draw(_tweaked(parent[last]))
        case.note(op, path, parent[last])
    elif op in ("replace", "tweak"):
        parent[last] = draw(HOSTILE, label="value")
        case.note(op, path, parent[last])
    elif op == "transplant":
        parent[last] = copy.deepcopy(parts[draw(st.integers(0, len(parts) - 1))])
        case.note(op, path, parent[last])
    elif op == "delete":
        del parent[last]
        case.note(op, path)
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
        case.note(op, path)
    else:  # carry an ancestor (the file itself, or what holds this value): a loop
        node = _at(doc, path) if isinstance(_at(doc, path), dict) else parent
        if isinstance(node, dict):
            up = draw(st.integers(0, len(path) - 1))
            key = draw(st.sampled_from(["endorsement", "verifiableCredential"]))
            node.setdefault(key, [])
            if isinstance(node[key], list):
                node[key].append(copy.deepcopy(_at(doc, path[:up])))
                case.note(f"loop {key}", path, list(path[:up]))


@st.composite
def mutated(draw: st.DrawFn) -> Case:
    """A seed changed in one to three places; then perhaps signed anew (so that what it
    carries is verified), and perhaps carried deep inside other credentials."""
    name = draw(st.sampled_from(SEED_NAMES), label="seed")
    seed = seeds()[name]
    case = Case(seed, name, copy.deepcopy(seed.doc))
    for _ in range(draw(st.integers(1, 3))):
        _mutate(draw, case)
    if seed.key is not None and draw(st.booleans()):
        case.doc = case.resign(seed, case.doc)
        case.note("signed anew")
    if draw(st.booleans()):
        case.nest(draw(st.integers(1, nested.MAX_DEPTH + 2)), draw(st.booleans()))
    return case


# --- what every report must satisfy --- #


def _walk(report: VerificationReport, depth: int = 0) -> Iterator[tuple[VerificationReport, int]]:
    yield report, depth
    for child in report.nested:
        yield from _walk(child, depth + 1)


def _proofs(doc: dict[str, Any]) -> list[str]:
    raw = doc.get("proof")
    return [_dumps(p) for p in (raw if isinstance(raw, list) else [raw])]


def _signed_as_genuine(payload: dict[str, Any]) -> bool:
    """Whether ``payload`` is a genuine credential up to its JSON-LD form: the same canonical
    document as one, and one of its proofs."""
    loader = default_loader()
    found, _parts = genuine()
    try:
        mine = canonize(unsecured(payload), loader)
    except BadgekitError:
        return False
    for original in found.values():
        if not set(_proofs(payload)) & set(_proofs(original)):
            continue
        try:
            if canonize(unsecured(original), loader) == mine:
                return True
        except BadgekitError:
            continue
    return False


def check_report(report: VerificationReport, signed: Iterable[dict[str, Any]] = ()) -> None:
    """The report serialises, reads as text, stays in bounds, and calls nothing VALID that
    was not signed: by a seed, or anew by the test (``signed``)."""
    out = report.to_json()
    json.loads(json.dumps(out))
    assert report.dumps()
    assert report.headline
    badge_lines(report, recipient_hint="with --recipient")
    check_lines(report.checks)
    list(nested_lines(report))
    walked = list(_walk(report))
    assert len(walked) - 1 <= nested.MAX_CREDENTIALS
    assert max(d for _, d in walked) <= nested.MAX_DEPTH
    found = {*genuine()[0], *(_dumps(doc) for doc in signed)}
    for r, _depth in walked:
        assert r.verdict in Verdict
        if r.verdict is not Verdict.VALID:
            continue
        payload = r.payload
        assert payload is not None
        if _dumps(payload) not in found:
            assert _signed_as_genuine(payload), f"forged credential VALID: {r.dumps()}"


# --- verify on mutated seeds --- #


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_seed_is_valid(name: str) -> None:
    seed = seeds()[name]
    report = seed.verify(seed.doc)
    assert report.verdict is Verdict.VALID, report.dumps()
    check_report(report)


@_fuzz(500)
@given(case=mutated(), as_text=st.booleans())
def test_mutated_seeds_give_a_report_and_nothing_forged_is_valid(case: Case, as_text: bool) -> None:
    # As a file would hold it (lone surrogates as \ud800 escapes), or as a dict.
    source = _dumps(case.doc).encode() if as_text else case.doc
    check_report(case.seed.verify(source), case.signed)


@_fuzz(40)
@given(
    depth=st.integers(0, nested.MAX_DEPTH + 3),
    jws=st.booleans(),
    copies=st.integers(1, 3),
    loop=st.booleans(),
)
def test_deep_duplicated_and_looping_nesting_is_bounded(
    depth: int, jws: bool, copies: int, loop: bool
) -> None:
    seed = seeds()["endorsed"]
    case = Case(seed, "endorsed", copy.deepcopy(seed.doc))
    if loop:  # the badge carries itself (the same id) on its issuer
        case.doc["issuer"]["endorsement"] = [copy.deepcopy(seed.doc)] * copies
    if copies > 1:  # the same endorsement several times
        case.doc["credentialSubject"]["achievement"]["endorsement"] *= copies
    case.doc = case.resign(seed, case.doc)
    case.nest(depth, jws)
    report = seed.verify(case.doc)
    check_report(report, case.signed)
    if loop and depth < nested.MAX_DEPTH - 1:
        containers = [r.check("container") for r, _ in _walk(report)]
        assert any(c is not None and c.code == "loop" for c in containers)


def test_too_many_carried_credentials_is_bounded() -> None:
    seed = seeds()["clr"]
    doc = copy.deepcopy(seed.doc)
    badge = doc["credentialSubject"]["verifiableCredential"][0]
    doc["credentialSubject"]["verifiableCredential"] = [badge] * (nested.MAX_CREDENTIALS + 1)
    signed = _signed(unsecured(doc), REGISTRAR)
    report = seed.verify(signed)
    check_report(report, [signed])
    assert report.verdict is Verdict.NOT_VALID
    assert report.check("credentials").code == "too_many"  # type: ignore[union-attr]


_DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"a": ' + _DEEP + "}", id="deeper-than-the-json-parser"),
        pytest.param('{"a": ' + "1" * 5000 + "}", id="int-of-5000-digits"),
    ],
)
def test_json_python_cannot_parse_is_a_format_failure(text: str) -> None:
    # json.loads raised RecursionError and ValueError (int_max_str_digits) out of verify.
    report = badgekit.verify(text.encode(), now=NOW)
    check_report(report)
    assert report.check("format").code == "bad_json"  # type: ignore[union-attr]


@pytest.mark.parametrize("as_text", [False, True])
@pytest.mark.parametrize("where", [("name",), ("credentialSubject", "achievement", "description")])
def test_a_value_nested_hundreds_deep_is_a_format_failure(
    where: tuple[str, ...], as_text: bool
) -> None:
    # Parsed fine, then the schema check's deepcopy (and JSON-LD) ran out of stack at ~500.
    seed = seeds()["endorsed"]
    doc = copy.deepcopy(seed.doc)
    value: Any = "deep"
    for _ in range(500):
        value = [value]
    _at(doc, where[:-1])[where[-1]] = value
    report = seed.verify(_dumps(doc).encode() if as_text else doc)
    check_report(report)
    assert report.check("format").code == "bad_json"  # type: ignore[union-attr]
    assert "deeper than 64 levels" in report.check("format").message  # type: ignore[union-attr]


@pytest.mark.parametrize("as_text", [False, True])
def test_a_lone_surrogate_is_a_failed_proof(as_text: bool) -> None:
    # JSON may hold "\ud800"; pyoxigraph, given such a str, raised AttributeError ('read').
    seed = seeds()["endorsed"]
    doc = copy.deepcopy(seed.doc)
    doc["issuer"]["name"] = "\ud800"
    report = seed.verify(_dumps(doc).encode() if as_text else doc)
    check_report(report)
    assert report.check("proof").code == "invalid_jsonld"  # type: ignore[union-attr]


@pytest.mark.parametrize("suite", ["jwt", "eddsa-rdfc-2022"])
def test_signing_a_lone_surrogate_is_a_credential_error(suite: str) -> None:
    # Found re-signing mutated seeds: the VC-JWT payload's UTF-8 encoding raised
    # UnicodeEncodeError out of sign.
    doc = unsigned()
    doc["name"] = "\ud800"
    with pytest.raises(CredentialError, match="lone surrogate"):
        badgekit.sign(doc, ED, suite=suite, now=ISSUED)


def test_a_jws_with_a_header_nested_too_deep_is_not_valid() -> None:
    # The VC-JWT header parser raised RecursionError (its payload is bounded by parse_credential).
    seed = seeds()["endorsed"]
    jws = seed.doc["endorsementJwt"][0]
    deep = _b64(_DEEP.encode())
    report = seed.verify(f"{deep}.{jws.split('.', 1)[1]}".encode())
    check_report(report)
    assert report.verdict is Verdict.NOT_VALID
    doc = copy.deepcopy(seed.doc)
    doc["endorsementJwt"] = [f"{deep}.{jws.split('.', 1)[1]}"]
    check_report(seed.verify(doc))


# --- the CLI on mutated files --- #


@_fuzz(40)
@given(case=mutated(), as_json=st.booleans())
def test_cli_verify_of_a_mutated_file_prints_no_traceback(
    case: Case, as_json: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "badge.json"
    path.write_text(_dumps(case.doc), "utf-8")
    args = ["verify", str(path), "--now", case.seed.now.isoformat()]
    result = _cli([*args, "--json"] if as_json else args)
    assert not result.stderr
    if as_json:
        json.loads(result.stdout)


def _cli(args: list[str]) -> Result:
    """Run the CLI: exit 0 or 1, never an internal error (the CLI's name for an exception)."""
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "internal error" not in result.stderr, result.stderr
    assert "Traceback" not in result.output
    return result


# --- CBOR and derived proof values --- #


def _one_line_or_none(
    errors: type[BaseException], call: Callable[..., Any], *args: Any, **kw: Any
) -> None:
    """Call; only ``errors`` may escape it, and only with a one-line message."""
    try:
        call(*args, **kw)
    except errors as e:
        error: BaseException | None = e
    else:
        error = None
    assert "\n" not in str(error or "")


CBOR_VALUES = st.recursive(
    st.one_of(st.integers(0, 2**64 - 1), st.binary(max_size=70)),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.integers(0, 2**64 - 1), inner, max_size=4)
    ),
    max_leaves=10,
)


@st.composite
def cbor_bytes(draw: st.DrawFn) -> bytes:
    """Random bytes, or encoded CBOR with some bytes flipped, cut or added."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=200))
    data = bytearray(cbor(draw(CBOR_VALUES)))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(data)))
        choice = draw(st.sampled_from(["flip", "cut", "add"]))
        if choice == "flip" and where < len(data):
            data[where] ^= draw(st.integers(1, 255))
        elif choice == "cut":
            del data[where:]
        else:
            data[where:where] = draw(st.binary(min_size=1, max_size=9))
    return bytes(data)


@_fuzz(400)
@given(data=cbor_bytes(), max_items=st.integers(0, 5000))
@example(data=b"\x9b" + b"\xff" * 8, max_items=5000)  # an array claiming 2**64-1 items
@example(data=b"\x5b" + b"\xff" * 8, max_items=5000)  # a byte string claiming 2**64-1 bytes
@example(data=b"\x81" * 100 + b"\x00", max_items=5000)  # nested past MAX_DEPTH
def test_cbor_decoder_raises_only_proof_error(data: bytes, max_items: int) -> None:
    _one_line_or_none(ProofError, _cbor.decode, data, max_items=max_items)


def _derived_parts() -> list[Any]:
    value = _SD_DERIVED["proof"]["proofValue"]
    raw = base64.urlsafe_b64decode(value[1:] + "=" * (-len(value[1:]) % 4))
    parts = _cbor.decode(raw[3:], max_items=10_000)
    assert isinstance(parts, list)
    return parts


@st.composite
def derived_values(draw: st.DrawFn) -> Any:
    """Proof values: random text, random bytes after the header, or the W3C vector's parts with
    one replaced."""
    kind = draw(st.sampled_from(["text", "bytes", "parts", "value"]))
    if kind == "text":
        return draw(st.one_of(st.text(max_size=60), B64.map(lambda s: "u" + s)))
    if kind == "value":
        return draw(HOSTILE)
    if kind == "bytes":
        header = draw(st.sampled_from([_sd.DERIVED_HEADER, _sd.BASE_HEADER, b""]))
        return "u" + _b64(header + draw(cbor_bytes()))
    parts: list[Any] = _derived_parts()
    index = draw(st.integers(0, len(parts)))
    if index == len(parts):
        parts.append(draw(CBOR_VALUES))
    else:
        parts[index] = draw(CBOR_VALUES)
    return "u" + _b64(_sd.DERIVED_HEADER + cbor(parts))


@_fuzz(300)
@given(value=derived_values())
def test_parse_derived_proof_value_raises_only_proof_error(value: Any) -> None:
    assert _sd.proof_value_kind(value) in (None, "base", "derived")
    _one_line_or_none(ProofError, _sd.parse_derived_proof_value, value)


@_fuzz(60)
@given(value=derived_values())
def test_a_derived_proof_with_a_fuzzed_value_is_not_valid(value: Any) -> None:
    seed = seeds()["sd"]
    doc = copy.deepcopy(seed.doc)
    doc["proof"]["proofValue"] = value
    report = seed.verify(doc)
    check_report(report)
    if value != seed.doc["proof"]["proofValue"]:
        assert report.verdict is not Verdict.VALID


# --- did:jwk and did:key strings --- #


@_fuzz(300)
@given(did=st.one_of(DID_JWK, DID_KEY, st.text(max_size=40).map(lambda s: "did:jwk:" + s)))
@example(did="did:jwk:" + _b64json({"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}))
@example(did="did:jwk:" + _b64(b"\xff\xfe"))
@example(did="did:jwk:" + _b64json([1, 2]))
@example(did="did:jwk:" + _b64(_DEEP[:6000].encode()))  # json.loads raised RecursionError
def test_did_strings_resolve_or_raise_a_resolution_error(did: str) -> None:
    base = did.partition("#")[0]
    if did.startswith("did:jwk:"):
        _one_line_or_none(ResolutionError, did_jwk_public, base)
        _one_line_or_none(ResolutionError, did_jwk_document, base)
    for vm in (did, f"{base}#0"):
        _one_line_or_none(KeyMaterialError, Resolver().resolve, vm)


@_fuzz(60)
@given(did=st.one_of(DID_JWK, DID_KEY), where=st.sampled_from(["issuer", "vm", "both"]))
def test_a_badge_naming_a_fuzzed_did_is_not_valid(did: str, where: str) -> None:
    seed = seeds()["did_jwk"]
    doc = copy.deepcopy(seed.doc)
    if where in ("issuer", "both"):
        doc["issuer"]["id"] = did
    if where in ("vm", "both"):
        doc["proof"][0]["verificationMethod"] = did
    report = seed.verify(doc)
    check_report(report)
    assert report.verdict is not Verdict.VALID or doc == seed.doc


# --- baked images: CLR carriers and the OB 2.0 SVG --- #


@functools.cache
def baked_images() -> tuple[bytes, ...]:
    clr = _dumps(seeds()["clr"].doc)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    ob2 = json.dumps({"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"})
    return (
        bake_layer(tiny_png(), clr, standard="clr"),
        bake_layer(svg, clr, standard="clr"),
        bake_layer(tiny_png(), seeds()["endorsed"].doc["endorsementJwt"][0], standard="clr"),
        ob2_svg(body=ob2, verify="https://club.example/assertions/1"),
        ob2_svg(verify="https://club.example/assertions/1"),
    )


_SNIPPETS = [
    b"<!DOCTYPE svg>",
    b'<!DOCTYPE svg [<!ENTITY a "b">]>',
    b"]]>",
    b"<![CDATA[",
    b"&#0;",
    b"&a;",
    b"\x00",
    b"\xff\xfe",
    b'<clr:credential xmlns:clr="https://purl.imsglobal.org/clr/v2p0" verify="a.b.c"/>',
    b'<openbadges:assertion xmlns:openbadges="http://openbadges.org" verify="https://x"/>',
    b"</svg>",
    b'"',
    b">",
]


@st.composite
def damaged_images(draw: st.DrawFn) -> bytes:
    """A baked image with bytes flipped, cut, inserted, or (PNG) a text chunk rewritten with a
    good CRC, so the parser reads past the CRC check."""
    import struct
    import zlib

    data = bytearray(draw(st.sampled_from(baked_images())))
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.sampled_from(["flip", "cut", "insert", "snippet", "chunk"]))
        where = draw(st.integers(0, len(data)))
        if choice == "flip" and where < len(data):
            data[where] ^= draw(st.integers(1, 255))
        elif choice == "cut":
            del data[where : where + draw(st.integers(1, 200))]
        elif choice == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=20))
        elif choice == "snippet":
            data[where:where] = draw(st.sampled_from(_SNIPPETS))
        elif data.startswith(b"\x89PNG"):
            body = draw(
                st.one_of(
                    st.binary(max_size=60),
                    st.sampled_from([b"clrcredential\x00\x01\x00\x00\x00", b"openbadges\x00"]).map(
                        lambda k: k + zlib.compress(b"x" * 5000)[:40]
                    ),
                    st.sampled_from([b"clrcredential", b"openbadgecredential", b"openbadges"]).map(
                        lambda k: k + b"\x00\x00\x00\x00\x00\xff\xfe"
                    ),
                )
            )
            ctype = draw(st.sampled_from([b"iTXt", b"tEXt", b"zTXt"]))
            chunk = struct.pack(">I", len(body)) + ctype + body
            chunk += struct.pack(">I", zlib.crc32(ctype + body))
            data[33:33] = chunk  # right after IHDR
    if data.startswith(b"\x89PNG") and draw(st.booleans()):
        _fix_crcs(data)  # so a flipped byte in the carrier reaches its text, not the CRC check
    return bytes(data)


def _fix_crcs(data: bytearray) -> None:
    """Rewrite the CRC of every PNG chunk whose length fits in ``data``."""
    import struct
    import zlib

    pos = 8
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        end = pos + 8 + length
        if end + 4 > len(data):
            return
        data[end : end + 4] = struct.pack(">I", zlib.crc32(data[pos + 4 : end]))
        pos = end + 4


@_fuzz(300)
@given(image=damaged_images())
def test_unbake_and_inspect_of_damaged_images_raise_only_bake_errors(image: bytes) -> None:
    _one_line_or_none(BakeError, badgekit.unbake, image)
    _one_line_or_none(BakeError, inspect_layer, image)


@_fuzz(30)
@given(image=damaged_images(), command=st.sampled_from(["unbake", "inspect", "verify"]))
def test_cli_on_damaged_images_says_what_is_wrong_in_one_line(
    image: bytes, command: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / ("badge.png" if image[:1] == b"\x89" else "b.svg")
    path.write_bytes(image)
    result = _cli([command, str(path)])
    if result.exit_code and command != "verify":
        assert result.stderr.startswith("error: ")
        assert result.stderr.count("\n") == 1, result.stderr


@_fuzz(80)
@given(image=damaged_images())
@example(image=b"\x89PNG\x0c\n\x1a\n" + bytes(40))  # sniff's CorruptImageError escaped verify
@example(image=b"\x89PN")
def test_verify_of_damaged_images_gives_a_report(image: bytes) -> None:
    report = badgekit.verify(image, now=NOW)
    check_report(report)
