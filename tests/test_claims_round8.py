"""Claim attribution, round 8's rules: each on a sentence written for its test (not taken from the eval data)."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of
from warbrief.understand.claims import RUSSIAN_MOD

# --- who speaks: bodies, heads and spokespeople written in new ways -----------------------------------------


def test_a_russian_grouping_of_forces_speaks_for_the_russian_military() -> None:
    text = "Russian troops beat off four attacks near Lyman, a spokesman for Russia's Tsentr group of forces told RIA."
    assert attribution_of(text, "four attacks near Lyman", "russia") == ("Russian military", "russia", "claimed")
    text = "The Vostok grouping said its artillery destroyed two Ukrainian howitzers near Velyka Novosilka."
    assert attribution_of(text, "two Ukrainian howitzers", "russia") == ("Russian military", "russia", "claimed")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # A channel named after its description: "the Russian Telegram channel X", "the pro-Kremlin channel X".
        ("The Russian Telegram channel Baza, which posts police leaks, reported that drones hit a depot in Tambov.",
         "drones hit a depot in Tambov"),
        # "claimed by" a description before the name.
        ("It was claimed by the pro-Russian channel Kotsnews that a Leopard tank had burned near Robotyne.",
         "a Leopard tank had burned"),
        ("Two Majors wrote that a HIMARS launcher had been hit near Kramatorsk.", "a HIMARS launcher"),
    ],
)
def test_a_russian_channel_named_after_its_description_is_a_milblogger(text: str, quote: str) -> None:
    assert attribution_of(text, quote)[:2] == ("Russian military bloggers", "russia")


def test_ukrainian_telegram_channels_that_circulate_reports_are_the_source() -> None:
    text = "Ukrainian Telegram channels circulated reports of explosions at an airfield near Millerovo."
    assert attribution_of(text, "explosions at an airfield")[:2] == ("Ukrainian Telegram channels", "ukraine")


def test_the_regional_governor_is_the_head_of_the_one_region_the_sentence_names() -> None:
    text = "In the Kursk region, a drone hit a bus near Rylsk, the regional governor said."
    assert attribution_of(text, "a drone hit a bus")[:2] == ("governor:kursk", "russia")
    # A title with the holder's name, the region named elsewhere: "in Samara, regional governor X said".
    text = "Debris from a drone set fire to a warehouse in Samara, regional governor Pavel Ivanov said."
    assert attribution_of(text, "set fire to a warehouse")[:2] == ("governor:samara", "russia")
    # Two regions: whose governor it is would be a guess.
    text = "Shelling from Belgorod reached Kharkiv overnight, the regional governor said."
    assert attribution_of(text, "reached Kharkiv")[0] is None


def test_an_office_holder_of_a_newly_listed_region_is_its_governor() -> None:
    text = "A drone struck an oil depot in Kamyshin, Andrei Bocharov said."
    assert attribution_of(text, "an oil depot")[:2] == ("governor:volgograd", "russia")


@pytest.mark.parametrize(
    ("text", "quote", "source", "side"),
    [
        # An inverted verb after a quote, the title after the name.
        ("“They struck a grain silo twice in an hour,” said Ivan Fedorov, head of the Zaporizhzhia regional military "
         "administration.", "a grain silo", "governor:zaporizhzhia", "ukraine"),
        ("“Our air defence worked all night,” said Sergei Aksyonov.", "air defence worked", "installed:crimea",
         "russia"),
        # A spokesperson, so titled, still speaks for the body.
        ("“We shot down 30 drones,” said Yurii Ihnat, spokesman for the Air Force.", "30 drones",
         "Ukrainian Air Force", "ukraine"),
    ],
)
def test_a_speaker_after_an_inverted_verb(text: str, quote: str, source: str, side: str) -> None:
    assert attribution_of(text, quote)[:2] == (source, side)


def test_an_inverted_verb_before_a_clause_names_no_one() -> None:
    text = "The strike came at night, said Russian forces had used glide bombs."
    assert attribution_of(text, "glide bombs")[0] != "Russian sources"


def test_according_to_a_spokesperson_for_a_body_is_the_body() -> None:
    text = ("According to Nazar Voloshyn, spokesman for the Khortytsia group, Ukrainian units destroyed 14 Russian "
            "vehicles near Kupiansk.")
    assert attribution_of(text, "14 Russian vehicles", "ukraine") == ("Ukrainian military", "ukraine", "claimed")


def test_hailed_is_a_speech_verb() -> None:
    text = "Russia's defence ministry hailed the seizure of Kurakhove as a turning point."
    assert attribution_of(text, "the seizure of Kurakhove", "russia") == (RUSSIAN_MOD, "russia", "claimed")


def test_officials_the_force_cues_list_take_their_side() -> None:
    text = "Deputy Defence Minister Yunus-Bek Yevkurov said air defences had downed 12 Storm Shadow missiles."
    assert attribution_of(text, "12 Storm Shadow missiles", "russia") == ("Yunus-Bek Yevkurov", "russia", "claimed")


def test_a_body_passing_on_an_unnamed_office_names_no_source() -> None:
    text = "The dam's spillway was damaged again, the UN said, citing the plant's Russian-appointed administration."
    assert attribution_of(text, "spillway was damaged")[0] is None


def test_an_outlet_named_on_a_nationality_takes_no_side() -> None:
    text = "Journalists from Ukrainska Pravda who visited Izium counted 40 graves in the forest."
    assert attribution_of(text, "40 graves") == ("Ukrainska Pravda", None, "confirmed")


# --- unverified --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("ISW has not seen images supporting the Russian claim that its forces took Dachne.", "took Dachne"),
        ("The FSB said it had foiled a sabotage plot in Kursk, but no video was shared.", "a sabotage plot"),
    ],
)
def test_no_imagery_seen_or_posted_is_unverified(text: str, quote: str) -> None:
    assert attribution_of(text, quote)[2] == "unverified"


# --- a verifier's own work names it and confirms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "source"),
    [
        # Outlets, OSINT agencies, think tanks and UN agencies that check for themselves.
        ("Hromadske reporters who reached Borova found the bridge blown in two places.", "the bridge blown",
         "Hromadske"),
        ("Molfar researchers geolocated the clip to a depot near Kalinovka and counted four burnt wagons.",
         "four burnt wagons", "Molfar"),
        ("Researchers at the Royal United Services Institute, reviewing Planet images, counted eleven destroyed "
         "helicopters at the base.", "eleven destroyed helicopters", "Royal United Services Institute"),
        # A cameraman or contributor, and where he stood.
        ("An AFP cameraman standing near the central market filmed the missile striking the post office.",
         "the missile striking the post office", "AFP"),
        # People who interviewed witnesses; "UN monitors" as the labels write the mission.
        ("UN monitors who spoke with 40 former detainees documented mock executions in two camps.",
         "mock executions", "UN monitors"),
        # A body's unit and its own acts: "X's Russian service compared", "X examined".
        ("The BBC's Russian service compared the videos with maps and established that the barracks had burned.",
         "the barracks had burned", "BBC"),
        ("The Washington Post examined shell fragments from the square and found markings of a Russian cluster "
         "munition.", "markings of a Russian cluster munition", "Washington Post"),
        # Evidence a verifier's people made or saw, in the passive.
        ("Footage shot by a Reuters crew on Monday shows the burnt hull of the ferry.", "the burnt hull", "Reuters"),
        ("Photographs taken at dawn by a Mediazona contributor show three gutted trucks.", "three gutted trucks",
         "Mediazona"),
        ("Two wrecked tanks were seen on the roadside near Vovchansk by a CNN team on Sunday.", "Two wrecked tanks",
         "CNN"),
        # A verifier's work as the subject of the sentence.
        ("Bellingcat's geolocation of the clip places the Russian column in Selydove.", "the Russian column",
         "Bellingcat"),
        ("WarSpotting's database, which takes only photographed losses, now lists 3,000 Russian armoured vehicles.",
         "3,000 Russian armoured vehicles", "WarSpotting"),
    ],
)
def test_a_verifiers_own_work_names_it_and_is_confirmed(text: str, quote: str, source: str) -> None:
    assert attribution_of(text, quote)[::2] == (source, "confirmed")


def test_a_un_agency_that_verified_a_count_confirms_it() -> None:
    text = "The World Health Organization has verified 900 attacks on hospitals in Ukraine."
    assert attribution_of(text, "900 attacks")[::2] == ("World Health Organization", "confirmed")

