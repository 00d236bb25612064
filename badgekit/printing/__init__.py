"""Printing: a certificate for one genuine badge, and an earner's business card and vCard
(not public API; the facade :mod:`badgekit` re-exports the functions and result types).

>>> cert = badgekit.write_certificate("ada.png", "ada.pdf", paper="a4")       # doctest: +SKIP
>>> folio = badgekit.scan_portfolio("my-badges")                            # doctest: +SKIP
>>> badgekit.write_business_card(folio, "card.pdf",
...                               wall_url="https://ada.example/")  # doctest: +SKIP
>>> badgekit.write_vcard(folio, "ada.vcf", name="Ada Lovelace")            # doctest: +SKIP

This layer lays pages out and decides what may be printed; drawing (text outlines, PDF, PNG)
is :mod:`badgekit.design`'s, and QR codes are segno's.  It imports no click and no CLI.
"""

from __future__ import annotations

from .card import CARD_MM, BusinessCard, make_business_card, write_business_card
from .certificate import PAPERS, Certificate, make_certificate, write_certificate
from .vcard import make_vcard, write_vcard

__all__ = [
    "CARD_MM",
    "PAPERS",
    "BusinessCard",
    "Certificate",
    "make_business_card",
    "make_certificate",
    "make_vcard",
    "write_business_card",
    "write_certificate",
    "write_vcard",
]
