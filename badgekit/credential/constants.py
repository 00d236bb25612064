"""Open Badges 3.0 constants: context URLs, type names, schema URLs (not public API).

Sources are cited as in ``shared/notes/ob3-spec.md``; every URL here is one the bundled
contexts or schemas stand for (``shared/data/README.md``).
"""

from __future__ import annotations

import re

__all__ = [
    "ACHIEVEMENT_TYPES",
    "BITSTRING_STATUS_CONTEXT",
    "CLR_CONTEXT",
    "DATA_INTEGRITY_V1_CONTEXT",
    "EXT_PATTERN",
    "IDENTITY_TYPES",
    "OB2_CONTEXTS",
    "OB_CONTEXT",
    "OB_CONTEXT_PATTERN",
    "OB_EXTENSIONS_CONTEXT",
    "OB_LEGACY_CONTEXTS",
    "OB_SCHEMA_URL",
    "ONE_EDTECH_TYPES",
    "RESULT_STATUSES",
    "STATUS_LIST_2021_CONTEXT",
    "TYPE_ACHIEVEMENT",
    "TYPE_ACHIEVEMENT_CREDENTIAL",
    "TYPE_ACHIEVEMENT_SUBJECT",
    "TYPE_ALIGNMENT",
    "TYPE_CLR_CREDENTIAL",
    "TYPE_CLR_SUBJECT",
    "TYPE_CREDENTIAL_REFRESH",
    "TYPE_ENDORSEMENT_CREDENTIAL",
    "TYPE_ENDORSEMENT_SUBJECT",
    "TYPE_EVIDENCE",
    "TYPE_IDENTITY_OBJECT",
    "TYPE_IMAGE",
    "TYPE_OPEN_BADGE_CREDENTIAL",
    "TYPE_PROFILE",
    "TYPE_RESULT",
    "TYPE_REVOCATION_LIST",
    "TYPE_SCHEMA_VALIDATOR",
    "TYPE_STATUS_LIST_2021_ENTRY",
    "TYPE_VERIFIABLE_CREDENTIAL",
    "VC_V1_CONTEXT",
    "VC_V2_CONTEXT",
]

# --- @context URLs (ob3-spec.md §2.1, §2.2, §2.3) --- #

#: VCDM 2.0 base context; always ``@context[0]`` of what badgekit issues.
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
#: VCDM 1.1 base context (OB 3.0 credentials issued before the May 2024 Final).
VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
#: The current Open Badges 3.0 context; always ``@context[1]``.
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#: Older OB 3.0 contexts still found in VCDM 1.1 credentials.
OB_LEGACY_CONTEXTS = (
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
)
#: The schema's pattern for ``@context[1]`` (ob3-spec.md §2.1).
OB_CONTEXT_PATTERN = re.compile(
    r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$"
)
#: Defines the three ``1EdTech*`` type names; needed whenever one of them is used (§2.3).
OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
#: Defines ``StatusList2021Entry`` (legacy status lists).
STATUS_LIST_2021_CONTEXT = "https://w3id.org/vc/status-list/2021/v1"
#: Defines ``BitstringStatusListEntry`` for VCDM 1.1 (the v2 base context already has it).
BITSTRING_STATUS_CONTEXT = "https://www.w3.org/ns/credentials/status/v1"
#: The CLR 2.0 context; a ClrCredential lists it at ``@context[1]``, before the OB context
#: (CLR 2.0 §"ClrCredential"; ob3-spec.md §1.1 names the CLR carriers).
CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
#: Open Badges 2.0 assertion contexts (ob3-spec.md §1.3).
OB2_CONTEXTS = ("https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json")

# --- type names --- #

TYPE_VERIFIABLE_CREDENTIAL = "VerifiableCredential"
TYPE_OPEN_BADGE_CREDENTIAL = "OpenBadgeCredential"
#: An alias of OpenBadgeCredential (ob3-spec.md §2.1).
TYPE_ACHIEVEMENT_CREDENTIAL = "AchievementCredential"
TYPE_PROFILE = "Profile"
TYPE_ACHIEVEMENT = "Achievement"
TYPE_ACHIEVEMENT_SUBJECT = "AchievementSubject"
TYPE_ALIGNMENT = "Alignment"
TYPE_EVIDENCE = "Evidence"
#: OB 3.0 §"EndorsementCredential": a third party's signed statement about a profile,
#: achievement or credential (its ``credentialSubject.id``).
TYPE_ENDORSEMENT_CREDENTIAL = "EndorsementCredential"
TYPE_ENDORSEMENT_SUBJECT = "EndorsementSubject"
#: CLR 2.0: a learner record carrying AchievementCredentials in ``verifiableCredential``.
TYPE_CLR_CREDENTIAL = "ClrCredential"
TYPE_CLR_SUBJECT = "ClrSubject"
TYPE_IDENTITY_OBJECT = "IdentityObject"
TYPE_IMAGE = "Image"
TYPE_RESULT = "Result"
#: ``credentialSchema`` type of the OB JSON Schema entry (ob3-spec.md §5).
TYPE_SCHEMA_VALIDATOR = "1EdTechJsonSchemaValidator2019"
#: ``credentialStatus`` type of the 1EdTech revocation list (ob3-spec.md §4).
TYPE_REVOCATION_LIST = "1EdTechRevocationList"
TYPE_CREDENTIAL_REFRESH = "1EdTechCredentialRefresh"
TYPE_STATUS_LIST_2021_ENTRY = "StatusList2021Entry"
#: Types that only ``extensions.json`` defines (ob3-spec.md §2.3 pitfall).
ONE_EDTECH_TYPES = frozenset({TYPE_SCHEMA_VALIDATOR, TYPE_REVOCATION_LIST, TYPE_CREDENTIAL_REFRESH})

#: The canonical OB 3.0 JSON Schema (VCDM 2.0), named in ``credentialSchema`` (ob3-spec.md §5).
OB_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)

# --- enumerations of the bundled schema --- #

#: ``Achievement.achievementType`` values; anything else must be ``ext:...``.
ACHIEVEMENT_TYPES = (
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree",
    "Award", "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification",
    "CommunityService", "Competency", "Course", "CoCurricular", "Degree", "Diploma",
    "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment", "JourneymanCertificate",
    "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
    "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential",
    "ResearchDoctorate", "SecondarySchoolDiploma",
)  # fmt: skip

#: ``IdentityObject.identityType`` values; anything else must be ``ext:...``.
IDENTITY_TYPES = (
    "name", "sourcedId", "systemId", "productId", "userName", "accountId", "emailAddress",
    "nationalIdentityNumber", "isbn", "issn", "lisSourcedId", "oneRosterSourcedId",
    "sisSourcedId", "ltiContextId", "ltiDeploymentId", "ltiToolId", "ltiPlatformId", "ltiUserId",
    "identifier",
)  # fmt: skip

#: ``Result.status`` values.
RESULT_STATUSES = (
    "Completed", "Enrolled", "Failed", "InProgress", "OnHold", "Provisional", "Withdrew",
)  # fmt: skip

#: Pattern for extension values (``ext:...``) of the enumerations above.
EXT_PATTERN = re.compile(r"^ext:[A-Za-z0-9.\-_|]+$")

#: VCDM 1.1 has no proof vocabulary of its own: an embedded Data Integrity proof needs this
#: context (ob3-spec.md §2.2, implementation guide "Verifiable Credentials v1.1").
DATA_INTEGRITY_V1_CONTEXT = "https://w3id.org/security/data-integrity/v1"
