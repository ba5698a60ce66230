"""``warbrief watch``: poll, ingest and rebuild the day's briefing on a schedule, saying what changed.

Each cycle is a ``fetch_sources`` (every page committed on arrival, every response archived first) and,
when something new was stored, a ``Pipeline.brief``. Stopping at any moment loses nothing: an interrupted
cycle's pages are either stored or still queued in the fetch state, and the next cycle (or the next
``watch``) finishes them.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from warbrief.fetch.live import FetchReport, Progress, fetch_sources
from warbrief.fetch.policy import FetchPolicy
from warbrief.fetch.sources import Source
from warbrief.pipeline import NothingToBrief, Pipeline
from warbrief.write.verify import BriefingCheckFailed

log = logging.getLogger(__name__)
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class IntervalError(ValueError):
    """An --every value we cannot read."""


def parse_interval(text: str) -> float:
    """Seconds in ``30m``, ``1h30m``, ``90s`` or ``2h``."""
    value = text.strip().lower().replace(" ", "")
    parts = _INTERVAL.findall(value)
    if not value or "".join(n + u for n, u in parts) != value:
        raise IntervalError(f"{text!r} is not an interval; use e.g. 30m, 1h, 1h30m or 90s")
    seconds = sum(float(n) * _UNIT[u] for n, u in parts)
    if seconds <= 0:
        raise IntervalError(f"{text!r} must be longer than zero")
    return seconds


@dataclass(slots=True)
class CycleReport:
    """What one watch cycle changed."""

    number: int
    day: date
    fetch: FetchReport
    new_titles: list[str] = field(default_factory=list)
    briefing_paths: dict[str, Path] = field(default_factory=dict)
    stories: int | None = None
    items: int | None = None
    problem: str | None = None

    def summary(self) -> str:
        poll, ingest = self.fetch.poll, self.fetch.ingest
        unchanged = sum(s.listings_unchanged + s.unchanged for s in poll.sources.values())
        text = (f"cycle {self.number} ({self.day.isoformat()}): {ingest.added} new page(s), "
                f"{len(self.new_titles)} new article(s), {unchanged} unchanged, {len(ingest.skipped)} skipped")
        if self.stories is not None:
            text += f"; briefing rebuilt: {self.stories} stories, {self.items} items"
        elif self.problem:
            text += f"; briefing not rebuilt: {self.problem}"
        else:
            text += "; nothing new, briefing unchanged"
        return text


def run_cycle(
    pipeline: Pipeline,
    sources: Sequence[Source],
    number: int,
    *,
    out: str | Path,
    day: date | None = None,
    formats: Sequence[str] = ("html", "md", "json"),
    policy: FetchPolicy | None = None,
    archive_dir: str | Path | None = None,
    progress: Progress | None = None,
    rebuild: bool = False,
) -> CycleReport:
    """One poll-ingest-brief cycle for ``day`` (default: today, UTC); the briefing is rebuilt if anything changed."""
    the_day = day or datetime.now(UTC).date()
    before = {a.id for a in pipeline.store.articles(day=the_day)}
    fetched = fetch_sources(pipeline, sources, policy=policy, archive_dir=archive_dir, day=the_day,
                            progress=progress)
    after = pipeline.store.articles(day=the_day)
    report = CycleReport(number, the_day, fetched, [a.title for a in after if a.id not in before])
    for title in report.new_titles:
        log.info("new: %s", title)
    for skip in fetched.ingest.skipped:
        log.info("%s", skip)
    if not (report.new_titles or rebuild):
        return report
    try:
        built = pipeline.brief(the_day, out, formats=formats, **({"progress": progress} if progress else {}))
    except (NothingToBrief, BriefingCheckFailed) as exc:
        report.problem = str(exc)
        return report
    report.briefing_paths = built.paths
    report.stories = len(built.stories)
    report.items = sum(len(s.items) for s in built.briefing.sections)
    return report


def watch(
    pipeline: Pipeline,
    sources: Sequence[Source],
    every: float,
    *,
    out: str | Path,
    day: date | None = None,
    formats: Sequence[str] = ("html", "md", "json"),
    policy: FetchPolicy | None = None,
    archive_dir: str | Path | None = None,
    cycles: int | None = None,
    on_cycle: Callable[[CycleReport], None] | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[CycleReport]:
    """Run cycles every ``every`` seconds (measured start to start) until ``cycles`` are done or interrupted.

    The first cycle always rebuilds the briefing (if the day has articles), so a restarted watch
    publishes at once.
    """
    reports: list[CycleReport] = []
    number = 0
    while cycles is None or number < cycles:
        number += 1
        started = time.monotonic()
        report = run_cycle(pipeline, sources, number, out=out, day=day, formats=formats, policy=policy,
                           archive_dir=archive_dir, progress=progress, rebuild=number == 1)
        log.info("%s", report.summary())
        reports.append(report)
        if on_cycle:
            on_cycle(report)
        if cycles is not None and number >= cycles:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
    return reports
