"""What a cluster worker keeps between tasks: its models, its store connection, its taxonomy.

A Dask task ships only a ``StageJob`` (the store's address and the settings) and a list of ids. The worker opens
the store and loads the taxonomy once per process and reuses them for every later task of the same job; the
``ModelPlugin`` loads the models when the worker starts, so the first batch does not pay for it and no batch
ever loads them again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from warbrief.config import Settings
from warbrief.models import set_embedding_backend
from warbrief.records import Article
from warbrief.scale.batches import BatchOutcome, extract_batch, understand_batch
from warbrief.store import StoreBackend, open_store
from warbrief.taxonomy import Taxonomy, load_taxonomy

log = logging.getLogger(__name__)
STAGES = ("extract", "understand", "group", "write")


@dataclass(slots=True, frozen=True)
class StageJob:
    """Everything a worker needs to work on a store: its address (a path or a postgresql:// URL) and settings."""

    db: str
    settings: Settings
    out_dir: str | None = None


@dataclass(slots=True)
class WorkerContext:
    store: StoreBackend
    settings: Settings
    taxonomy: Taxonomy
    out_dir: str | None = None


_contexts: dict[StageJob, WorkerContext] = {}
_lock = threading.Lock()


def context_for(job: StageJob) -> WorkerContext:
    """This process's store connection and taxonomy for ``job``, opened on first use."""
    with _lock:
        if job not in _contexts:
            _contexts[job] = WorkerContext(open_store(job.db), job.settings, load_taxonomy(job.settings.taxonomy),
                                           job.out_dir)
        return _contexts[job]


def run_batch(context: WorkerContext, stage: str, ids: list[str]) -> BatchOutcome:
    """Run one stage over a batch of ids: raw ids (extract), article ids (understand) or days (group, write)."""
    if stage == "extract":
        return extract_batch(context.store, context.taxonomy, ids)
    if stage == "understand":
        return understand_batch(context.store, ids, embed=True)
    if stage == "group":
        return group_days(context, [date.fromisoformat(d) for d in ids])
    if stage == "write":
        return write_days(context, [date.fromisoformat(d) for d in ids])
    raise ValueError(f"unknown stage {stage!r}; choose from {', '.join(STAGES)}")


def run_job_batch(job: StageJob, stage: str, ids: list[str]) -> BatchOutcome:
    """The Dask task: a batch of one stage on this worker's context for the job.

    The embedding runtime is the client's setting, not whatever the worker's own environment or warbrief.toml
    says: the client groups with its runtime's vectors (the cache key names the runtime), so vectors a worker
    made with another runtime would be made again, on the client."""
    set_embedding_backend(job.settings.embedding_backend)
    return run_batch(context_for(job), stage, ids)


def group_days(context: WorkerContext, days: list[date]) -> BatchOutcome:
    """Group whole days where the store is, in date order: a day's threads continue the stories of the days
    before it, so the days of one run are grouped one after another in one task, never side by side."""
    from warbrief.pipeline import Pipeline

    outcome = BatchOutcome("group")
    pipeline = Pipeline(context.store, context.settings, context.taxonomy)
    stored = set(context.store.days())  # days with articles, one query rather than each day's articles
    grouped = [day for day in sorted(days) if day in stored]
    for day in grouped:
        stories = pipeline.group(day, relink_later=False)
        outcome.documents += 1
        outcome.done.append(day.isoformat())
        outcome.outputs += len(stories)
    if grouped:
        pipeline.relink_later_days(grouped[-1])  # stored days after the run link to its stories
    return outcome


def write_days(context: WorkerContext, days: list[date]) -> BatchOutcome:
    """Write and publish whole days from their stored stories (grouped before, by ``group_days``)."""
    from warbrief.pipeline import NothingToBrief, Pipeline
    from warbrief.publish import briefing_to_dict, write_briefing

    outcome = BatchOutcome("write")
    pipeline = Pipeline(context.store, context.settings, context.taxonomy)
    for day in days:
        stories = context.store.stories(day=day)
        if not stories:
            continue
        try:
            briefing = pipeline.write(day, stories)
        except NothingToBrief:
            continue
        context.store.save_briefing(day, briefing_to_dict(briefing))
        if context.out_dir:
            write_briefing(briefing, Path(context.out_dir))
        outcome.documents += 1
        outcome.done.append(day.isoformat())
        outcome.outputs += len(stories)
    return outcome


def preload_models(torch_threads: int | None = None) -> None:
    """Load every model the per-document stages use, once for this process."""
    from warbrief.models import load_embedder
    from warbrief.understand.stage import understand_articles

    load_embedder()
    if torch_threads:
        import torch

        torch.set_num_threads(torch_threads)
    # One tiny article through the understand stage loads spaCy, the lexicon and the gazetteer.
    understand_articles([Article(raw_id="raw_warmup", index=0, title="Warm-up",
                                 text="Russian forces attacked Pokrovsk on Monday.", day=date(2024, 1, 1))])


try:  # The plugin needs distributed; the in-process path must not.
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - depends on the installation
    WorkerPlugin = object  # type: ignore[assignment,misc]


class ModelPlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the models when a worker starts (and when a restarted worker comes back).

    Torch gets as many threads as the worker has task threads: two workers on two cores must not each start two.
    Every client registers the plugin again under the same name; loading is cached per process, so that costs
    nothing, and teardown leaves the store connections open because another client's task may be using them.
    """

    name = "warbrief-models"

    def setup(self, worker: Any) -> None:
        threads = getattr(getattr(worker, "state", None), "nthreads", None) or getattr(worker, "nthreads", 1)
        preload_models(torch_threads=int(threads))
