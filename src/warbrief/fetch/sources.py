"""The sources a user follows, read from a YAML file: feeds, sitemaps and URL lists, each with its outlet.

The file is the user's own configuration, so it is the one place that may name a loopback or private
address (``allow_private: true``); everything found *inside* fetched feeds and pages is untrusted.
Every problem is reported with the file and the entry it is in, before anything is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

SourceKind = Literal["feed", "sitemap", "urls"]
KINDS: tuple[str, ...] = ("feed", "sitemap", "urls")
DEFAULT_SOURCES = "default"


class SourcesError(ValueError):
    """The sources file is missing or malformed; the message names the file and the entry."""


@dataclass(slots=True, frozen=True)
class Source:
    """One thing to poll: a feed, a sitemap (news or plain) or a fixed list of pages, with who publishes it.

    ``urls`` sources are re-fetched every poll (with conditional GET): a page such as the General Staff's
    daily losses keeps its address and changes its content. Pages found through feeds and sitemaps are
    fetched once.
    """

    name: str
    outlet: str
    kind: SourceKind
    urls: tuple[str, ...]
    side: str = "unknown"
    language: str | None = None
    max_entries: int = 30
    allow_private: bool = False
    note: str = ""


def _where(path: str, index: int, name: object) -> str:
    return f"{path}: source #{index + 1}" + (f" ({name!r})" if name else "")


def _check_url(url: object, where: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise SourcesError(f"{where}: every URL must be a non-empty string, got {url!r}")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: {url!r} is not an http(s) URL (file:// and other schemes are not fetched)")
    return url.strip()


def _source(entry: Any, index: int, path: str) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError(f"{path}: source #{index + 1} must be a mapping with name, outlet, kind and url(s)")
    where = _where(path, index, entry.get("name"))
    known = {"name", "outlet", "kind", "url", "urls", "side", "language", "max_entries", "allow_private", "note"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise SourcesError(f"{where}: unknown field(s) {unknown} (known: {', '.join(sorted(known))})")
    for field in ("name", "outlet", "kind"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise SourcesError(f"{where}: '{field}' is required and must be a string")
    if entry["kind"] not in KINDS:
        raise SourcesError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    raw_urls = entry.get("urls", [])
    if "url" in entry:
        raw_urls = [entry["url"], *raw_urls] if isinstance(raw_urls, list) else raw_urls
    if not isinstance(raw_urls, list) or not raw_urls:
        raise SourcesError(f"{where}: give 'url' or a non-empty list 'urls'")
    max_entries = entry.get("max_entries", 30)
    if not isinstance(max_entries, int) or isinstance(max_entries, bool) or max_entries < 1:
        raise SourcesError(f"{where}: max_entries must be a positive integer, got {max_entries!r}")
    allow_private = entry.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise SourcesError(f"{where}: allow_private must be true or false, got {allow_private!r}")
    return Source(
        name=entry["name"].strip(),
        outlet=entry["outlet"].strip(),
        kind=entry["kind"],
        urls=tuple(_check_url(u, where) for u in raw_urls),
        side=str(entry.get("side") or "unknown"),
        language=entry.get("language"),
        max_entries=max_entries,
        allow_private=allow_private,
        note=str(entry.get("note") or ""),
    )


def parse_sources(text: str, path: str = "<sources>") -> list[Source]:
    """Sources from YAML text: a list, or a mapping with a ``sources`` list."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML ({exc})") from exc
    if isinstance(data, dict):
        data = data.get("sources")
    if not isinstance(data, list) or not data:
        raise SourcesError(f"{path}: expected a non-empty list of sources (or a 'sources:' list)")
    sources = [_source(entry, i, path) for i, entry in enumerate(data)]
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SourcesError(f"{path}: source names must be unique; repeated: {', '.join(duplicates)}")
    return sources


def load_sources(path: str | Path | None = None) -> list[Source]:
    """The sources in ``path``; None or "default" is the list shipped for the Russia–Ukraine war."""
    if path is None or str(path) == DEFAULT_SOURCES:
        text = resources.files("warbrief.data").joinpath("sources.yaml").read_text("utf-8")
        return parse_sources(text, "warbrief/data/sources.yaml")
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except FileNotFoundError as exc:
        raise SourcesError(f"{file}: sources file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{file}: cannot read ({exc})") from exc
    return parse_sources(text, str(file))


def select_sources(sources: list[Source], names: list[str] | None) -> list[Source]:
    """The named sources (all when no names), refusing unknown names with the list of known ones."""
    if not names:
        return sources
    by_name = {s.name: s for s in sources}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise SourcesError(f"unknown source(s) {unknown}; known: {', '.join(by_name)}")
    return [by_name[n] for n in names]
