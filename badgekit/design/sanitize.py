"""The safety pass for SVG that badgekit did not write: user icons and templates (not public API).

The SVG is parsed with defusedxml (DOCTYPE, entities and external entities refused), then
every element and attribute is checked.  Anything that could run code or reach outside the
file makes the whole input refused; nothing is silently dropped, so what the user sees in
their editor is what the badge shows.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

__all__ = ["SVG_NS", "check_tree", "local", "parse_svg", "serialize"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

#: Largest SVG accepted from a user (icons are a few KB; this bounds parse time and memory).
MAX_SVG_BYTES = 1024 * 1024

#: Elements that run code, embed foreign content, or change attributes over time.
_FORBIDDEN = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
        "animate",
        "animatemotion",
        "animatetransform",
        "animatecolor",
        "set",
        "discard",
        "audio",
        "video",
        "canvas",
    }
)
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


def local(tag: object) -> str:
    """The local (namespace-free, lower-case) name of an element tag."""
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _safe_ref(value: str, *, images: bool) -> bool:
    v = value.strip()
    if v.startswith("#"):
        return True
    return images and v.lower().startswith(("data:image/png;", "data:image/jpeg;"))


def parse_svg(data: bytes, *, what: str, error: type[Exception]) -> ET.Element:
    """Parse SVG bytes safely and return the root ``<svg>`` element.

    :param what: names the input in error messages (``"icon star.svg"``).
    :param error: the badgekit error class to raise.
    :raises error: too large, not XML, DOCTYPE/entities, or the root is not ``<svg>``.
    """
    if len(data) > MAX_SVG_BYTES:
        msg = f"{what}: SVG is larger than {MAX_SVG_BYTES:,} bytes"
        raise error(msg)
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        msg = f"{what}: SVG with a DOCTYPE or entities is refused"
        raise error(msg)
    try:
        root: ET.Element = DET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        msg = f"{what}: SVG with a DOCTYPE or entities is refused"
        raise error(msg) from None
    except ET.ParseError as e:
        msg = f"{what}: not well-formed XML ({e})"
        raise error(msg) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        msg = f"{what}: root element is {local(root.tag)!r}, not an SVG <svg> element"
        raise error(msg)
    return root


def check_tree(root: ET.Element, *, what: str, error: type[Exception], images: bool) -> None:
    """Refuse scripts, event handlers, foreign content, animation and external references.

    :param images: allow ``data:image/png`` and ``data:image/jpeg`` references.
    :raises error: naming the first unsafe element or attribute found.
    """
    for el in root.iter():
        name = local(el.tag)
        if not isinstance(el.tag, str):
            continue  # comments and processing instructions carry no behaviour
        if name in _FORBIDDEN:
            msg = f"{what}: <{name}> elements are not allowed"
            raise error(msg)
        if name == "style" and el.text and ("@import" in el.text or _bad_urls(el.text, images)):
            msg = f"{what}: <style> refers to an external resource"
            raise error(msg)
        for key, value in el.attrib.items():
            attr = local(key)
            if attr.startswith("on"):
                msg = f"{what}: event handler attribute {attr!r} on <{name}> is not allowed"
                raise error(msg)
            if attr == "href" and not _safe_ref(value, images=images):
                msg = f"{what}: external reference {value[:60]!r} on <{name}> is not allowed"
                raise error(msg)
            if _bad_urls(value, images):
                msg = f"{what}: attribute {attr!r} on <{name}> refers to an external resource"
                raise error(msg)


def _bad_urls(text: str, images: bool) -> bool:
    return any(not _safe_ref(m.group(2), images=images) for m in _URL.finditer(text))


def serialize(root: ET.Element) -> str:
    """Serialise an SVG tree as ``<svg xmlns="...">`` with plain ``href`` attributes.

    ElementTree would otherwise invent ``ns0:`` prefixes, which some renderers (and cairosvg's
    image sniffing) do not recognise.  The tree is modified in place.
    """
    prefix = f"{{{SVG_NS}}}"
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(prefix):
            el.tag = el.tag[len(prefix) :]
        href = el.attrib.pop(f"{{{XLINK_NS}}}href", None)
        if href is not None:
            el.set("href", href)
    root.set("xmlns", SVG_NS)
    return ET.tostring(root, encoding="unicode")
