"""Draw the bundled templates (templates/*.svg + *.toml).

Run from the repository root:  .venv/bin/python templates/src/generate.py
The output files are the templates; this script only records how they were drawn.  A
designer's own template needs none of this: write the SVG and TOML by hand (README.md).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kit import Template, f, poly, polar, regular, rounded_poly, star  # noqa: E402


def circle(cx: float, cy: float, r: float) -> str:
    return (f"M{f(cx - r)} {f(cy)} A{f(r)} {f(r)} 0 1 0 {f(cx + r)} {f(cy)} "
            f"A{f(r)} {f(r)} 0 1 0 {f(cx - r)} {f(cy)} Z")


def circle_seal() -> None:
    t = Template("circle-seal", "Circle seal",
                 "A round seal: text around the ring, an icon and the title in the middle.",
                 ["round", "classic", "seal"], palette="royal")
    body = t.lgrad("body", [(0, "primary+22"), (1, "primary-28")])
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-30")], 0, 0, 1, 1)
    field = t.rgrad("field", [(0, "background"), (1, "background-7")], 0.5, 0.35, 0.75)
    t.shadow(circle(300, 300, 282))
    t.add(f'<circle cx="300" cy="300" r="282" fill="{metal}"/>')
    t.add(f'<circle cx="300" cy="300" r="272" fill="{body}"/>')
    t.add(f'<circle cx="300" cy="300" r="262" fill="none" {t.stroke("accent")} stroke-width="2" stroke-dasharray="1 7" stroke-linecap="round"/>')
    t.add(f'<circle cx="300" cy="300" r="196" fill="{metal}"/>')
    t.add(f'<circle cx="300" cy="300" r="186" fill="{field}"/>')
    t.add(f'<circle cx="300" cy="300" r="176" fill="none" {t.stroke("primary")} stroke-width="1.5" opacity=".35"/>')
    for ang in (90, 270):
        x, y = polar(300, 300, 229, ang)
        t.add(f'<path d="{poly(star(x, y, 15, 6.5, 5))}" {t.fill("accent")}/>')
    t.arc("top", center=(300, 300), radius=229, band=40, angle=0, span=150,
          max_size=40, min_size=18, sample="Example University", default="",
          comment="arc text along the top of the ring (issuer, school)")
    t.arc("bottom", center=(300, 300), radius=229, band=40, angle=180, span=120, bottom=True,
          max_size=34, min_size=16, sample="Class of 2026",
          comment="arc text along the bottom of the ring (year, place)")
    t.icon("icon", [248, 138, 104, 104], color="primary", default="award")
    t.text("title", [140, 252, 320, 96], font="inter", max_size=50, min_size=22, max_lines=2,
           color="text", required=True, sample="Data Science", comment="the badge's name")
    t.text("subtitle", [168, 356, 264, 60], font="inter", weight="regular", max_size=22,
           min_size=13, max_lines=2, color="text", sample="Foundations",
           comment="a second line under the title")
    t.write()



def scaled(points: list[tuple[float, float]], k: float, cx: float = 300, cy: float = 300) -> list[tuple[float, float]]:
    return [(cx + (x - cx) * k, cy + (y - cy) * k) for x, y in points]


def shield_path(k: float) -> str:
    """A heraldic shield, scaled by k around (300, 300)."""
    def p(x: float, y: float) -> str:
        return f"{f(300 + (x - 300) * k)} {f(300 + (y - 300) * k)}"
    return (f"M{p(78, 62)} C{p(170, 62)} {p(240, 48)} {p(300, 22)} C{p(360, 48)} {p(430, 62)} {p(522, 62)} "
            f"L{p(522, 292)} C{p(522, 425)} {p(430, 508)} {p(300, 572)} C{p(170, 508)} {p(78, 425)} {p(78, 292)} Z")


def banner(t: Template, x0: float, x1: float, y0: float, y1: float, tail: float = 62, drop: float = 22,
           notch: float = 22, grad: str = "") -> None:
    """A ribbon banner: a band from x0 to x1 with folded, notched tails behind both ends."""
    h = y1 - y0
    for side in (-1, 1):
        edge = x0 if side < 0 else x1
        inner = edge - side * 0  # tail starts under the band's end
        outer = edge + side * tail
        ty0, ty1 = y0 + drop, y1 + drop
        pts = [(inner + side * -28, ty0), (outer, ty0), (outer - side * notch, (ty0 + ty1) / 2), (outer, ty1), (inner + side * -28, ty1)]
        t.add(f'<path d="{poly(pts)}" {t.fill("secondary-28")}/>')
        fold = [(edge, y1), (edge + side * 0, y1 + drop), (edge - side * 28, y1)]
        t.add(f'<path d="{poly(fold)}" {t.fill("secondary-55")}/>')
    t.add(f'<rect x="{f(x0)}" y="{f(y0)}" width="{f(x1 - x0)}" height="{f(h)}" fill="{grad}"/>')
    t.add(f'<rect x="{f(x0)}" y="{f(y0 + 5)}" width="{f(x1 - x0)}" height="{f(h - 10)}" fill="none" '
          f'{t.stroke("secondary+35")} stroke-width="1.5" stroke-dasharray="6 5" opacity=".55"/>')


def shield() -> None:
    t = Template("shield", "Shield", "A heraldic shield with a ribbon banner for the title.",
                 ["shield", "heraldic", "banner"], palette="crimson")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-30")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+18"), (1, "primary-30")])
    band = t.lgrad("band", [(0, "secondary+12"), (1, "secondary-15")])
    gloss = t.gloss()
    t.shadow(shield_path(1.0))
    t.add(f'<path d="{shield_path(1.0)}" fill="{metal}"/>')
    t.add(f'<path d="{shield_path(0.955)}" fill="{body}"/>')
    t.add(f'<path d="{shield_path(0.89)}" fill="none" {t.stroke("accent")} stroke-width="3"/>')
    t.add(f'<path d="M68 70 C170 70 240 56 300 30 C360 56 430 70 532 70 L532 230 C400 260 200 260 68 230 Z" fill="{gloss}" opacity=".6"/>')
    t.icon("icon", [240, 100, 120, 120], color="accent", default="shield-star")
    banner(t, 40, 560, 268, 358, tail=40, drop=24, notch=18, grad=band)
    t.text("title", [70, 280, 460, 66], font="roboto-slab", max_size=46, min_size=20, max_lines=2,
           line_height=1.02, color="on-secondary", on="secondary", required=True,
           sample="Leadership", comment="the badge's name, on the banner")
    t.text("subtitle", [150, 382, 300, 54], font="inter", weight="regular", max_size=24, min_size=13,
           max_lines=2, color="on-primary", on="primary", sample="Student Council",
           comment="a line under the banner")
    for x in (222, 378):
        t.add(f'<path d="{poly(star(x, 470, 11, 4.6, 5))}" {t.fill("accent")}/>')
    t.text("year", [240, 452, 120, 36], font="roboto-condensed", max_size=28, min_size=14,
           tracking=0.08, color="on-primary", on="primary", sample="2026",
           comment="year or level, between two stars")
    t.write()


def hexagon() -> None:
    t = Template("hexagon", "Hexagon", "A hexagon with a light field and a level pill at the bottom.",
                 ["hexagon", "modern", "level"], palette="ocean")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-35")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+15"), (1, "primary-30")], 0, 0, 1, 1)
    field = t.rgrad("field", [(0, "background"), (1, "background-8")], 0.5, 0.3, 0.8)
    outer = rounded_poly(regular(300, 300, 292, 6), 46)
    t.shadow(outer)
    t.add(f'<path d="{outer}" fill="{metal}"/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 278, 6), 42)}" fill="{body}"/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 226, 6), 32)}" {t.fill("accent")}/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 217, 6), 30)}" fill="{field}"/>')
    t.icon("icon", [250, 118, 100, 100], color="primary", default="bulb")
    t.text("title", [140, 232, 320, 100], font="inter", max_size=48, min_size=22, max_lines=2,
           color="text", required=True, sample="Problem Solver", comment="the badge's name")
    t.text("subtitle", [168, 338, 264, 52], font="inter", weight="regular", max_size=22, min_size=13,
           max_lines=2, color="text", sample="Mathematics Club", comment="a line under the title")
    t.add(f'<rect x="222" y="404" width="156" height="44" rx="22" {t.fill("secondary")} data-if="level"/>')
    t.text("level", [236, 410, 128, 32], font="roboto-condensed", max_size=22, min_size=12,
           tracking=0.1, color="on-secondary", on="secondary", case="upper", sample="Level 2",
           comment="level or year, in the pill")
    t.write()


def rosette() -> None:
    t = Template("rosette", "Rosette", "A prize rosette with pleated edge and two ribbon tails.",
                 ["rosette", "prize", "ribbon"], palette="royal")
    metal = t.lgrad("metal", [(0, "accent+40"), (0.5, "accent"), (1, "accent-30")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+18"), (1, "primary-28")])
    tail = t.lgrad("tail", [(0, "secondary+10"), (1, "secondary-25")])
    for side in (-1, 1):
        pts = [(300 + side * 20, 300), (300 + side * 112, 300), (300 + side * 178, 560),
               (300 + side * 135, 528), (300 + side * 100, 578)]
        t.add(f'<path d="{poly(pts)}" transform="translate(0 6)" fill="#0b1020" opacity=".15"/>')
        t.add(f'<path d="{poly(pts)}" fill="{tail}"/>')
        edge = [(300 + side * 40, 300), (300 + side * 92, 300), (300 + side * 152, 540)]
        t.add(f'<path d="M{f(edge[0][0])} {f(edge[0][1])} L{f(edge[2][0] - side * 28)} {f(edge[2][1] - 12)}" '
              f'{t.stroke("accent")} stroke-width="5" opacity=".8"/>')
    pleats = star(300, 262, 232, 206, 36)
    t.shadow(rounded_poly(pleats, 6), dy=8)
    t.add(f'<path d="{rounded_poly(pleats, 6)}" fill="{metal}"/>')
    t.add(f'<path d="{rounded_poly(star(300, 262, 206, 188, 36, 5), 5)}" {t.fill("accent-22")}/>')
    t.add(f'<circle cx="300" cy="262" r="178" fill="{body}"/>')
    t.add(f'<circle cx="300" cy="262" r="166" fill="none" {t.stroke("accent")} stroke-width="3"/>')
    t.add(f'<circle cx="300" cy="262" r="158" fill="none" {t.stroke("accent")} stroke-width="1" opacity=".6"/>')
    t.icon("icon", [256, 122, 88, 88], color="accent", default="trophy")
    t.text("title", [160, 222, 280, 94], font="noto-serif", max_size=46, min_size=20, max_lines=2,
           color="on-primary", on="primary", required=True, sample="First Place",
           comment="the badge's name")
    t.text("subtitle", [186, 322, 228, 50], font="inter", weight="regular", max_size=22, min_size=12,
           max_lines=2, color="on-primary", on="primary", sample="Science Fair 2026",
           comment="event or year")
    t.write()


def star_medal() -> None:
    t = Template("star-medal", "Star medal", "A star-burst medal hanging from a striped neck ribbon.",
                 ["medal", "star", "ribbon"], palette="gold")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-35")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+20"), (1, "primary-20")])
    strap = t.lgrad("strap", [(0, "secondary-20"), (1, "secondary+8")])
    for side in (-1, 1):
        pts = [(300 + side * 170, -10), (300 + side * 70, -10), (300 - side * 10, 250), (300 + side * 80, 250)]
        stripe = [(300 + side * 133, -10), (300 + side * 107, -10), (300 + side * 25, 250), (300 + side * 45, 250)]
        t.add(f'<path d="{poly(pts)}" fill="{strap}"/>')
        t.add(f'<path d="{poly(stripe)}" {t.fill("accent")}/>')
    t.add(f'<rect x="262" y="196" width="76" height="40" rx="10" fill="{metal}"/>')
    burst = rounded_poly(star(300, 378, 208, 176, 16), 4)
    t.shadow(burst, dy=8)
    t.add(f'<path d="{burst}" fill="{metal}"/>')
    t.add(f'<circle cx="300" cy="378" r="160" fill="{body}"/>')
    t.add(f'<circle cx="300" cy="378" r="148" fill="none" {t.stroke("accent")} stroke-width="3"/>')
    t.add(f'<path d="{poly(star(300, 268, 16, 7, 5))}" {t.fill("accent")}/>')
    t.icon("icon", [262, 288, 76, 76], color="accent", default="star")
    t.text("title", [170, 370, 260, 76], font="roboto-slab", max_size=40, min_size=18, max_lines=2,
           color="on-primary", on="primary", required=True, sample="Top Scorer",
           comment="the badge's name")
    t.text("subtitle", [196, 450, 208, 34], font="inter", weight="regular", max_size=20, min_size=12,
           color="on-primary", on="primary", sample="Season 2026", comment="a line under the title")
    t.write()


def ribbon_banner() -> None:
    t = Template("ribbon-banner", "Ribbon banner", "A round badge with a ribbon banner across it.",
                 ["round", "banner", "ribbon"], palette="forest")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-30")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+18"), (1, "primary-28")])
    field = t.rgrad("field", [(0, "background"), (1, "background-8")], 0.5, 0.3, 0.8)
    band = t.lgrad("band", [(0, "secondary+12"), (1, "secondary-15")])
    t.shadow(circle(300, 292, 270))
    t.add(f'<circle cx="300" cy="292" r="270" fill="{metal}"/>')
    t.add(f'<circle cx="300" cy="292" r="259" fill="{body}"/>')
    t.add(f'<circle cx="300" cy="292" r="192" fill="{metal}"/>')
    t.add(f'<circle cx="300" cy="292" r="183" fill="{field}"/>')
    t.arc("top", center=(300, 292), radius=225, band=38, angle=0, span=130, max_size=36, min_size=16,
          sample="Green Valley School", comment="arc text along the top of the ring")
    t.arc("bottom", center=(300, 292), radius=225, band=38, angle=180, span=80, bottom=True,
          max_size=30, min_size=14, sample="2026", comment="arc text along the bottom (year)")
    t.icon("icon", [252, 132, 96, 96], color="primary", default="leaf")
    banner(t, 20, 580, 262, 342, tail=20, drop=22, notch=14, grad=band)
    t.text("title", [44, 273, 512, 58], font="roboto-condensed", max_size=50, min_size=22,
           max_lines=2, line_height=1.0, tracking=0.02, case="upper", color="on-secondary",
           on="secondary", required=True, sample="Eco Champion", comment="the badge's name")
    t.text("subtitle", [190, 370, 220, 56], font="inter", weight="regular", max_size=22, min_size=12,
           max_lines=2, color="text", sample="Recycling Project", comment="a line under the banner")
    t.write()


def rounded_square() -> None:
    t = Template("rounded-square", "Rounded square", "An app-icon style tile with a large icon.",
                 ["square", "modern", "tile"], palette="violet")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-30")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+22"), (1, "primary-25")], 0, 0, 1, 1)
    gloss = t.gloss()
    sq = "M140 28 H460 A112 112 0 0 1 572 140 V460 A112 112 0 0 1 460 572 H140 A112 112 0 0 1 28 460 V140 A112 112 0 0 1 140 28 Z"
    t.shadow(sq)
    t.add(f'<path d="{sq}" fill="{metal}"/>')
    t.add(f'<rect x="40" y="40" width="520" height="520" rx="100" fill="{body}"/>')
    t.add(f'<rect x="40" y="40" width="520" height="260" rx="100" fill="{gloss}" opacity=".7"/>')
    t.add(f'<rect x="62" y="62" width="476" height="476" rx="80" fill="none" {t.stroke("accent")} stroke-width="2" opacity=".75"/>')
    t.add(f'<circle cx="300" cy="188" r="98" {t.fill("primary-25")} opacity=".55"/>')
    t.icon("icon", [228, 116, 144, 144], color="accent", stroke=1.6, default="code")
    t.text("title", [90, 300, 420, 108], font="inter", max_size=54, min_size=24, max_lines=2,
           color="on-primary", on="primary", required=True, sample="Python Coder",
           comment="the badge's name")
    t.text("subtitle", [110, 410, 380, 44], font="inter", weight="regular", max_size=24, min_size=13,
           color="on-primary", on="primary", sample="Intro to Programming",
           comment="a line under the title")
    t.add(f'<rect x="228" y="466" width="144" height="40" rx="20" {t.fill("accent")} data-if="level"/>')
    t.text("level", [240, 471, 120, 30], font="roboto-condensed", max_size=20, min_size=11,
           tracking=0.1, case="upper", color="text", on="accent", sample="Level 1",
           comment="level or year, in the pill")
    t.write()


def diamond() -> None:
    t = Template("diamond", "Diamond", "A diamond-shaped badge with a framed centre.",
                 ["diamond", "geometric"], palette="teal")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-35")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+18"), (1, "primary-30")])
    outer = rounded_poly(regular(300, 300, 292, 4), 52)
    t.shadow(outer)
    t.add(f'<path d="{outer}" fill="{metal}"/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 276, 4), 46)}" fill="{body}"/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 238, 4), 34)}" fill="none" {t.stroke("accent")} stroke-width="2.5"/>')
    t.icon("icon", [255, 112, 90, 90], color="accent", default="atom")
    for y in (236, 344):
        t.add(f'<path d="M230 {y} H370" {t.stroke("accent")} stroke-width="2" stroke-linecap="round" opacity=".8"/>')
    t.text("title", [130, 246, 340, 88], font="inter", max_size=46, min_size=20, max_lines=2,
           color="on-primary", on="primary", required=True, sample="Lab Safety",
           comment="the badge's name")
    t.text("subtitle", [190, 356, 220, 40], font="inter", weight="regular", max_size=22, min_size=12,
           color="on-primary", on="primary", sample="Chemistry", comment="a line under the title")
    t.text("year", [250, 408, 100, 30], font="roboto-condensed", max_size=24, min_size=12,
           tracking=0.08, color="on-primary", on="primary", sample="2026", comment="year or level")
    t.write()


def pennant() -> None:
    t = Template("pennant", "Pennant", "A hanging pennant on a rod, with a header band.",
                 ["pennant", "flag", "banner"], palette="sunset")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-35")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+12"), (1, "primary-28")])
    shape = poly([(132, 52), (468, 52), (468, 440), (300, 578), (132, 440)])
    t.shadow(shape)
    t.add(f'<path d="{shape}" fill="{body}"/>')
    t.add(f'<path d="{poly([(150, 70), (450, 70), (450, 431), (300, 554), (150, 431)])}" fill="none" {t.stroke("accent")} stroke-width="3"/>')
    t.add(f'<rect x="132" y="96" width="336" height="52" {t.fill("secondary")}/>')
    t.add(f'<rect x="92" y="36" width="416" height="20" rx="10" fill="{metal}"/>')
    t.add(f'<circle cx="92" cy="46" r="16" fill="{metal}"/><circle cx="508" cy="46" r="16" fill="{metal}"/>')
    t.text("top", [150, 102, 300, 40], font="roboto-condensed", max_size=26, min_size=12,
           tracking=0.1, case="upper", color="on-secondary", on="secondary", sample="Camp Redwood",
           comment="organisation, on the header band")
    t.icon("icon", [245, 170, 110, 110], color="accent", default="campfire")
    t.text("title", [160, 292, 280, 108], font="roboto-slab", max_size=46, min_size=18, max_lines=3,
           line_height=1.08, color="on-primary", on="primary", required=True,
           sample="Trail Blazer", comment="the badge's name")
    t.text("subtitle", [190, 404, 220, 46], font="inter", weight="regular", max_size=22, min_size=12,
           max_lines=2, color="on-primary", on="primary", sample="Summer 2026",
           comment="a line under the title")
    t.write()


def octagon() -> None:
    t = Template("octagon", "Octagon", "An octagon with a light field and a ribbon across the bottom.",
                 ["octagon", "geometric", "ribbon"], palette="slate")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-35")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+15"), (1, "primary-28")])
    field = t.rgrad("field", [(0, "background"), (1, "background-8")], 0.5, 0.3, 0.8)
    band = t.lgrad("band", [(0, "secondary+12"), (1, "secondary-15")])
    outer = rounded_poly(regular(300, 300, 292, 8, 22.5), 28)
    t.shadow(outer)
    t.add(f'<path d="{outer}" fill="{metal}"/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 279, 8, 22.5), 26)}" fill="{body}"/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 236, 8, 22.5), 20)}" {t.fill("accent")}/>')
    t.add(f'<path d="{rounded_poly(regular(300, 300, 228, 8, 22.5), 18)}" fill="{field}"/>')
    t.icon("icon", [252, 112, 96, 96], color="primary", default="cpu")
    t.text("title", [118, 224, 364, 104], font="roboto-slab", max_size=50, min_size=22, max_lines=2,
           color="text", required=True, sample="Cyber Security", comment="the badge's name")
    t.text("subtitle", [150, 332, 300, 56], font="inter", weight="regular", max_size=22, min_size=12,
           max_lines=2, color="text", sample="Network Defence", comment="a line under the title")
    banner(t, 110, 490, 420, 478, tail=38, drop=18, notch=14, grad=band)
    t.text("level", [130, 425, 340, 48], font="roboto-condensed", max_size=28, min_size=13,
           tracking=0.1, case="upper", color="on-secondary", on="secondary", sample="Advanced",
           comment="level or year, on the ribbon")
    t.write()


def laurel(t: Template, cx: float, cy: float, r: float, a0: float, a1: float, n: int) -> None:
    """One laurel branch along the circle from angle a0 to a1 (degrees clockwise from top)."""
    steps = [a0 + (a1 - a0) * i / (n - 1) for i in range(n)]
    x0, y0 = polar(cx, cy, r, a0)
    x1, y1 = polar(cx, cy, r, a1)
    sweep = 1 if a1 > a0 else 0
    t.add(f'<path d="M{f(x0)} {f(y0)} A{f(r)} {f(r)} 0 0 {sweep} {f(x1)} {f(y1)}" fill="none" '
          f'{t.stroke("accent-30")} stroke-width="5" stroke-linecap="round"/>')
    direction = 1 if a1 > a0 else -1
    for i, a in enumerate(steps):
        size = 1.0 - 0.3 * i / (n - 1)
        tangent = a if direction > 0 else a + 180  # screen angle of the growth direction
        sx, sy = polar(cx, cy, r, a)
        for side in (-1, 1):
            rot = tangent + side * 38
            rx, ry = 27 * size, 9.5 * size
            lx = sx + math.cos(math.radians(rot)) * rx * 0.92
            ly = sy + math.sin(math.radians(rot)) * rx * 0.92
            t.add(f'<ellipse cx="{f(lx)}" cy="{f(ly)}" rx="{f(rx)}" ry="{f(ry)}" '
                  f'transform="rotate({f(rot)} {f(lx)} {f(ly)})" fill="url(#leaf)"/>')
    tangent = a1 if direction > 0 else a1 + 180
    ex, ey = polar(cx, cy, r, a1)
    tx = ex + math.cos(math.radians(tangent)) * 16
    ty = ey + math.sin(math.radians(tangent)) * 16
    t.add(f'<ellipse cx="{f(tx)}" cy="{f(ty)}" rx="18" ry="7" transform="rotate({f(tangent)} {f(tx)} {f(ty)})" fill="url(#leaf)"/>')


def laurel_wreath() -> None:
    t = Template("laurel-wreath", "Laurel wreath", "A medallion framed by a golden laurel wreath.",
                 ["laurel", "wreath", "classic", "honours"], palette="royal")
    metal = t.lgrad("metal", [(0, "accent+45"), (0.5, "accent"), (1, "accent-30")], 0, 0, 1, 1)
    t.lgrad("leaf", [(0, "accent+30"), (1, "accent-25")], 0, 0, 1, 1)
    body = t.lgrad("body", [(0, "primary+18"), (1, "primary-28")])
    field = t.rgrad("field", [(0, "background"), (1, "background-6")], 0.5, 0.4, 0.7)
    band = t.lgrad("band", [(0, "secondary+12"), (1, "secondary-15")])
    t.shadow(circle(300, 300, 288), dy=6)
    t.add(f'<circle cx="300" cy="300" r="288" fill="{field}"/>')
    t.add(f'<circle cx="300" cy="300" r="282" fill="none" {t.stroke("accent")} stroke-width="4"/>')
    t.add(f'<circle cx="300" cy="300" r="272" fill="none" {t.stroke("accent")} stroke-width="1.5" opacity=".6"/>')
    laurel(t, 300, 300, 226, 196, 332, 12)
    laurel(t, 300, 300, 226, 164, 28, 12)
    t.add(f'<circle cx="300" cy="292" r="160" fill="{metal}"/>')
    t.add(f'<circle cx="300" cy="292" r="151" fill="{body}"/>')
    t.add(f'<circle cx="300" cy="292" r="141" fill="none" {t.stroke("accent")} stroke-width="1.5" opacity=".8"/>')
    t.icon("icon", [262, 168, 76, 76], color="accent", default="medal")
    t.text("title", [172, 250, 256, 86], font="noto-serif", max_size=40, min_size=18, max_lines=2,
           color="on-primary", on="primary", required=True, sample="Honour Roll",
           comment="the badge's name")
    t.text("subtitle", [192, 338, 216, 40], font="inter", weight="regular", max_size=20, min_size=11,
           max_lines=2, color="on-primary", on="primary", sample="Academic Excellence",
           comment="a line under the title")
    banner(t, 170, 430, 468, 518, tail=34, drop=16, notch=12, grad=band)
    t.text("year", [190, 472, 220, 42], font="roboto-condensed", max_size=28, min_size=13,
           tracking=0.1, case="upper", color="on-secondary", on="secondary", sample="2026",
           comment="year or level, on the ribbon")
    t.write()


def certificate() -> None:
    t = Template("certificate", "Certificate", "A landscape certificate that carries the recipient's name.",
                 ["certificate", "landscape", "recipient"], palette="royal", width=800, height=566)
    metal = t.lgrad("metal", [(0, "accent+40"), (0.5, "accent"), (1, "accent-30")], 0, 0, 1, 1)
    paper = t.rgrad("paper", [(0, "background"), (1, "background-5")], 0.5, 0.45, 0.75)
    body = t.lgrad("body", [(0, "primary+18"), (1, "primary-28")])
    t.add(f'<rect x="0" y="0" width="800" height="566" fill="{paper}"/>')
    t.add(f'<rect x="14" y="14" width="772" height="538" fill="none" {t.stroke("primary")} stroke-width="10"/>')
    t.add(f'<rect x="30" y="30" width="740" height="506" fill="none" {t.stroke("accent")} stroke-width="2"/>')
    t.add(f'<rect x="36" y="36" width="728" height="494" fill="none" {t.stroke("accent")} stroke-width="0.8"/>')
    for x, y in ((30, 30), (770, 30), (30, 536), (770, 536)):
        t.add(f'<path d="{poly([(x, y - 12), (x + 12, y), (x, y + 12), (x - 12, y)])}" fill="{metal}"/>')
    t.text("heading", [100, 62, 600, 50], font="noto-serif", max_size=38, min_size=18, tracking=0.06,
           case="upper", color="primary", on="background", default="Certificate of Achievement",
           comment="heading (has a default; pass another text to change it)")
    t.add(f'<path d="M330 128 H470" {t.stroke("accent")} stroke-width="2"/>')
    t.add(f'<path d="{poly(star(400, 128, 8, 3.5, 4))}" fill="{metal}"/>')
    t.text("presented", [200, 146, 400, 28], font="inter", weight="regular", max_size=20, min_size=11,
           color="text", on="background", default="This certifies that",
           comment="words before the name (has a default)")
    t.text("recipient", [110, 180, 580, 76], font="noto-serif", max_size=60, min_size=24, max_lines=2,
           color="text", on="background", required=True, sample="Ana María Oyelaran-Kowalski",
           comment="the recipient's name")
    t.add(f'<path d="M170 266 H630" {t.stroke("accent")} stroke-width="1.5"/>')
    t.text("earned", [200, 278, 400, 28], font="inter", weight="regular", max_size=20, min_size=11,
           color="text", on="background", default="has earned the badge",
           comment="words before the achievement (has a default)")
    t.text("title", [130, 312, 540, 76], font="noto-serif", max_size=36, min_size=18, max_lines=2,
           color="primary", on="background", sample="Data Science Foundations",
           comment="the achievement's name")
    t.add(f'<path d="M90 452 H300 M500 452 H710" {t.stroke("text")} stroke-width="1" opacity=".7"/>')
    t.text("date", [90, 416, 210, 30], font="inter", weight="regular", max_size=20, min_size=11,
           color="text", on="background", sample="23 November 2026", comment="date, above the left line")
    t.text("issuer", [500, 416, 210, 30], font="inter", weight="regular", max_size=20, min_size=11,
           color="text", on="background", sample="Example University",
           comment="issuer, above the right line")
    t.text("date_label", [90, 458, 210, 20], font="roboto-condensed", weight="regular", max_size=14,
           min_size=9, tracking=0.12, case="upper", color="text", on="background", default="Date",
           comment="caption under the left line (has a default)")
    t.text("issuer_label", [500, 458, 210, 20], font="roboto-condensed", weight="regular",
           max_size=14, min_size=9, tracking=0.12, case="upper", color="text", on="background",
           default="Issued by", comment="caption under the right line (has a default)")
    seal = rounded_poly(star(400, 448, 62, 54, 24), 3)
    t.add(f'<path d="{seal}" transform="translate(0 4)" fill="#0b1020" opacity=".15"/>')
    t.add(f'<path d="{seal}" fill="{metal}"/>')
    t.add(f'<circle cx="400" cy="448" r="48" fill="{body}"/>')
    t.add(f'<circle cx="400" cy="448" r="42" fill="none" {t.stroke("accent")} stroke-width="1.5"/>')
    t.icon("icon", [374, 422, 52, 52], color="accent", default="certificate")
    t.write()


TEMPLATES = [circle_seal, shield, hexagon, rosette, star_medal, ribbon_banner, rounded_square,
             diamond, pennant, octagon, laurel_wreath, certificate]


if __name__ == "__main__":
    names = set(sys.argv[1:])
    for make in TEMPLATES:
        if not names or make.__name__.replace("_", "-") in names:
            make()
