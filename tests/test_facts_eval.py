"""eval/facts.py and its labelled sets: scoring, the held-out split, the sets' own consistency."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from conftest import load_eval_script

DATA = Path(__file__).parent.parent / "eval" / "data"
DONORS = Path(__file__).parent.parent / "src" / "warbrief" / "data" / "entities" / "donors.yaml"
KINDS = ("strike", "air_defense", "money", "troops", "prisoner_exchange")


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_eval_script("facts")


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["facts_labeled.jsonl", "facts_constructed.jsonl", "strike_training.jsonl",
                                  "strike_check2.jsonl", "strike_check3.jsonl", "strike_check4.jsonl",
                                  "strike_check5.jsonl"])
def test_gold_spans_and_values_are_consistent(name: str) -> None:
    donors = {item["name"] for item in yaml.safe_load(DONORS.read_text("utf-8"))["donors"]}
    ids = set()
    for record in records(name):
        assert record["id"] not in ids
        ids.add(record["id"])
        for fact in record["facts"]:
            assert fact["kind"] in KINDS
            assert record["text"][fact["start"] : fact["end"]] == fact["text"]
            if fact["kind"] == "money":
                # Every money label has a donor key; a named donor is canonical (joint donors joined).
                donor = fact["values"]["donor"]
                parts = donor.replace(" and ", ", ").split(", ") if donor else []
                assert all(part in donors for part in parts), donor


def test_constructed_set_has_thirty_mentions_per_kind_and_negatives() -> None:
    constructed = records("facts_constructed.jsonl")
    counts = {kind: sum(f["kind"] == kind for r in constructed for f in r["facts"]) for kind in KINDS}
    assert min(counts.values()) >= 30, counts
    assert sum(not r["facts"] for r in constructed) >= 10


def test_held_out_split_is_stable_and_a_quarter(ev: ModuleType) -> None:
    constructed = ev.load(ev.CONSTRUCTED)
    held_out = ev.split(constructed, "heldout")
    dev = ev.split(constructed, "dev")
    assert len(held_out) + len(dev) == len(constructed)
    assert {r["id"] for r in held_out}.isdisjoint({r["id"] for r in dev})
    assert 0.15 < len(held_out) / len(constructed) < 0.35
    # sha1 of the id, not Python's salted hash: the same paragraphs in every process.
    assert ev.is_held_out("c001") is ev.is_held_out("c001")
    assert [r["id"] for r in held_out] == [r["id"] for r in constructed if ev.is_held_out(r["id"])]


def test_scores_of_a_small_sample(ev: ModuleType) -> None:
    text = ("Russia launched 72 Shahed drones overnight. Air defenses shot down 49 of the 72 drones. "
            "Germany will provide EUR 1.4 billion in aid.")
    sample = [{"id": "s1", "text": text, "facts": [
        {"kind": "strike", "start": text.index("72 Shahed"), "end": text.index("72 Shahed") + 16,
         "text": "72 Shahed drones", "values": {"weapon": "drone", "count": 72, "attacker": "russia"}},
        {"kind": "air_defense", "start": text.index("49 of"), "end": text.index("49 of") + 19,
         "text": "49 of the 72 drones",
         "values": {"weapon": "drone", "launched": 72, "destroyed": 49, "suppressed": None}},
        # A wrong gold donor: detected, but not right end to end.
        {"kind": "money", "start": text.index("EUR"), "end": text.index("EUR") + 15, "text": "EUR 1.4 billion",
         "values": {"amount": 1.4e9, "currency": "EUR", "purpose": "aid", "donor": "France"}},
    ]}]
    scores, _ = ev.evaluate(sample)
    assert (scores["strike"].matched, scores["strike"].exact) == (1, 1)
    assert (scores["air_defense"].matched, scores["air_defense"].exact) == (1, 1)
    assert (scores["money"].matched, scores["money"].exact) == (1, 0)
    assert any("donor='Germany' (gold 'France')" in e for e in scores["money"].errors)
    table = ev.table("sample", sample, errors=False)
    assert "| money | 1 | 1 | 1.000 | 1.000 | 1.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 |" in table


def test_issue_values_leave_out_purpose_and_role(ev: ModuleType) -> None:
    """The issue's own values: a wrong money purpose or troops role is still right there, a wrong force is not."""
    text = "Germany will provide EUR 1.4 billion in aid. About 2,000 Ukrainian troops will be trained in Poland."
    money = {"kind": "money", "start": text.index("EUR"), "end": text.index("EUR") + 15, "text": "EUR 1.4 billion",
             "values": {"amount": 1.4e9, "currency": "EUR", "purpose": "loan", "donor": "Germany"}}
    span = "About 2,000 Ukrainian troops"
    troops = {"kind": "troops", "start": text.index(span), "end": text.index(span) + len(span), "text": span,
              "values": {"count": 2000, "approximate": True, "force": "ukraine", "role": "deployed"}}
    scores, _ = ev.evaluate([{"id": "s1", "text": text, "facts": [money, troops]}])
    assert (scores["money"].matched, scores["money"].exact, scores["money"].exact_issue) == (1, 0, 1)
    assert (scores["troops"].matched, scores["troops"].exact, scores["troops"].exact_issue) == (1, 0, 1)
    troops["values"] = {**troops["values"], "force": "russia"}
    scores, _ = ev.evaluate([{"id": "s1", "text": text, "facts": [money, troops]}])
    assert scores["troops"].exact_issue == 0


def test_main_prints_both_sets(ev: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    ev.main(["--set", "constructed", "--split", "heldout"])
    out = capsys.readouterr().out
    assert "held-out part" in out and "labeled" not in out
    ev.main(["--set", "labeled"])
    out = capsys.readouterr().out
    assert "facts_labeled.jsonl" in out and "constructed" not in out
    with pytest.raises(SystemExit):
        ev.main(["--set", "nope"])
    # An unknown flag (a "--help" reflex) stops before any table, the held-out one included.
    with pytest.raises(SystemExit, match="unknown option --help"):
        ev.main(["--help"])
    assert capsys.readouterr().out == ""


def test_rounds_of_the_constructed_set(ev: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert [ev.round_of(i) for i in ("c001", "c111", "c112", "c133", "c150", "c151", "c243")] == [
        "1", "1", "2", "3", "3", "4", "4"]
    assert ev.round_of("000-001") is None
    # Round 7 (troops and money) starts at c395.
    assert [ev.round_of(i) for i in ("c394", "c395", "c480", "c481", "c560", "c561", "c641")] == [
        "6", "7", "7", "8", "8", "9", "10"]
    constructed = ev.load(ev.CONSTRUCTED)
    # Every paragraph belongs to a round, and round 4 appended at least 70.
    assert all(ev.round_of(r["id"]) for r in constructed)
    assert sum(ev.round_of(r["id"]) == "4" for r in constructed) >= 70
    assert sum(ev.round_of(r["id"]) == "7" for r in constructed) >= 60
    ev.main(["--set", "constructed", "--round", "4", "--split", "heldout"])
    out = capsys.readouterr().out
    held_out = [r for r in constructed if ev.round_of(r["id"]) == "4" and ev.is_held_out(r["id"])]
    assert "round 4 only, held-out part" in out and f"{len(held_out)} paragraphs" in out
    with pytest.raises(SystemExit):
        ev.main(["--set", "constructed", "--round", "99"])


def test_value_experiment_candidates() -> None:
    """eval/train_fact_values.py: a mention's force candidates are the forces named around it, the rules' answer and
    None; a donor's only those of the amount's own sentence."""
    tv = load_eval_script("train_fact_values")
    text = "Russia's 810th Marine Brigade was pulled back. Another 300 marines arrived, Ukrainian officers said."
    start = text.index("300")
    end = start + len("300 marines")
    forces = [option for option, _ in tv.candidates(text, start, end, None, tv.force_names(text), False)]
    assert forces == ["russia", "ukraine", None]
    rows = dict(tv.candidates(text, start, end, "russia", tv.force_names(text), False))
    assert rows["russia"]["+rule"] == 1.0 and rows["russia"]["where=previous"] == 1.0
    assert rows["ukraine"]["where=sentence"] == 1.0 and "+rule" not in rows["ukraine"]
    money_text = "Japan pledged more. Canada will provide C$60 million for drones."
    start = money_text.index("C$")
    donors = [option for option, _ in tv.candidates(money_text, start, start + 12, None,
                                                    tv.donor_names(money_text), True)]
    assert donors == ["Canada", None]
    features = tv.context_features(money_text, start, start + 12)
    assert features["verb:provide"] == 1.0 and "m:60" in features


@pytest.mark.parametrize("name", ["strike_check2.jsonl", "strike_check3.jsonl", "strike_check4.jsonl",
                                  "strike_check5.jsonl"])
def test_the_fresh_strike_check_shares_no_paragraph_with_the_training_data(name: str) -> None:
    training = {record["text"] for record in records("strike_training.jsonl")}
    check = records(name)
    assert len(check) == 80 and not any(record["text"] in training for record in check)
    assert not {record["id"] for record in check} & {record["id"] for record in records("strike_training.jsonl")}
