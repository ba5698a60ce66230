"""understand/status_model.py: the learned status of a fact where claims.py's rules fall back to ``reported`` (issue
#4): its features, decision, file format, and the shipped model read through ``claims.attribute``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from warbrief.records import Fact
from warbrief.understand import claims
from warbrief.understand import status_model as fs


def test_side_words_become_own_and_other_side() -> None:
    text = "Moscow said Ukrainian drones hit a Russian depot, and Kyiv denied it."
    assert fs.side_neutral(text, "russia").split() == [
        fs.OWN_SIDE, "said", fs.OTHER_SIDE, "drones", "hit", "a", fs.OWN_SIDE, "depot,", "and", fs.OTHER_SIDE,
        "denied", "it."]
    assert fs.side_neutral(text, "ukraine").split()[:3] == [fs.OTHER_SIDE, "said", fs.OWN_SIDE]
    assert fs.side_neutral(text, None) == text


def test_features_carry_the_rules_reading_of_the_speaker() -> None:
    found = fs.features("Kyiv says it hit 3 boats.", "ukraine", "ukraine", True)
    assert {"__beneficiary_ukraine", "__speaker_side_ukraine", "__source_yes", "__own_speaker_yes"} <= found
    assert f"{fs.OWN_SIDE} says" in found
    plain = fs.features("A shell hit 3 houses.", None, None, False)
    assert {"__beneficiary_none", "__speaker_side_none", "__source_no", "__own_speaker_no"} <= plain


def test_choose_keeps_reported_above_its_threshold_and_else_takes_the_likeliest_other() -> None:
    thresholds = {"reported": 0.6}
    kept = {"reported": 0.65, "claimed": 0.3, "confirmed": 0.03, "unverified": 0.02}
    assert fs.choose(kept, thresholds) == "reported"
    doubted = {"reported": 0.3, "claimed": 0.2, "confirmed": 0.05, "unverified": 0.45}
    assert fs.choose(doubted, thresholds) == "unverified"
    assert fs.choose({**doubted, "claimed": 0.5, "unverified": 0.15}, thresholds) == "claimed"


def test_an_admission_is_no_claim() -> None:
    found = {"reported": 0.3, "claimed": 0.6, "confirmed": 0.05, "unverified": 0.05}
    assert fs.choose(found, {"reported": 0.7}) == "claimed"
    assert fs.choose(found, {"reported": 0.7}, admission=True) == "reported"


def test_another_status_must_reach_its_own_threshold() -> None:
    found = {"reported": 0.4, "claimed": 0.05, "confirmed": 0.5, "unverified": 0.05}
    assert fs.choose(found, {"reported": 0.7, "confirmed": 0.6}) == "reported"
    assert fs.choose(found, {"reported": 0.7, "confirmed": 0.5}) == "confirmed"


def test_probabilities_are_a_softmax() -> None:
    model = fs.StatusModel({s: 0.0 for s in fs.STATUSES}, {"hailed": {"claimed": 2.0}}, {"reported": 0.6})
    found = model.probabilities({"hailed", "unknown"})
    assert sum(found.values()) == pytest.approx(1.0)
    assert max(found, key=found.get) == "claimed" and found["reported"] == pytest.approx(found["confirmed"])


def test_fact_context_is_the_sentence_and_the_next() -> None:
    text = "Intro line here. Russia said 12 drones were downed. Nobody could check that. A third sentence."
    start = text.index("12 drones")
    context = claims.fact_context(text, start, start + len("12 drones"))
    assert context.startswith("Russia said 12 drones were downed.") and "Nobody could check that." in context
    assert "Intro" not in context and "third" not in context


def test_a_written_model_reads_back(tmp_path: Path) -> None:
    model = fs.StatusModel({s: 0.1 * i for i, s in enumerate(fs.STATUSES)},
                           {"claimed": {"claimed": 1.5}, "a b": {"reported": -0.25, "unverified": 0.5}},
                           {"reported": 0.7, "confirmed": 0.6})
    path = tmp_path / "status.json"
    fs.write_status_model(path, model, {"about": "a test"})
    assert fs.load_status_model(path) == model
    assert json.loads(path.read_text("utf-8"))["about"] == "a test"


def test_a_model_with_embedding_weights_reads_back_and_needs_a_vector(tmp_path: Path) -> None:
    dense = {s: np.linspace(-1, 1, fs.DIMENSIONS) * (i + 1) for i, s in enumerate(fs.STATUSES)}
    model = fs.StatusModel(dict.fromkeys(fs.STATUSES, 0.0), {"said": {"reported": 0.5}}, {"reported": 0.7}, dense)
    path = tmp_path / "status.json"
    fs.write_status_model(path, model, {"about": "a test"})
    loaded = fs.load_status_model(path)
    words_only = fs.StatusModel(loaded.intercepts, loaded.weights, loaded.thresholds)
    assert loaded.reads_vectors and not words_only.reads_vectors
    vector = np.zeros(fs.DIMENSIONS)
    vector[-1] = 1.0  # the last dimension: weight 1, 2, 3, 4 for the statuses in order
    found = loaded.probabilities({"said"}, vector)
    assert found == pytest.approx(model.probabilities({"said"}, vector))
    assert max(found, key=found.get) == fs.STATUSES[-1]
    with pytest.raises(ValueError, match="sentence embedding"):
        loaded.probabilities({"said"})


def test_the_shipped_model_reads_words_only() -> None:
    # The embedding was measured and not shipped (status_model.py's docstring); a model file that gains it must pass
    # the whole suite, terse plain reports included (tests/test_claims.py).
    assert not fs.shipped_model().reads_vectors


def test_context_vectors_are_unit_rows_and_a_huge_context_is_cut() -> None:
    huge = "Shelling continued along the line. " * 50_000  # 1.75 MB: cut to MAX_CONTEXT_CHARS before tokenising
    vectors = fs.context_vectors(["Russia said 12 drones were downed.", huge, "Russia said 12 drones were downed."])
    assert vectors.shape == (3, fs.DIMENSIONS)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(np.ones(3), abs=1e-5)
    assert np.array_equal(vectors[0], vectors[2])
    assert np.array_equal(vectors[1], fs.context_vectors([huge[: fs.MAX_CONTEXT_CHARS]])[0])
    assert fs.context_vectors([]).shape == (0, fs.DIMENSIONS)


def test_attribute_facts_reads_a_text_as_attribute_reads_each_fact() -> None:
    text = ("Ukraine's navy chalked up two Russian landing boats sunk near the Kinburn spit over the weekend. "
            "Russia's defence ministry said its forces had taken the village of Petrivka. "
            "The city council said 14 buses had been added to the morning routes in Kharkiv.")
    quotes = {"two Russian landing boats": ("strike", {"attacker": "ukraine"}),
              "taken the village of Petrivka": ("strike", {"attacker": "russia"}),
              "14 buses": ("money", {})}
    facts = [Fact("a", kind, text.index(q), text.index(q) + len(q), values) for q, (kind, values) in quotes.items()]
    claims.attribute_facts(text, facts)
    one_by_one = [claims.attribute(text, f.start, f.end, v.get("attacker")).status for f, (_, v) in
                  zip(facts, quotes.values(), strict=True)]
    assert [f.status for f in facts] == one_by_one == ["claimed", "claimed", "reported"]


_INTERCEPTS = dict.fromkeys(fs.STATUSES, 0)


@pytest.mark.parametrize("content", [
    "",
    "{not json",
    json.dumps({"intercepts": {"claimed": 0}, "weights": {}, "thresholds": {"reported": 0.5}}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": {"x": {"maybe": 1}}, "thresholds": {"reported": 0.5}}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": [], "thresholds": {"reported": 0.5}}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": {}, "threshold": 0.5}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": {}, "thresholds": {"confirmed": 0.5}}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": {}, "thresholds": {"reported": 0.5, "maybe": 0.1}}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": {}, "thresholds": {"reported": 0.5},
                "dense": {s: [0.0] * 383 for s in _INTERCEPTS}}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": {}, "thresholds": {"reported": 0.5},
                "dense": {"claimed": [0.0] * 384}}),
    json.dumps({"intercepts": _INTERCEPTS, "weights": {}, "thresholds": {"reported": 0.5}, "dense": [1, 2]}),
])
def test_a_broken_model_file_is_named_in_the_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "status.json"
    path.write_text(content, "utf-8")
    with pytest.raises(fs.StatusModelError, match=r"status\.json"):
        fs.load_status_model(path)


def test_the_shipped_model_loads_with_its_thresholds() -> None:
    model = fs.load_status_model(fs.MODEL_PATH)
    assert model.thresholds["reported"] > 0.5 and set(model.intercepts) == set(fs.STATUSES)
    assert len(model.weights) > 1000


@pytest.mark.parametrize(("text", "quote", "beneficiary", "rules", "expected"), [
    # No wording the rules list says these are a side's own tallies of its success; the model reads it.
    ("Ukraine's navy chalked up two Russian landing boats sunk near the Kinburn spit over the weekend.",
     "two Russian landing boats", "ukraine", "reported", "claimed"),
    # A first-person force doing the fact speaks for the side it is a success of: the rules read it (twentieth
    # session).
    ("Our forces have destroyed 12 Russian tanks near Kupiansk this week, a post on the brigade's page read.",
     "12 Russian tanks", "ukraine", "claimed", "claimed"),
    # A live blog's "Speaker:" entry the rules read themselves (nineteenth session); the model is not asked.
    ("Zelensky: Our forces have destroyed 12 Russian tanks near Kupiansk this week", "12 Russian tanks", "ukraine",
     "claimed", "claimed"),
    # A plain report stays reported.
    ("The city council said 14 buses had been added to the morning routes in Kharkiv.", "14 buses", None,
     "reported", "reported"),
])
def test_attribute_consults_the_model_only_where_the_rules_fall_back(text: str, quote: str, beneficiary: str | None,
                                                                     rules: str, expected: str) -> None:
    start = text.index(quote)
    end = start + len(quote)
    assert claims.attribute(text, start, end, beneficiary, learned_fallback=False).status == rules
    assert claims.attribute(text, start, end, beneficiary).status == expected
