"""Fetch the sources into a pipeline's store: the library call behind ``warbrief fetch``.

The fetch state and the WARC archive live beside the store by default (``warbrief.fetch.sqlite`` and
``archive/``), so one ``--db`` names everything a deployment keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from warbrief.fetch.policy import FetchPolicy
from warbrief.fetch.poll import Poll, PollReport
from warbrief.fetch.sources import Source
from warbrief.fetch.state import FetchState, state_path_for
from warbrief.pipeline import IngestReport, Pipeline

Progress = Callable[[str, int, int | None], None]


def default_archive_dir(db: str | Path) -> Path:
    """``archive/`` beside a store file; in the working folder for a server store (a URL)."""
    return Path("archive") if "://" in str(db) else Path(db).resolve().parent / "archive"


@dataclass(slots=True)
class FetchReport:
    poll: PollReport
    ingest: IngestReport
    archives: list[Path]


def fetch_sources(
    pipeline: Pipeline,
    sources: Sequence[Source],
    *,
    policy: FetchPolicy | None = None,
    archive_dir: str | Path | None = None,
    day: date | None = None,
    progress: Progress | None = None,
) -> FetchReport:
    """Poll ``sources`` once, archive every response, store and extract the new pages.

    ``day`` files the pages under a briefing day (as ``ingest --day`` does); without it a page belongs to
    its publication date, else to the day it was fetched.
    """
    folder = Path(archive_dir) if archive_dir else default_archive_dir(pipeline.settings.db)
    state = FetchState(state_path_for(pipeline.settings.db))
    try:
        poll = Poll(sources, state, folder, policy=policy, day=day, progress=progress)
        ingest = pipeline.ingest_documents(poll.items(), progress=progress or _quiet)
    finally:
        state.close()
    return FetchReport(poll.report, ingest, list(poll.archive.paths))


def _quiet(stage: str, done: int, total: int | None) -> None:
    return None
