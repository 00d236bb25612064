"""badgekit: design, issue, bake and verify Open Badges 3.0 credentials (and bake CLR 2.0).

This module is the whole public API (the facade).  Everything else is an implementation
detail whose module docstring says so.

>>> import badgekit
>>> baked = badgekit.bake(png_bytes, credential_json)     # doctest: +SKIP
>>> badgekit.unbake(baked).payload == credential_json     # doctest: +SKIP
True
"""

from __future__ import annotations

from . import errors
from .bake import MAX_PAYLOAD_BYTES, Carrier, ImageInfo, Unbaked, inspect, sniff, unbake
from .batch import (
    ArtworkSource,
    BatchCheck,
    BatchResult,
    BatchSummary,
    issue_batch,
    run_batch,
    verify_batch,
)
from .credential import (
    Achievement,
    CredentialSummary,
    build_credential,
    check_achievement,
    summarize,
    validate_schema,
)
from .deliver import MessageTemplate, SendSummary, SmtpSettings, send_batch
from .design import (
    ComposedBadge,
    DesignSpec,
    IconInfo,
    Palette,
    TemplateInfo,
    compose,
    contact_sheet,
    issuing_warnings,
    list_palettes,
    list_templates,
    render,
    render_sizes,
    search_icons,
)
from .endorse import endorse
from .errors import BadgekitError
from .issue import IssuedBadge, bake, issue_badge
from .jsonld import StaticLoader
from .keys import KeyPair, ResolvedKey, Resolver
from .portfolio import (
    Portfolio,
    PortfolioEntry,
    scan_portfolio,
    write_badge_wall,
    write_portfolio_csv,
)
from .printing import (
    BusinessCard,
    Certificate,
    make_business_card,
    make_certificate,
    make_vcard,
    write_business_card,
    write_certificate,
    write_vcard,
)
from .proofs import ProofResult, sign, verify_proof
from .publish import PublishedSite, publish_site
from .revoke import RevokeResult, revoke
from .status import StatusList, StatusResult
from .verify import CheckResult, CheckStatus, Verdict, VerificationReport, Verifier, verify

__version__ = "0.1.0"

__all__ = [
    "MAX_PAYLOAD_BYTES",
    "Achievement",
    "ArtworkSource",
    "BadgekitError",
    "BatchCheck",
    "BatchResult",
    "BatchSummary",
    "BusinessCard",
    "Carrier",
    "Certificate",
    "CheckResult",
    "CheckStatus",
    "ComposedBadge",
    "CredentialSummary",
    "DesignSpec",
    "IconInfo",
    "ImageInfo",
    "IssuedBadge",
    "KeyPair",
    "MessageTemplate",
    "Palette",
    "Portfolio",
    "PortfolioEntry",
    "ProofResult",
    "PublishedSite",
    "ResolvedKey",
    "Resolver",
    "RevokeResult",
    "SendSummary",
    "SmtpSettings",
    "StaticLoader",
    "StatusList",
    "StatusResult",
    "TemplateInfo",
    "Unbaked",
    "Verdict",
    "VerificationReport",
    "Verifier",
    "__version__",
    "bake",
    "build_credential",
    "check_achievement",
    "compose",
    "contact_sheet",
    "endorse",
    "errors",
    "inspect",
    "issue_badge",
    "issue_batch",
    "issuing_warnings",
    "list_palettes",
    "list_templates",
    "make_business_card",
    "make_certificate",
    "make_vcard",
    "publish_site",
    "render",
    "render_sizes",
    "revoke",
    "run_batch",
    "scan_portfolio",
    "search_icons",
    "send_batch",
    "sign",
    "sniff",
    "summarize",
    "unbake",
    "validate_schema",
    "verify",
    "verify_batch",
    "verify_proof",
    "write_badge_wall",
    "write_business_card",
    "write_certificate",
    "write_portfolio_csv",
    "write_vcard",
]
