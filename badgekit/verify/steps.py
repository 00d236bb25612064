"""The checks as declared steps: what each needs, and the step list of each kind of credential
(not public API).

A :class:`Step` names the check it yields, the checks it *needs* (passed, or passed with a
warning) and those it must come *after* (not failed).  :func:`run_steps` runs a list in
order and skips a step whose needs are unmet, saying why; it knows nothing of any one check.
An OB 3.0 badge, an EndorsementCredential, a CLR 2.0 ClrCredential and an OB 2.0 assertion
each have a list (:data:`STEPS`), and a credential nested in another (an endorsement, a CLR's
achievements) runs the same list as it would on its own.

Order (ob3-spec.md §4, as the 1EdTech validator runs it): format → schema → jsonld → proof →
issuer binding → dates → status → recipient, then what the credential carries (endorsements,
a CLR's credentials).  Dates, status, the recipient and anything carried are trusted only from
a credential whose proof passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import BadgekitError
from ..proofs.api import combine, verify_proofs
from .checks import (
    check_endorses,
    check_format,
    check_jsonld,
    check_recipient,
    check_schema,
    status_check,
)
from .dates import check_dates
from .ob2 import OFFLINE, check_ob2_proof, check_ob2_structure
from .proof import check_proof, offline_key, unconfirmed_binding
from .report import CheckResult, CheckStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from ..credential.parse import CredentialKind
    from ..jsonld.loader import StaticLoader
    from ..keys.resolver import Resolver
    from ..net import Fetcher
    from ..proofs.base import ProofResult
    from ..status.check import StatusChecker

__all__ = ["STEPS", "Environment", "Run", "Step", "run_steps"]

_OK = (CheckStatus.PASSED, CheckStatus.WARNING)


class Environment(Protocol):
    """What steps may use beyond the credential: the verifier's settings and services."""

    online: bool
    recipient: str | None
    allowed_suites: Iterable[str] | None

    @property
    def when(self) -> datetime:
        """The moment dates are checked against."""
        ...

    @property
    def keys(self) -> Resolver:
        """The verification-method resolver."""
        ...

    @property
    def contexts(self) -> StaticLoader:
        """The JSON-LD document loader."""
        ...

    @property
    def network(self) -> Fetcher | None:
        """The fetcher, or ``None`` offline."""
        ...

    def status(self) -> StatusChecker:
        """The (cached) status-list checker."""
        ...

    def carried(self, run: Run, what: str) -> CheckResult | None:
        """Verify what ``run``'s credential carries (``endorsements``, or a CLR's
        ``credentials``), add their reports to ``run.nested``, and sum them up in one check
        (``None`` when it carries none)."""
        ...


@dataclass
class Run:
    """One credential going through its steps: what it is and what the steps found so far.

    :ivar endorses: for an endorsement, the id of what it is attached to.
    :ivar ancestors: ids of the credentials this one is nested in (outermost first).
    """

    env: Environment
    credential: dict[str, Any]
    version: str
    kind: CredentialKind
    jws: str | None = None
    endorses: str | None = None
    ancestors: tuple[str, ...] = ()
    results: dict[str, CheckResult] = field(default_factory=dict)
    proofs: tuple[ProofResult, ...] = ()
    binding: CheckResult | None = None
    nested: list[Any] = field(default_factory=list)  # VerificationReport, from carried()


@dataclass(frozen=True)
class Step:
    """One check in a step list.

    :ivar id: the check id it yields.
    :ivar check: computes the result from the run.
    :ivar needs: checks that must have passed (or warned) for it to run.
    :ivar after: checks that must not have failed for it to run.
    :ivar why: why it is skipped when a need is unmet (default: an earlier check failed).
    :ivar code: the skipped result's code.
    :ivar optional: the step may yield nothing (``check`` returns ``None``): no row at all.
    :ivar gate: when this step fails, every later step is skipped (the credential is not
        what the list is for).
    """

    id: str
    check: Callable[[Run], CheckResult | None]
    needs: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    why: str | None = None
    code: str = "skipped"
    optional: bool = False
    gate: bool = False

    def unmet(self, results: dict[str, CheckResult]) -> list[str]:
        """The needs and afters that stop this step."""
        return [n for n in self.needs if n not in results or results[n].status not in _OK] + [
            a for a in self.after if a in results and results[a].status is CheckStatus.FAILED
        ]


def run_steps(steps: Iterable[Step], run: Run) -> list[CheckResult]:
    """Run ``steps`` in order over ``run``; every non-optional step yields one result.

    A step whose need was itself skipped for an unmet need (or that follows a failed gate)
    gets the plain reason, an earlier check failed / could not run, rather than its own
    ``why``, which is meant for a need that ran and did not pass.
    """
    out: list[CheckResult] = []
    plain: set[str] = set()  # skipped with the plain reason
    gate_failed = False
    for step in steps:
        unmet = ["gate"] if gate_failed else step.unmet(run.results)
        result: CheckResult | None
        if unmet and step.optional:
            continue
        if unmet and step.why and not set(unmet) & (plain | {"gate"}):
            result = CheckResult(
                step.id, CheckStatus.SKIPPED, step.code, f"not checked: {step.why}"
            )
        elif unmet:
            plain.add(step.id)
            result = _plain_skip(step.id, out)
        else:
            try:
                result = step.check(run)
            except BadgekitError as e:  # a check that cannot be made is failed, never a crash
                result = CheckResult(step.id, CheckStatus.FAILED, e.code, str(e))
            if result is None:
                continue
        gate_failed = gate_failed or (step.gate and result.status is CheckStatus.FAILED)
        run.results[step.id] = result
        out.append(result)
    return out


def _plain_skip(check_id: str, so_far: list[CheckResult]) -> CheckResult:
    failed = any(c.status is CheckStatus.FAILED for c in so_far)
    why = "an earlier check failed" if failed else "an earlier check could not run"
    return CheckResult(check_id, CheckStatus.SKIPPED, "skipped", f"not checked: {why}")


# --- the steps --- #

_UNTRUSTED = "the signature was not confirmed, so nothing else in the badge can be trusted"
_NO_KEY = "no signing key was confirmed"


def _format(run: Run) -> CheckResult:
    return check_format(run.credential, run.version, run.kind)


def _schema(run: Run) -> CheckResult:
    return check_schema(run.credential, run.kind)


def _jsonld(run: Run) -> CheckResult:
    return check_jsonld(run.credential, run.env.contexts)


def _proof(run: Run) -> CheckResult:
    env = run.env
    run.proofs = verify_proofs(
        run.jws or run.credential,
        resolver=env.keys,
        now=env.when,
        allowed_suites=env.allowed_suites,
        loader=env.contexts,
    )
    chosen = combine(run.proofs)
    proof, run.binding = check_proof(chosen, run.proofs)
    return offline_key(proof, chosen.verification_method, online=env.online)


def _binding(run: Run) -> CheckResult:
    assert run.binding is not None
    chosen = combine(run.proofs) if run.proofs else None
    vm = chosen.verification_method if chosen else None
    return unconfirmed_binding(run.binding, vm, run.env.keys)


def _dates(run: Run) -> CheckResult:
    return check_dates(run.credential, run.version, run.env.when)


def _status(run: Run) -> CheckResult:
    return status_check(run.env.status().check(run.credential, now=run.env.when))


def _recipient(run: Run) -> CheckResult:
    subject = run.credential.get("recipient" if run.kind == "ob2" else "credentialSubject")
    if run.env.recipient is None:
        why = "not checked: no recipient was given to compare with"
        return CheckResult("recipient", CheckStatus.SKIPPED, "skipped", why)
    return check_recipient(subject, run.env.recipient)


def _endorses(run: Run) -> CheckResult:
    return check_endorses(run.credential, run.endorses)


def _ob2_structure(run: Run) -> CheckResult:
    return check_ob2_structure(run.credential)


def _ob2_jsonld(_run: Run) -> CheckResult:
    why = "not checked: only Open Badges 3.0 credentials are checked in JSON-LD safe mode"
    return CheckResult("jsonld", CheckStatus.SKIPPED, "skipped", why)


def _ob2_proof(run: Run) -> CheckResult:
    proof, run.binding = check_ob2_proof(run.credential, run.jws, fetcher=run.env.network)
    return proof


def _ob2_binding(run: Run) -> CheckResult:
    assert run.binding is not None
    return run.binding


def _ob2_status(run: Run) -> CheckResult:
    if run.env.network is None:
        why = f"only the issuer's website can tell if an OB 2.0 badge was revoked ({OFFLINE})"
        return CheckResult("status", CheckStatus.SKIPPED, "skipped", f"not checked: {why}")
    # a hosted assertion that is still served is not revoked
    msg = "the issuer's server still serves this assertion"
    return CheckResult("status", CheckStatus.PASSED, "ok", msg)


FORMAT = Step("format", _format, gate=True)
SCHEMA = Step("schema", _schema)
JSONLD = Step("jsonld", _jsonld)
# What a signature covers is the credential's JSON-LD meaning: with undefined terms or unknown
# contexts it covers less than the JSON shows (ob3-spec.md §7).
PROOF = Step(
    "proof",
    _proof,
    needs=("jsonld",),
    why="the credential's JSON-LD is not safe to process (see jsonld)",
    code="jsonld_failed",
)
BINDING = Step("issuer_binding", _binding, needs=("proof",), why=_NO_KEY, code="no_key")


def _trusted(check_id: str, check: Callable[[Run], CheckResult | None]) -> Step:
    """A step that only a credential with a confirmed proof can answer."""
    return Step(check_id, check, needs=("proof",), after=("issuer_binding",), why=_UNTRUSTED)


def _carried(what: str) -> Step:
    """A row for what the credential carries, only when it carries some."""

    def check(run: Run) -> CheckResult | None:
        return run.env.carried(run, what)

    return Step(what, check, needs=("proof",), after=("issuer_binding",), optional=True)


def _ob2(check_id: str, check: Callable[[Run], CheckResult | None]) -> Step:
    # Offline an OB 2.0 proof is skipped, not failed: the dates and recipient are still told.
    return Step(check_id, check, after=("proof", "issuer_binding"), why=_UNTRUSTED)


DATES = _trusted("dates", _dates)
STATUS = _trusted("status", _status)
ENDORSEMENTS = _carried("endorsements")

#: The step list of each kind of credential, in report order.
STEPS: dict[str, tuple[Step, ...]] = {
    "badge": (
        *(FORMAT, SCHEMA, JSONLD, PROOF, BINDING, DATES, STATUS),
        *(_trusted("recipient", _recipient), ENDORSEMENTS),
    ),
    "clr": (
        *(FORMAT, SCHEMA, JSONLD, PROOF, BINDING, DATES, STATUS),
        *(_trusted("recipient", _recipient), _carried("credentials"), ENDORSEMENTS),
    ),
    "endorsement": (
        *(FORMAT, SCHEMA, JSONLD, PROOF, BINDING, DATES, STATUS),
        *(_trusted("endorses", _endorses), ENDORSEMENTS),
    ),
    "ob2": (
        FORMAT,
        Step("schema", _ob2_structure),
        Step("jsonld", _ob2_jsonld),
        Step("proof", _ob2_proof),
        Step("issuer_binding", _ob2_binding),
        _ob2("dates", _dates),
        _ob2("status", _ob2_status),
        _ob2("recipient", _recipient),
    ),
}
