"""Claim attribution, round 10's rules: each on a sentence written for its test (not taken from the eval data)."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of
from warbrief.understand.claims import UK_MOD, UKRAINIAN_MILITARY_INTELLIGENCE

# --- sources ------------------------------------------------------------------------------------------------


def test_britains_defence_bodies_are_the_uk_ministry_of_defence() -> None:
    text = "About 1,500 Russian soldiers a day were killed or wounded in May, Britain's Defence Intelligence said."
    assert attribution_of(text, "About 1,500 Russian soldiers")[0] == UK_MOD
    text = "Russia lost two landing craft near Tendra Spit, Britain's defence ministry said on Tuesday."
    assert attribution_of(text, "two landing craft")[0] == UK_MOD
    # Another British office is not the ministry.
    text = "Britain's foreign secretary said 40 ships of Russia's shadow fleet would be sanctioned."
    assert attribution_of(text, "40 ships")[0] != UK_MOD


def test_a_named_bodys_report_that_says_names_the_body() -> None:
    text = "Attacks on hospitals rose by a third in the spring, the Kharkiv Human Rights Group's quarterly review says."
    assert attribution_of(text, "rose by a third")[0] == "Kharkiv Human Rights Group"
    # A day's report names no one.
    text = "Two bridges over the Seim were destroyed, Thursday's summary said."
    assert attribution_of(text, "Two bridges over the Seim")[0] is None


def test_a_possessive_title_in_apposition_before_the_name() -> None:
    text = "Around 3,000 North Korean soldiers have been rotated into Kursk, Germany's defence minister, Boris " \
           "Pistorius, told a news conference."
    assert attribution_of(text, "Around 3,000 North Korean soldiers")[0] == "Boris Pistorius"


def test_an_inverted_verb_before_a_described_medium() -> None:
    text = "Russian paratroopers have entered the outskirts of Kostiantynivka, wrote the pro-war channel WarGonzo."
    assert attribution_of(text, "entered the outskirts of Kostiantynivka", "russia") == (
        "Russian military bloggers", "russia", "claimed")
    text = "At least 90 conscripts from Buryatia have died since March, said the independent outlet Mediazona."
    assert attribution_of(text, "At least 90 conscripts")[0] == "Mediazona"


def test_a_bodys_unnamed_source_speaks_for_it() -> None:
    text = "Drones hit a radar station near Armyansk overnight, a HUR source told Suspilne."
    assert attribution_of(text, "a radar station near Armyansk", "ukraine")[:2] == (
        UKRAINIAN_MILITARY_INTELLIGENCE, "ukraine")
    # An unnamed group of one side stays that group.
    text = "Russian sources said a Ukrainian Su-24 was shot down near Zmiinyi Island."
    assert attribution_of(text, "a Ukrainian Su-24")[0] == "Russian sources"


def test_maintains_that_is_a_speech_verb_but_not_maintaining_a_garrison() -> None:
    text = "Moscow maintains that its marines still hold the left-bank village of Krynky."
    assert attribution_of(text, "still hold the left-bank village of Krynky", "russia") == (
        "Moscow", "russia", "claimed")
    text = "Kyiv maintains its defenders still control the southern half of Chasiv Yar."
    assert attribution_of(text, "the southern half of Chasiv Yar", "ukraine") == ("Kyiv", "ukraine", "claimed")
    text = "Russia maintains a garrison in Transnistria, where about 1,500 troops are stationed."
    assert attribution_of(text, "about 1,500 troops")[0] is None


# --- status: claim hedges -----------------------------------------------------------------------------------


def test_supposedly_is_a_claim_hedge() -> None:
    text = "A Ukrainian Patriot battery was supposedly destroyed by an Iskander near Pavlohrad."
    assert attribution_of(text, "A Ukrainian Patriot battery")[2] == "claimed"


def test_so_called_before_a_success_is_a_hedge_but_not_before_a_name() -> None:
    text = "Moscow's so-called capture of Bilohorivka came after weeks of failed river crossings."
    assert attribution_of(text, "capture of Bilohorivka")[2] == "claimed"
    text = "A so-called shadow-fleet tanker caught fire off Novorossiysk after a naval drone attack."
    assert attribution_of(text, "caught fire off Novorossiysk")[2] == "reported"


# --- status: verdicts that the claim could not be checked ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # Unable to check the claim (the same sentence).
        ("Saboteurs blew up a relay cabinet on the Kursk railway, a partisan group told Hromadske; the broadcaster "
         "was unable to check the account.", "blew up a relay cabinet"),
        # Yet to be confirmed / remains to be confirmed.
        ("The 3rd Assault Brigade said it had retaken two tree lines near Borova. The advance has yet to be "
         "confirmed by any outside source.", "retaken two tree lines"),
        ("Russia's defence ministry said its troops took Novoiehorivka. That remains to be independently confirmed.",
         "took Novoiehorivka"),
        # Unverifiable, impossible to verify (with any copula).
        ("The Ukrainian navy said it sank a Russian tug near Sevastopol, a report that is unverifiable.",
         "a Russian tug"),
        ("Kyiv said its drones set fire to a refinery in Saratov. The damage stays impossible to verify.",
         "a refinery in Saratov"),
        # Nothing posted or shared to back it up.
        ("A Russian milblogger wrote that a HIMARS launcher had been hit near Kupiansk but shared nothing to back it "
         "up.", "a HIMARS launcher"),
        # Nothing outside the speaker corroborates the figure.
        ("The Tavria group said its drones had destroyed 35 Russian vehicles in a day. Nothing beyond the group's own "
         "statement confirms the tally.", "35 Russian vehicles"),
        # No independent check of it.
        ("Moscow said air defences had downed 60 drones over Bryansk. No independent check of the figure was "
         "possible.", "60 drones"),
        # No basis given for an estimate.
        ("Some 5,000 Russian soldiers are massing near Sumy, a Lithuanian intelligence official said, but provided no "
         "basis for the number.", "Some 5,000 Russian soldiers"),
    ],
)
def test_a_verdict_that_the_claim_could_not_be_checked_unverifies_it(text: str, quote: str) -> None:
    assert attribution_of(text, quote)[2] == "unverified"


def test_unable_to_check_something_else_is_no_verdict() -> None:
    text = "A glide bomb hit a dormitory in Kramatorsk, the city's military administration said; rescuers were " \
           "unable to check the upper floors until the fire was out."
    assert attribution_of(text, "hit a dormitory in Kramatorsk")[2] == "reported"


# --- status and source: confirmation by a verifier ----------------------------------------------------------


def test_a_list_with_evidence_for_every_entry_is_confirmation() -> None:
    text = "WarSpotting now lists 120 Russian helicopters as lost, with a photo or video attached to each entry."
    assert attribution_of(text, "120 Russian helicopters")[::2] == ("WarSpotting", "confirmed")
    # A single attachment is no check.
    text = "The governor said 14 houses were damaged in Shebekino and posted the statement with a video attached."
    assert attribution_of(text, "14 houses")[2] == "reported"


def test_a_verifier_that_has_put_names_to_the_dead() -> None:
    text = "Using court records and funeral notices, Mediazona has put names to 480 Russian convicts killed near " \
           "Bakhmut."
    assert attribution_of(text, "480 Russian convicts")[::2] == ("Mediazona", "confirmed")


def test_the_people_of_a_verifier_as_agent_name_the_verifier() -> None:
    text = "A clip geolocated by the volunteer analysts of GeoConfirmed shows Ukrainian troops inside Tykhe."
    assert attribution_of(text, "Ukrainian troops inside Tykhe")[0] == "GeoConfirmed"


def test_footage_a_verifier_pinned_to_a_place_names_the_verifier() -> None:
    text = "According to a video that GeoConfirmed pinned to a farm east of Zelene Pole, Russian armour reached " \
           "the village."
    assert attribution_of(text, "Russian armour reached the village")[0] == "GeoConfirmed"


def test_evidence_that_let_a_verifier_work_it_out() -> None:
    text = "Metadata in four photographs let the Financial Times work out that a Kinzhal struck the Okhmatdyt " \
           "children's hospital."
    assert attribution_of(text, "a Kinzhal struck")[::2] == ("Financial Times", "confirmed")
    text = "Shadows in the clip enabled Bellingcat to date the convoy's ambush near Vovchansk to 9 May."
    assert attribution_of(text, "the convoy's ambush near Vovchansk")[::2] == ("Bellingcat", "confirmed")
