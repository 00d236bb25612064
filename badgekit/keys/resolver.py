"""Verification method id -> public key and controller (not public API; use the facade).

Offline (the default) this resolves ``did:key`` and ``did:jwk`` verification methods
(:mod:`badgekit.keys.did_jwk`) and the 1EdTech validator shortcut ``<controller>#z6Mk…`` (the
fragment is the key; ``#zDn…``/``#z82…`` for P-256/P-384; ob3-spec.md §3.3).
Online (``Resolver(online=True)``) it also fetches did:web documents and HTTP(S) key
documents through :class:`badgekit.net.Fetcher`, which bounds time and size and refuses
private addresses.  An HTTPS ``kid`` may also dereference to a bare JWK or a JWK Set, and
:meth:`Resolver.issuer_jwk` finds a VC-JWT key in the issuer's ``/.well-known/jwks.json``
(ob3-spec.md §3.1; rules in :mod:`badgekit.keys.jwks` and :func:`controls`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from ..errors import KeyMaterialError, NetworkError, ResolutionError
from ..net import Fetcher
from . import jwks
from .did import did_key_public, did_web_to_url
from .did_jwk import DID_JWK_FRAGMENT, did_jwk_public, did_jwk_vm
from .keypair import MULTIKEY_PREFIXES, KeyPair

__all__ = ["KEY_TYPES", "ResolvedKey", "Resolver", "check_controller", "controls"]

#: Verification method types whose key badgekit reads (``MultiKey`` is the 1EdTech
#: validator's spelling, ob3-spec.md §3.3).
KEY_TYPES = frozenset(
    {
        "Multikey",
        "MultiKey",
        "Ed25519VerificationKey2020",
        "JsonWebKey",
        "JsonWebKey2020",
        "EcdsaSecp256r1VerificationKey2019",
    }
)
_DID_ACCEPT = "application/did+json, application/did+ld+json, application/json;q=0.9"
_VM_ACCEPT = (
    "application/ld+json, application/jwk+json, application/jwk-set+json, application/json;q=0.9"
)
_ONLINE_HINT = "online resolution is off (use Resolver(online=True), or --online on the CLI)"

Source = Literal["did:key", "did:jwk", "fragment", "document", "trusted"]


@dataclass(frozen=True)
class ResolvedKey:
    """A public key found for a verification method id.

    :ivar key: the public key.
    :ivar id: the verification method id.
    :ivar controller: who controls the key (must equal the issuer id; see
        :func:`check_controller`).
    :ivar type: the verification method type (``Multikey``, ``Ed25519VerificationKey2020``…).
    :ivar source: how the key was found: ``did:key`` or ``did:jwk`` (derived from the DID,
        whose own key it is), ``fragment``
        (taken from a ``#z6Mk…`` fragment without any fetch, as the 1EdTech validator does)
        or ``document`` (read from a fetched document).
    :ivar origin_bound: the key is a published JWK without ``iss``: ``controller`` is only the
        origin (``https://host:port``) it was fetched from, and every issuer id on that origin
        controls it (see :func:`controls`).
    """

    key: KeyPair
    id: str
    controller: str
    type: str
    source: Source = "document"
    origin_bound: bool = False


def controls(resolved: ResolvedKey, issuer_id: str | None) -> bool:
    """Whether ``issuer_id`` controls the key.

    The controller must be the issuer id, except for a JWK published without ``iss``
    (``origin_bound``): that key belongs to whoever runs the origin (scheme, host and port)
    it was fetched from, so any issuer id on the same origin controls it (ob3-spec.md §3.1).
    """
    if issuer_id is None:
        return False
    if resolved.origin_bound:
        here = _origin(issuer_id)
        return here is not None and here == _origin(resolved.controller)
    return resolved.controller == issuer_id


def check_controller(resolved: ResolvedKey, issuer_id: str) -> None:
    """Check that the key is controlled by the issuer (ob3-spec.md §3.3 "Issuer-key binding").

    :raises ResolutionError: the controller is not the issuer id (see :func:`controls`).
    """
    if not controls(resolved, issuer_id):
        msg = f"key controller {resolved.controller} does not match issuer {issuer_id}"
        raise ResolutionError(msg)


def _fragment_key(vm_id: str) -> KeyPair | None:
    """The key in a ``…#z6Mk…`` / ``…#zDn…`` / ``…#z82…`` fragment (Ed25519, P-256, P-384), or
    ``None`` if the fragment is not one."""
    _, sep, fragment = vm_id.partition("#")
    if not sep or not fragment.startswith(MULTIKEY_PREFIXES):
        return None
    try:
        key = KeyPair.from_public_multibase(fragment)
    except KeyMaterialError:
        return None
    return key if key.public_multibase == fragment else None


def _key_from_method(method: dict[str, Any], vm_id: str) -> tuple[KeyPair, str]:
    """Read the public key of a verification method object; return it with its type."""
    vm_type = method.get("type")
    if isinstance(vm_type, list) and len(vm_type) == 1:
        vm_type = vm_type[0]
    if vm_type not in KEY_TYPES:
        msg = f"{vm_id}: unsupported verification method type {vm_type!r}"
        raise ResolutionError(msg)
    multibase, jwk = method.get("publicKeyMultibase"), method.get("publicKeyJwk")
    try:
        if isinstance(multibase, str):
            key = KeyPair.from_public_multibase(multibase)
        elif isinstance(jwk, dict):
            if "d" in jwk:
                msg = f"{vm_id}: publicKeyJwk holds private key material ('d'); refused"
                raise ResolutionError(msg)
            key = KeyPair.from_jwk(jwk)
        else:
            msg = f"{vm_id}: verification method has no publicKeyMultibase or publicKeyJwk"
            raise ResolutionError(msg)
    except ResolutionError:
        raise
    except KeyMaterialError as e:
        msg = f"{vm_id}: {e}"
        raise ResolutionError(msg) from None
    if vm_type == "Ed25519VerificationKey2020" and key.kind != "ed25519":
        msg = f"{vm_id}: an Ed25519VerificationKey2020 must hold an Ed25519 key"
        raise ResolutionError(msg)
    return key, str(vm_type)


def _absolute(base: str, ref: str) -> str:
    """Resolve a method id against its document id (``#key-1`` works for DIDs too)."""
    if ref.startswith("#"):
        return base.partition("#")[0] + ref
    return urljoin(base, ref) if base.startswith(("https://", "http://")) else ref


def _entries(document: dict[str, Any], relationship: str) -> list[Any]:
    value = document.get(relationship, [])
    return value if isinstance(value, list) else [value]


def _find_method(
    document: dict[str, Any], vm_id: str, base: str, relationships: tuple[str, ...]
) -> dict[str, Any] | None:
    """Find the verification method object ``vm_id`` in a (controller) document.

    Ids may be relative (``#key-1``) to ``base``; string references are followed to an object
    in ``verificationMethod``.
    """
    objects = [
        entry
        for name in ("verificationMethod", *relationships)
        for entry in _entries(document, name)
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    ]
    for entry in objects:
        if _absolute(base, entry["id"]) == vm_id:
            return entry
    return None


def _listed(document: dict[str, Any], vm_id: str, base: str, relationship: str) -> bool:
    """Whether ``vm_id`` is listed (by reference or embedded) under ``relationship``."""
    for entry in _entries(document, relationship):
        ref = entry.get("id") if isinstance(entry, dict) else entry
        if isinstance(ref, str) and _absolute(base, ref) == vm_id:
            return True
    return False


def _origin(url: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an HTTP(S) URL (default port filled in), else ``None``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        return None
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        return None
    return scheme, (parts.hostname or ""), port


class Resolver:
    """Resolves verification method ids to public keys.

    >>> Resolver().resolve("did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    ...                    "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi").type
    'Multikey'

    :param online: allow fetching did:web and HTTP(S) documents (off by default).
    :param fetcher: the bounded fetcher to use online (default: :class:`~badgekit.net.Fetcher`).
    :param fragment_keys: accept ``<controller>#<publicKeyMultibase>`` without fetching
        anything, as the 1EdTech validator does.  Such a key is only bound to the controller
        by the URL; set ``False`` (with ``online=True``) to require the published document.
    :param trusted: public keys the caller vouches for (the issuer checking its own badges
        before its site is up): a ``<controller>#<publicKeyMultibase>`` method naming one of
        them resolves as ``trusted``, bound to its controller without a fetch.
    """

    def __init__(
        self,
        *,
        online: bool = False,
        fetcher: Fetcher | None = None,
        fragment_keys: bool = True,
        trusted: tuple[KeyPair, ...] = (),
    ) -> None:
        self.online = online
        self.fetcher = fetcher if fetcher is not None else Fetcher()
        self.fragment_keys = fragment_keys
        self._trusted = frozenset(k.fingerprint for k in trusted)  # RFC 7638 thumbprints
        self._cache: dict[str, ResolvedKey] = {}
        self._documents: dict[str, dict[str, Any]] = {}  # fetched JWK Sets, by URL

    def __repr__(self) -> str:
        return f"Resolver(online={self.online}, fragment_keys={self.fragment_keys})"

    def resolve(self, vm_id: str) -> ResolvedKey:
        """Find the public key and controller of the verification method ``vm_id``.

        :raises ResolutionError: malformed id, unknown method, a network lookup that is off
            or failed, a document whose id does not match, or an unusable key.
        """
        if not isinstance(vm_id, str) or not vm_id.strip():
            msg = f"verification method id must be a non-empty string, not {vm_id!r:.40}"
            raise ResolutionError(msg)
        cached = self._cache.get(vm_id)
        if cached is None:
            cached = self._resolve(vm_id)
            self._cache[vm_id] = cached
        return cached

    def check_controller(self, resolved: ResolvedKey, issuer_id: str) -> None:
        """Same as :func:`check_controller`."""
        check_controller(resolved, issuer_id)

    def _vouched(self, key: KeyPair) -> bool:
        return key.fingerprint in self._trusted

    # --- the cases --- #

    def _resolve(self, vm_id: str) -> ResolvedKey:
        if vm_id.startswith("did:key:"):
            return self._did_key(vm_id)
        if vm_id.startswith("did:jwk:"):
            return self._did_jwk(vm_id)
        key = _fragment_key(vm_id)
        if key is not None and (self.fragment_keys or self._vouched(key)):
            controller = vm_id.partition("#")[0]
            source: Source = "trusted" if self._vouched(key) else "fragment"
            return ResolvedKey(key.public(), vm_id, controller, "Multikey", source)
        if vm_id.startswith("did:web:"):
            self._need_online(vm_id)
            return self._did_web(vm_id)
        if vm_id.startswith(("https://", "http://")):
            self._need_online(vm_id)
            return self._http(vm_id)
        if vm_id.startswith("did:"):
            method = vm_id.split(":", 2)[1]
            msg = (
                f"{vm_id}: DID method did:{method} is not supported "
                "(did:key, did:jwk and did:web are)"
            )
            raise ResolutionError(msg)
        msg = f"{vm_id}: not a DID or an HTTP(S) URL"
        raise ResolutionError(msg)

    def _need_online(self, vm_id: str) -> None:
        if not self.online:
            msg = f"{vm_id}: resolving this key needs the network, but {_ONLINE_HINT}"
            raise ResolutionError(msg)

    def _did_key(self, vm_id: str) -> ResolvedKey:
        did, sep, fragment = vm_id.partition("#")
        key = did_key_public(did)
        if sep and fragment != did[len("did:key:") :]:
            msg = f"{vm_id}: a did:key has one verification method, #{did[len('did:key:') :]}"
            raise ResolutionError(msg)
        return ResolvedKey(key, key.did_key_vm, did, "Multikey", "did:key")

    def _did_jwk(self, vm_id: str) -> ResolvedKey:
        """did:jwk: the key is the DID, its one method ``#0``, its controller the DID."""
        did, sep, fragment = vm_id.partition("#")
        if sep and fragment != DID_JWK_FRAGMENT:
            msg = f"{vm_id:.90}: a did:jwk has one verification method, #{DID_JWK_FRAGMENT}"
            raise ResolutionError(msg)
        key = did_jwk_public(did)
        return ResolvedKey(key, did_jwk_vm(did), did, "JsonWebKey2020", "did:jwk")

    def _fetch(self, url: str, vm_id: str, accept: str) -> dict[str, Any]:
        try:
            document = self.fetcher.fetch_json(url, accept=accept)
        except NetworkError as e:
            msg = f"cannot resolve {vm_id}: {e}"
            raise ResolutionError(msg) from None
        if not isinstance(document, dict):
            msg = f"{url}: the document is not a JSON object"
            raise ResolutionError(msg)
        return document

    def _did_web(self, vm_id: str) -> ResolvedKey:
        did, sep, _ = vm_id.partition("#")
        if not sep:
            msg = f"{vm_id}: give the verification method id (<did>#<fragment>), not the DID"
            raise ResolutionError(msg)
        url = did_web_to_url(did)
        document = self._fetch(url, vm_id, _DID_ACCEPT)
        # [DIDWEB] §Read: the fetched document must be the document of this DID.
        if document.get("id") != did:
            msg = f"{url}: document id {document.get('id')!r:.80} does not match {did}"
            raise ResolutionError(msg)
        method = _find_method(document, vm_id, did, ("assertionMethod",))
        if method is None:
            msg = f"{vm_id}: not found in the DID document at {url}"
            raise ResolutionError(msg)
        # A DID document key may sign credentials only under assertionMethod (DID Core §5.3).
        if not _listed(document, vm_id, did, "assertionMethod"):
            msg = f"{vm_id}: the DID document does not list it under assertionMethod"
            raise ResolutionError(msg)
        key, vm_type = _key_from_method(method, vm_id)
        controller = method.get("controller", did)
        if controller != did:
            msg = f"{vm_id}: controller {controller!r:.80} is not the DID {did}"
            raise ResolutionError(msg)
        return ResolvedKey(key, vm_id, did, vm_type, "document")

    def _http(self, vm_id: str) -> ResolvedKey:
        url = vm_id.partition("#")[0]
        document = self._documents.get(url) or self._fetch(url, vm_id, _VM_ACCEPT)
        if jwks.is_jwk(document) or jwks.is_jwk_set(document):
            return self._published_jwk(vm_id, url, document)
        if document.get("id") == vm_id and (
            "publicKeyMultibase" in document or "publicKeyJwk" in document
        ):
            method: dict[str, Any] | None = document  # the document is the method itself
        else:
            doc_id = document.get("id", url)
            if doc_id != url:
                msg = f"{url}: document id {doc_id!r:.80} does not match its URL"
                raise ResolutionError(msg)
            method = _find_method(document, vm_id, url, ("assertionMethod",))
        if method is None:
            msg = f"{vm_id}: verification method not found in the document at {url}"
            raise ResolutionError(msg)
        key, vm_type = _key_from_method(method, vm_id)
        default = None if method is document else document.get("id", url)
        controller = method.get("controller", default)
        if not isinstance(controller, str) or not controller:
            msg = f"{vm_id}: verification method names no controller"
            raise ResolutionError(msg)
        if _origin(controller) != _origin(url):
            # Anyone can publish a key claiming any controller: off the controller's own
            # host, the controller's document must list the key ([CID] §3).
            self._check_listed_by(controller, vm_id)
        return ResolvedKey(key, vm_id, controller, vm_type, "document")

    def _check_listed_by(self, controller: str, vm_id: str) -> None:
        """A method published outside its controller's document counts only if the
        controller's document lists it under ``assertionMethod`` ([CID] §3)."""
        if controller.startswith("did:web:"):
            url, base = did_web_to_url(controller), controller
        elif controller.startswith(("https://", "http://")):
            url = base = controller.partition("#")[0]
        else:
            msg = f"{vm_id}: controller {controller} cannot list an external key"
            raise ResolutionError(msg)
        document = self._fetch(url, vm_id, _DID_ACCEPT)
        if document.get("id", base) != base or not _listed(
            document, vm_id, base, "assertionMethod"
        ):
            msg = f"{vm_id}: its controller {controller} does not list it under assertionMethod"
            raise ResolutionError(msg)

    # --- JWKs (VC-JWT, ob3-spec.md §3.1) --- #

    def _published_jwk(self, vm_id: str, url: str, document: dict[str, Any]) -> ResolvedKey:
        """A ``kid`` URL that dereferences to a bare JWK, or to a JWK Set in which the URL's
        fragment (or the whole URL) is a member's ``kid``, or the fragment is its RFC 7638
        thumbprint.  The controller is the JWK's ``iss``; without one, only the origin the
        key was fetched from (``origin_bound``, see :func:`controls`)."""
        if jwks.is_jwk_set(document):
            self._documents[url] = document
        key, iss = jwks.kid_document_key(vm_id, document)
        if iss is not None:
            return ResolvedKey(key, vm_id, iss, "JsonWebKey")
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2].lower()}"
        return ResolvedKey(key, vm_id, origin, "JsonWebKey", origin_bound=True)

    def issuer_jwk(
        self, issuer_id: str | None, *, kid: str | None = None, jwk: dict[str, Any] | None = None
    ) -> ResolvedKey:
        """Find a VC-JWT key in the issuer's JWK Set, ``https://{authority of issuer id}`` +
        ``/.well-known/jwks.json`` (ob3-spec.md §3.1): the member whose ``kid`` is ``kid``
        (a kid that is not a URL) or else, for a ``jwk`` header, the member with the same RFC
        7638 thumbprint.  The set is fetched once per resolver.  Its keys are controlled by
        the issuer, unless the chosen JWK carries an ``iss`` naming someone else (then that
        ``iss`` is the controller, and the controller check fails).

        :returns: the key; its ``id`` is ``<JWK Set URL>#<kid or thumbprint>``.
        :raises ResolutionError: not an ``https://`` issuer, offline, the set cannot be
            fetched or holds private/symmetric keys, or no single member matches.
        """
        url = jwks.jwks_url(issuer_id) if isinstance(issuer_id, str) else None
        thumb = jwks.thumbprint(jwk) if jwk is not None and kid is None else None
        what = f"kid {kid!r}" if kid is not None else "the jwk header's key"
        if url is None or issuer_id is None:
            msg = (
                f"{what} is looked up in the issuer's {jwks.JWKS_PATH}, which only an https:// "
                f"issuer id has (issuer {issuer_id!r:.80})"
            )
            raise ResolutionError(msg)
        if kid is None and thumb is None:
            msg = "the jwk header is not an RSA, EC P-256/P-384 or Ed25519 public key"
            raise ResolutionError(msg)
        vm_id = f"{url}#{kid if kid is not None else thumb}"
        self._need_online(vm_id)
        document = self._documents.get(url) or self._fetch(url, vm_id, jwks.JWKS_ACCEPT)
        members = jwks.set_members(document, url)
        self._documents[url] = document
        kids = (kid,) if kid is not None else ()
        chosen = jwks.select(members, url, kids=kids, thumb=thumb)
        key = jwks.jwk_key(chosen, vm_id)
        controller = jwks.jwk_iss(chosen, vm_id) or issuer_id
        return ResolvedKey(key.public(), vm_id, controller, "JsonWebKey")
