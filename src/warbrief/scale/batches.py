"""The per-document stages over a batch of stored ids, committing one document at a time.

The same functions run in-process and as Dask tasks: a task gets ids, not records, so raw bytes travel from the
store to the worker that needs them and never through the scheduler. Each document is committed on its own, so a
worker that dies mid-batch loses only the document it was on, and the retried batch skips what was committed.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from warbrief.extract.articles import ExtractionSkip, extract_articles
from warbrief.group.stories import article_embedding_text, article_vector_model
from warbrief.models import embed_texts, load_embedder
from warbrief.records import Article, RawDocument
from warbrief.store.protocol import StoreBackend
from warbrief.taxonomy import Taxonomy
from warbrief.understand.entities import load_nlp
from warbrief.understand.stage import understand_articles

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchOutcome:
    """What one batch did, and where it ran (host:pid) with how often that process loaded each model."""

    stage: str
    done: list[str] = field(default_factory=list)
    documents: int = 0
    outputs: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    model_loads: dict[str, int] = field(default_factory=dict)
    # Seconds this batch spent in each step, so that a benchmark can tell the per-page cost of each.
    seconds: dict[str, float] = field(default_factory=dict)

    def note_model_loads(self) -> None:
        self.model_loads = {"embedder": load_embedder.cache_info().misses, "spacy": load_nlp.cache_info().misses}


def extract_document(raw: RawDocument, taxonomy: Taxonomy) -> tuple[list[Article], str | None]:
    """The articles of one raw document, or none and the reason (a refusal or an unexpected error)."""
    try:
        return extract_articles(raw, taxonomy), None
    except ExtractionSkip as exc:
        return [], str(exc)
    except Exception as exc:
        log.exception("extraction failed on %s", raw.origin)
        return [], f"error during extraction: {type(exc).__name__}: {exc}"


def extract_batch(store: StoreBackend, taxonomy: Taxonomy, raw_ids: Sequence[str]) -> BatchOutcome:
    """Extract the raw documents still marked new among ``raw_ids``; one transaction per document."""
    outcome = BatchOutcome("extract")
    began = time.perf_counter()
    for raw_id in raw_ids:
        raw = store.raw_document(raw_id)
        if raw is None or store.raw_status(raw_id)[0] != "new":
            continue  # committed by an earlier attempt of this batch, or by another worker
        articles, reason = extract_document(raw, taxonomy)
        store.save_extraction(raw.id, articles, reason)
        outcome.documents += 1
        outcome.done.append(raw_id)
        outcome.outputs += len(articles)
        if reason:
            outcome.skipped.append((raw.origin, reason))
    outcome.seconds["extract"] = time.perf_counter() - began
    return outcome


def understand_batch(store: StoreBackend, article_ids: Sequence[str], embed: bool = False) -> BatchOutcome:
    """Understand the articles (sentences, facts, mentions), one transaction each; with ``embed`` also store the
    article embeddings that grouping needs, so that the costliest per-document step runs on the workers too."""
    outcome = BatchOutcome("understand")
    began = time.perf_counter()
    articles = store.articles(ids=article_ids)
    for result in understand_articles(articles):
        store.save_understanding(result.article_id, result.sentences, result.facts, result.mentions)
        outcome.documents += 1
        outcome.done.append(result.article_id)
        outcome.outputs += len(result.facts) + len(result.mentions)
    outcome.seconds["understand"] = time.perf_counter() - began
    began = time.perf_counter()
    if embed and articles:
        model = article_vector_model()
        cached = store.embeddings([a.id for a in articles], model)
        missing = [a for a in articles if a.id not in cached]
        if missing:
            vectors = embed_texts([article_embedding_text(a) for a in missing])
            store.save_embeddings(dict(zip([a.id for a in missing], vectors, strict=True)), model)
    outcome.seconds["embed"] = time.perf_counter() - began
    outcome.note_model_loads()
    return outcome
