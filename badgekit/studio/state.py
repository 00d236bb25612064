"""What one running studio holds: its settings, its workspace and its batch jobs (not public
API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import badgekit

from .jobs import JobRegistry

if TYPE_CHECKING:
    from starlette.requests import Request

    from .config import StudioConfig
    from .workspace import Workspace

__all__ = ["Studio", "features", "studio_of"]


@dataclass
class Studio:
    """The studio an app serves (``app.state.studio``)."""

    config: StudioConfig
    workspace: Workspace
    jobs: JobRegistry = field(default_factory=JobRegistry)


def studio_of(request: Request) -> Studio:
    """The :class:`Studio` serving ``request``."""
    return cast("Studio", request.app.state.studio)


def features() -> dict[str, bool]:
    """Which optional library capabilities this badgekit has (sending and publishing are
    shown as unavailable when the library lacks them)."""
    return {
        "send": hasattr(badgekit, "send_batch"),
        "publish": hasattr(badgekit, "publish_site"),
    }
