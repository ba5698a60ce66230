"""eval/fallback_status.py: the features and file format of the learned fallback status model (an experiment of
issue #4, measured and not wired into claims.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from warbrief.understand import claims

EVAL = Path(__file__).resolve().parent.parent / "eval"


@pytest.fixture(scope="module")
def fs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fallback_status", EVAL / "fallback_status.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fallback_status"] = module
    spec.loader.exec_module(module)
    return module


def test_side_words_become_own_and_other_side(fs: ModuleType) -> None:
    text = "Moscow said Ukrainian drones hit a Russian depot, and Kyiv denied it."
    assert fs.side_neutral(text, "russia").split() == [
        fs.OWN_SIDE, "said", fs.OTHER_SIDE, "drones", "hit", "a", fs.OWN_SIDE, "depot,", "and", fs.OTHER_SIDE,
        "denied", "it."]
    assert fs.side_neutral(text, "ukraine").split()[:3] == [fs.OTHER_SIDE, "said", fs.OWN_SIDE]
    assert fs.side_neutral(text, None) == text


def test_features_carry_the_rules_reading_of_the_speaker(fs: ModuleType) -> None:
    found = fs.features("Kyiv says it hit 3 boats.", "ukraine", "ukraine", True)
    assert {"__beneficiary_ukraine", "__speaker_side_ukraine", "__source_yes", "__own_speaker_yes"} <= found
    assert f"{fs.OWN_SIDE} says" in found
    plain = fs.features("A shell hit 3 houses.", None, None, False)
    assert {"__beneficiary_none", "__speaker_side_none", "__source_no", "__own_speaker_no"} <= plain


def test_choose_keeps_reported_above_the_threshold_and_else_takes_the_likeliest_other(fs: ModuleType) -> None:
    assert fs.choose({"reported": 0.65, "claimed": 0.3, "confirmed": 0.03, "unverified": 0.02}, 0.6) == "reported"
    doubted = {"reported": 0.3, "claimed": 0.2, "confirmed": 0.05, "unverified": 0.45}
    assert fs.choose(doubted, 0.6) == "unverified"
    assert fs.choose({**doubted, "claimed": 0.5, "unverified": 0.15}, 0.6) == "claimed"


def test_probabilities_are_a_softmax(fs: ModuleType) -> None:
    model = fs.StatusModel({s: 0.0 for s in fs.STATUSES}, {"hailed": {"claimed": 2.0}}, 0.6)
    found = model.probabilities({"hailed", "unknown"})
    assert sum(found.values()) == pytest.approx(1.0)
    assert max(found, key=found.get) == "claimed" and found["reported"] == pytest.approx(found["confirmed"])


def test_fact_context_is_the_sentence_and_the_next() -> None:
    text = "Intro line here. Russia said 12 drones were downed. Nobody could check that. A third sentence."
    start = text.index("12 drones")
    context = claims.fact_context(text, start, start + len("12 drones"))
    assert context.startswith("Russia said 12 drones were downed.") and "Nobody could check that." in context
    assert "Intro" not in context and "third" not in context


def test_a_written_model_reads_back(fs: ModuleType, tmp_path: Path) -> None:
    model = fs.StatusModel({s: 0.1 * i for i, s in enumerate(fs.STATUSES)},
                           {"claimed": {"claimed": 1.5}, "a b": {"reported": -0.25, "unverified": 0.5}}, 0.6)
    path = tmp_path / "status.json"
    fs.write_status_model(path, model, {"about": "a test"})
    assert fs.load_status_model(path) == model
    assert json.loads(path.read_text("utf-8"))["about"] == "a test"


@pytest.mark.parametrize("content", [
    "",
    "{not json",
    json.dumps({"intercepts": {"claimed": 0}, "weights": {}, "threshold": 0.5}),
    json.dumps({"intercepts": dict.fromkeys(("claimed", "confirmed", "reported", "unverified"), 0),
                "weights": {"x": {"maybe": 1}}, "threshold": 0.5}),
    json.dumps({"intercepts": dict.fromkeys(("claimed", "confirmed", "reported", "unverified"), 0), "weights": []}),
])
def test_a_broken_model_file_is_named_in_the_error(fs: ModuleType, tmp_path: Path, content: str) -> None:
    path = tmp_path / "status.json"
    path.write_text(content, "utf-8")
    with pytest.raises(fs.StatusModelError, match=r"status\.json"):
        fs.load_status_model(path)
