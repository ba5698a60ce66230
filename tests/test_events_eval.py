"""The labeled event set (eval/data/events/events.jsonl) and the scoring pieces of eval/events.py.

No test here runs the pipeline over the set: that is `.venv/bin/python eval/events.py`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from types import ModuleType
from urllib.parse import urlparse

import pytest

from conftest import load_eval_script
from warbrief.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_eval_script("events")


@pytest.fixture(scope="module")
def records(ev: ModuleType) -> list[dict[str, str]]:
    return ev.load_records()


# --- the data set -------------------------------------------------------------------------------------


def test_every_record_has_every_field_as_a_non_empty_string(ev: ModuleType, records: list[dict[str, str]]) -> None:
    assert len(records) >= 100
    for r in records:
        assert set(r) == set(ev.FIELDS), r.get("id")
        assert all(isinstance(r[k], str) and r[k].strip() for k in ev.FIELDS), r["id"]


def test_ids_and_urls_are_unique_and_urls_are_http(records: list[dict[str, str]]) -> None:
    ids = [r["id"] for r in records]
    urls = [r["url"] for r in records]
    assert len(set(ids)) == len(ids)
    assert len(set(urls)) == len(urls)
    assert all(urlparse(u).scheme in ("http", "https") and urlparse(u).netloc for u in urls)


def test_days_are_dates_and_at_least_four(records: list[dict[str, str]]) -> None:
    days = {date.fromisoformat(r["day"]) for r in records}
    assert len(days) >= 4


def test_sections_are_story_sections_of_the_shipped_taxonomy(records: list[dict[str, str]]) -> None:
    taxonomy = load_taxonomy()
    for r in records:
        assert r["section"] in taxonomy, r["id"]
        assert taxonomy[r["section"]].kind not in ("summary", "sources"), r["id"]


def test_event_counts_meet_the_issue(records: list[dict[str, str]]) -> None:
    outlets: dict[str, set[str]] = defaultdict(set)
    days: dict[str, set[str]] = defaultdict(set)
    for r in records:
        outlets[r["event"]].add(r["outlet"])
        days[r["event"]].add(r["day"])
    assert len(outlets) >= 35
    assert sum(len(o) >= 2 for o in outlets.values()) >= 20
    assert sum(len(d) >= 2 for d in days.values()) >= 8


def test_texts_are_paraphrase_sized(records: list[dict[str, str]]) -> None:
    lengths = [len(r["text"].split()) for r in records]
    assert all(50 <= n <= 200 for n in lengths)
    assert sum(n >= 80 for n in lengths) >= 0.9 * len(lengths)


def test_held_out_split_is_fixed_and_about_a_third(ev: ModuleType, records: list[dict[str, str]]) -> None:
    held = [r["id"] for r in records if ev.is_held_out(r["id"])]
    assert 0.2 <= len(held) / len(records) <= 0.45
    assert held == [r["id"] for r in records if ev.is_held_out(r["id"])]
    assert ev.is_held_out("ev-1225-000000") is ev.is_held_out("ev-1225-000000")


# --- scores -------------------------------------------------------------------------------------------


GOLD = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
PREDICTED = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}


def test_bcubed_on_a_hand_computed_example(ev: ModuleType) -> None:
    # precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 11/15; recall: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> 11/15
    p, r, f1 = ev.bcubed(PREDICTED, GOLD)
    assert p == pytest.approx(11 / 15)
    assert r == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)


def test_bcubed_extremes(ev: ModuleType) -> None:
    assert ev.bcubed({"a": 1, "b": 1, "c": 2}, {"a": "X", "b": "X", "c": "Y"}) == pytest.approx((1.0, 1.0, 1.0))
    singletons = {k: k for k in "abcd"}
    one_event = dict.fromkeys("abcd", "X")
    assert ev.bcubed(singletons, one_event) == pytest.approx((1.0, 0.25, 0.4))
    assert ev.bcubed(one_event, singletons) == pytest.approx((0.25, 1.0, 0.4))
    assert ev.bcubed({}, {}) == (0.0, 0.0, 0.0)


def test_pair_errors_count_merged_and_split_pairs(ev: ModuleType) -> None:
    errors = ev.pair_errors(PREDICTED, GOLD)
    assert errors.merged_pairs == 2  # (c, d) and (c, e) share story 2
    assert errors.split_pairs == 2  # (a, c) and (b, c) of event X are apart
    assert errors.mixed_clusters == [2]
    assert errors.split_classes == ["X"]


def test_majority_breaks_ties_alphabetically(ev: ModuleType) -> None:
    assert ev.majority(["b", "a", "b"]) == "b"
    assert ev.majority(["b", "a"]) == "a"
