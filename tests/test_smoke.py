from __future__ import annotations

import badgekit


def test_png_round_trip(sample_png: bytes) -> None:
    baked = badgekit.bake(sample_png, '{"a": 1}')
    found = badgekit.unbake(baked)
    assert found.payload == '{"a": 1}'
    assert found.carrier.location == "iTXt openbadgecredential"
