"""The static document loader: exact URLs, fail closed, extra contexts, caching."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from badgekit.errors import DocumentLoaderError
from badgekit.jsonld import BUNDLED, StaticLoader, canonize

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.mark.parametrize("url", sorted(BUNDLED))
def test_every_bundled_url_loads_a_context(url: str) -> None:
    doc = StaticLoader()(url)
    assert doc["documentUrl"] == url
    assert "@context" in doc["document"]


#: Bundled from elsewhere than shared/data (the loader's comment names the source).
NOT_IN_SHARED = {"https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"}
CLR_CONTEXT_SHA256_PREFIX = "7defe702c102faf1"


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/data not present")
@pytest.mark.parametrize("url", sorted(set(BUNDLED) - NOT_IN_SHARED))
def test_bundled_copies_equal_shared_data(url: str) -> None:
    bundled = StaticLoader().document(url)
    assert bundled == json.loads((SHARED / BUNDLED[url]).read_text(encoding="utf-8"))


def test_clr_context_is_the_published_one() -> None:
    # The JSON content of LearnCard's verbatim copy of the 1EdTech-hosted CLR 2.0.1 context,
    # pinned: a changed term would change what every CLR signature covers.
    doc = StaticLoader().document("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json")
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
    assert hashlib.sha256(canonical).hexdigest()[:16] == CLR_CONTEXT_SHA256_PREFIX
    subject = doc["@context"]["ClrSubject"]["@context"]
    assert subject["verifiableCredential"]["@id"].endswith("clr/vocab.html#verifiableCredential")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.w3.org/ns/credentials/v2/",  # trailing slash: not the same URL
        "http://www.w3.org/ns/credentials/v2",  # http, not https
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.4.json",
        "https://example.org/ctx.json",
    ],
)
def test_other_urls_fail_closed_with_a_hint(url: str) -> None:
    with pytest.raises(DocumentLoaderError, match=r"urls\.json") as info:
        StaticLoader().document(url)
    assert url in str(info.value)


def test_aliases_from_the_data_readme() -> None:
    loader = StaticLoader()
    assert loader.document(
        "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld"
    ) == loader.document("https://purl.imsglobal.org/spec/ob/v3p0/context.json")
    assert loader.document("https://openbadgespec.org/v2/context.json") == loader.document(
        "https://w3id.org/openbadges/v2"
    )


def test_parsed_once() -> None:
    loader = StaticLoader()
    url = "https://www.w3.org/ns/credentials/v2"
    assert loader.document(url) is loader.document(url)


def test_extra_contexts_directory(tmp_path: Path) -> None:
    url = "https://example.org/contexts/hobby/v1"
    (tmp_path / "hobby.json").write_text(
        json.dumps({"@context": {"hobby": "https://example.org/vocab#hobby"}})
    )
    (tmp_path / "urls.json").write_text(json.dumps({url: "hobby.json"}))
    loader = StaticLoader(tmp_path)
    doc = {
        "@context": ["https://www.w3.org/ns/credentials/v2", url],
        "id": "urn:uuid:1",
        "hobby": "chess",
    }
    assert '<https://example.org/vocab#hobby> "chess"' in canonize(doc, loader)
    assert url in loader.urls


def test_extra_directory_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoaderError, match=r"no urls\.json"):
        StaticLoader(tmp_path)
    (tmp_path / "urls.json").write_text(json.dumps({"https://x.example/c": "../escape.json"}))
    with pytest.raises(DocumentLoaderError, match="plain file name"):
        StaticLoader(tmp_path)
    (tmp_path / "urls.json").write_text(json.dumps({"https://www.w3.org/ns/credentials/v2": "a"}))
    with pytest.raises(DocumentLoaderError, match="replace a bundled context"):
        StaticLoader(tmp_path)
    (tmp_path / "urls.json").write_text(json.dumps({"https://x.example/c": "broken.json"}))
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(DocumentLoaderError, match="not valid JSON"):
        StaticLoader(tmp_path).document("https://x.example/c")


def test_in_memory_extra_contexts_are_copied() -> None:
    ctx = {"@context": {"hobby": "https://example.org/vocab#hobby"}}
    loader = StaticLoader(extra={"https://x.example/c": ctx})
    ctx["@context"]["hobby"] = "https://evil.example/"
    assert loader.document("https://x.example/c")["@context"]["hobby"].startswith("https://example")
