"""Strike shapes of round 14's dev errors, each on a sentence written for this test."""

from __future__ import annotations

from warbrief.understand.sides import last_actor, sentence_start
from warbrief.understand.strikes import find_strikes


def _strikes(text: str) -> list[tuple[str, dict]]:
    return [(text[start:end], values) for start, end, values in find_strikes(text)]


def test_a_countrys_thing_is_no_actor_but_its_forces_and_bodies_are() -> None:
    text = "The invaders shelled Ukraine's power grid again."
    assert last_actor(text, 0, len(text)) == "russia"
    text = "Ukraine's SBU said"
    assert last_actor(text, 0, len(text)) == "ukraine"
    text = "Drones set fire to Russia's largest refinery."
    assert last_actor(text, 0, len(text)) is None
    # The pronoun's antecedent is the attacker, not the country whose grid was hit.
    text = "The aggressor's army struck Ukraine's gas facilities overnight. They used 22 Kalibr missiles and 40 drones."
    assert [v["attacker"] for _, v in _strikes(text)] == ["russia", "russia"]


def test_an_abbreviation_ends_no_sentence() -> None:
    text = "Russian troops hit Sumy late on Oct. 3 and the shelling went on"
    assert sentence_start(text, len(text)) == 0
    text = "Kyiv thanked the U.S. for the aid. Then it"
    assert text[sentence_start(text, len(text)) :] == "Then it"


def test_the_attack_the_sentence_before_announced_keeps_its_attacker() -> None:
    text = ("Russia carried out a large attack on Lviv on Sept. 9. According to the governor, the attack "
            "involved 60 drones and four missiles.")
    assert [(phrase, v["attacker"]) for phrase, v in _strikes(text)] == [("60 drones", "russia"),
                                                                         ("four missiles", "russia")]


def test_tube_artillery_by_kind_and_calibre() -> None:
    text = "Ukrainian units fired 30 mortar shells and eight 152-mm shells at the village."
    assert [(phrase, v["weapon"], v["count"]) for phrase, v in _strikes(text)] == [
        ("30 mortar shells", "artillery", 30), ("eight 152-mm shells", "artillery", 8)]


def test_weapons_that_attacked_are_launched_not_refused_as_attack_counts() -> None:
    text = "Overnight 16 Russian drones attacked the port of Izmail, the regional head said."
    ((phrase, values),) = _strikes(text)
    assert (phrase, values["count"], values["attacker"]) == ("16 Russian drones", 16, "russia")
    # "drone attacks" is still a count of attacks, not of drones launched.
    ((phrase, values),) = _strikes("The city suffered 16 drone attacks in a week.")
    assert (phrase, values["weapon"], values["count"]) == ("16 drone attacks", "drone", 16)


def test_a_passive_launch_with_also() -> None:
    text = "By evening, three guided bombs were also dropped on Kupiansk."
    ((phrase, values),) = _strikes(text)
    assert (phrase, values["weapon"], values["count"]) == ("three guided bombs", "glide_bomb", 3)


def test_downed_counts_out_of_the_attack_before_them() -> None:
    from warbrief.understand.air_defense import find_air_defense

    text = "Twelve Kh-101 cruise missiles were fired at Kyiv, of which just nine were shot down."
    ((_, _, values),) = find_air_defense(text)
    assert (values["weapon"], values["launched"], values["destroyed"]) == ("missile", 12, 9)
    text = "Russia sent 75 drones against Odesa overnight. Most of these, 61, were destroyed, the navy said."
    ((_, _, values),) = find_air_defense(text)
    assert (values["weapon"], values["launched"], values["destroyed"]) == ("drone", 75, 61)
