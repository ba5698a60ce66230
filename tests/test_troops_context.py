"""Troop counts read from their context: the force of a count whose own words name no army (troops._context_force,
force_cues.py), and the shapes of facts round 12 (totals, executed captives, foreign volunteers, strike victims).

Sentences written for these tests, none from the eval sets."""

from __future__ import annotations

import pytest

from warbrief.understand.force_cues import force_cues
from warbrief.understand.troops import find_troops


def _force(text: str, span: str) -> str | None:
    found = [values for start, end, values in find_troops(text) if text[start:end] == span]
    assert found, f"no troops count {span!r} in {find_troops(text)}"
    return found[0]["force"]


@pytest.mark.parametrize(("text", "span", "force"), [
    # an official of one side, in the sentence
    ("The new corps will number about 25,000 servicemen by spring, Oleksandr Syrskyi told reporters.",
     "about 25,000 servicemen", "ukraine"),
    # an outlet and a region of one state
    ("Authorities in the Voronezh region want to sign up 4,000 more contract soldiers this year, Kommersant reports.",
     "4,000 more contract soldiers", "russia"),
    ("Some 3,500 recruits have joined assault units since the summer, Ukrainska Pravda wrote.",
     "Some 3,500 recruits", "ukraine"),
    # the state named in the sentence before, outside a place phrase
    ("Belarus has begun a snap readiness check. About 8,000 soldiers took part on the first day, Khrenin said.",
     "About 8,000 soldiers", "belarus"),
    # a victims' count: the side named as attacker is not the hurt one
    ("Russia fired two ballistic missiles at a training ground overnight. Twelve soldiers were wounded.",
     "Twelve soldiers", None),
])
def test_context_force(text: str, span: str, force: str | None) -> None:
    assert _force(text, span) == force


@pytest.mark.parametrize(("text", "span"), [
    # a multinational force is no one state's
    ("A multinational brigade of about 5,000 soldiers will deploy next year, Kommersant wrote.",
     "about 5,000 soldiers"),
    # evidence split between two sides: no clear favourite, no guess
    ("Some 1,000 troops were moved overnight, TASS said, while the Kyiv Independent reported the same figure.",
     "Some 1,000 troops"),
    # a state after a place preposition is where, not whose
    ("About 4,000 troops have gathered near Ukraine's northern border.", "About 4,000 troops"),
])
def test_context_force_abstains(text: str, span: str) -> None:
    assert _force(text, span) is None


def test_force_cues_names_and_positions() -> None:
    text = "Meduza and the Kyiv Independent cited Kadyrov; the Sea of Azov was calm. The alliance agreed."
    cues = force_cues(text)
    assert [(text[p : p + 6], f) for p, _, f in cues] == [
        ("Meduza", "russia"), ("Kyiv I", "ukraine"), ("Kadyro", "russia"), ("The al", "nato")]


def test_force_cues_case_sensitive_acronyms() -> None:
    # "RT" and "NV" are outlets only in capitals; the words "rt" or "nv" inside others are nothing
    assert force_cues("the art of war, envoy, smart talk") == []
    assert [f for _, _, f in force_cues("RT said; NV wrote.")] == ["russia", "ukraine"]


@pytest.mark.parametrize(("text", "span", "values"), [
    # a new total after "bringing the total ... to"
    ("Pyongyang sent another 1,500 troops in May, bringing the total it has deployed to about 9,000, officials said.",
     "about 9,000", {"count": 9000, "approximate": True, "force": "north_korea"}),
    # captives killed are troops killed, of their own army
    ("Investigators say Russian units shot 14 Ukrainian prisoners of war near Robotyne last winter.",
     "14 Ukrainian prisoners of war", {"count": 14, "approximate": False, "force": "ukraine", "role": "killed"}),
    # military police are troops
    ("Lithuania sent 300 military police officers to the border crossing, the army said.",
     "300 military police officers", {"count": 300, "role": "deployed"}),
    # foreign volunteers take the force of the army they fight for, and "of them" leans on them
    ("About 600 Brazilian volunteers are fighting for Ukraine, and at least 40 of them have been killed.",
     "About 600 Brazilian volunteers", {"count": 600, "approximate": True, "force": "ukraine", "role": "deployed"}),
    ("About 600 Brazilian volunteers are fighting for Ukraine, and at least 40 of them have been killed.",
     "at least 40 of them", {"count": 40, "force": "ukraine", "role": "killed"}),
    # the soldiers a strike kills are the other side's than its attacker's
    ("Three Russian Iskander missiles hit a brigade's assembly area near Dnipro, killing 9 servicemen.",
     "9 servicemen", {"count": 9, "force": "ukraine", "role": "killed"}),
])
def test_round_twelve_troops_shapes(text: str, span: str, values: dict) -> None:
    found = [v for start, end, v in find_troops(text) if text[start:end] == span]
    assert found, f"no troops count {span!r} in {find_troops(text)}"
    assert {key: found[0][key] for key in values} == values


def test_old_wars_and_captures_are_no_troops_or_exchange() -> None:
    from warbrief.understand.exchanges import find_exchanges

    # a war before this one is history
    assert find_troops("In the second Chechen war of 1999-2009, Russia lost more than 6,000 servicemen.") == []
    # soldiers taken prisoner are captured troops, not an exchange's count, though some were exchanged later
    text = ("Kyiv says its forces took about 700 Russian soldiers prisoner in the raid, and that 200 of them have "
            "since been exchanged.")
    assert find_exchanges(text) == []
    (start, end, values), *_ = find_troops(text)
    assert text[start:end].startswith("about 700 Russian soldiers") and values["role"] == "captured"
