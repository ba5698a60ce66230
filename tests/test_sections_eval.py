"""The section evaluation's held-out rule: exemplars that share a 6-word sequence with the item are removed."""

from __future__ import annotations

from conftest import load_eval_script
from warbrief.taxonomy import parse_taxonomy

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
