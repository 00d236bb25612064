"""Sending no faster than the issuer's mail server allows: ``--rate 30/min`` (not public API).

Many servers (Google Workspace, Microsoft 365, a school's relay) limit how many messages an
account may send per minute or hour and start refusing, or flag the account, above it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import DeliveryError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["RateLimiter", "parse_rate"]

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|m|min|minute|h|hour))?\s*$", re.I)
_PER_MINUTE = {"s": 60.0, "m": 1.0, "h": 1 / 60}


def parse_rate(text: str) -> float:
    """``"30/min"`` -> 30.0 messages per minute (``/s`` and ``/h`` too; a bare number is per
    minute).

    :raises DeliveryError: not a positive rate.
    """
    found = _RATE.match(text)
    rate = 0.0
    if found:
        unit = (found.group(2) or "min")[0].lower()
        rate = float(found.group(1)) * _PER_MINUTE[unit]
    if rate <= 0:
        msg = f"--rate {text!r}: expected a number of messages per minute, e.g. 30/min"
        raise DeliveryError(msg)
    return rate


class RateLimiter:
    """Spaces calls of :meth:`wait` at least ``60 / per_minute`` seconds apart.

    :param per_minute: the rate; ``None`` for no limit.
    :param clock: a monotonic clock in seconds (injected in tests).
    :param sleep: how to wait (injected in tests).
    """

    def __init__(
        self,
        per_minute: float | None,
        *,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self.clock = clock
        self.sleep = sleep
        self._next: float | None = None

    def wait(self) -> None:
        """Return when the next message may go."""
        if not self.interval:
            return
        now = self.clock()
        if self._next is not None and now < self._next:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + self.interval
