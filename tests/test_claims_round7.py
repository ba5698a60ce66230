"""Claim attribution, round 7's rules: each on a sentence written for its test (not taken from the eval data)."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of

# --- a verifier's own people, acts and evidence -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "source"),
    [
        # One reporter, producer or photographer, not only "journalists", is the medium's own eyes.
        ("A Reuters reporter at the hospital in Sumy counted seven bodies in the corridor.", "seven bodies", "Reuters"),
        ("Three BBC producers who reached Kupiansk on Friday saw a school gutted by a guided bomb.",
         "a school gutted by a guided bomb", "BBC"),
        # An embedded reporter who watched the strike.
        ("A Sky News photographer embedded with a Ukrainian drone unit near Siversk watched the crew burn a Russian "
         "fuel truck.", "a Russian fuel truck", "Sky News"),
        # "the X team geolocated ...": the team's act names its body.
        ("The still, which the Bellingcat team geolocated to a farm east of Tokmak, shows two burnt Russian BMPs.",
         "two burnt Russian BMPs", "Bellingcat"),
        # "Journalists at X": people of a verifier, also a name with a lower-case "i".
        ("Reporters at iStories compared the regiment's payroll with funeral notices and identified 48 dead "
         "conscripts.", "48 dead conscripts", "iStories"),
        ("Journalists at Mediazona went through court records and confirmed 212 desertion cases.",
         "212 desertion cases", "Mediazona"),
        # A verifier's act with no speech verb: "X placed the clip", "Footage that X geolocated".
        ("Matching a church dome in the clip, Bellingcat placed the attack on a road north of Toretsk, where three "
         "Russian tanks burn.", "three Russian tanks", "Bellingcat"),
        ("Video that DeepState geolocated last week confirms that Russian troops entered Novoselivka.",
         "entered Novoselivka", "DeepState"),
        # "Images ..., obtained by X, show".
        ("Drone photos from Sunday, obtained by the Kyiv Independent, show the burnt-out hangar.",
         "the burnt-out hangar", "Kyiv Independent"),
    ],
)
def test_a_verifiers_own_observation_names_it_and_is_confirmed(text: str, quote: str, source: str) -> None:
    assert attribution_of(text, quote)[::2] == (source, "confirmed")


def test_a_pointer_to_the_verifier_before_its_people_is_its_own_observation() -> None:
    text = ("On its weekly rotation, the watchdog's inspectors at the Khmelnytskyi plant saw a drone fall near the "
            "cooling pond, the IAEA said.")
    assert attribution_of(text, "a drone fall near the cooling pond")[::2] == ("IAEA", "confirmed")


def test_footage_shared_by_residents_is_not_confirmation() -> None:
    text = "Clips posted on social media by residents showed a fire at the Tuapse oil terminal after the drone attack."
    assert attribution_of(text, "a fire at the Tuapse oil terminal", "ukraine") == (None, None, "reported")


# --- speakers ------------------------------------------------------------------------------------------------


def test_a_place_phrase_before_the_verb_is_not_the_speaker() -> None:
    # The body before "in/near <place>" speaks.
    text = "The International Committee of the Red Cross in Ukraine said 320 families had been separated."
    assert attribution_of(text, "320 families")[0] == "International Committee of the Red Cross"
    text = "“We burned four of their tanks this week,” a Ukrainian drone battalion near Chasiv Yar told Reuters."
    assert attribution_of(text, "four of their tanks", "ukraine") == ("Ukrainian military", "ukraine", "claimed")
    # An unnamed group before the place names no one.
    text = "Residents in Bryansk wrote on social media that three explosions were heard near the airfield."
    assert attribution_of(text, "three explosions")[0] is None


def test_a_numbered_corps_speaks_for_ukraine() -> None:
    text = "Ukraine's 9th Army Corps said its gunners had destroyed 14 Russian armoured vehicles near Pokrovsk."
    assert attribution_of(text, "14 Russian armoured vehicles", "ukraine") == ("Ukrainian military", "ukraine",
                                                                                "claimed")


def test_pro_war_russian_channels_are_military_bloggers() -> None:
    text = "Pro-war Russian Telegram channels reported that a Ukrainian HIMARS launcher had been destroyed."
    assert attribution_of(text, "a Ukrainian HIMARS launcher", "russia")[:2] == ("Russian military bloggers", "russia")


def test_a_person_title_points_back_to_the_person_of_the_previous_sentence() -> None:
    text = ("Volodymyr Zelensky visited a field hospital in Dnipro on Friday. The president said Ukrainian forces had "
            "retaken two villages.")
    assert attribution_of(text, "retaken two villages", "ukraine") == ("Volodymyr Zelensky", "ukraine", "claimed")


def test_a_commander_force_cues_name_for_one_army_takes_its_side() -> None:
    # force_cues.yaml lists the officials and bodies of each army; a speaker named there takes that side.
    text = "Mikhail Teplinsky said his paratroopers had pushed Ukrainian units back from Tetkino."
    assert attribution_of(text, "pushed Ukrainian units back", "russia")[1:] == ("russia", "claimed")


def test_a_pro_side_description_gives_a_channel_its_side() -> None:
    text = "The pro-Ukrainian Telegram channel Exilenova reported explosions at an oil depot in Belgorod."
    assert attribution_of(text, "explosions at an oil depot")[:2] == ("Exilenova", "ukraine")


def test_a_press_service_speaks_for_its_principal() -> None:
    text = "Gladkov's press service said a drone had injured two people in Shebekino."
    assert attribution_of(text, "two people")[:2] == ("governor:belgorod", "russia")


# --- verdicts ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Rybar wrote that Russian units had reached the outskirts of Siversk, offering nothing to support the claim.",
        "Rybar wrote that Russian units had reached the outskirts of Siversk; no video was offered.",
        "Rybar wrote that Russian units had reached the outskirts of Siversk. The report could not be independently "
        "assessed.",
        "Rybar wrote that Russian units had reached the outskirts of Siversk. Independent confirmation was "
        "unavailable.",
        "Rybar wrote that Russian units had reached the outskirts of Siversk but did not back up the claim.",
    ],
)
def test_verdict_wordings_make_a_claim_unverified(text: str) -> None:
    assert attribution_of(text, "reached the outskirts of Siversk", "russia") == (
        "Russian military bloggers", "russia", "unverified")


def test_an_agency_quoting_a_body_as_saying_passes_it_on() -> None:
    text = "Interfax quoted the Russian defence ministry as saying 17 drones were downed over the Kursk region."
    assert attribution_of(text, "17 drones", "russia") == ("Russian Ministry of Defense", "russia", "claimed")


def test_a_leader_titled_after_his_name_speaks_in_his_own_name() -> None:
    text = "Valery Gerasimov, chief of the Russian General Staff, said his troops had taken Kurakhove."
    assert attribution_of(text, "taken Kurakhove", "russia")[:2] == ("Valery Gerasimov", "russia")
    # A spokesperson titled after the name still speaks for the body.
    text = "Yurii Ihnat, the Air Force spokesman, said 31 of the 40 drones had been shot down."
    assert attribution_of(text, "31 of the 40 drones", "ukraine") == ("Ukrainian Air Force", "ukraine", "claimed")
