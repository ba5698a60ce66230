"""A store understood by other code is understood again (facts never stay as an older warbrief made them)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from warbrief.config import Settings
from warbrief.pipeline import Pipeline
from warbrief.scale.reprocess import UNDERSTANDING_KEY, refresh_stale_understanding
from warbrief.understand.fingerprint import understanding_fingerprint

DATA = Path(__file__).parent / "data" / "threads"
DAYS = [date(2025, 3, 10), date(2025, 3, 11)]


def _kinds(pipeline: Pipeline, day: date) -> list[tuple[str, str, int, int]]:
    ids = [a.id for a in pipeline.store.articles(day=day)]
    return sorted((f.article_id, f.kind, f.start, f.end) for f in pipeline.store.facts(ids))


def test_the_fingerprint_is_stable_and_follows_the_stage_code() -> None:
    first = understanding_fingerprint()
    assert len(first) == 16 and int(first, 16) >= 0
    understanding_fingerprint.cache_clear()
    assert understanding_fingerprint() == first


def test_the_fingerprint_covers_every_shipped_model() -> None:
    # A retrained model changes the facts as much as changed code does (strike_model.json was once left out): every
    # understand module that ships a model file (its MODEL_PATH) must be covered, found by walking the package.
    import importlib
    import pkgutil

    import warbrief.understand
    from warbrief.understand import fingerprint

    shipped = []
    for info in pkgutil.iter_modules(warbrief.understand.__path__):
        module = importlib.import_module(f"warbrief.understand.{info.name}")
        if hasattr(module, "MODEL_PATH"):
            shipped.append(module.__name__)
            assert module.MODEL_PATH.name in fingerprint._DATA, module.__name__
    assert len(shipped) >= 4  # confirmation, doubt, strike and attacker models at least


def test_facts_made_by_other_code_are_redone_when_their_day_is_briefed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(db=str(tmp_path / "store.db"))
    with Pipeline.open(settings) as pipeline:
        for day in DAYS:
            pipeline.ingest([DATA / f"day_{day.isoformat()}.jsonl"], day=day)
            pipeline.understand_pending(day)
        store = pipeline.store
        assert store.job(UNDERSTANDING_KEY) == {"fingerprint": understanding_fingerprint()}
        fresh = {day: _kinds(pipeline, day) for day in DAYS}
        assert all(fresh.values()), "the threads fixture states strikes and casualties on both days"
        # Nothing changed: nothing is marked, nothing is understood twice.
        assert refresh_stale_understanding(store) == 0
        assert pipeline.understand_pending(DAYS[0]) == 0

        # What an older warbrief left: every article's facts gone, under another fingerprint.
        for article in store.articles():
            kept = store.sentences([article.id])[article.id]
            store.save_understanding(article.id, kept, [], store.mentions([article.id]))
        store.save_job(UNDERSTANDING_KEY, {"fingerprint": "0123456789abcdef"})
        understood = len(store.article_ids(understood=True))

        with caplog.at_level(logging.WARNING, logger="warbrief.pipeline"):
            report = pipeline.brief(DAYS[0], tmp_path / "out", formats=("json",))
        assert report.stale == understood > 0
        assert f"{understood} stored articles were understood by other code" in caplog.text
        assert _kinds(pipeline, DAYS[0]) == fresh[DAYS[0]]
        # The other day waits for its own briefing (or a reprocess), still marked, its old facts not taken as current.
        assert store.article_ids(DAYS[1], DAYS[1], understood=True) == []
        assert _kinds(pipeline, DAYS[1]) == []
        assert store.job(UNDERSTANDING_KEY) == {"fingerprint": understanding_fingerprint()}
        assert pipeline.brief(DAYS[1], tmp_path / "out", formats=("json",)).stale == 0
        assert _kinds(pipeline, DAYS[1]) == fresh[DAYS[1]]
        assert store.article_ids(understood=False) == []


def test_a_store_from_before_the_check_counts_as_understood_by_other_code(tmp_path: Path) -> None:
    with Pipeline.open(Settings(db=str(tmp_path / "store.db"))) as pipeline:
        pipeline.ingest([DATA / f"day_{DAYS[0].isoformat()}.jsonl"], day=DAYS[0])
        pipeline.understand_pending(DAYS[0])
        store = pipeline.store
        store.delete_job(UNDERSTANDING_KEY)
        articles = len(store.article_ids())
        assert refresh_stale_understanding(store) == articles > 0
        assert len(store.article_ids(understood=False)) == articles
        # The marking job is gone once done; only the fingerprint is kept.
        assert store.job(f"{UNDERSTANDING_KEY}:refresh:{understanding_fingerprint()}") is None
        assert refresh_stale_understanding(store) == 0
