"""Re-running stages over an archive (after a model, taxonomy or extractor change), in parallel and resumable.

``reprocess`` first marks the days' documents as pending for the chosen stage and every stage after it and records
the job in the store, in one transaction. The work then goes through the ordinary resumable stages on a runner;
each day briefed is recorded in the job, so a stopped reprocess run again with the same arguments skips the
marking and everything committed, and continues where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from warbrief.scale.batches import BatchOutcome
from warbrief.scale.runner import StageRunner
from warbrief.store import StoreBackend
from warbrief.understand.fingerprint import understanding_fingerprint

Progress = Callable[[str, int, int | None], None]
# The user-facing stage names. Re-running group or write regroups the days (in date order, one task: threads
# link each day to the days before it) and then writes each day's briefing (a task per day).
STAGE_ORDER = ("extract", "understand", "group", "write")


# The job key under which the store keeps the fingerprint of the code its articles were understood with.
UNDERSTANDING_KEY = "understanding"


class ReprocessError(ValueError):
    """Bad reprocess arguments; the message names the option."""


@dataclass(slots=True)
class ReprocessReport:
    start: date
    end: date
    stages: list[str]
    resumed: bool
    documents: dict[str, int] = field(default_factory=dict)
    days: list[date] = field(default_factory=list)
    seconds: float = 0.0


def stages_from(stage: str | None) -> list[str]:
    """The stage named and every later one (what it produces feeds them)."""
    if stage is None:
        return list(STAGE_ORDER)
    if stage not in STAGE_ORDER:
        raise ReprocessError(f"unknown stage {stage!r}; choose from {', '.join(STAGE_ORDER)}")
    return list(STAGE_ORDER[STAGE_ORDER.index(stage):])


def _quiet(stage: str, done: int, total: int | None) -> None:
    return None


def refresh_stale_understanding(store: StoreBackend, fingerprint: str | None = None) -> int:
    """Mark every understood article pending when the store was understood by other code; return how many.

    Stored facts are what the code of the day said. After an upgrade they would stay as the old code made them,
    and a briefing would mix them with facts of the new code, so the store records ``understanding_fingerprint``
    and a different one puts its articles back in the queue: each day is understood again when it is briefed, or
    all at once by ``reprocess``. A store without a fingerprint yet (new, or from before this check) is treated
    the same way. The marking runs before the new fingerprint is saved, so a run stopped between the two marks
    again next time rather than leaving old facts looking current.
    """
    current = fingerprint or understanding_fingerprint()
    saved = store.job(UNDERSTANDING_KEY)
    if saved is not None and saved.get("fingerprint") == current:
        return 0
    days = store.days()
    stale = len(store.article_ids(understood=True)) if days else 0
    if stale:
        key = f"{UNDERSTANDING_KEY}:refresh:{current}"
        store.start_job(key, {"fingerprint": current}, days[0], days[-1], ["understand"])
        store.delete_job(key)
    store.save_job(UNDERSTANDING_KEY, {"fingerprint": current})
    return stale


def reprocess(
    store: StoreBackend,
    runner: StageRunner,
    start: date,
    end: date,
    stage: str | None = None,
    progress: Progress = _quiet,
) -> ReprocessReport:
    """Re-run ``stage`` (default: all) and the stages after it for the days start..end on ``runner``."""
    if end < start:
        raise ReprocessError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    stages = stages_from(stage)
    began = time.perf_counter()
    refresh_stale_understanding(store)
    key = f"reprocess:{stages[0]}:{start.isoformat()}:{end.isoformat()}"
    fresh = {"stages": stages, "briefed": []}
    state = store.start_job(key, fresh, start, end, stages)
    report = ReprocessReport(start, end, stages, resumed=state is not fresh)
    if "extract" in stages:
        outcomes = runner.run("extract", store.raw_ids(status="new"), progress)
        report.documents["extract"] = sum(o.documents for o in outcomes)
    if "understand" in stages:
        outcomes = runner.run("understand", store.article_ids(start, end, understood=False), progress)
        report.documents["understand"] = sum(o.documents for o in outcomes)
    briefed: list[str] = list(state.get("briefed", []))
    days = [d.isoformat() for d in store.days() if start <= d <= end and d.isoformat() not in briefed]

    def record(outcome: BatchOutcome) -> None:
        briefed.extend(outcome.done)
        store.save_job(key, {**state, "briefed": briefed})

    if days:
        report.documents["group"] = sum(o.documents for o in runner.run("group", days, progress))
    outcomes = runner.run("write", days, progress, on_batch=record)
    report.documents["write"] = sum(o.documents for o in outcomes)
    report.days = sorted(date.fromisoformat(d) for d in briefed)
    store.delete_job(key)
    report.seconds = time.perf_counter() - began
    return report
