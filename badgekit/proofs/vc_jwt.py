"""VC-JWT: an OB 3.0 credential as a compact JWS (RS256, ES256, ES384, EdDSA) (not public API).

ob3-spec.md §3.1: header ``alg`` + ``kid`` (or ``jwk``) + optional ``typ: JWT``, no other
header; payload = the credential plus ``iss``/``jti``/``nbf``/``sub``/``exp``.  The older
VCDM 1.1 form (claims + ``vc``) is accepted on input and produced for 1.1 credentials.
``alg: none``, HMAC, unknown algorithms, ``crit`` and algorithm/key mismatches are refused.

``sub`` when the subject has no ``id`` (only ``identifier`` objects, e.g. a hashed e-mail):
the spec calls ``sub`` required but leaves this case open (ob3-spec.md §3.1).  badgekit then
omits ``sub`` (it never invents a subject id or copies a salted hash into a registered claim);
on input it accepts no ``sub``, or a ``sub`` equal to one of the subject's ``identityHash``
values (what an issuer that always fills ``sub`` puts there), and refuses any other ``sub``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import CredentialError, KeyMaterialError, NetworkError, SigningError
from ..keys.jwks import jwks_url
from ..keys.keypair import KeyPair
from ..keys.resolver import controls
from .base import ProofResult, issuer_id, parse_datetime

if TYPE_CHECKING:
    from datetime import datetime

    from ..keys.resolver import Resolver

__all__ = [
    "ALGORITHMS",
    "VC_JWT",
    "VcJwtSuite",
    "credential_claims",
    "decode_unverified",
    "sign_jwt",
    "verify_jwt",
]

#: The JWS algorithms badgekit signs and accepts (RS256 is the OB minimum, ob3-spec.md §3.1;
#: others "limit interoperability": the 1EdTech validator takes RS256 and ES256 only).
#: ES384 is P-384 with SHA-384 (RFC 7518 §3.4).
ALGORITHMS = frozenset({"RS256", "ES256", "ES384", "EdDSA"})
#: Also accepted on input: RFC 9864's fully-specified name for EdDSA with Ed25519.
_ALIASES = {"Ed25519": "EdDSA"}
_HEADERS = frozenset({"alg", "kid", "jwk", "typ"})  # "Additional JOSE Headers are NOT allowed"
_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
_MAX_TOKEN = 16 * 1024 * 1024
_PRIVATE_JWK = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # a kid that is a DID or URL (RFC 3986 §3.1)
_NAME = "jwt"


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64u(part: str, what: str) -> bytes:
    if not part or "=" in part or any(c not in _B64U_CHARS for c in part):
        msg = f"JWT {what} is not base64url without padding"
        raise CredentialError(msg)
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        msg = f"JWT {what} is not valid base64url"
        raise CredentialError(msg) from None


_B64U_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _json_part(part: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(_unb64u(part, what).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        msg = f"JWT {what} is not UTF-8 JSON"
        raise CredentialError(msg) from None
    if not isinstance(value, dict):
        msg = f"JWT {what} is not a JSON object"
        raise CredentialError(msg)
    return value


def _numeric_date(value: Any, what: str) -> int | None:
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        msg = f"credential {what} {value!r} is not a date-time with a time zone"
        raise CredentialError(msg)
    return int(parsed.timestamp())


def _subject_id(credential: dict[str, Any]) -> str | None:
    subject = credential.get("credentialSubject")
    if isinstance(subject, list) and len(subject) == 1:
        subject = subject[0]
    sid = subject.get("id") if isinstance(subject, dict) else None
    return sid if isinstance(sid, str) else None


def _identity_hashes(credential: dict[str, Any]) -> set[str]:
    subject = credential.get("credentialSubject")
    if isinstance(subject, list) and len(subject) == 1:
        subject = subject[0]
    entries = subject.get("identifier") if isinstance(subject, dict) else None
    entries = entries if isinstance(entries, list) else [entries]
    return {
        e["identityHash"]
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("identityHash"), str)
    }


def _is_v1(credential: dict[str, Any]) -> bool:
    ctx = credential.get("@context")
    first = ctx[0] if isinstance(ctx, list) and ctx else ctx
    return first == _V1_CONTEXT


def credential_claims(credential: dict[str, Any]) -> dict[str, Any]:
    """The registered claims a credential implies: ``iss jti nbf sub exp`` (those that exist).

    VCDM 2.0 takes ``validFrom``/``validUntil``; VCDM 1.1 ``issuanceDate``/``expirationDate``.

    :raises CredentialError: no issuer id, or a date that does not parse.
    """
    iss = issuer_id(credential)
    if iss is None:
        msg = "the credential has no issuer id (needed for the JWT iss claim)"
        raise CredentialError(msg)
    v1 = _is_v1(credential)
    start, end = ("issuanceDate", "expirationDate") if v1 else ("validFrom", "validUntil")
    claims: dict[str, Any] = {"iss": iss}
    if isinstance(credential.get("id"), str):
        claims["jti"] = credential["id"]
    nbf = _numeric_date(credential.get(start), start)
    if nbf is not None:
        claims["nbf"] = nbf
    sub = _subject_id(credential)
    if sub is not None:
        claims["sub"] = sub
    exp = _numeric_date(credential.get(end), end)
    if exp is not None:
        claims["exp"] = exp
    return claims


def sign_jwt(
    credential: dict[str, Any], key: KeyPair, *, kid: str | None, alg: str | None = None
) -> str:
    """Return the compact JWS of ``credential`` signed with ``key``.

    :param kid: the verification method id put in the header; ``None`` embeds the public
        ``jwk`` instead.
    :param alg: must match the key (``EdDSA``, ``RS256``, ``ES256``, ``ES384``); default: the
        key's.
    :raises SigningError: ``alg`` does not fit the key, or is not supported.
    :raises CredentialError: the credential has no issuer, a bad date, or a lone surrogate.
    """
    if alg is not None and alg not in ALGORITHMS:
        msg = f"unsupported JWS alg {alg!r} (use {', '.join(sorted(ALGORITHMS))})"
        raise SigningError(msg)
    if alg is not None and alg != key.jws_alg:
        msg = f"alg {alg} does not fit a {key.kind} key (it signs {key.jws_alg})"
        raise SigningError(msg)
    header: dict[str, Any] = {"alg": key.jws_alg, "typ": "JWT"}
    if kid is not None:
        header["kid"] = kid
    else:
        header["jwk"] = key.public_jwk
    claims = credential_claims(credential)
    if "nbf" not in claims:  # ob3-spec.md §3.1: nbf is required; verify_jwt refuses a JWT without
        start = "issuanceDate" if _is_v1(credential) else "validFrom"
        msg = f"a VC-JWT needs the credential's {start} (for the required nbf claim)"
        raise CredentialError(msg)
    payload = {**claims, "vc": credential} if _is_v1(credential) else {**credential, **claims}
    compact = (",", ":")
    try:
        body = json.dumps(payload, separators=compact, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a str may hold a lone surrogate; JSON text in UTF-8 cannot
        msg = "the credential has text that is not Unicode (a lone surrogate such as \\ud800)"
        raise CredentialError(msg) from None
    signing_input = _b64u(json.dumps(header, separators=compact).encode()) + "." + _b64u(body)
    return signing_input + "." + _b64u(key.sign(signing_input.encode("ascii")))


@dataclass(frozen=True)
class Decoded:
    """A parsed, *unverified* compact JWS."""

    header: dict[str, Any]
    payload: dict[str, Any]
    credential: dict[str, Any]
    signing_input: bytes
    signature: bytes


def decode_unverified(token: str) -> Decoded:
    """Split and parse a compact JWS without checking anything but its shape.

    The credential is ``payload["vc"]`` when present (VCDM 1.1 form), else the payload.

    :raises CredentialError: not three base64url JSON parts.
    """
    if not isinstance(token, str):
        msg = f"a compact JWS must be a str, not {type(token).__name__}"
        raise TypeError(msg)
    token = token.strip()
    if len(token) > _MAX_TOKEN:
        msg = f"JWT is larger than {_MAX_TOKEN:,} characters"
        raise CredentialError(msg)
    parts = token.split(".")
    if len(parts) != 3:
        msg = f"a compact JWS has 3 dot-separated parts, this has {len(parts)}"
        raise CredentialError(msg)
    header = _json_part(parts[0], "header")
    payload = _json_part(parts[1], "payload")
    signature = _unb64u(parts[2], "signature") if parts[2] else b""
    vc = payload.get("vc")
    credential = vc if isinstance(vc, dict) else payload
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii")
    return Decoded(header, payload, credential, signing_input, signature)


def _fail(code: str, message: str, **kw: Any) -> ProofResult:
    return ProofResult(False, _NAME, reason_code=code, message=message, **kw)


def _check_header(header: dict[str, Any]) -> ProofResult | None:
    alg = header.get("alg")
    if not isinstance(alg, str):
        return _fail("bad_header", "the JOSE header has no alg")
    if alg.lower() == "none":
        return _fail("unsupported_alg", f"JWS alg {alg!r} is refused (unsigned token)")
    if alg.upper().startswith("HS"):
        return _fail("unsupported_alg", f"HMAC JWS alg {alg} is refused")
    if _ALIASES.get(alg, alg) not in ALGORITHMS:
        known = ", ".join(sorted(ALGORITHMS))
        return _fail("unsupported_alg", f"JWS alg {alg!r} is not one of {known}")
    if "crit" in header:
        return _fail("bad_header", f"unknown critical JOSE header(s) {header['crit']!r}")
    extra = sorted(set(header) - _HEADERS)
    if extra:
        return _fail("bad_header", f"JOSE header(s) {', '.join(extra)} are not allowed in VC-JWT")
    typ = header.get("typ")
    if typ is not None and (not isinstance(typ, str) or typ.upper() != "JWT"):
        return _fail("bad_header", f"JOSE typ {typ!r} must be JWT when present")
    if not isinstance(header.get("kid"), str) and not isinstance(header.get("jwk"), dict):
        return _fail("bad_header", "the JOSE header has neither kid nor jwk")
    return None


def _published(
    resolver: Resolver, issuer: str | None, kid: str | None, embedded: KeyPair | None
) -> Any:
    """The key in the issuer's ``/.well-known/jwks.json`` (by ``kid``, else by the ``jwk``
    header's thumbprint), or a failure naming ``<JWK Set URL>#<kid or thumbprint>``."""
    where = jwks_url(issuer) if issuer else None
    name = kid if kid is not None else embedded.fingerprint if embedded else None
    vm = f"{where}#{name}" if where else kid
    jwk = embedded.public_jwk if kid is None and embedded is not None else None
    try:
        return resolver.issuer_jwk(issuer, kid=kid, jwk=jwk)
    except (KeyMaterialError, NetworkError) as e:
        return _fail("resolution_failed", str(e), verification_method=vm)


def _key(header: dict[str, Any], issuer: str | None, resolver: Resolver) -> Any:
    """(key, vm, controller) or a failing :class:`ProofResult`.

    Where the key comes from (ob3-spec.md §3.1):

    - ``kid`` a DID or URL: dereferenced by the resolver (a DID document, a verification
      method, a bare JWK or a JWK Set); the controller rule is :func:`controls`.
    - ``kid`` not a URL (``"key-1"``): the member with that ``kid`` in the issuer's JWK Set.
    - only ``jwk``: bound to a ``did:key`` issuer when it is that key (offline); for an
      ``https://`` issuer, accepted only if the issuer's JWK Set holds a key with the same
      RFC 7638 thumbprint (online).
    """
    jwk = header.get("jwk")
    if isinstance(jwk, dict) and any(m in jwk for m in _PRIVATE_JWK):
        return _fail("bad_header", "the jwk header holds private key material")
    if isinstance(jwk, dict) and jwk.get("kty") == "oct":
        return _fail("bad_header", "the jwk header is a symmetric key")
    try:
        embedded = KeyPair.from_jwk(jwk) if isinstance(jwk, dict) else None
    except KeyMaterialError as e:
        return _fail("bad_header", f"jwk header: {e}")
    kid = header.get("kid")
    https_issuer = issuer is not None and jwks_url(issuer) is not None
    if isinstance(kid, str) and _SCHEME.match(kid):
        try:
            resolved = resolver.resolve(kid)
        except (KeyMaterialError, NetworkError) as e:
            return _fail("resolution_failed", str(e), verification_method=kid)
        vm: str | None = kid
    elif isinstance(kid, str) or (embedded is not None and https_issuer):
        found = _published(resolver, issuer, kid if isinstance(kid, str) else None, embedded)
        if isinstance(found, ProofResult):
            return found
        resolved, vm = found, found.id
    elif embedded is None:  # pragma: no cover - _check_header requires kid or jwk
        return _fail("bad_header", "the JOSE header has neither kid nor jwk")
    # A bare jwk binds to a non-https issuer only when the issuer is that key's did:key.
    elif embedded.kind != "rsa" and issuer == embedded.did_key:
        return embedded, None, issuer
    else:
        return embedded, None, None
    if embedded is not None and embedded.public_jwk != resolved.key.public_jwk:
        return _fail("bad_header", "the jwk header is not the key kid names")
    controller = issuer if controls(resolved, issuer) else resolved.controller
    return resolved.key, vm, controller


def verify_jwt(token: str, *, resolver: Resolver, now: datetime) -> ProofResult:
    """Verify a VC-JWT: header, key, signature, then claims against the credential.

    :param now: the current time (aware), for ``nbf``/``exp``.
    """
    try:
        decoded = decode_unverified(token)
    except CredentialError as e:
        return _fail("malformed_token", str(e))
    bad = _check_header(decoded.header)
    if bad:
        return bad
    issuer = issuer_id(decoded.credential)
    found = _key(decoded.header, issuer, resolver)
    if isinstance(found, ProofResult):
        return found
    key, vm, controller = found
    where = {"verification_method": vm, "controller": controller, "key_type": key.kind}
    alg = decoded.header["alg"]
    if key.jws_alg != _ALIASES.get(alg, alg):
        msg = f"JWS alg {alg} does not fit the {key.kind} key (expected {key.jws_alg})"
        return _fail("key_type_mismatch", msg, **where)
    if not key.verify(decoded.signature, decoded.signing_input):
        return _fail("bad_signature", "the JWS signature does not verify", **where)
    if controller is None or controller != issuer:
        who = controller or "an embedded jwk (no kid)"
        msg = f"key controller {who} does not match issuer {issuer}"
        return _fail("controller_mismatch", msg, **where)
    return _check_claims(decoded, now, where)


def _check_claims(decoded: Decoded, now: datetime, where: dict[str, Any]) -> ProofResult:
    payload = decoded.payload
    try:
        expected = credential_claims(decoded.credential)
    except CredentialError as e:
        return _fail("claims_mismatch", str(e), **where)
    for claim in ("iss", "jti", "sub", "nbf", "exp"):
        if claim in ("iss", "nbf") and payload.get(claim) is None:
            return _fail("claims_mismatch", f"the JWT has no {claim} claim", **where)
        have, want = payload.get(claim), expected.get(claim)
        if claim == "exp" and want is None and isinstance(have, int | float):
            continue  # an exp without validUntil still bounds the token's life
        if (
            claim == "sub"
            and want is None
            and isinstance(have, str)
            and have in _identity_hashes(decoded.credential)
        ):
            continue  # no subject id: a sub naming the subject's identityHash (module doc)
        if have is not None or want is not None:
            if have != want:
                msg = f"JWT {claim} {have!r} does not match the credential ({want!r})"
                return _fail("claims_mismatch", msg, **where)
    stamp = now.timestamp()
    if stamp < payload["nbf"]:
        return _fail("not_yet_valid", f"the JWT is not valid before nbf {payload['nbf']}", **where)
    if payload.get("exp") is not None and stamp >= payload["exp"]:
        return _fail("expired", f"the JWT expired at exp {payload['exp']}", **where)
    return ProofResult(True, _NAME, **where)


@dataclass(frozen=True)
class VcJwtSuite:
    """The ``jwt`` registry entry (a compact JWS, not an embedded proof)."""

    name: str = _NAME
    can_sign: bool = True

    def sign(
        self, credential: dict[str, Any], key: KeyPair, *, kid: str | None, alg: str | None = None
    ) -> str:
        """See :func:`sign_jwt`."""
        return sign_jwt(credential, key, kid=kid, alg=alg)

    def verify(self, token: str, *, resolver: Resolver, now: datetime) -> ProofResult:
        """See :func:`verify_jwt`."""
        return verify_jwt(token, resolver=resolver, now=now)


VC_JWT = VcJwtSuite()
