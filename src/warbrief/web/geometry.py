"""Geometry for the inline-SVG charts: oblast outlines, the map projection, and the losses series.

Pages must work offline with a strict Content-Security-Policy, so maps and charts are inline SVG drawn from
numbers computed here; templates only place them. Oblast outlines come from the ``pygal-maps-ua`` package
(geoBoundaries UKR ADM1, simplified, drawn on a 1200 x 800 Mercator canvas). The canvas is calibrated against
Ukraine's extreme points: the westernmost outline point (Zakarpattia) is 22.137° E, the easternmost (Luhansk)
40.228° E, the northernmost (Chernihiv) 52.379° N and the southernmost (Crimea) 44.386° N; Kyiv and Sevastopol
then land within a few pixels of their city outlines (tests/test_web_geometry.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from warbrief.web.archive import LossPoint

MAP_WIDTH, MAP_HEIGHT = 1200, 800
_WEST, _EAST, _NORTH, _SOUTH = 22.137, 40.228, 52.379, 44.386
_REGION = re.compile(r'<g\s+class="ua_([a-z-]+)[^"]*"\s+id="[^"]*"\s*>(.*?)</g>', re.S)
_PATH_D = re.compile(r'\sd="([^"]*)"')
_SAFE_PATH = re.compile(r"^[0-9a-zA-Z.,\s-]+$")
_TOKEN = re.compile(r"[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")
_ARITY = {"m": 2, "l": 2, "c": 6, "h": 1, "v": 1}

#: Outline names of the package -> the oblast names the gazetteer links places to.
OBLAST_NAMES = {
    "cherkasy": "Cherkasy", "chernihiv": "Chernihiv", "chernivtsi": "Chernivtsi", "crimea": "Crimea",
    "dnipropetrovsk": "Dnipropetrovsk", "donetsk": "Donetsk", "kharkiv": "Kharkiv", "kherson": "Kherson",
    "khmelnitskyi": "Khmelnytskyi", "kyiv": "Kyiv", "kyivcity": "Kyiv City", "kirovohrad": "Kirovohrad",
    "lviv": "Lviv", "luhansk": "Luhansk", "mykolaiv": "Mykolaiv", "odesa": "Odesa", "poltava": "Poltava",
    "rivne": "Rivne", "sevastopolcity": "Sevastopol", "sumy": "Sumy", "ivano-frankivsk": "Ivano-Frankivsk",
    "ternopil": "Ternopil", "zakarpattia": "Zakarpattia", "vinnytsia": "Vinnytsia", "volyn": "Volyn",
    "zaporizhzhia": "Zaporizhzhia", "zhytomir": "Zhytomyr",
}


@dataclass(frozen=True, slots=True)
class Outline:
    key: str
    name: str
    paths: tuple[str, ...]
    box: tuple[float, float, float, float]  # min x, min y, max x, max y on the canvas


@dataclass(frozen=True, slots=True)
class Projection:
    """Longitude is linear on the canvas and latitude follows Mercator, fitted to the outline's extremes."""

    x_scale: float
    x_offset: float
    y_scale: float
    y_offset: float

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        return self.x_scale * lon + self.x_offset, self.y_scale * _mercator(lat) + self.y_offset


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _path_points(d: str) -> list[tuple[float, float]]:
    """End points of a path's segments (enough for a bounding box; control points never stick out far)."""
    points: list[tuple[float, float]] = []
    x = y = sx = sy = 0.0
    command = ""
    tokens = _TOKEN.findall(d)
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "zZ":
                x, y = sx, sy
                continue
        lower = command.lower()
        n = _ARITY.get(lower)
        if n is None or i + n > len(tokens):
            break
        v = [float(t) for t in tokens[i:i + n]]
        i += n
        relative = command.islower()
        if lower in "mlc":
            nx, ny = v[-2], v[-1]
            x, y = (x + nx, y + ny) if relative else (nx, ny)
            if lower == "m":
                sx, sy = x, y
                command = "l" if relative else "L"
        elif lower == "h":
            x = x + v[0] if relative else v[0]
        elif lower == "v":
            y = y + v[0] if relative else v[0]
        points.append((x, y))
    return points


@lru_cache(maxsize=1)
def outlines() -> tuple[Outline, ...]:
    """The oblasts of Ukraine as SVG paths (package data, checked to hold path syntax only)."""
    svg = (resources.files("pygal_maps_ua") / "UKR-ADM1_simplified.Svg").read_text(encoding="utf-8")
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    found: dict[str, list[str]] = {}
    for match in _REGION.finditer(svg):
        paths = [d for d in _PATH_D.findall(match.group(2)) if _SAFE_PATH.match(d)]
        found.setdefault(match.group(1), []).extend(paths)
    result = []
    for key, paths in sorted(found.items()):
        points = [p for d in paths for p in _path_points(d)]
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        result.append(Outline(key, OBLAST_NAMES.get(key, key.title()), tuple(paths),
                              (min(xs), min(ys), max(xs), max(ys))))
    return tuple(result)


@lru_cache(maxsize=1)
def projection() -> Projection:
    shapes = outlines()
    left = min(o.box[0] for o in shapes)
    right = max(o.box[2] for o in shapes)
    top = min(o.box[1] for o in shapes)
    bottom = max(o.box[3] for o in shapes)
    x_scale = (right - left) / (_EAST - _WEST)
    y_scale = (bottom - top) / (_mercator(_SOUTH) - _mercator(_NORTH))
    return Projection(x_scale, left - x_scale * _WEST, y_scale, top - y_scale * _mercator(_NORTH))


@dataclass(frozen=True, slots=True)
class ChartPoint:
    x: float
    y: float
    day: str
    value: int


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[tuple[float, float, float, float, str, int], ...]  # x, y, width, height, day, value
    line: str  # polyline points of the running total
    y_ticks: tuple[tuple[float, str], ...]
    x_labels: tuple[tuple[float, str], ...]
    max_today: int
    max_total: int


def losses_chart(series: list[LossPoint], width: int = 720, height: int = 260) -> Chart | None:
    """Daily losses as bars and the running total as a line, each on its own scale (left: daily, right: total)."""
    points = [p for p in series if p.today is not None or p.total is not None]
    if not points:
        return None
    left, right, top, bottom = 56, 72, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    max_today = max((p.today or 0) for p in points) or 1
    totals = [p.total for p in points if p.total is not None]
    max_total, min_total = (max(totals), min(totals)) if totals else (1, 0)
    span = max(max_total - min_total, 1)
    step = plot_w / len(points)
    bars = []
    line = []
    for i, p in enumerate(points):
        x = left + i * step
        if p.today is not None:
            h = plot_h * p.today / max_today
            bars.append((round(x + step * 0.15, 1), round(top + plot_h - h, 1), round(max(step * 0.7, 1), 1),
                         round(h, 1), p.day.isoformat(), p.today))
        if p.total is not None:
            y = top + plot_h - plot_h * (p.total - min_total) / span if span else top
            line.append(f"{x + step / 2:.1f},{y:.1f}")
    ticks = tuple((round(top + plot_h - plot_h * f, 1), f"{round(max_today * f):,}") for f in (0, 0.5, 1))
    every = max(1, len(points) // 6)
    labels = tuple((round(left + i * step + step / 2, 1), p.day.isoformat()) for i, p in enumerate(points)
                   if i % every == 0)
    return Chart(width, height, tuple(bars), " ".join(line), ticks, labels, max_today, max_total)
