"""Event threads across days (issue #5): the real pipeline over three days, and the linking rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from warbrief.config import Settings
from warbrief.group.cluster import cluster
from warbrief.group.explain import explain_story, format_explanation
from warbrief.group.stories import _entity_affinity, _opposite_fire
from warbrief.group.threads import LINK_SIMILARITY_ALONE, link_threads, specific_entities
from warbrief.pipeline import Pipeline
from warbrief.records import Article, Fact, Mention, Story

DATA = Path(__file__).parent / "data" / "threads"
DAYS = [date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 12)]


@pytest.fixture(scope="module")
def three_days(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[date, list[Story]]]:
    """Each day ingested and briefed in turn, as a daily run would."""
    root = tmp_path_factory.mktemp("threads")
    stories: dict[date, list[Story]] = {}
    with Pipeline.open(Settings(db=str(root / "store.db"))) as pipeline:
        for day in DAYS:
            pipeline.ingest([DATA / f"day_{day.isoformat()}.jsonl"], day=day)
            stories[day] = pipeline.brief(day, root / "out", formats=("md", "json")).stories
    return root, stories


def _by_title(stories: list[Story], words: str) -> Story:
    found = [s for s in stories if words in s.title]
    assert len(found) == 1, [s.title for s in stories]
    return found[0]


def test_first_day_stories_are_new(three_days: tuple[Path, dict[date, list[Story]]]) -> None:
    _, stories = three_days
    assert {s.status for s in stories[DAYS[0]]} == {"new"}
    assert all(s.thread_id == s.id for s in stories[DAYS[0]])


def test_follow_up_with_higher_toll_and_more_outlets_escalates(
    three_days: tuple[Path, dict[date, list[Story]]],
) -> None:
    _, stories = three_days
    first = _by_title(stories[DAYS[0]], "kills 5")
    follow_up = [s for s in stories[DAYS[1]] if "Kharkiv" in s.title]
    assert len(follow_up) == 1, "the two outlets' reports of the rising toll are one story"
    story = follow_up[0]
    assert story.status == "escalating"
    assert story.thread_id == first.id
    assert story.first_seen == DAYS[0]
    reasons = story.section_evidence["thread"]
    assert "escalation: civilian_casualties killed 5 -> 9" in reasons
    assert "escalation: outlets 1 -> 2" in reasons
    assert "shared: person:oleh-syniehubov" in reasons


def test_later_report_without_news_continues_and_other_events_start_threads(
    three_days: tuple[Path, dict[date, list[Story]]],
) -> None:
    _, stories = three_days
    first = _by_title(stories[DAYS[0]], "kills 5")
    funerals = _by_title(stories[DAYS[2]], "buries victims")
    assert (funerals.status, funerals.thread_id, funerals.first_seen) == ("continuing", first.id, DAYS[0])
    # Same city, same attacker, a different event: a drone strike on a substation is not the missile strike.
    substation = _by_title(stories[DAYS[2]], "power substation")
    assert substation.status == "new" and substation.thread_id == substation.id
    aid = _by_title(stories[DAYS[1]], "Denmark")
    assert aid.status == "new"
    # Yesterday's news again ranks below the day's new event with as many outlets.
    assert substation.importance > funerals.importance


def test_threads_are_stored_shown_and_explained(three_days: tuple[Path, dict[date, list[Story]]]) -> None:
    root, stories = three_days
    escalating = next(s for s in stories[DAYS[1]] if s.status == "escalating")
    with Pipeline.open(Settings(db=str(root / "store.db"))) as pipeline:
        stored = pipeline.store.stories(ids=[escalating.id])[0]
        assert (stored.thread_id, stored.status, stored.first_seen) == (escalating.thread_id, "escalating", DAYS[0])
        text = format_explanation(explain_story(pipeline.store, escalating.id, pipeline.taxonomy))
    assert "thread: escalating, first reported 2025-03-10" in text
    assert "civilian_casualties killed 5 -> 9" in text

    document = json.loads((root / "out" / "briefing-2025-03-11.json").read_text())
    items = {i["story_id"]: i for s in document["sections"] for i in s["items"] if i["story_id"]}
    assert items[escalating.id]["status"] == "escalating"
    assert items[escalating.id]["since"] == "2025-03-10"
    markdown = (root / "out" / "briefing-2025-03-11.md").read_text()
    assert "_(Escalating story, first reported 10 March 2025.)_" in markdown
    new_day = json.loads((root / "out" / "briefing-2025-03-10.json").read_text())
    assert {i["status"] for s in new_day["sections"] for i in s["items"] if i["story_id"]} == {"new"}


# -- the linking rules, on vectors chosen to sit on either side of the thresholds ---------------------------


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def _story(day: int, article: str, outlets: int = 1) -> Story:
    return Story(day=date(2025, 3, day), article_ids=[article], title=article,
                 outlets=[f"outlet {i}" for i in range(outlets)], first_seen=date(2025, 3, day))


def _place(article: str, entity: str) -> Mention:
    return Mention(article, 0, 5, entity, "PLACE", entity)


def test_a_close_match_needs_a_shared_specific_entity() -> None:
    earlier, today = _story(1, "a"), _story(2, "b")
    vectors = {"a": _unit(1, 0, 0), "b": _unit(0.8, 0.6, 0)}  # cosine 0.80: linked only with a shared entity
    assert 0.80 < LINK_SIMILARITY_ALONE
    link_threads([today], [earlier], vectors, [_place("a", "UA1"), _place("b", "UA2")])
    assert today.status == "new"
    today = _story(2, "b")
    link_threads([today], [earlier], vectors, [_place("a", "UA1"), _place("b", "UA1")])
    assert (today.status, today.thread_id) == ("continuing", earlier.id)


def test_nationalities_and_alliances_identify_no_event() -> None:
    mentions = [Mention("a", 0, 7, "Russian", "NORP", "norp:russian"),
                Mention("a", 8, 12, "NATO", "INSTITUTION", "institution:nato"),
                Mention("a", 13, 20, "Kremlin", "ORG", "org:russian-government"),
                Mention("a", 21, 30, "Pokrovsk", "PLACE", "UA1412345001")]
    assert specific_entities(mentions) == {"UA1412345001"}


def test_a_story_continues_the_thread_it_matches_best() -> None:
    first, second = _story(1, "a"), _story(1, "b")
    near, unrelated = _story(2, "near"), _story(2, "unrelated")
    vectors = {"a": _unit(1, 0, 0), "b": _unit(0, 1, 0), "near": _unit(0.95, 0.31, 0), "unrelated": _unit(0, 0, 1)}
    link_threads([unrelated, near], [first, second], vectors)
    assert (near.status, near.thread_id) == ("continuing", first.id)
    assert unrelated.status == "new"


def test_two_angles_of_one_event_on_a_day_share_its_thread() -> None:
    earlier = _story(1, "a")
    one, other = _story(2, "one"), _story(2, "other")
    vectors = {"a": _unit(1, 0, 0), "one": _unit(0.95, 0.31, 0), "other": _unit(0.9, 0, 0.44)}
    link_threads([other, one], [earlier], vectors)
    assert one.thread_id == other.thread_id == earlier.id


def test_a_higher_number_of_the_same_kind_escalates() -> None:
    earlier, today = _story(1, "a"), _story(2, "b")
    facts = [Fact("a", "air_defense", 0, 5, {"launched": 40, "destroyed": 30}),
             Fact("b", "air_defense", 0, 5, {"launched": 40, "destroyed": 35}),
             Fact("b", "money", 0, 5, {"amount": 1e9})]
    evidence = link_threads([today], [earlier], {"a": _unit(1, 0), "b": _unit(1, 0.01)}, facts=facts)
    assert today.status == "escalating"
    assert evidence[0].escalation == ["air_defense destroyed 30 -> 35"]


# -- within a day: shared names and the direction of fire as evidence beyond the words ----------------------


def _article(key: str, text: str = "") -> Article:
    return Article(raw_id=f"raw_{key}", index=0, title=key, text=text or key, day=date(2025, 3, 1), id=key)


def test_shared_specific_names_pull_two_close_reports_together() -> None:
    articles = [_article("a"), _article("b"), _article("c")]
    vectors = np.vstack([_unit(1, 0, 0), _unit(0.79, 0.613, 0), _unit(0.79, 0, 0.613)])
    mentions = [_place("a", "UA1412345001"), _place("b", "UA1412345001"), _place("c", "UA9999999999"),
                Mention("a", 0, 4, "Sumy", "PLACE", "oblast:UA59"), Mention("c", 0, 4, "Sumy", "PLACE", "oblast:UA59")]
    affinity = _entity_affinity(articles, mentions)
    assert affinity is not None and affinity[0, 1] == pytest.approx(0.02) and affinity[0, 2] == 0.0
    clusters = cluster(vectors, ["p1", "p2", "p3"], threshold=0.80, affinity=affinity)
    assert sorted(clusters) == [[0, 1], [2]]  # 0.79 + the shared village; an oblast alone is no evidence


def test_reports_of_opposite_sides_firing_never_merge() -> None:
    articles = [_article("a", "Russian drones hit Sumy."), _article("b", "Ukrainian drones hit Bryansk.")]
    facts = [Fact("a", "strike", 0, 5, {"attacker": "russia"}), Fact("b", "strike", 0, 5, {"attacker": "ukraine"})]
    apart = _opposite_fire(articles, facts)
    assert apart[0, 1] and apart[1, 0] and not apart[0, 0]
    assert not _opposite_fire(articles, facts[:1]).any()


def test_article_vectors_are_cached_per_recipe(three_days: tuple[Path, dict[date, list[Story]]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Vectors are cached by article id: another lead length must embed afresh, not reuse the old recipe's."""
    import warbrief.group.stories as stories_module

    root, _ = three_days
    with Pipeline.open(Settings(db=str(root / "store.db"))) as pipeline:
        articles = pipeline.store.articles(day=DAYS[0])
        before = pipeline.article_vectors(articles)
        cached = pipeline.store.embeddings([a.id for a in articles], stories_module.article_vector_model())
        assert set(cached) == {a.id for a in articles}
        monkeypatch.setattr(stories_module, "LEAD_WORDS", 5)
        short = pipeline.article_vectors(articles)
        assert pipeline.store.embeddings([a.id for a in articles], stories_module.article_vector_model()).keys() \
            == cached.keys()
    article = articles[0]
    assert not np.allclose(short[article.id], before[article.id])
    fresh = stories_module.embed_texts([stories_module.article_embedding_text(article)])[0]
    assert np.allclose(short[article.id], fresh, atol=1e-5)


LATE_REPORT = {
    "outlet": "Eastern Wire",
    "url": "https://eastern-wire.example/kharkiv-missile-high-rise",
    "title": "Russian missile hits Kharkiv high-rise, killing 5",
    "text": (
        "A Russian Iskander-M ballistic missile struck a nine-storey apartment block in Kharkiv's Saltivskyi "
        "district late on Monday, killing 5 people and injuring 21, Kharkiv governor Oleh Syniehubov said.\n\n"
        "Rescuers searched the rubble of the collapsed entrance for trapped residents."
    ),
    "date": "2025-03-10",
}


def test_regrouping_an_earlier_day_relinks_the_later_days_threads(tmp_path: Path) -> None:
    """A late report joins day one's strike story, whose id changes; day two's follow-up must continue the
    new story, not a story that is no longer stored."""
    late = tmp_path / "late.jsonl"
    late.write_text(json.dumps(LATE_REPORT) + "\n", encoding="utf-8")
    with Pipeline.open(Settings(db=str(tmp_path / "store.db"))) as pipeline:
        for day in DAYS[:2]:
            pipeline.ingest([DATA / f"day_{day.isoformat()}.jsonl"], day=day)
            pipeline.brief(day, tmp_path / "out", formats=("json",))
        old_strike = _by_title(pipeline.store.stories(day=DAYS[0]), "kills 5")
        assert _by_title(pipeline.store.stories(day=DAYS[1]), "Kharkiv").thread_id == old_strike.id

        pipeline.ingest([late], day=DAYS[0])
        regrouped = pipeline.brief(DAYS[0], tmp_path / "out", formats=("json",)).stories
        strike = next(s for s in regrouped if len(s.article_ids) == 2)
        assert strike.id != old_strike.id and strike.corroboration == 2

        follow_up = _by_title(pipeline.store.stories(day=DAYS[1]), "Kharkiv")
        assert follow_up.thread_id == strike.id
        assert follow_up.status == "escalating" and follow_up.first_seen == DAYS[0]
        stored = {s.id for day in DAYS[:2] for s in pipeline.store.stories(day=day)}
        assert {s.thread_id for day in DAYS[:2] for s in pipeline.store.stories(day=day)} <= stored


def test_reprocess_groups_a_run_of_days_in_date_order_then_writes_each(tmp_path: Path) -> None:
    """The days of a run reach the group task in any order; they are grouped oldest first, so the second
    day continues the first day's thread, and each day's briefing is then written from its stored stories."""
    from warbrief.scale.worker import WorkerContext, group_days, write_days
    from warbrief.taxonomy import load_taxonomy

    settings = Settings(db=str(tmp_path / "store.db"))
    with Pipeline.open(settings) as pipeline:
        for day in DAYS[:2]:
            pipeline.ingest([DATA / f"day_{day.isoformat()}.jsonl"], day=day)
            pipeline.understand_pending(day)
        context = WorkerContext(pipeline.store, settings, load_taxonomy(settings.taxonomy), str(tmp_path / "out"))
        grouped = group_days(context, [DAYS[1], DAYS[0]])
        assert grouped.done == [d.isoformat() for d in DAYS[:2]]
        strike = _by_title(pipeline.store.stories(day=DAYS[0]), "kills 5")
        follow_up = _by_title(pipeline.store.stories(day=DAYS[1]), "Kharkiv")
        assert follow_up.thread_id == strike.id and follow_up.status == "escalating"

        written = write_days(context, [DAYS[1]])
        assert written.done == [DAYS[1].isoformat()]
        briefing = json.loads((tmp_path / "out" / f"briefing-{DAYS[1].isoformat()}.json").read_text("utf-8"))
        statuses = [i.get("status") for s in briefing["sections"] for i in s["items"] if i["story_id"] == follow_up.id]
        assert "escalating" in statuses
