"""What the extract stage finds in one file, without a store: the library behind `warbrief extract PATH`.

It runs exactly the code the pipeline runs (ingest's file reader, then the extract stage), so what an
analyst sees here is what would be stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warbrief.extract.articles import ExtractionSkip, extract_articles
from warbrief.ingest.files import Skipped, read_file
from warbrief.taxonomy import load_taxonomy


class InspectError(ValueError):
    """The file holds no article; the message names the file and the reason."""


def extract_path(path: str | Path) -> list[dict[str, Any]]:
    """One dict per article in an HTML, text or JSONL file (gzip allowed): title, outlet, url, published
    (ISO date or None), language and text (paragraphs joined by blank lines).

    Raises InspectError when the file cannot be read or holds no article at all; a JSONL file whose
    records partly fail yields the articles of the records that succeed.
    """
    file = Path(path)
    taxonomy = load_taxonomy()
    found: list[dict[str, Any]] = []
    problems: list[str] = []
    for item in read_file(file):
        if isinstance(item, Skipped):
            problems.append(str(item))
            continue
        try:
            articles = extract_articles(item, taxonomy)
        except ExtractionSkip as exc:
            problems.append(f"{item.origin}: {exc}")
            continue
        found.extend(
            {
                "title": a.title,
                "outlet": a.outlet,
                "url": a.url,
                "published": a.published.isoformat() if a.published else None,
                "language": a.language,
                "text": a.text,
            }
            for a in articles
        )
    if not found and problems:
        raise InspectError("; ".join(problems))
    return found
