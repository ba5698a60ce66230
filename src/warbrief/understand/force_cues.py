"""The states a paragraph's names point to: outlets, officials, institutions, units and Russian regions.

A troop count often names its army nowhere in its own words: "The 3rd Army Corps now numbers some 40,000
servicemen, its commander Andriy Biletskyi said"; "the Defence Ministry intends to call up roughly 2,000
reservists in the Moscow region, Meduza's sources say". A reader knows whose troops these are from the names
around them. troops.py asks this module only after its own readers found no force; each name is one piece of
evidence (``data/entities/force_cues.yaml``, plus the people and named units of the entity lexicons whose side is
a warring state), and troops.py weighs them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from warbrief.understand.entities import load_lexicon

# The entity lexicons' sides that are armies here (aliases.yaml writes "north-korea"; forces are "north_korea").
# Western people and institutions of the lexicons are left out: their officials speak of both armies.
_LEXICON_FORCES = {"russia": "russia", "ukraine": "ukraine", "north-korea": "north_korea", "belarus": "belarus"}
_GROUPS = ("outlets", "people", "institutions", "regions")


@lru_cache(maxsize=1)
def _data() -> dict:
    raw = resources.files("warbrief.data").joinpath("entities", "force_cues.yaml").read_text("utf-8")
    return yaml.safe_load(raw) or {}


def named_by_force(group: str) -> dict[str, list[str]]:
    """force_cues.yaml's names of one group ("people", "institutions", ...) by force, as written."""
    return {str(force): [str(name) for name in names or ()] for force, names in (_data().get(group) or {}).items()}


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One case-sensitive pattern over every cue name, and each name's force. A name given two forces is dropped."""
    data = _data()
    forces: dict[str, str | None] = {}

    def add(name: str, force: str) -> None:
        forces[name] = force if forces.get(name, force) == force else None

    for group in _GROUPS:
        for force, names in (data.get(group) or {}).items():
            for name in names or ():
                add(str(name), str(force))
                if name[:1].islower():
                    add(str(name)[0].upper() + str(name)[1:], str(force))
    lexicon = load_lexicon()
    for entry in lexicon.entries.values():
        force = _LEXICON_FORCES.get(entry.side or "")
        if force and entry.label in ("PERSON", "UNIT"):
            for alias, _ in lexicon.aliases.get(entry.id, ()):
                if alias not in forces:
                    add(alias, force)
    known = {name: force for name, force in forces.items() if force}
    if not known:
        return None, {}
    names = sorted(known, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w-])")
    return pattern, known


def force_cues(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, force) of every cue name in ``text[start:end]``, in text order."""
    pattern, known = _cues()
    if pattern is None:
        return []
    stop = len(text) if end is None else end
    found = []
    for match in pattern.finditer(text, start, stop):
        if text[max(0, match.start() - 7) : match.start()].lower() == "sea of ":
            continue  # "the Sea of Azov" is water, not the Azov brigade
        found.append((match.start(), match.end(), known[match.group(0)]))
    return found
