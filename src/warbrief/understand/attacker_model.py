"""Whose weapons a strike's were, Russia's or Ukraine's, where the rules could not tell or the words around say
otherwise, read by a learned model of those words.

strikes.py names the attacker from the last side named before the verb, the weapon's own side, a side's targets, and
the places the sentence names. On 153 strikes of fresh paragraphs that reading was wrong or empty for 9 (one in 17): the
side is often said only as "the enemy" by a governor of either side, by a unit's "our operators", by "the Kyiv regime",
or by places the gazetteer does not hold. A strike always has an attacker in this war's reporting, so an empty one is
always a miss. A logistic model over the words of the strike's sentence and the one before it, the side cues the rules
compute (each as a feature, never as the answer), and the weapon's class gives the probability that the attacker is
Ukraine. It decides where the rules named no one, and overrules them only when it is sure (the threshold, chosen on
paragraphs the rules were not written on; eval/train_attacker_model.py).

The weights are data (data/attacker_model.json), applied with plain Python, as strike_model.py's are.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from warbrief.understand.linear_model import LinearModel, context_tokens, load_linear_model
from warbrief.understand.place_sides import attacker_from_places, sentence_around
from warbrief.understand.sides import last_actor_naming, sentence_start
from warbrief.understand.weapons import weapon_side

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "attacker_model.json"
_WINDOW = 8
_REACH = 400


class AttackerModelError(RuntimeError):
    """The shipped model file is missing or malformed (a broken install, not bad input)."""


@cache
def _model() -> LinearModel:
    return load_linear_model(MODEL_PATH, AttackerModelError, "attacker model")


def features(text: str, start: int, end: int, values: dict) -> set[str]:
    """The binary features of the strike at ``text[start:end]`` with the rules' ``values`` (its weapon class and the
    attacker the rules read, None when they read none).

    Bounded like strike_model.features: no further than 400 characters from the strike, so that a sentence of
    thousands of counts costs each the same.
    """
    begins, ends = sentence_around(text, start, end)
    left, right = context_tokens(text[begins:start]), context_tokens(text[end:ends])
    found = {f"weapon:{values['weapon']}", f"rules:{values['attacker']}"}
    found.update(f"L:{token}" for token in left[-_WINDOW:])
    found.update(f"R:{token}" for token in right[:_WINDOW])
    found.update(f"S:{token}" for token in left[:-_WINDOW] + right[_WINDOW:])
    if begins > 0:
        previous = sentence_start(text, begins - 1)
        found.update(f"P:{token}" for token in context_tokens(text[max(previous, begins - _REACH) : begins]))
        side, enemy = last_actor_naming(text, previous, begins)
        found.add(f"previous_actor:{side}{':enemy' if enemy else ''}")
    side, enemy = last_actor_naming(text, begins, start)
    found.add(f"actor:{side}{':enemy' if enemy else ''}")
    found.add(f"places:{attacker_from_places(text, start, end)}")
    found.add(f"weapon_side:{weapon_side(text[start:end])}")
    return found


def probability_ukraine(found: set[str]) -> float:
    """The model's probability that the strike with these features was Ukraine's."""
    return _model().probability(found)


def decided(rules: str | None, p_ukraine: float, threshold: float) -> str:
    """The attacker: the model's where the rules named none, the rules' unless the model is ``threshold`` sure of
    the other side."""
    said = "ukraine" if p_ukraine >= 0.5 else "russia"
    if rules is None:
        return said
    sure = p_ukraine if said == "ukraine" else 1.0 - p_ukraine
    return said if said != rules and sure >= threshold else rules


def settle(text: str, strikes: list[tuple[int, int, dict]]) -> None:
    """Set each strike's ``attacker`` (in place) as ``decided`` says."""
    if not strikes:
        return
    model = _model()
    for start, end, values in strikes:
        p_ukraine = model.probability(features(text, start, end, values))
        values["attacker"] = decided(values["attacker"], p_ukraine, model.threshold)
