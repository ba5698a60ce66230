"""The pieces of eval/dumps.py that decide a score: rendering, the labeling rule, matching, the metrics.

The evaluation itself reads ../shared; these tests use tiny in-repo examples and the shipped JSONL only.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from conftest import load_eval_script
from warbrief.metrics import shingles


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_eval_script("dumps")


LEAD = "The quick brown fox jumps over the lazy dog near the river bank today."
SECOND = "It was a sunny day in the city of London, and the markets were calm."
TRUTH = f"{LEAD}\n\nBackground\n\n{SECOND}\n\nWe share the view that it matters."


# --- rendering ----------------------------------------------------------------------------------------


def test_render_puts_blocks_on_lines_keeps_links_inline_and_drops_scripts(ev: ModuleType) -> None:
    markup = (
        "<html><head><title>Not shown</title><style>p{}</style></head><body>"
        "<nav><ul><li>Home</li><li><a href='/w'>World</a></li></ul></nav>"
        "<div>Hello <a href='x'>link</a>   there.<script>var x = 1;</script> tail<br>next</div>"
        "<p hidden>hidden</p><p style='display: none'>gone</p><noscript>enable js</noscript>"
        "<table><tr><td>a</td><td>b</td></tr></table><footer>© 2020 Site</footer></body></html>"
    )
    assert ev.render_text(markup) == ["Home", "World", "Hello link there. tail", "next", "a", "b", "© 2020 Site"]


def test_render_survives_deep_nesting_and_junk(ev: ModuleType) -> None:
    deep = "<div>" * 1500 + "deep text" + "</div>" * 1500  # deeper than Python's recursion limit
    assert ev.render_text(f"<html><body>{deep}</body></html>") == ["deep text"]
    assert ev.render_text("") == []
    assert ev.render_text("<?xml version='1.0' encoding='latin-1'?><p>ok</p>") == ["ok"]


# --- the labeling rule --------------------------------------------------------------------------------


def test_long_lines_are_content_when_their_3grams_are_in_the_truth(ev: ModuleType) -> None:
    half = "The quick brown fox jumps over the fence and then sat down by the warm kitchen stove."
    labels = ev.label_lines([LEAD, SECOND.upper(), half, "Sign in to read the rest of this story now"], TRUTH)
    assert labels == [1, 1, 0, 0]  # case is ignored; half-covered and unrelated lines are chrome


def test_coverage_threshold_is_80_percent(ev: ModuleType) -> None:
    truth = ev.Truth.of("a b c d e f g h i j k l")
    assert ev.coverage("a b c d e f g h i j".split(), truth) == 1.0
    assert ev.coverage("a b c d e f g h x y".split(), truth) == pytest.approx(6 / 8)
    assert ev.label_lines(["a b c d e f g h i j k l m"], "a b c d e f g h i j k l") == [1]  # 10/11 >= 0.8
    assert ev.label_lines(["a b c d e f g h x y"], "a b c d e f g h i j k l") == [0]  # 6/8 < 0.8


def test_short_lines_need_the_truth_to_continue_them(ev: ModuleType) -> None:
    lines = ["Home", LEAD, "Background", "Share", SECOND, "Share"]
    assert ev.label_lines(lines, TRUTH) == [0, 1, 1, 0, 1, 0]


def test_short_line_after_a_short_content_line_chains(ev: ModuleType) -> None:
    truth = f"{LEAD} Key points: Prices rose. {SECOND}"
    assert ev.label_lines([LEAD, "Key points:", "Prices rose.", SECOND], truth) == [1, 1, 1, 1]


def test_punctuation_lines_are_chrome(ev: ModuleType) -> None:
    assert ev.label_lines([LEAD, "•", "|", SECOND], TRUTH) == [1, 0, 0, 1]


def test_a_teaser_repeating_the_lead_is_content_only_once_among_the_body(ev: ModuleType) -> None:
    lines = [LEAD, "Top menu", "Other story", "More", "Sign in", LEAD, SECOND, "Background"]
    labels = ev.label_lines(lines, TRUTH)
    assert labels[0] == 0 and labels[5] == 1 and labels[6] == 1  # the copy beside the body wins


def test_a_line_the_truth_holds_twice_stays_content_twice(ev: ModuleType) -> None:
    truth = f"{LEAD} {SECOND} {LEAD}"
    assert ev.label_lines([LEAD, SECOND, LEAD], truth) == [1, 1, 1]


def test_split_is_fixed_by_the_id_and_near_30_percent(ev: ModuleType) -> None:
    ids = [f"page-{i}" for i in range(2000)]
    splits = [ev.split_of(page_id) for page_id in ids]
    assert splits == [ev.split_of(page_id) for page_id in ids]
    assert 0.26 < splits.count("test") / len(ids) < 0.34


def test_seed_002_labels_match_seed_001_body(ev: ModuleType) -> None:
    dump = ev.seed_dump()
    body = ev.seed_clean_body()
    content = [line for line, label in zip(dump.lines, dump.labels, strict=True) if label]
    assert content == body  # every body line once, in order
    title = "Putin Assures Xi of Continued Military Engagement in Ukraine, West Shifts Focus"
    assert all(label == 0 for line, label in zip(dump.lines, dump.labels, strict=True) if line == title)


def test_dump_json_round_trip(ev: ModuleType) -> None:
    dump = ev.Dump("x", "https://e.com/a", "benchmark", "dev", ["a é", "b"], [1, 0])
    assert ev.Dump.from_json(dump.to_json()) == dump


def test_shipped_set_is_consistent(ev: ModuleType) -> None:
    if not ev.DATA.is_file():
        pytest.skip("labeled set not built")
    dumps = ev.load_dumps()
    assert sum(d.source == "seed" for d in dumps) == 1
    bench = [d for d in dumps if d.source == "benchmark"]
    assert len(bench) >= 170
    assert all(d.split == ev.split_of(d.id) for d in bench)
    assert all(set(d.labels) <= {0, 1} and len(d.labels) == len(d.lines) and d.lines for d in dumps)
    assert all(any(d.labels) for d in bench)


# --- matching extractor output to lines ---------------------------------------------------------------


def test_kept_mask_matches_in_order_and_accepts_prefixes(ev: ModuleType) -> None:
    units = ["Title", "Para one.", "Title", "Para two. Continue reading »", "Footer"]
    assert ev.kept_mask(units, ["Title", "Para two."]) == [True, False, False, True, False]
    assert ev.kept_mask(units, ["Para one.", "Title"]) == [False, True, True, False, False]
    assert ev.kept_mask(units, ["not on the page"]) == [False] * 5


def test_kept_mask_counts_every_piece_of_a_reflowed_paragraph(ev: ModuleType) -> None:
    units = ["Menu", "The first half of", "a wrapped paragraph.", "Footer"]
    assert ev.kept_mask(units, ["The first half of a wrapped paragraph."]) == [False, True, True, False]
    assert ev.kept_mask(units, ["The first half of a wrapped"]) == [False] * 4  # only whole pieces count


def test_wrapped_rendering_inherits_labels(ev: ModuleType) -> None:
    dump = ev.Dump("x", None, "benchmark", "dev", ["Menu", " ".join(["word"] * 40)], [0, 1])
    shown = ev.wrap_lines(dump, width=30)
    assert shown.labels[0] == 0 and set(shown.labels[1:]) == {1} and len(shown.units) > 3
    assert "\n\n" in shown.text and all(len(unit) <= 30 for unit in shown.units)


# --- metrics ------------------------------------------------------------------------------------------


def test_line_counts(ev: ModuleType) -> None:
    counts = ev.LineCounts()
    counts.add([True, True, False, False], [1, 0, 1, 0], [10, 1, 30, 5])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    assert counts.prf() == (0.5, 0.5, 0.5)
    assert counts.prf(chars=True) == pytest.approx((10 / 11, 10 / 40, 2 * (10 / 11) * 0.25 / (10 / 11 + 0.25)))


def test_shingle_metric_follows_the_benchmark_readme(ev: ModuleType) -> None:
    assert shingles("a b") == {("a", "b"): 1}  # short text: one shorter shingle
    assert shingles("A a a a a") == {("A", "a", "a", "a"): 1, ("a", "a", "a", "a"): 1}  # case kept
    same = ev.score_page("one two three four five", "one two three four five")
    assert (same.precision, same.recall) == (1.0, 1.0)
    none = ev.score_page("one two three four five", "")
    assert none.precision is None and none.recall == 0.0
    half = ev.score_page("a b c d e f", "a b c d x y z")  # true: abcd bcde cdef; pred: abcd bcdx cdxy dxyz
    assert half.tp == pytest.approx(1 / 6) and half.fp == pytest.approx(3 / 6) and half.fn == pytest.approx(2 / 6)
    p, r, f1 = ev.aggregate([same, none, half])
    assert p == pytest.approx((1 + 0.25) / 2)  # the empty prediction has no precision
    assert r == pytest.approx((1 + 0 + 1 / 3) / 3)
    assert f1 == pytest.approx(2 * p * r / (p + r))


def test_bootstrap_std_is_zero_for_identical_pages(ev: ModuleType) -> None:
    page = ev.PageScore(0.5, 0.25, 0.25)
    assert ev.bootstrap_f1_std([page] * 10, resamples=50) == pytest.approx(0.0, abs=1e-12)


def test_baseline_keeps_lines_over_40_chars(ev: ModuleType) -> None:
    dump = ev.Dump("x", None, "benchmark", "dev", ["short", "x" * 41, "y" * 40], [0, 1, 0])
    assert ev.length_baseline(ev.join_lines(dump, "\n")) == ["x" * 41]


def test_warbrief_on_seed_002_keeps_exactly_the_body(ev: ModuleType) -> None:
    dumps = [ev.seed_dump()]
    result = ev.evaluate(dumps, ev.RENDERINGS["blank-line joins"], ev.warbrief_extractor(), None)
    assert result.lines.prf() == (1.0, 1.0, 1.0)


def test_missing_benchmark_exits_2(ev: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--bench", str(tmp_path)]) == 2
    assert "--lines-only" in capsys.readouterr().err
