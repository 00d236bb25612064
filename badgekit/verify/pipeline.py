"""``verify``: run every check on a badge and gather a report (not public API; the function is
re-exported by :mod:`badgekit`).

Order (ob3-spec.md §4, as the 1EdTech validator runs it): container → format → schema →
jsonld → proof → issuer binding → dates → status → recipient.  A check that cannot run because
an earlier one failed is *skipped*, never passed; dates, status and recipient are trusted only
from a credential whose proof passed.  Time, keys, network and status are injected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..credential.parse import detect_version, parse_credential, summarize
from ..errors import BadgekitError
from ..jsonld.loader import default_loader
from ..keys.resolver import Resolver
from ..net import Fetcher
from ..proofs.api import verify_proof
from ..status.check import StatusChecker
from .checks import (
    check_format,
    check_jsonld,
    check_proof,
    check_recipient,
    check_schema,
    short_id,
    status_check,
)
from .dates import check_dates
from .ob2 import OFFLINE, check_ob2_proof, check_ob2_structure
from .report import CHECK_IDS, CheckResult, CheckStatus, VerificationReport
from .source import Source, load_source

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from ..jsonld.loader import StaticLoader

__all__ = ["Verifier", "verify"]

_VERSION_LABEL = {"3.0-vcdm2": "3.0", "3.0-vcdm1.1": "3.0 (VCDM 1.1)", "2.0": "2.0"}


def _jsonable(value: Any) -> Any:
    """Tuples (which ``dataclasses.asdict`` keeps) as lists, so ``to_json`` is plain JSON."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _skip(check_id: str, why: str) -> CheckResult:
    return CheckResult(check_id, CheckStatus.SKIPPED, "skipped", f"not checked: {why}")


@dataclass
class Verifier:
    """Verifies many badges with shared settings and caches (resolved keys, status lists).

    >>> v = Verifier(online=False, now=datetime(2026, 1, 1, tzinfo=UTC))   # doctest: +SKIP
    >>> [v.verify(p).verdict for p in paths]                               # doctest: +SKIP

    :param now: the time to check dates against (default: the current UTC time per call).
    :param online: allow network lookups (did:web, HTTPS keys, status lists, OB 2.0 hosts).
    :param recipient: an email, DID or URL the badge must have been issued to.
    :param status_file: a local status list file or directory (see ``badgekit.status``).
    :param fetcher: the bounded fetcher for online lookups.
    :param resolver: resolves verification methods (default built from ``online``).
    :param allowed_suites: proof suites to accept (default: all known).
    :param loader: JSON-LD document loader (default: bundled contexts only).
    :raises FileAccessError: ``status_file`` cannot be read.
    :raises StatusListError: ``status_file`` is malformed.
    """

    now: datetime | None = None
    online: bool = False
    recipient: str | None = None
    status_file: str | os.PathLike[str] | None = None
    fetcher: Fetcher | None = None
    resolver: Resolver | None = None
    allowed_suites: Iterable[str] | None = None
    loader: StaticLoader | None = None
    _status: StatusChecker | None = field(default=None, init=False, repr=False)
    #: the moment the badge being verified is checked against (``now``, or the call's time)
    _when: datetime = field(default_factory=lambda: datetime.now(UTC), init=False, repr=False)

    def __post_init__(self) -> None:
        if self.online and self.fetcher is None:
            self.fetcher = Fetcher()
        if self.resolver is None:
            # Online, an issuer-URL key must be confirmed by the issuer's published document.
            self.resolver = Resolver(
                online=self.online, fetcher=self.fetcher, fragment_keys=not self.online
            )
        self.loader = self.loader or default_loader()
        if self.status_file is not None:
            # A bad --status-file is the caller's mistake, not the badge's: say so up front.
            self._status_checker()

    def _status_checker(self) -> StatusChecker:
        if self._status is None:
            self._status = StatusChecker(
                online=self.online,
                fetcher=self.fetcher,
                status_file=self.status_file,
                verify_proof=self._list_proof,
            )
        return self._status

    def _list_proof(self, credential: dict[str, Any]) -> Any:
        return verify_proof(credential, resolver=self.resolver, loader=self.loader, now=self._when)

    def verify(self, source: bytes | str | os.PathLike[str] | dict[str, Any]) -> VerificationReport:
        """Verify one badge: a file path, image/JSON/JWS bytes, or a credential dict.

        Never raises because the badge is bad; see :class:`VerificationReport`.
        """
        self._when = self.now or datetime.now(UTC)
        loaded = load_source(source)
        checks = [loaded.check]
        if loaded.payload is None:
            return self._report(loaded, None, checks, None)
        credential, jws, fail = self._credential(loaded)
        if credential is None:
            checks.append(fail or _skip("format", "no credential"))
            return self._report(loaded, None, checks, None)
        version = detect_version(credential)
        checks.append(check_format(credential, version))
        if checks[-1].status is CheckStatus.FAILED:
            return self._report(loaded, version, checks, credential)
        if version == "2.0":
            checks += self._ob2(credential, jws)
        else:
            checks += self._ob3(credential, jws)
        return self._report(loaded, version, checks, credential)

    def _credential(
        self, loaded: Source
    ) -> tuple[dict[str, Any] | None, str | None, CheckResult | None]:
        payload = loaded.payload
        if isinstance(payload, dict):
            return payload, None, None
        assert payload is not None
        if loaded.kind == "url":
            if self.fetcher is None:
                where = payload.strip()
                msg = f"the badge is only a link to {where}, which was not opened ({OFFLINE})"
                return None, None, CheckResult("format", CheckStatus.SKIPPED, "offline", msg)
            try:
                fetched = self.fetcher.fetch_json(payload.strip())
            except BadgekitError as e:
                return None, None, CheckResult("format", CheckStatus.FAILED, e.code, str(e))
            payload = fetched if isinstance(fetched, dict) else {}
        try:
            credential = parse_credential(payload)
        except BadgekitError as e:
            return None, None, CheckResult("format", CheckStatus.FAILED, "bad_json", str(e))
        jws = payload.strip() if isinstance(payload, str) and loaded.kind == "jws" else None
        return credential, jws, None

    def _ob3(self, credential: dict[str, Any], jws: str | None) -> list[CheckResult]:
        assert self.loader is not None
        assert self.resolver is not None
        checks = [check_schema(credential), check_jsonld(credential, self.loader)]
        why = "the signature was not confirmed, so nothing else in the badge can be trusted"
        if checks[-1].status is CheckStatus.FAILED:
            # What a signature covers is the credential's JSON-LD meaning: with undefined
            # terms or unknown contexts it covers less than the JSON shows (ob3-spec.md §7).
            msg = "not checked: the credential's JSON-LD is not safe to process (see jsonld)"
            checks.append(CheckResult("proof", CheckStatus.SKIPPED, "jsonld_failed", msg))
            checks.append(_skip("issuer_binding", "no signing key was confirmed"))
            return checks + [_skip(c, why) for c in ("dates", "status", "recipient")]
        result = verify_proof(
            jws or credential,
            resolver=self.resolver,
            now=self._when,
            allowed_suites=self.allowed_suites,
            loader=self.loader,
        )
        proof, binding = check_proof(result)
        proof = self._offline_key(proof, result.verification_method)
        checks += [proof, self._binding(binding, result.verification_method, credential)]
        if proof.status is not CheckStatus.PASSED or binding.status is CheckStatus.FAILED:
            return checks + [_skip(c, why) for c in ("dates", "status", "recipient")]
        checks.append(check_dates(credential, detect_version(credential), self._when))
        checks.append(status_check(self._status_checker().check(credential, now=self._when)))
        checks.append(self._recipient(credential.get("credentialSubject")))
        return checks

    def _offline_key(self, proof: CheckResult, vm: str | None) -> CheckResult:
        """Offline, a key that only the issuer's website (did:web, an HTTPS key document) can
        give was not looked at: the badge is unverified, not shown to be bad."""
        if (
            self.online
            or proof.code != "resolution_failed"
            or not vm
            or not vm.startswith(("did:web:", "https://", "http://"))
        ):
            return proof
        where = short_id(vm.partition("#")[0])
        msg = f"the issuer's key is published at {where}, which was not opened ({OFFLINE})"
        return CheckResult("proof", CheckStatus.SKIPPED, "offline", msg, proof.details)

    def _binding(
        self, binding: CheckResult, vm: str | None, credential: dict[str, Any]
    ) -> CheckResult:
        """Warn when an HTTPS issuer's key is bound only by its URL (ob3-spec.md §3.3)."""
        assert self.resolver is not None
        if binding.status is not CheckStatus.PASSED or not vm:
            return binding
        try:
            source = self.resolver.resolve(vm).source
        except BadgekitError:
            return binding
        if source != "fragment":
            return binding
        msg = (
            "the key is named in the issuer's web address but was not confirmed with the "
            "issuer's published keys (run with --online to confirm)"
        )
        return CheckResult(
            "issuer_binding", CheckStatus.WARNING, "unconfirmed", msg, binding.details
        )

    def _ob2(self, assertion: dict[str, Any], jws: str | None) -> list[CheckResult]:
        checks = [
            check_ob2_structure(assertion),
            _skip("jsonld", "only Open Badges 3.0 credentials are checked in JSON-LD safe mode"),
        ]
        proof, binding = check_ob2_proof(assertion, jws, fetcher=self.fetcher)
        checks += [proof, binding]
        if proof.status is not CheckStatus.PASSED or binding.status is CheckStatus.FAILED:
            if CheckStatus.FAILED in (proof.status, binding.status):
                why = "the signature was not confirmed, so nothing else in the badge can be trusted"
                return checks + [_skip(c, why) for c in ("dates", "status", "recipient")]
            # Offline: the dates and recipient can still be told, as information.
        checks.append(check_dates(assertion, "2.0", self._when))
        if self.fetcher is None:
            why = f"only the issuer's website can tell if an OB 2.0 badge was revoked ({OFFLINE})"
            checks.append(_skip("status", why))
        else:  # a hosted assertion that is still served is not revoked
            msg = "the issuer's server still serves this assertion"
            checks.append(CheckResult("status", CheckStatus.PASSED, "ok", msg))
        checks.append(self._recipient(assertion.get("recipient")))
        return checks

    def _recipient(self, subject: Any) -> CheckResult:
        if self.recipient is None:
            return _skip("recipient", "no recipient was given to compare with (--recipient)")
        return check_recipient(subject, self.recipient)

    def _report(
        self,
        loaded: Source,
        version: str | None,
        checks: list[CheckResult],
        credential: dict[str, Any] | None,
    ) -> VerificationReport:
        done = {c.id for c in checks}
        failed = any(c.status is CheckStatus.FAILED for c in checks)
        why = "an earlier check failed" if failed else "an earlier check could not run"
        checks += [_skip(c, why) for c in CHECK_IDS if c not in done]
        order = {c: i for i, c in enumerate(CHECK_IDS)}
        checks.sort(key=lambda c: order[c.id])
        summary = None
        if credential is not None:
            try:
                summary = _jsonable(summarize(credential).to_dict())
            except BadgekitError:
                summary = None
        label = _VERSION_LABEL.get(version or "")
        if label is None and loaded.check.details.get("carrier_version") in ("2.0", "3.0"):
            label = loaded.check.details["carrier_version"]  # what the image carrier says
        return VerificationReport(loaded.name, label, tuple(checks), summary, credential)


def verify(
    source: bytes | str | os.PathLike[str] | dict[str, Any],
    *,
    now: datetime | None = None,
    online: bool = False,
    recipient: str | None = None,
    status_file: str | os.PathLike[str] | None = None,
    fetcher: Fetcher | None = None,
    resolver: Resolver | None = None,
    allowed_suites: Iterable[str] | None = None,
    loader: StaticLoader | None = None,
) -> VerificationReport:
    """Verify a badge: a baked PNG or SVG, credential JSON, a compact JWS, or a dict.

    Offline by default: did:key and issuer-URL keys resolve locally; did:web, HTTPS keys,
    status lists and OB 2.0 hosted assertions are looked up only with ``online=True``.

    >>> report = badgekit.verify("badge.png", now=datetime(2026, 1, 1, tzinfo=UTC))
    >>> report.verified, report.verdict.value
    (True, 'VALID')

    :param source: a file path, bytes, or a parsed credential.
    :param now: the time to check validity against (default: now, UTC).
    :param online: allow network lookups (bounded; private addresses refused).
    :param recipient: an email, DID or URL the badge must name (hashed emails are compared).
    :param status_file: a local status list (or directory of them) to check revocation.
    :param fetcher: a configured :class:`~badgekit.net.Fetcher` for online lookups.
    :param resolver: a :class:`~badgekit.keys.Resolver` (default built from ``online``).
    :param allowed_suites: proof suites to accept (default: all known).
    :param loader: JSON-LD document loader (default: bundled contexts only).
    :returns: a :class:`VerificationReport`; it never raises because a badge is bad.
    """
    verifier = Verifier(
        now=now,
        online=online,
        recipient=recipient,
        status_file=status_file,
        fetcher=fetcher,
        resolver=resolver,
        allowed_suites=allowed_suites,
        loader=loader,
    )
    return verifier.verify(source)
