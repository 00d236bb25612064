"""Keys and identifiers: key pairs, Multikey, did:key, did:web and key resolution."""

from __future__ import annotations

from .keypair import JWS_ALG, KeyPair, KeyType

__all__ = ["JWS_ALG", "KeyPair", "KeyType"]
