"""``python -m badgekit``: the same as the ``badgekit`` command."""

from __future__ import annotations

from .cli import main

main()
