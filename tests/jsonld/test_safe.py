"""Safe mode: undefined terms and relative IRIs are errors naming the term and its path."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from badgekit.errors import CredentialError, UnsafeJsonLdError
from badgekit.jsonld import StaticLoader, canonize, check_safe

VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
)
LOADER = StaticLoader()


def _doc() -> dict[str, Any]:
    return copy.deepcopy(VECTOR["unsignedCredential"])


def test_the_vector_is_safe() -> None:
    check_safe(_doc(), LOADER)


@pytest.mark.parametrize(
    ("mutate", "pattern"),
    [
        (lambda d: d.update(colour="red"), r"term 'colour' at \$\.colour"),
        (
            lambda d: d["credentialSubject"]["achievement"].update(level=3),
            r"term 'level' at \$\.credentialSubject\.achievement\.level",
        ),
        (
            lambda d: d["issuer"]["type"].append("Sponsor"),
            r"term 'Sponsor' at \$\.issuer\.type\[1\]",
        ),
        (lambda d: d.update({"@foo": 1}), r"term '@foo'"),
        (
            lambda d: d["credentialSubject"].update(id="alice"),
            r"relative IRI 'alice' at \$\.credentialSubject\.id",
        ),
        (
            lambda d: d["credentialSubject"]["achievement"].update(id="../badge"),
            r"relative IRI '../badge'",
        ),
        # The 1EdTech extension types need extensions.json (ob3-spec.md §2.3 pitfall).
        (
            lambda d: d.update(
                credentialSchema=[
                    {"id": "https://x.example/s", "type": "1EdTechJsonSchemaValidator2019"}
                ]
            ),
            r"term '1EdTechJsonSchemaValidator2019'",
        ),
    ],
)
def test_unsafe_documents(mutate: Any, pattern: str) -> None:
    doc = _doc()
    mutate(doc)
    with pytest.raises(UnsafeJsonLdError, match=pattern):
        check_safe(doc, LOADER)
    with pytest.raises(UnsafeJsonLdError):
        canonize(doc, LOADER)
    canonize(doc, LOADER, safe=False)  # pyld alone would silently drop it


def test_extensions_context_makes_1edtech_types_safe() -> None:
    doc = _doc()
    doc["@context"].append("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json")
    doc["credentialSchema"] = [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]
    check_safe(doc, LOADER)


def test_undefined_term_changes_nothing_pyld_sees() -> None:
    # Why safe mode exists: without it the extra term is not signed at all.
    doc = _doc()
    extra = _doc()
    extra["colour"] = "red"
    assert canonize(doc, LOADER, safe=False) == canonize(extra, LOADER, safe=False)


def test_invalid_json_ld_is_a_credential_error() -> None:
    doc = _doc()
    doc["@context"] = [*doc["@context"], {"@version": 2}]
    with pytest.raises(CredentialError, match="invalid JSON-LD"):
        canonize(doc, LOADER)


def test_protected_term_redefinition_is_refused() -> None:
    doc = _doc()
    doc["@context"] = [*doc["@context"], {"name": "https://evil.example/name"}]
    with pytest.raises(CredentialError, match="protected"):
        canonize(doc, LOADER)


def test_not_a_dict_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        check_safe([], LOADER)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "iri"),
    [
        (("credentialSubject", "id"), "https://example.org/a#b#c"),
        (("credentialSubject", "id"), "https://example.org/a|b"),
        (("credentialSubject", "achievement", "id"), "urn:x:{1}"),
        (("id",), "https://example.org/x`y"),
    ],
)
def test_invalid_iris_are_named_not_crashes(path: tuple[str, ...], iri: str) -> None:
    doc = _doc()
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = iri
    where = "$." + ".".join(path)
    with pytest.raises(UnsafeJsonLdError, match=rf"invalid IRI .* at {re.escape(where)}"):
        check_safe(doc, LOADER)
    for engine in ("oxigraph", "fast", "pyld"):
        with pytest.raises(UnsafeJsonLdError, match="invalid IRI"):
            canonize(doc, LOADER, engine=engine)  # type: ignore[arg-type]
    with pytest.raises(CredentialError, match="cannot be canonicalized"):
        canonize(doc, LOADER, safe=False)  # pyoxigraph refuses it: a typed error, one line
