"""The pipeline: ingest -> extract -> understand -> group -> write -> publish, with the store between.

Every stage reads its inputs from the store and commits its outputs per document, so a run can stop at
any moment and the next one resumes; ``brief`` for a day only processes what earlier runs have not.
Progress is reported through a callback so the CLI can draw bars and a library user can log.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from warbrief.config import Settings
from warbrief.group.stories import GroupingInput, article_embedding_text, article_vector_model, group_stories
from warbrief.group.threads import WINDOW_DAYS, link_threads
from warbrief.ingest.files import Skipped, read_paths
from warbrief.models import embed_texts, embedding_model_key, set_embedding_backend
from warbrief.publish import briefing_to_dict, write_briefing
from warbrief.records import Article, Briefing, Fact, Mention, RawDocument, Story
from warbrief.scale.batches import extract_document
from warbrief.scale.reprocess import refresh_stale_understanding
from warbrief.store import StoreBackend, open_store
from warbrief.taxonomy import Taxonomy, load_taxonomy
from warbrief.understand.consistency import check_losses_series
from warbrief.understand.stage import understand_articles
from warbrief.write.compose import WriteInput, WriteSettings, build_briefing
from warbrief.write.generate import ChatClient, GeneratorConfig, rewrite_briefing
from warbrief.write.tables import flag_losses_mismatches
from warbrief.write.verify import ensure_publishable

if TYPE_CHECKING:
    from warbrief.scale.runner import StageRunner

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int | None], None]


def _quiet(stage: str, done: int, total: int | None) -> None:
    return None


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    duplicates: int = 0
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(slots=True)
class BriefReport:
    briefing: Briefing
    paths: dict[str, Path]
    stories: list[Story]
    # Stored articles found understood by other code during this run, marked to be understood again.
    stale: int = 0


class NothingToBrief(ValueError):
    """No articles are stored for the requested day."""


class Pipeline:
    """Runs the stages over one store. ``Pipeline.open(settings)`` is the usual way in.

    With a ``runner`` (issue #9: a Dask cluster), extract and understand run as batches on it; without one they
    run here, one document after another, as they always have.
    """

    def __init__(
        self, store: StoreBackend, settings: Settings, taxonomy: Taxonomy, runner: StageRunner | None = None
    ) -> None:
        self.store = store
        self.settings = settings
        self.taxonomy = taxonomy
        self.runner = runner
        set_embedding_backend(settings.embedding_backend)

    @classmethod
    def open(cls, settings: Settings | None = None) -> Pipeline:
        """The pipeline over ``settings.db`` (a SQLite path or a postgresql:// URL), on the Dask scheduler named by
        ``settings.dask_scheduler`` if any."""
        settings = settings or Settings()
        taxonomy = load_taxonomy(settings.taxonomy)
        store = open_store(settings.db)
        if not settings.dask_scheduler:
            return cls(store, settings, taxonomy)
        from warbrief.scale.runner import DaskRunner
        from warbrief.scale.worker import StageJob

        try:
            runner = DaskRunner.connect(settings.dask_scheduler, StageJob(store.location, settings))
        except BaseException:
            store.close()
            raise
        return cls(store, settings, taxonomy, runner)

    def close(self) -> None:
        if self.runner is not None:
            self.runner.close()
        self.store.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest + extract --------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], day: date | None = None, progress: Progress = _quiet) -> IngestReport:
        """Store the raw documents under ``paths`` and extract their articles, one document at a time."""
        return self.ingest_documents(read_paths(paths, day=day, max_bytes=self.settings.max_bytes), progress)

    def extract_pending(self, progress: Progress = _quiet) -> tuple[int, list[Skipped]]:
        """Extract every stored raw document not extracted yet (resumes an interrupted run)."""
        if self.runner is not None:
            outcomes = self.runner.run("extract", self.store.raw_ids(status="new"), progress)
            skips = [Skipped(origin, reason) for outcome in outcomes for origin, reason in outcome.skipped]
            for skip in skips:
                log.warning("%s", skip)
            return sum(outcome.outputs for outcome in outcomes), skips
        pending = list(self.store.raw_documents(status="new"))
        count, skipped = 0, []
        for done, raw in enumerate(pending, start=1):
            articles, reason = self._extract_one(raw)
            self.store.save_extraction(raw.id, articles, reason)
            if reason:
                skip = Skipped(raw.origin, reason)
                log.warning("%s", skip)
                skipped.append(skip)
            count += len(articles)
            progress("extract", done, len(pending))
        return count, skipped

    def _extract_one(self, raw: RawDocument) -> tuple[list[Article], str | None]:
        return extract_document(raw, self.taxonomy)

    # -- understand --------------------------------------------------------------------------------

    def _refresh_understanding(self) -> int:
        """How many stored articles were found understood by other code (now marked pending); logged when any."""
        stale = refresh_stale_understanding(self.store)
        if stale:
            log.warning("%d stored articles were understood by other code; each day is understood again when it is"
                        " briefed (`warbrief reprocess --stage understand` does all days at once)", stale)
        return stale

    def understand_pending(self, day: date | None = None, progress: Progress = _quiet, batch: int = 64) -> int:
        """Understand the articles not understood yet (of ``day`` if given); return how many.

        Articles understood by another version of the understand stage count as not understood
        (``refresh_stale_understanding``), so an upgraded warbrief never briefs from the old code's facts.
        """
        self._refresh_understanding()
        if self.runner is not None:
            ids = self.store.article_ids(start=day, end=day, understood=False)
            return sum(outcome.documents for outcome in self.runner.run("understand", ids, progress))
        pending = self.store.articles_to_understand(day)
        for start in range(0, len(pending), batch):
            chunk = pending[start : start + batch]
            for result in understand_articles(chunk):
                self.store.save_understanding(result.article_id, result.sentences, result.facts, result.mentions)
            # Each article's vector is made here, as a Dask worker does in its understand batch: articles
            # arriving through the day (live ingestion) are embedded as they come, and grouping, which runs
            # again on every new batch, reads cached vectors instead of embedding the whole day at once.
            self.article_vectors(chunk)
            progress("understand", min(start + batch, len(pending)), len(pending))
        return len(pending)

    def _vectors(self, owners: Sequence[str], texts: Sequence[str], model: str) -> dict[str, np.ndarray]:
        """Embeddings keyed by owner, computed only for owners the store has no vector for yet under ``model``.

        Syndicated copies often share their title and lead word for word: each distinct text is embedded once.
        ``model`` names the runtime (vectors of different runtimes never mix in the cache) and, for owners that
        are not the text itself, the recipe that made the text.
        """
        text_of = dict(zip(owners, texts, strict=True))
        cached = self.store.embeddings(list(text_of), model)
        missing = [owner for owner in text_of if owner not in cached]
        if missing:
            distinct = list(dict.fromkeys(text_of[o] for o in missing))
            by_text = dict(zip(distinct, embed_texts(distinct), strict=True))
            fresh = {o: by_text[text_of[o]] for o in missing}
            self.store.save_embeddings(fresh, model)
            cached.update(fresh)
        return cached

    def article_vectors(self, articles: Sequence[Article]) -> dict[str, np.ndarray]:
        """Article embeddings (title and lead), computed once and cached in the store."""
        return self._vectors([a.id for a in articles], [article_embedding_text(a) for a in articles],
                             article_vector_model())

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of arbitrary texts (summary candidates, exemplars), cached in the store by text hash."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        keys = ["txt_" + hashlib.sha256(t.encode("utf-8")).hexdigest()[:32] for t in texts]
        vectors = self._vectors(keys, texts, embedding_model_key())
        return np.vstack([vectors[k] for k in keys])

    # -- group, write, publish ---------------------------------------------------------------------

    def group(self, day: date, progress: Progress = _quiet, relink_later: bool = True) -> list[Story]:
        """The day's stories, grouped, linked to their threads and stored; later days relinked if need be.

        ``relink_later=False`` is for a caller that regroups a run of days in date order itself (reprocess),
        and then calls ``relink_later_days`` once for the run's last day."""
        progress("group", 0, 1)
        before = _thread_keys(self.store.stories(day=day))
        stories = self._group_day(day)
        if relink_later and _thread_keys(stories) != before:
            self.relink_later_days(day)
        progress("group", 1, 1)
        return stories

    def relink_later_days(self, day: date) -> None:
        """Regroup the stored days after ``day`` whose threads may continue its (changed) stories.

        A later day's stories link to the stories of the days before it, by id. When ``day`` is regrouped
        (new documents for it, a changed setting), its story ids and threads can change, and a later day's
        links would point at stories that are gone. Each later day already grouped is regrouped in date
        order (its articles and so its stories are the same; its threads, statuses and importance follow
        the new links) until ``WINDOW_DAYS`` days pass with no change, as no link reaches further back.
        """
        changed_until = day
        for later in sorted(d for d in self.store.days() if d > day):
            if (later - changed_until).days > WINDOW_DAYS:
                break
            stored = self.store.stories(day=later)
            if not stored:
                continue  # never grouped: it links when it is
            if _thread_keys(self._group_day(later)) != _thread_keys(stored):
                log.info("regrouped %s: its threads continue the regrouped %s", later, day)
                changed_until = later

    def _group_day(self, day: date) -> list[Story]:
        articles = self.store.articles(day=day)
        vectors = self.article_vectors(articles)
        ids = [a.id for a in articles]
        facts = self.store.facts(ids)
        mentions = self.store.mentions(ids)
        places = [m for m in mentions if m.label == "PLACE"]
        stories = group_stories(GroupingInput(articles, vectors, facts, places, mentions), self.taxonomy,
                                threshold=self.settings.cluster_threshold, embed=self.embed_cached)
        self._link_threads(day, stories, vectors, facts, mentions)
        self.store.save_stories(day, stories)
        return stories

    def _link_threads(self, day: date, stories: list[Story], vectors: dict[str, np.ndarray],
                      facts: Sequence[Fact], mentions: Sequence[Mention]) -> None:
        """Continue the stored threads of the previous days; the earlier days themselves stay as they are.

        ``vectors``, ``facts`` and ``mentions`` are the day's own; only the earlier stories' are read here."""
        previous = [s for back in range(1, WINDOW_DAYS + 1) for s in self.store.stories(day=day - timedelta(days=back))]
        earlier_ids = sorted({a for s in previous for a in s.article_ids} - vectors.keys())
        if earlier_ids:
            vectors = {**vectors, **self.article_vectors(self.store.articles(ids=earlier_ids))}
        link_threads(stories, previous, vectors, [*mentions, *self.store.mentions(earlier_ids)],
                     [*facts, *self.store.facts(earlier_ids)])

    def write(self, day: date, stories: Sequence[Story]) -> Briefing:
        articles = {a.id: a for a in self.store.articles(day=day)}
        sentences = self.store.sentences(articles)
        facts = self.store.facts(articles)
        settings = WriteSettings(
            self.settings.summary_stories, self.settings.story_sentences, self.settings.story_words
        )
        vectors = self.article_vectors(list(articles.values()))
        briefing = build_briefing(
            WriteInput(day, stories, articles, sentences, facts, self.embed_cached, settings, vectors), self.taxonomy
        )
        self._check_losses(day, briefing, facts)
        _mark_status(briefing, stories)
        briefing = self._generate(briefing)
        ensure_publishable(briefing, articles)
        return briefing

    def _check_losses(self, day: date, briefing: Briefing, facts: Sequence[Fact]) -> None:
        """Today's losses report against the previous day's stored one: a contradiction is flagged, not chosen."""
        section = self.taxonomy.first_of_kind("losses")
        today = [f for f in facts if f.kind == "losses"]
        if section is None or not today:
            return
        previous_ids = [a.id for a in self.store.articles(day=day - timedelta(days=1))]
        previous = self.store.facts(previous_ids, kind="losses") if previous_ids else []
        own = {f.id for f in today}
        mismatches = [m for m in check_losses_series([*today, *previous]) if m.fact_id in own]
        flag_losses_mismatches(briefing, mismatches, section.id)

    def _generate(self, briefing: Briefing) -> Briefing:
        """The briefing with its story items rewritten by the configured model, if any (issue #6).

        The Summary of the Day is left alone: it restates the sections' leads. Whatever the model does, the
        result is checked by ensure_publishable afterwards, and a failing backend leaves the text extractive.
        """
        config = GeneratorConfig.from_settings(self.settings)
        if config is None:
            return briefing
        summary = {spec.id for spec in self.taxonomy.sections if spec.kind == "summary"}
        with ChatClient(config) as client:
            return rewrite_briefing(briefing, client, skip_sections=summary)

    def brief(
        self,
        day: date,
        out_dir: str | Path,
        formats: Sequence[str] = ("html", "md", "json"),
        progress: Progress = _quiet,
    ) -> BriefReport:
        """The day's briefing, built from the store (processing only what is new) and written to out_dir."""
        self.extract_pending(progress)
        stale = self._refresh_understanding()  # understand_pending's own check then finds the store current
        self.understand_pending(day, progress)
        if not self.store.articles(day=day):
            known = ", ".join(d.isoformat() for d in self.store.days()[-10:]) or "none"
            raise NothingToBrief(f"no articles stored for {day.isoformat()} (days with articles: {known})")
        stories = self.group(day, progress)
        briefing = self.write(day, stories)
        self.store.save_briefing(day, briefing_to_dict(briefing))
        paths = write_briefing(briefing, Path(out_dir), formats=tuple(formats))
        progress("publish", 1, 1)
        return BriefReport(briefing, paths, stories, stale)

    def ingest_documents(
        self, documents: Iterable[RawDocument | Skipped], progress: Progress = _quiet
    ) -> IngestReport:
        """Store documents already in memory (e.g. fetched pages) and extract them, like ``ingest`` does files.

        Each document is committed before the next is drawn from ``documents``, so a producer such as the
        fetcher's poll can mark a page done when it is asked for the next one.
        """
        report = IngestReport()
        for seen, item in enumerate(documents, start=1):
            if isinstance(item, Skipped):
                log.warning("%s", item)
                report.skipped.append(item)
            elif self.store.add_raw(item):
                report.added += 1
            else:
                report.duplicates += 1
            progress("ingest", seen, None)
        extracted, skipped = self.extract_pending(progress)
        report.articles = extracted
        report.skipped.extend(skipped)
        return report


def _thread_keys(stories: Sequence[Story]) -> dict[str, tuple[str, str, date | None]]:
    """What later days' links depend on: each story's id with its thread, status and first day."""
    return {s.id: (s.thread_id, s.status, s.first_seen) for s in stories}


def _mark_status(briefing: Briefing, stories: Sequence[Story]) -> None:
    """Each story paragraph says whether its event is new today or continues one first reported earlier."""
    by_id = {s.id: s for s in stories}
    for section in briefing.sections:
        for item in section.items:
            story = by_id.get(item.story_id or "")
            if story is not None:
                item.status = story.status
                item.since = story.first_seen if story.status != "new" else None
