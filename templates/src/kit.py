"""Drawing helpers for generate.py: role colours, gradients, slot placeholders and TOML.

Templates are plain SVG + TOML; this kit only saves typing when drawing the bundled ones.
It uses badgekit's own fitting engine to size the sample text of each placeholder, so the
SVG previews in a browser look like the composed badge.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from badgekit.design.arc import ArcSpec, fit_arc
from badgekit.design.fit import BoxSpec, fit_box
from badgekit.design.fonts import resolve_font
from badgekit.design.palettes import palettes, shade

ROOT = Path(__file__).resolve().parent.parent
ICONS = json.loads((ROOT / "icons" / "tabler-icons.json").read_text())["icons"]
CSS_FONT = {
    "inter": "Inter, 'Helvetica Neue', Arial, sans-serif",
    "roboto-slab": "'Roboto Slab', Rockwell, Georgia, serif",
    "roboto-condensed": "'Roboto Condensed', 'Arial Narrow', sans-serif",
    "noto-serif": "'Noto Serif', Georgia, serif",
}


def f(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def polar(cx: float, cy: float, r: float, deg: float) -> tuple[float, float]:
    a = math.radians(deg)
    return cx + r * math.sin(a), cy - r * math.cos(a)


def poly(points: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{f(x)} {f(y)}" for x, y in points) + " Z"


def rounded_poly(points: list[tuple[float, float]], r: float) -> str:
    """A closed polygon with rounded corners (quadratic curves of radius about r)."""
    n = len(points)
    out = []
    for i in range(n):
        p0, p1, p2 = points[i - 1], points[i], points[(i + 1) % n]
        d0 = math.dist(p0, p1)
        d2 = math.dist(p1, p2)
        a = (p1[0] + (p0[0] - p1[0]) * r / d0, p1[1] + (p0[1] - p1[1]) * r / d0)
        b = (p1[0] + (p2[0] - p1[0]) * r / d2, p1[1] + (p2[1] - p1[1]) * r / d2)
        out.append(f"{'M' if i == 0 else 'L'}{f(a[0])} {f(a[1])} Q{f(p1[0])} {f(p1[1])} {f(b[0])} {f(b[1])}")
    return " ".join(out) + " Z"


def regular(cx: float, cy: float, r: float, n: int, start: float = 0) -> list[tuple[float, float]]:
    return [polar(cx, cy, r, start + 360 * i / n) for i in range(n)]


def star(cx: float, cy: float, r1: float, r2: float, n: int, start: float = 0) -> list[tuple[float, float]]:
    pts = []
    for i in range(2 * n):
        pts.append(polar(cx, cy, r1 if i % 2 == 0 else r2, start + 180 * i / n))
    return pts


class Template:
    def __init__(self, name: str, label: str, description: str, tags: list[str],
                 palette: str = "royal", width: int = 600, height: int = 600) -> None:
        self.name, self.label, self.description, self.tags = name, label, description, tags
        self.palette, self.width, self.height = palette, width, height
        self.colors = palettes()[palette].colors
        self.defs: list[str] = []
        self.body: list[str] = []
        self.toml: list[str] = []

    # -- colours -------------------------------------------------------------------------
    def c(self, role: str) -> str:
        return shade(role, self.colors)

    def fill(self, role: str) -> str:
        if role.startswith("url("):
            return f'fill="{role}"'
        return f'fill="{self.c(role)}" data-fill="{role}"'

    def stroke(self, role: str) -> str:
        return f'stroke="{self.c(role)}" data-stroke="{role}"'

    def lgrad(self, gid: str, stops: list[tuple[float, str]], x1=0.0, y1=0.0, x2=0.0, y2=1.0) -> str:
        s = "".join(
            f'<stop offset="{f(o)}" stop-color="{self.c(r)}" data-stop-color="{r}"/>' for o, r in stops
        )
        self.defs.append(
            f'<linearGradient id="{gid}" x1="{f(x1)}" y1="{f(y1)}" x2="{f(x2)}" y2="{f(y2)}">{s}</linearGradient>'
        )
        return f"url(#{gid})"

    def rgrad(self, gid: str, stops: list[tuple[float, str]], cx=0.5, cy=0.4, r=0.7) -> str:
        s = "".join(
            f'<stop offset="{f(o)}" stop-color="{self.c(r_)}" data-stop-color="{r_}"/>' for o, r_ in stops
        )
        self.defs.append(f'<radialGradient id="{gid}" cx="{f(cx)}" cy="{f(cy)}" r="{f(r)}">{s}</radialGradient>')
        return f"url(#{gid})"

    def gloss(self, gid: str = "gloss") -> str:
        self.defs.append(
            f'<linearGradient id="{gid}" x1="0" y1="0" x2="0" y2="1">'
            '<stop offset="0" stop-color="#ffffff" stop-opacity=".32"/>'
            '<stop offset="1" stop-color="#ffffff" stop-opacity="0"/></linearGradient>'
        )
        return f"url(#{gid})"

    def add(self, svg: str) -> None:
        self.body.append(svg)

    def shadow(self, d: str, dy: float = 10) -> None:
        self.add(
            f'<path d="{d}" transform="translate(0 {f(dy)})" fill="#0b1020" opacity=".16"/>'
            f'<path d="{d}" transform="translate(0 {f(dy / 2)})" fill="#0b1020" opacity=".14"/>'
        )

    # -- slots ---------------------------------------------------------------------------
    def _slot_toml(self, name: str, items: dict[str, object], comment: str) -> None:
        lines = [f"\n[slots.{name}]", f"# {comment}"]
        for k, v in items.items():
            if isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, str):
                v = json.dumps(v, ensure_ascii=False)
            elif isinstance(v, list):
                v = "[" + ", ".join(f(x) if isinstance(x, float | int) else json.dumps(x) for x in v) + "]"
            elif isinstance(v, float | int):
                v = f(v)
            lines.append(f"{k} = {v}")
        self.toml.extend(lines)

    def text(self, name: str, box: list[float], *, font: str = "inter", weight: str = "bold",
             max_size: float, min_size: float, max_lines: int = 1, color: str = "text",
             on: str = "background", case: str = "none", required: bool = False,
             sample: str = "", default: str = "", line_height: float = 1.12,
             tracking: float = 0.0, align: str = "center", comment: str = "") -> None:
        items: dict[str, object] = {"type": "text", "box": box, "font": font, "weight": weight,
                                    "max_size": max_size, "min_size": min_size, "max_lines": max_lines}
        if line_height != 1.12 or max_lines > 1:
            items["line_height"] = line_height
        if tracking:
            items["tracking"] = tracking
        if align != "center":
            items["align"] = align
        items.update({"color": color, "on": on})
        if case != "none":
            items["case"] = case
        if required:
            items["required"] = True
        if default:
            items["default"] = default
        if sample and sample != default:
            items["sample"] = sample
        self._slot_toml(name, items, comment or f"text slot {name}")
        shown = sample or default
        if case == "upper":
            shown = shown.upper()
        spec = BoxSpec(*box, max_size=max_size, min_size=min_size, max_lines=max_lines,
                       line_height=line_height, align=align, tracking=tracking)
        fitted = fit_box(name, shown, resolve_font(font, weight), spec)
        spans = "".join(
            f'<tspan x="{f(x)}" y="{f(y)}">{esc(run.text)}</tspan>'
            for run, (x, y) in zip(fitted.lines, fitted.origins)
        )
        ls = f' letter-spacing="{f(tracking * fitted.size)}"' if tracking else ""
        self.add(
            f'<text data-slot="{name}" font-family="{CSS_FONT[font]}" '
            f'font-weight="{700 if weight == "bold" else 400}" font-size="{f(fitted.size)}"{ls} '
            f'{self.fill(color)}>{spans}</text>'
        )

    def arc(self, name: str, *, center: tuple[float, float], radius: float, band: float,
            angle: float, span: float, bottom: bool = False, font: str = "roboto-condensed",
            weight: str = "bold", max_size: float, min_size: float, color: str = "on-primary",
            on: str = "primary", case: str = "upper", tracking: float = 0.08,
            required: bool = False, sample: str = "", default: str = "", comment: str = "") -> None:
        items: dict[str, object] = {"type": "arc", "center": list(center), "radius": radius,
                                    "band": band, "angle": angle, "span": span}
        if bottom:
            items["bottom"] = True
        items.update({"font": font, "weight": weight, "max_size": max_size, "min_size": min_size,
                      "tracking": tracking, "color": color, "on": on, "case": case})
        if required:
            items["required"] = True
        if default:
            items["default"] = default
        if sample and sample != default:
            items["sample"] = sample
        self._slot_toml(name, items, comment or f"arc text slot {name}")
        shown = (sample or default).upper() if case == "upper" else (sample or default)
        spec = ArcSpec(center[0], center[1], radius, band, angle, span, max_size, min_size,
                       bottom, tracking)
        fitted = fit_arc(name, shown, resolve_font(font, weight), spec)
        rb = fitted.baseline
        cx, cy = center
        if bottom:
            a0, a1 = angle + 90, angle - 90
            x0, y0 = polar(cx, cy, rb, a0)
            x1, y1 = polar(cx, cy, rb, a1)
            d = f"M{f(x0)} {f(y0)} A{f(rb)} {f(rb)} 0 0 0 {f(x1)} {f(y1)}"
        else:
            a0, a1 = angle - 90, angle + 90
            x0, y0 = polar(cx, cy, rb, a0)
            x1, y1 = polar(cx, cy, rb, a1)
            d = f"M{f(x0)} {f(y0)} A{f(rb)} {f(rb)} 0 0 1 {f(x1)} {f(y1)}"
        self.defs.append(f'<path id="arc-{name}" d="{d}" fill="none"/>')
        self.add(
            f'<text data-slot="{name}" font-family="{CSS_FONT[font]}" '
            f'font-weight="{700 if weight == "bold" else 400}" font-size="{f(fitted.size)}" '
            f'letter-spacing="{f(tracking * fitted.size)}" {self.fill(color)}>'
            f'<textPath href="#arc-{name}" startOffset="50%" text-anchor="middle">{esc(shown)}</textPath></text>'
        )

    def icon(self, name: str, box: list[float], *, color: str = "primary", stroke: float = 1.75,
             default: str = "award", comment: str = "") -> None:
        self._slot_toml(name, {"type": "icon", "box": box, "color": color, "stroke": stroke,
                               "default": default}, comment or "icon slot (bundled name or user file)")
        x, y, w, h = box
        s = min(w, h)
        k = s / 24
        body = ICONS[default]["body"].replace("currentColor", self.c(color))
        self.add(
            f'<g data-slot="{name}" transform="matrix({k:.6g} 0 0 {k:.6g} {f(x + (w - s) / 2)} {f(y + (h - s) / 2)})" '
            f'fill="none" {self.stroke(color)} stroke-width="{stroke:g}" stroke-linecap="round" '
            f'stroke-linejoin="round">{body}</g>'
        )

    # -- output --------------------------------------------------------------------------
    def write(self) -> None:
        svg = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}">\n'
            f"<title>{esc(self.label)} badge template</title>\n"
            f"<desc>{esc(self.description)}</desc>\n"
            "<defs>\n" + "\n".join(self.defs) + "\n</defs>\n" + "\n".join(self.body) + "\n</svg>\n"
        )
        head = [
            f"# {self.label}: {self.description}",
            "# Slots are described in README.md (\"Make your own template\").",
            f'label = "{self.label}"',
            f'description = "{self.description}"',
            f'palette = "{self.palette}"',
            "tags = [" + ", ".join(json.dumps(t) for t in self.tags) + "]",
        ]
        (ROOT / f"{self.name}.svg").write_text(svg)
        (ROOT / f"{self.name}.toml").write_text("\n".join(head + self.toml) + "\n")
