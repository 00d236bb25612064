"""Keys and identifiers: key pairs, Multikey, did:key, did:web and key resolution."""

from __future__ import annotations

from .keypair import JWS_ALG, KeyPair, KeyType
from .resolver import ResolvedKey, Resolver, check_controller

__all__ = ["JWS_ALG", "KeyPair", "KeyType", "ResolvedKey", "Resolver", "check_controller"]
