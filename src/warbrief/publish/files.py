"""Writing a day's briefing to disk, one file per format, never leaving a half-written file behind.

A briefing folder may be served or synced while the pipeline runs, so each file is written to a
temporary file in the same folder and moved over the old one with ``os.replace`` (atomic on POSIX and
Windows): a reader sees the old briefing or the new one, never a truncated one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from warbrief.publish.html import render_html
from warbrief.publish.jsonfmt import render_json
from warbrief.publish.markdown import render_markdown
from warbrief.records import Briefing

RENDERERS: dict[str, Callable[[Briefing], str]] = {
    "html": render_html,
    "md": render_markdown,
    "json": render_json,
}


def briefing_filename(b: Briefing, fmt: str) -> str:
    """``briefing-YYYY-MM-DD.<fmt>``: sortable by day, one name per day and format."""
    return f"briefing-{b.date.isoformat()}.{fmt}"


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` through a temporary sibling file and an atomic rename."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; a published briefing should be readable like any other output file.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _check_formats(formats: Iterable[str]) -> list[str]:
    """Reject unknown formats before anything is written, and write each format once."""
    if isinstance(formats, str):  # formats="html" would otherwise iterate letters
        formats = (formats,)
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in RENDERERS]
    if unknown:
        raise ValueError(f"unknown briefing format(s) {unknown}; choose from {sorted(RENDERERS)}")
    return wanted


def write_briefing(
    b: Briefing, out_dir: Path, formats: Iterable[str] = ("html", "md", "json")
) -> dict[str, Path]:
    """Render and write the briefing in each format; returns the written path per format."""
    wanted = _check_formats(formats)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = {fmt: RENDERERS[fmt](b) for fmt in wanted}  # render all first: a failure writes nothing
    written: dict[str, Path] = {}
    for fmt, text in rendered.items():
        path = out_dir / briefing_filename(b, fmt)
        atomic_write_text(path, text)
        written[fmt] = path
    return written
