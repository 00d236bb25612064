"""``verify``: load a badge, run its kind's step list and gather a report (not public API;
the function is re-exported by :mod:`badgekit`).

The checks and their order are declared in :mod:`badgekit.verify.steps`; this module reads the
file, parses the credential, picks the step list of its kind (an OB 3.0 badge, an endorsement,
a CLR 2.0 record, an OB 2.0 assertion) and verifies what it carries (endorsements, a CLR's
credentials) with the same lists, bounded by :mod:`badgekit.verify.nested`.  Time, keys,
network and status are injected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..credential.parse import credential_kind, detect_version, parse_credential, summarize
from ..errors import BadgekitError
from ..jsonld.loader import default_loader
from ..keys.resolver import Resolver
from ..net import Fetcher
from ..proofs.api import verify_proof
from ..status.check import StatusChecker
from . import nested
from .ob2 import OFFLINE
from .report import CheckResult, CheckStatus, VerificationReport
from .source import Source, load_source
from .steps import STEPS, Run, run_steps

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
    #: nested credentials the file being verified may still have checked (nested.py)
    _budget: int = field(default=nested.MAX_CREDENTIALS, init=False, repr=False)

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

    # --- the Environment the steps see (badgekit.verify.steps) --- #

    @property
    def when(self) -> datetime:
        """The moment the badge being verified is checked against."""
        return self._when

    @property
    def keys(self) -> Resolver:
        """The verification-method resolver."""
        assert self.resolver is not None
        return self.resolver

    @property
    def contexts(self) -> StaticLoader:
        """The JSON-LD document loader."""
        assert self.loader is not None
        return self.loader

    @property
    def network(self) -> Fetcher | None:
        """The fetcher, or ``None`` offline."""
        return self.fetcher

    def status(self) -> StatusChecker:
        """The status-list checker (made once, cached lists kept)."""
        return self._status_checker()

    def verify(self, source: bytes | str | os.PathLike[str] | dict[str, Any]) -> VerificationReport:
        """Verify one badge: a file path, image/JSON/JWS bytes, or a credential dict.

        Never raises because the badge is bad; see :class:`VerificationReport`.
        """
        self._when = self.now or datetime.now(UTC)
        self._budget = nested.MAX_CREDENTIALS
        loaded = load_source(source)
        if loaded.payload is None:
            return self._report(loaded.name, None, [loaded.check], None, loaded)
        credential, jws, fail = self._credential(loaded)
        if credential is None:
            checks = [loaded.check, fail or _skip("format", "no credential")]
            return self._report(loaded.name, None, checks, None, loaded)
        return self._check(credential, jws, loaded.name, loaded.check, loaded=loaded)

    def _check(
        self,
        credential: dict[str, Any],
        jws: str | None,
        name: str,
        container: CheckResult,
        *,
        loaded: Source | None = None,
        role: str | None = None,
        endorses: str | None = None,
        ancestors: tuple[str, ...] = (),
    ) -> VerificationReport:
        """Run the step list of ``credential``'s kind and report."""
        kind = credential_kind(credential)
        version = detect_version(credential)
        run = Run(self, credential, version, kind, jws, endorses, ancestors)
        checks = [container, *run_steps(STEPS.get(kind, STEPS["badge"]), run)]
        report = self._report(name, version, checks, credential, loaded, kind)
        return report.replace(role=role, nested=tuple(run.nested))

    def carried(self, run: Run, what: str) -> CheckResult | None:
        """Verify the endorsements or CLR credentials ``run``'s credential carries (bounded,
        loops not followed); their reports go to ``run.nested``."""
        items = nested.carried_items(run.credential, what)
        if not items:
            return None
        own = run.credential.get("id")
        ancestors = (*run.ancestors, own if isinstance(own, str) else "")
        refused = None
        if len(ancestors) >= nested.MAX_DEPTH:
            refused = (
                f"nested deeper than {nested.MAX_DEPTH} levels, which badgekit does not follow"
            )
            items = []
        elif len(items) > self._budget:
            refused = (
                f"{len(items)} credentials are nested here; badgekit checks at most "
                f"{nested.MAX_CREDENTIALS} in one file"
            )
            items = items[: self._budget] if what == "endorsements" else []
        self._budget -= len(items)
        role = "endorsement" if what == "endorsements" else "credential"
        reports = []
        for index, item in enumerate(items, 1):
            name = f"{role} {index} ({item.where})"
            reports.append(self._nested(item, name, role, ancestors))
        run.nested.extend(reports)
        return nested.summarize_carried(what, reports, refused)

    def _nested(
        self, item: nested.Carried, name: str, role: str, ancestors: tuple[str, ...]
    ) -> VerificationReport:
        where = "JSON" if isinstance(item.payload, dict) else "JWS"
        msg = f"{'an' if role == 'endorsement' else 'a'} {role} carried as {where}"
        container = CheckResult("container", CheckStatus.PASSED, "nested", msg)
        jws = item.payload if isinstance(item.payload, str) else None
        try:
            credential = parse_credential(item.payload)
        except BadgekitError as e:
            failed = CheckResult("format", CheckStatus.FAILED, "bad_json", str(e))
            return self._report(name, None, [container, failed], None).replace(role=role)
        ident = credential.get("id")
        if isinstance(ident, str) and ident in ancestors:
            loop = CheckResult(
                "container", CheckStatus.FAILED, "loop", nested.loop_message(item.where, ident)
            )
            return self._report(name, None, [loop], credential).replace(role=role)
        return self._check(
            credential,
            jws.strip() if jws else None,
            name,
            container,
            role=role,
            endorses=item.target,
            ancestors=ancestors,
        )

    def _credential(
        self, loaded: Source
    ) -> tuple[dict[str, Any] | None, str | None, CheckResult | None]:
        payload = loaded.payload
        assert payload is not None
        if isinstance(payload, str) and loaded.kind == "url":
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

    def _report(
        self,
        name: str,
        version: str | None,
        checks: list[CheckResult],
        credential: dict[str, Any] | None,
        loaded: Source | None = None,
        kind: str = "badge",
    ) -> VerificationReport:
        # Every row of the kind's list, in its order: unreached ones say why they did not run.
        steps = STEPS.get(kind, STEPS["badge"])
        order = {c: i for i, c in enumerate(["container", *(s.id for s in steps)])}
        done = {c.id for c in checks}
        failed = any(c.status is CheckStatus.FAILED for c in checks)
        why = "an earlier check failed" if failed else "an earlier check could not run"
        wanted = [s.id for s in steps if not s.optional]
        checks = checks + [_skip(c, why) for c in wanted if c not in done]
        checks.sort(key=lambda c: order.get(c.id, len(order)))
        summary = None
        if credential is not None:
            try:
                summary = _jsonable(summarize(credential).to_dict())
            except BadgekitError:
                summary = None
        label = _VERSION_LABEL.get(version or "")
        if kind == "clr":
            label = "CLR 2.0"
        carrier = loaded.check.details.get("carrier_version") if loaded else None
        if label is None and carrier in ("2.0", "3.0"):
            label = carrier  # what the image carrier says
        return VerificationReport(
            name, label, tuple(checks), summary, credential, kind=kind if credential else None
        )


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
