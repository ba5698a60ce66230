"""Strike wordings the rules did not read before the thirteenth session (issue #4): the General Staff's "opened
artillery fire on ... N times", Fire Point's FP-2 drones, "put N shells on", and capacities that use the same verbs."""

from warbrief.understand.strike_model import read_strikes
from warbrief.understand.strikes import find_strikes
from warbrief.understand.weapons import weapon_side, weapon_type


def _strikes(text: str) -> list[tuple[str, str, int, str | None]]:
    return [(text[s:e], v["weapon"], v["count"], v["attacker"]) for s, e, v in find_strikes(text)]


def test_opened_artillery_fire_n_times() -> None:
    text = "Over the past day the enemy opened artillery fire on our positions and settlements 2,915 times."
    (span, weapon, count, attacker), = _strikes(text)
    assert span.startswith("opened artillery fire") and (weapon, count, attacker) == ("artillery", 2915, "russia")


def test_fp2_is_a_ukrainian_drone() -> None:
    assert weapon_type("FP-2 strike drones") == "drone" and weapon_side("FP-2 drones") == "ukraine"
    text = "Ukrainian operators struck a fuel depot near Dzhankoi with four FP-2 strike drones on Friday."
    assert _strikes(text) == [("four FP-2 strike drones", "drone", 4, "ukraine")]


def test_put_n_shells_on_a_target() -> None:
    text = "Ukrainian gunners of the 44th Brigade put 38 shells on Russian trenches near Robotyne."
    assert _strikes(text) == [("38 shells", "artillery", 38, "ukraine")]


def test_a_capacity_with_the_same_verbs_is_no_strike() -> None:
    assert _strikes("Analysts say Russia can now put 1,000 drones into the air in a single night.") == []
    assert _strikes("Moscow could soon deploy 300 Shahed drones against Kyiv in one night, officials warned.") == []


def test_the_remains_of_a_weapon_are_no_strike() -> None:
    # The strike model alone reads "one drone" here as a strike; the remains before it say otherwise.
    text = ("The governor said air defences destroyed 9 Ukrainian drones over Lipetsk. Debris from one drone damaged "
            "a power line, causing outages.")
    assert [text[start:end] for start, end, _ in read_strikes(text)] == []
