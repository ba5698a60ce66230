"""Claim attribution, round 13's rules: each on a sentence written for its test (not taken from the eval data)."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of
from warbrief.understand.claims import _UNVERIFIED


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The MoD said Kurakhove had fallen. ISW has found nothing in geolocated footage to bear out the claim.",
         "Kurakhove had fallen"),
        ("Starshe Eddy said Russian drones had cut the last road into Myrnohrad. Nothing he shared backs that up.",
         "cut the last road"),
        ("Gerasimov said an Iskander had killed 90 Ukrainian soldiers at a range. Nothing published since lends "
         "weight to the number.", "killed 90 Ukrainian soldiers"),
        ("A brigade said it had retaken a mine near Toretsk. The footage it released does not make clear who holds "
         "it.", "retaken a mine"),
        ("Syrskyi said 3,000 Russian troops had died near Kupiansk in a week, without saying how the figure was "
         "counted.", "3,000 Russian troops"),
    ],
)
def test_new_verdicts_make_a_claim_unverified(text: str, quote: str) -> None:
    assert _UNVERIFIED.search(text)
    assert attribution_of(text, quote)[2] == "unverified"


@pytest.mark.parametrize(
    ("text", "quote", "source", "status", "beneficiary"),
    [
        # A figure's owner who "adds" it, and a teller's version.
        ("The General Staff's figures for Sunday add 980 Russian soldiers to the enemy's losses.",
         "980 Russian soldiers", "General Staff of the Armed Forces of Ukraine", "claimed", "ukraine"),
        ("In Moscow's telling, Russian units now control the whole of Dachne.", "control the whole of Dachne",
         "Moscow", "claimed", "russia"),
        # "ostensibly" hedges like "supposedly"; an agency that "shared details of" an operation states it.
        ("The fire at the Liski depot was ostensibly caused by a Ukrainian drone.", "caused by a Ukrainian drone",
         None, "claimed", "ukraine"),
        ("The SBU shared details of a raid in which its drones set fire to a fuel depot in Bryansk.",
         "set fire to a fuel depot", "Security Service of Ukraine", "claimed", "ukraine"),
        # Counted, believes, found that.
        ("Ukraine's Air Force counted 96 drones launched at the Odesa region overnight.", "96 drones",
         "Ukrainian Air Force", "reported", None),
        # Known error of the status model: an investigator's "found that" reads as confirmation to it.
        pytest.param("Human Rights Watch found that a Russian glide bomb killed five people at a market in "
                     "Kostiantynivka.", "killed five people", "Human Rights Watch", "reported", None,
                     marks=pytest.mark.xfail(strict=True, reason="the status model reads 'found that' as confirmed")),
    ],
)
def test_new_sources(text: str, quote: str, source: str | None, status: str, beneficiary: str | None) -> None:
    found = attribution_of(text, quote, beneficiary)
    assert found[0] == source and found[2] == status, found


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Radar images from ICEYE, taken at night, show three burnt-out aircraft at the Engels air base.",
         "three burnt-out aircraft"),
        ("Amnesty International, after interviewing 30 residents and reading hospital records, found that a cluster "
         "rocket killed four people in Kherson.", "killed four people"),
        ("Having combed through death notices and spoken to families, the UN monitoring mission put the toll at 14.",
         "the toll at 14"),
        ("A Reuters photographer in Kharkiv recorded the moment a drone hit the roof of a school.",
         "a drone hit the roof"),
        ("DW's fact-checkers dated the footage to 3 May and placed it in Chasiv Yar's Kanal district.",
         "placed it in Chasiv Yar"),
        ("Mediazona has compiled the names of 1,200 Russian convicts killed near Bakhmut.", "1,200 Russian convicts"),
    ],
)
def test_verifiers_at_work_confirm(text: str, quote: str) -> None:
    assert attribution_of(text, quote)[2] == "confirmed"
