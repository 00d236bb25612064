"""The whole badgekit exception hierarchy (one file, as in joserfc ``errors.py``).

Every error has a stable machine-readable ``code`` and a one-line message that names the
offending value.  The CLI turns any :class:`BadgekitError` into exit code 1 in one place
(``badgekit/cli/__init__.py``).  Passing the wrong *type* to a function is a programming error
and stays ``TypeError``/``ValueError``.
"""

from __future__ import annotations

__all__ = [
    "AchievementError",
    "AlreadyBakedError",
    "BadgekitError",
    "BakeError",
    "BatchError",
    "CorruptImageError",
    "CredentialError",
    "DeliveryError",
    "DesignError",
    "DocumentLoaderError",
    "EarnerNameError",
    "FileAccessError",
    "FontError",
    "IconError",
    "KeyMaterialError",
    "LinkRequiredError",
    "MessageTemplateError",
    "NetworkError",
    "NotBakedError",
    "NotPrintableError",
    "PassphraseError",
    "PayloadTooLargeError",
    "PrintError",
    "ProofError",
    "PublishError",
    "RenderError",
    "ResolutionError",
    "SchemaError",
    "SigningError",
    "SmtpAuthError",
    "SmtpError",
    "StatusListError",
    "TemplateError",
    "TextFitError",
    "TlsError",
    "UnsafeJsonLdError",
    "UnsafeSvgError",
    "UnsupportedFormatError",
    "UnsupportedSuiteError",
    "VerificationFailed",
    "WorkspaceError",
]


class BadgekitError(Exception):
    """Base class of every error badgekit raises on purpose."""

    code: str = "badgekit_error"

    def __init__(self, message: str = "") -> None:
        # One line only: a multi-line message would break the CLI's one-line contract.
        super().__init__(" ".join(message.split()) if message else self.__class__.__doc__ or "")

    @property
    def message(self) -> str:
        """The one-line human message."""
        return str(self)


# --- Files and the network --- #


class FileAccessError(BadgekitError):
    """A file could not be read or written (missing, a directory, no permission)."""

    code = "file_error"


class NetworkError(BadgekitError):
    """An online lookup was refused (offline, private address) or failed (timeout, too big)."""

    code = "network_error"


# --- Design --- #


class DesignError(BadgekitError):
    """Badge artwork could not be composed."""

    code = "design_error"


class TemplateError(DesignError):
    """A template is missing, invalid, or lacks a slot that was asked for."""

    code = "template_error"


class TextFitError(DesignError):
    """A text does not fit its slot even at the minimum size and the maximum line count."""

    code = "text_fit_error"

    def __init__(self, message: str = "", *, slot: str | None = None) -> None:
        super().__init__(message)
        #: The slot whose text does not fit (for a form that shows the error on that slot).
        self.slot = slot


class FontError(DesignError):
    """A font file is missing, unreadable, or lacks glyphs that a text needs."""

    code = "font_error"


class IconError(DesignError):
    """An icon is unknown, unreadable or unsafe."""

    code = "icon_error"


class RenderError(DesignError):
    """SVG to PNG rendering failed."""

    code = "render_error"


# --- Credentials --- #


class CredentialError(BadgekitError):
    """A credential is not valid JSON or not a usable Open Badges credential."""

    code = "credential_error"


class SchemaError(CredentialError):
    """A credential does not pass the Open Badges 3.0 JSON Schema."""

    code = "schema_error"


class AchievementError(CredentialError):
    """An achievement (badge class) file is malformed or incomplete."""

    code = "achievement_error"


class StatusListError(CredentialError):
    """A status list or entry is malformed, over a size limit, or an index is out of range."""

    code = "status_list_error"


# --- Keys and identifiers --- #


class KeyMaterialError(BadgekitError):
    """A key is malformed, of the wrong type or length, or cannot be decoded."""

    code = "key_error"


class PassphraseError(KeyMaterialError):
    """A private key needs a passphrase, or the passphrase given is wrong."""

    code = "passphrase_error"


class ResolutionError(KeyMaterialError):
    """A DID or verification method could not be resolved to a public key."""

    code = "resolution_error"


# --- JSON-LD --- #


class DocumentLoaderError(BadgekitError):
    """A JSON-LD context URL is not bundled (badgekit never fetches contexts)."""

    code = "document_loader_error"


class UnsafeJsonLdError(BadgekitError):
    """A document uses a term its contexts do not define, or a relative IRI (safe mode)."""

    code = "jsonld_safe_mode_error"


# --- Proofs --- #


class ProofError(BadgekitError):
    """A proof could not be created or checked."""

    code = "proof_error"


class UnsupportedSuiteError(ProofError):
    """A proof suite or algorithm is unknown or not allowed."""

    code = "unsupported_suite"


class SigningError(ProofError):
    """Signing failed (the key cannot sign for this issuer, or the document is unsignable)."""

    code = "signing_error"


# --- Baking --- #


class BakeError(BadgekitError):
    """A credential could not be baked into, or read from, an image."""

    code = "bake_error"


class UnsupportedFormatError(BakeError):
    """The file is neither a PNG nor an SVG image."""

    code = "unsupported_format"


class AlreadyBakedError(BakeError):
    """The image already carries a credential and replacing it was not asked for."""

    code = "already_baked"


class NotBakedError(BakeError):
    """The image carries no Open Badges credential."""

    code = "not_baked"


class CorruptImageError(BakeError):
    """The image is damaged: bad CRC, truncated chunk, malformed XML."""

    code = "corrupt_image"


class PayloadTooLargeError(BakeError):
    """A payload or chunk is over badgekit's size limit."""

    code = "payload_too_large"


class UnsafeSvgError(BakeError):
    """An SVG uses a DOCTYPE, entities or external references, which badgekit refuses."""

    code = "unsafe_svg"


# --- Printing --- #


class PrintError(BadgekitError):
    """A certificate, business card or vCard could not be made."""

    code = "print_error"


class NotPrintableError(PrintError):
    """The badge is not genuine, or not valid in a way a certificate may show."""

    code = "not_printable"


class EarnerNameError(PrintError):
    """The earner's name is unknown (the badge carries only a hashed email) or contradicts it."""

    code = "earner_name"


class LinkRequiredError(PrintError):
    """A QR code needs a web address that the badge does not give."""

    code = "link_required"


# --- Batches --- #


class BatchError(BadgekitError):
    """A batch cannot start (bad roster header, unreadable roster, bad output directory)."""

    code = "batch_error"


# --- Sending --- #


class DeliveryError(BadgekitError):
    """Badges cannot be sent: a bad address, batch directory or option."""

    code = "delivery_error"


class MessageTemplateError(DeliveryError):
    """A message template uses an unknown field or a field where it cannot go."""

    code = "message_template_error"


class SmtpError(DeliveryError):
    """The SMTP server cannot be reached, or it refused the sender or the connection."""

    code = "smtp_error"


class SmtpAuthError(SmtpError):
    """The SMTP server refused the login (the password is never shown)."""

    code = "smtp_auth_error"


class TlsError(SmtpError):
    """TLS with the SMTP server failed: its certificate did not verify, or no TLS offered."""

    code = "tls_error"


# --- Publishing --- #


class PublishError(BadgekitError):
    """An issuer's site cannot be published (a base URL that is not https, two achievements
    at one address, a batch of another site, an output folder that is not a badgekit site)."""

    code = "publish_error"


# --- The studio (badgekit studio, the local web app) --- #


class WorkspaceError(BadgekitError):
    """A studio request names something outside its workspace, or something it does not hold."""

    code = "workspace_error"


# --- Verification --- #


class VerificationFailed(BadgekitError):
    """A badge did not verify; raised only by ``VerificationReport.raise_for_status()``."""

    code = "verification_failed"
