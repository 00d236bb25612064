"""QR codes as SVG paths (not public API).

:func:`qr_svg` sees a URL and a square and nothing of badges, like segno's writers see only
a matrix.  The code is encoded by segno (ISO/IEC 18004) at error correction level M or higher
(segno raises it while the version stays the same) and drawn as one path of dark modules on a
white square that includes the 4-module quiet zone the standard requires (§9.1).
"""

from __future__ import annotations

from dataclasses import dataclass

import segno

from ..errors import PrintError

__all__ = ["MAX_QR_CHARS", "QUIET_ZONE", "QrCode", "qr_code"]

#: Modules of white around the symbol (ISO/IEC 18004 §9.1: at least 4).
QUIET_ZONE = 4
#: Longest URL put in a QR code (a longer one makes a dense code that phones misread).
MAX_QR_CHARS = 1000


def _fmt(value: float) -> str:
    out = f"{value:.3f}".rstrip("0").rstrip(".")
    return out or "0"


@dataclass(frozen=True)
class QrCode:
    """An encoded QR code: its data, side in modules (without quiet zone) and dark runs."""

    data: str
    modules: int
    version: int
    error: str
    runs: tuple[tuple[int, int, int], ...]  # (row, first column, length) of dark modules

    def side_with_quiet_zone(self, code_side: float) -> float:
        """The side of the white square that holds a code of side ``code_side``."""
        return code_side * (self.modules + 2 * QUIET_ZONE) / self.modules

    def svg(self, x: float, y: float, code_side: float, *, color: str = "#000000") -> str:
        """The code with its symbol ``code_side`` wide, the symbol's top left at (x, y); the
        white quiet zone is drawn around it (outside that square)."""
        k = code_side / self.modules
        quiet = QUIET_ZONE * k
        d = "".join(f"M{c} {r}h{n}v1h-{n}z" for r, c, n in self.runs)
        return (
            f'<rect x="{_fmt(x - quiet)}" y="{_fmt(y - quiet)}" '
            f'width="{_fmt(code_side + 2 * quiet)}" height="{_fmt(code_side + 2 * quiet)}" '
            'fill="#ffffff"/>'
            f'<path transform="matrix({_fmt(k)} 0 0 {_fmt(k)} {_fmt(x)} {_fmt(y)})" '
            f'fill="{color}" shape-rendering="crispEdges" d="{d}"/>'
        )


def qr_code(data: str) -> QrCode:
    """Encode ``data`` (a URL) as a QR code.

    :raises PrintError: ``data`` is empty or longer than :data:`MAX_QR_CHARS`.
    """
    if not data or len(data) > MAX_QR_CHARS:
        msg = f"a QR code link must be 1 to {MAX_QR_CHARS} characters, not {len(data)}"
        raise PrintError(msg)
    try:
        qr = segno.make(data, error="m", micro=False)
    except segno.DataOverflowError:  # pragma: no cover - MAX_QR_CHARS keeps well below
        msg = f"the link is too long for a QR code ({len(data)} characters)"
        raise PrintError(msg) from None
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(qr.matrix_iter(border=0)):
        start = None
        cells = [*row, 0]
        for c, dark in enumerate(cells):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                runs.append((r, start, c - start))
                start = None
    side = int(qr.symbol_size(border=0)[0])
    return QrCode(data, side, int(qr.version), str(qr.error), tuple(runs))
