"""The section evaluation's held-out rule: exemplars that share a 6-word sequence with the item are removed."""

from __future__ import annotations

from conftest import load_eval_script
from warbrief.taxonomy import load_taxonomy, parse_taxonomy

TAXONOMY = """
name: t
sections:
  - id: ops
    title: Ops
    description: Ukrainian strikes inside Russia.
    exemplars:
      - Ukrainian drones struck an oil depot in Bryansk Oblast overnight, the governor said.
      - Russian air defenses intercepted drones over Kursk.
"""


def test_exemplars_sharing_six_words_with_the_item_are_held_out() -> None:
    sections = load_eval_script("sections")
    taxonomy = parse_taxonomy(TAXONOMY, "t.yaml")
    item = "On Monday Ukrainian drones struck an oil depot in Bryansk Oblast overnight, setting tanks on fire."
    held, removed = sections.without_copies(taxonomy, item)
    assert removed == 1
    assert held["ops"].exemplars == ["Russian air defenses intercepted drones over Kursk."]
    assert held["ops"].description == "Ukrainian strikes inside Russia."
    untouched, none = sections.without_copies(taxonomy, "Fighting continued near Pokrovsk on Sunday.")
    assert none == 0 and untouched["ops"].exemplars == taxonomy["ops"].exemplars


def test_front_level_counts_a_direction_as_its_front() -> None:
    sections = load_eval_script("sections")
    from warbrief.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    assert sections.front(taxonomy, "donetsk_pokrovsk") == "donetsk_front"
    assert sections.front(taxonomy, "beyond_ukraine") == "beyond_ukraine"


# --- the labeled section set (eval/data/sections_labeled.jsonl) -----------------------------------------------


def test_the_labeled_set_covers_every_story_section_with_whole_records() -> None:
    from collections import Counter

    sections = load_eval_script("sections")
    records = sections.load_labeled()
    assert len(records) >= 120
    assert all(set(r) == set(sections.FIELDS) and all(r[k].strip() for k in sections.FIELDS) for r in records)
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["text"] for r in records}) == len(records)
    story_sections = {s.id for s in load_taxonomy().story_sections()}
    per_section = Counter(r["section"] for r in records)
    assert set(per_section) == story_sections
    assert min(per_section.values()) >= 5
    held = sum(sections.is_held_out(r["id"]) for r in records)
    assert 0.25 <= held / len(records) <= 0.40


def test_the_labeled_set_scores_through_the_pipeline_path() -> None:
    """Numbers of eval/results/sections.md (2026-11-22: dev 0.923, held out 0.870), with a margin."""
    sections = load_eval_script("sections")
    rows = sections.evaluate_labeled()
    dev = [r for r in rows if not r["held_out"]]
    held = [r for r in rows if r["held_out"]]
    n, exact, fronts = sections.score(dev)
    assert exact / n >= 0.88 and fronts >= exact
    n, exact, _ = sections.score(held)
    assert exact / n >= 0.80
    n, exact, _ = sections.score(rows)
    assert exact / n >= 0.86
    table = sections.confusion_table(rows, load_taxonomy())
    assert table[0].startswith("| gold section |") and len(table) == 2 + len({r["gold"] for r in rows} |
                                                                            {r["predicted"] for r in rows})
