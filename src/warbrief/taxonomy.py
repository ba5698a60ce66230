"""The briefing taxonomy: which sections a briefing has, in which order, and how to recognise them.

The taxonomy is data (a YAML file shipped with the package) so that a user can describe another conflict
or another house style without touching code: ``--taxonomy FILE`` swaps it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

SectionKind = Literal["stories", "summary", "losses", "sources", "victims"]
_KINDS = {"stories", "summary", "losses", "sources", "victims"}
DEFAULT_TAXONOMY = "taxonomy.yaml"


class TaxonomyError(ValueError):
    """The taxonomy file is missing, unreadable or malformed."""


@dataclass(slots=True)
class SectionSpec:
    """One section of the taxonomy, as the YAML file describes it."""

    id: str
    title: str
    kind: SectionKind = "stories"
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    exemplars: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    oblasts: list[str] = field(default_factory=list)
    #: The side whose strikes this section reports ("ukraine" for operations in Russia). A story whose strikes
    #: and interceptions are mostly the other side's does not belong here, whatever places it names.
    fire: str | None = None
    #: The side whose own doings the section reports ("russia" for Russian mobilization): a story whose lead
    #: names the other side first leans away from it, one that names this side first leans towards it.
    actor: str | None = None
    #: Fact kinds that file a story here when its lead states one (civilian casualties: Innocent Victims,
    #: wherever the strike happened).
    lead_facts: list[str] = field(default_factory=list)


def normalize_heading(text: str) -> str:
    """Fold case, dashes, quotes and trailing colons so that headings compare as a reader sees them."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text)
    return text.rstrip(" :.")


@dataclass(slots=True, eq=False)
class Taxonomy:
    """A loaded taxonomy (hashed by identity, so per-taxonomy precomputation can be cached)."""

    name: str
    sections: list[SectionSpec]
    source: str = ""
    _by_id: dict[str, SectionSpec] = field(default_factory=dict, repr=False)
    _headings: list[tuple[str, str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {s.id: s for s in self.sections}
        pairs: list[tuple[str, str]] = []
        for spec in self.sections:
            for label in [spec.title, *spec.aliases]:
                pairs.append((normalize_heading(label), spec.id))
        # Longest first, so "donetsk front" wins over a shorter alias that prefixes it.
        self._headings = sorted(pairs, key=lambda p: -len(p[0]))

    def __getitem__(self, section_id: str) -> SectionSpec:
        return self._by_id[section_id]

    def __contains__(self, section_id: object) -> bool:
        return section_id in self._by_id

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def story_sections(self) -> list[SectionSpec]:
        """Sections that stories can be placed in (not the summary, losses or sources)."""
        return [s for s in self.sections if s.kind in ("stories", "victims")]

    def children(self, section_id: str) -> list[SectionSpec]:
        return [s for s in self.sections if s.parent == section_id]

    def first_of_kind(self, kind: SectionKind) -> SectionSpec | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def match_heading(self, line: str) -> str | None:
        """The id of the section a heading line names, or None.

        A heading matches a title or alias exactly, or starts with one and goes on after a dash or
        colon ("Kharkiv Front – Initiative Russia"), as digest pages write them.
        """
        norm = normalize_heading(line)
        if not norm or len(norm) > 120:
            return None
        for label, section_id in self._headings:
            if norm == label:
                return section_id
            if norm.startswith(label) and re.match(r"\s*[-:(]", norm[len(label) :]):
                return section_id
        return None


def _spec_from_dict(entry: dict[str, Any], where: str) -> SectionSpec:
    if not isinstance(entry, dict) or "id" not in entry or "title" not in entry:
        raise TaxonomyError(f"{where}: every section needs an 'id' and a 'title'")
    kind = entry.get("kind", "stories")
    if kind not in _KINDS:
        raise TaxonomyError(f"{where}: section {entry['id']!r} has unknown kind {kind!r}")

    def strings(key: str) -> list[str]:
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TaxonomyError(f"{where}: {entry['id']}.{key} must be a list of strings")
        return value

    return SectionSpec(
        id=str(entry["id"]),
        title=str(entry["title"]),
        kind=kind,
        parent=entry.get("parent"),
        aliases=strings("aliases"),
        description=str(entry.get("description") or "").strip(),
        keywords=strings("keywords"),
        exemplars=[e.strip() for e in strings("exemplars")],
        places=strings("places"),
        oblasts=strings("oblasts"),
        fire=_side(entry, "fire", where),
        actor=_side(entry, "actor", where),
        lead_facts=strings("lead_facts"),
    )


def _side(entry: dict[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if value not in ("russia", "ukraine"):
        raise TaxonomyError(f"{where}: {entry['id']}.{key} must be 'russia' or 'ukraine', not {value!r}")
    return str(value)


def parse_taxonomy(text: str, where: str = "taxonomy") -> Taxonomy:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{where}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise TaxonomyError(f"{where}: expected a mapping with a 'sections' list")
    specs = [_spec_from_dict(e, where) for e in data["sections"]]
    ids = [s.id for s in specs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise TaxonomyError(f"{where}: duplicate section ids {duplicates}")
    for spec in specs:
        if spec.parent is not None and spec.parent not in ids:
            raise TaxonomyError(f"{where}: section {spec.id!r} names unknown parent {spec.parent!r}")
    return Taxonomy(name=str(data.get("name", "")), sections=specs, source=where)


@lru_cache(maxsize=8)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Load a taxonomy file, or the one shipped with warbrief when ``path`` is None."""
    if path is None:
        text = resources.files("warbrief.data").joinpath(DEFAULT_TAXONOMY).read_text("utf-8")
        return parse_taxonomy(text, where=f"warbrief/data/{DEFAULT_TAXONOMY}")
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy ({exc})") from exc
    return parse_taxonomy(text, where=str(path))
