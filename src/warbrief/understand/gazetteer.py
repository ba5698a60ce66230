"""The place gazetteer: Ukrainian settlements (shipped CSV) plus curated features, indexed by matching key.

Loaded once per process (``load_gazetteer`` is cached): building the index from the gzipped CSV takes a
fraction of a second, and every worker that links places needs the same read-only index.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from statistics import fmean, median
from typing import Any, NamedTuple

import yaml

from warbrief.understand.translit import place_key

GAZETTEER_CSV = "ua_settlements_gazetteer.csv.gz"
FEATURES_YAML = "features.yaml"
# Prior weight of a settlement category: a city is more likely meant than a same-named village.
_CATEGORY_RANK = {"city": 3, "urban-type settlement (selyshche)": 2, "village (selo)": 1}


class Place(NamedTuple):
    """One linkable place: a gazetteer settlement, an oblast, a Russian region or a curated feature.

    A NamedTuple rather than a dataclass: 30,000 of them are built at start-up, and tuples build fastest.
    """

    id: str
    name: str
    kind: str
    oblast: str | None
    country: str
    lat: float | None
    lon: float | None
    rank: int = 1
    raion: str = ""


@dataclass(slots=True)
class Gazetteer:
    """Places by id and by matching key; oblast/region units are kept in their own index."""

    places: dict[str, Place] = field(default_factory=dict)
    by_key: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    units_by_key: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    roads: dict[str, Place] = field(default_factory=dict)
    fuzzy_buckets: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    max_words: int = 1
    _seen: set[tuple[str, str, bool]] = field(default_factory=set, repr=False)

    def add(self, place: Place, names: list[str], unit: bool = False) -> None:
        self.places.setdefault(place.id, place)
        index = self.units_by_key if unit else self.by_key
        for name in names:
            key = place_key(name)
            if len(key) < 3:  # "O" of "O-0510": road codes are matched by code, not by name
                continue
            if (key, place.id, unit) in self._seen:
                continue
            self._seen.add((key, place.id, unit))
            index[key].append(place)
            self.max_words = max(self.max_words, key.count(" ") + 1)
            if not unit and len(key) >= 5:
                self.fuzzy_buckets[key[:2]].append(key)

    def candidates(self, key: str) -> list[Place]:
        return self.by_key.get(key, [])

    def units(self, key: str) -> list[Place]:
        return self.units_by_key.get(key, [])


def _road_code(name: str) -> str | None:
    """Road numbers ("O-0510", "M03") are matched by code, since the name key drops digits."""
    match = re.fullmatch(r"([A-ZА-Я])-?(\d{2,5})(?:\s+(?:road|highway))?", name.strip())
    return f"{match.group(1)}{match.group(2)}" if match else None


def road_code(token: str) -> str | None:
    return _road_code(token)


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _read_data(name: str) -> bytes:
    return resources.files("warbrief.data").joinpath("gazetteer", name).read_bytes()


def _settlement_rows() -> list[dict[str, str]]:
    """The CSV as dicts of the columns we use (csv.reader plus column indices: twice DictReader's speed)."""
    text = gzip.decompress(_read_data(GAZETTEER_CSV)).decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    wanted = ("pcode", "category", "name_en", "name_uk", "hromada_en", "raion_en", "oblast_code", "lat", "lon",
              "coord_source")
    cols = [(name, header.index(name)) for name in wanted]
    return [{name: row[i] for name, i in cols} for row in reader if len(row) == len(header)]


def _hromada_points(rows: list[dict[str, str]]) -> dict[tuple[str, str, str], tuple[float, float]]:
    """A point per hromada: its centroid where the file gives one, else the median of its clean GeoNames points."""
    clean: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    centroid: dict[tuple[str, str, str], tuple[float, float]] = {}
    for row in rows:
        if not row["lat"] or not row["hromada_en"]:
            continue
        key = (row["oblast_code"], row["raion_en"], row["hromada_en"])
        point = (float(row["lat"]), float(row["lon"]))
        if row["coord_source"] == "hromada_centroid":
            centroid[key] = point
        elif row["coord_source"] == "geonames_postal":
            clean[key].append(point)
    for key, points in clean.items():
        if key not in centroid:
            centroid[key] = (median(p[0] for p in points), median(p[1] for p in points))
    return centroid


def _point(row: dict[str, str], hromadas: dict[tuple[str, str, str], tuple[float, float]]) -> tuple[float | None,
                                                                                                     float | None]:
    """The row's point; for a suspect one (name-merged postal point far from its hromada, or one of several
    same-named places given the same point) the hromada's point, which is never far wrong."""
    source = row["coord_source"]
    if source != "geonames_postal" and source != "hromada_centroid":
        point = hromadas.get((row["oblast_code"], row["raion_en"], row["hromada_en"]))
        if point is not None:
            return point
    return _float(row["lat"]), _float(row["lon"])


def _add_settlements(gaz: Gazetteer, rows: list[dict[str, str]], oblast_names: dict[str, str]) -> None:
    hromadas = _hromada_points(rows)
    for row in rows:
        pcode = row["pcode"]
        capital = pcode.endswith("00000000")  # Kyiv and Sevastopol: cities with special status
        lat, lon = _point(row, hromadas)
        place = Place(pcode, row["name_en"], "settlement", oblast_names.get(row["oblast_code"]), "UA",
                      lat, lon, 4 if capital else _CATEGORY_RANK.get(row["category"], 1), row["raion_en"])
        gaz.add(place, [row["name_en"], row["name_uk"]])


def _add_oblasts(gaz: Gazetteer, spec: list[dict[str, Any]], rows: list[dict[str, str]]) -> None:
    """Oblast units, each pinned at the mean of its settlements' points (computed, not curated)."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        if row["lat"] and row["coord_source"].startswith("geonames_postal"):
            points[row["oblast_code"]].append((float(row["lat"]), float(row["lon"])))
    for entry in spec:
        pts = points.get(entry["code"]) or [(None, None)]
        lat = fmean(p[0] for p in pts) if pts[0][0] is not None else None
        lon = fmean(p[1] for p in pts) if pts[0][1] is not None else None
        place = Place(id=f"oblast:{entry['code']}", name=entry["name"], kind="oblast", oblast=entry["name"],
                      country="UA", lat=_round(lat), lon=_round(lon), rank=5)
        gaz.add(place, [entry["name"], *entry.get("variants", [])], unit=True)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _add_regions(gaz: Gazetteer, spec: list[dict[str, Any]]) -> None:
    for entry in spec:
        place = Place(id=f"region:{entry['id']}", name=entry["name"], kind=entry.get("kind", "region"),
                      oblast=entry["name"], country="RU" if entry["id"] != "donbas" else "UA",
                      lat=entry.get("lat"), lon=entry.get("lon"), rank=5)
        gaz.add(place, [entry["name"], *entry.get("variants", [])], unit=True)


def _add_features(gaz: Gazetteer, spec: list[dict[str, Any]], ua_oblasts: set[str]) -> None:
    for entry in spec:
        oblast = entry.get("oblast") or None
        country = "UA" if oblast is None or oblast in ua_oblasts else "RU"
        place = Place(id=f"feature:{entry.get('id') or _slug(entry['name'])}", name=entry["name"],
                      kind=entry.get("kind", "settlement"), oblast=oblast, country=country,
                      lat=entry.get("lat"), lon=entry.get("lon"), rank=2)
        names = [entry["name"], *entry.get("aliases", [])]
        gaz.add(place, names)
        for name in names:
            code = _road_code(name)
            if code:
                gaz.roads[code] = place


def _add_aliases(gaz: Gazetteer, aliases: dict[str, str]) -> None:
    for alias, pcode in aliases.items():
        place = gaz.places.get(pcode)
        if place is not None:
            gaz.add(place, [alias])


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer and curated features, indexed once per process."""
    features = yaml.safe_load(_read_data(FEATURES_YAML).decode("utf-8"))
    oblast_spec = features.get("oblasts") or []
    oblast_names = {e["code"]: e["name"] for e in oblast_spec}
    rows = _settlement_rows()
    gaz = Gazetteer()
    _add_settlements(gaz, rows, oblast_names)
    _add_oblasts(gaz, oblast_spec, rows)
    _add_regions(gaz, features.get("regions") or [])
    _add_features(gaz, features.get("places") or [], set(oblast_names.values()))
    _add_aliases(gaz, features.get("aliases") or {})
    gaz.by_key = dict(gaz.by_key)
    gaz.units_by_key = dict(gaz.units_by_key)
    gaz.fuzzy_buckets = {k: sorted(set(v)) for k, v in gaz.fuzzy_buckets.items()}
    gaz._seen = set()
    return gaz
