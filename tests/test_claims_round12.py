"""Claim attribution, round 12's rules: each on a sentence written for its test (not taken from the eval data)."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of
from warbrief.understand.claims import _UNVERIFIED


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Kyiv said its drones had hit a radar near Kursk; the toll cannot be tested independently.", "hit a radar"),
        ("The ministry said 20 tanks were destroyed. The Kyiv Post said it could not vouch for the clip.",
         "20 tanks were destroyed"),
        ("UN monitors said they were working to verify reports that a shell had killed four people in Kherson.",
         "killed four people"),
        ("Both sides said they held the mine at Pishchane; who holds it is impossible to judge from outside.",
         "held the mine"),
        ("The SBU said its drones set fire to a depot in Engels, but satellite images show no sign of smoke there.",
         "set fire to a depot"),
        ("The brigade said it destroyed a Tor launcher. The statement was not accompanied by any footage.",
         "destroyed a Tor launcher"),
        ("Moscow said it sank a Ukrainian patrol boat; the sinking has yet to show up in any imagery.",
         "sank a Ukrainian patrol boat"),
        ("The Air Force said a Su-34 was downed, though there was nothing beyond its own statement to support it.",
         "a Su-34 was downed"),
    ],
)
def test_new_verdicts_make_a_claim_unverified(text: str, quote: str) -> None:
    assert _UNVERIFIED.search(text)
    assert attribution_of(text, quote)[2] == "unverified"


@pytest.mark.parametrize(
    ("text", "quote", "source", "status", "beneficiary"),
    [
        # Headlines with their source after a dash or a colon.
        ("Russian forces take Stepova Novoselivka in Kharkiv region — Russia's defence ministry", "take Stepova",
         "Russian Ministry of Defense", "claimed", "russia"),
        ("Air defence downs 44 of 50 drones overnight: Ukrainian Air Force", "downs 44 of 50 drones",
         "Ukrainian Air Force", "claimed", "ukraine"),
        # New claim verbs.
        ("Denis Pushilin proclaimed Chasiv Yar fully taken in a video from the town.", "Chasiv Yar fully taken",
         "installed:donetsk", "claimed", "russia"),
        ("Human Rights Watch charged that Russian drones had hunted civilians on the road to Kherson.",
         "hunted civilians", "Human Rights Watch", "claimed", "russia"),
        # A spokesman by name alone speaks for his body; a regional prosecutor's office is Ukraine's officials.
        ("Yurii Ihnat told reporters that 12 Kh-101 missiles had been shot down.", "12 Kh-101 missiles",
         "Ukrainian Air Force", "claimed", "ukraine"),
        ("Suspilne, citing the Sumy regional prosecutor's office, said a drone had killed a tractor driver.",
         "killed a tractor driver", "Ukrainian officials", "reported", "russia"),
        # "X, who wrote that"; "citing a source in the Security Service"; a milblogger by description.
        ("The news came from Kursk governor Alexander Khinshtein, who wrote that a drone had hit a substation.",
         "hit a substation", "governor:kursk", "reported", "ukraine"),
        ("RBC-Ukraine, citing a source in the Security Service, said drones had struck a refinery in Ryazan.",
         "struck a refinery", "Security Service of Ukraine", "claimed", "ukraine"),
        ("Military blogger Yuri Kotenok wrote that Russian troops had entered Siversk.", "entered Siversk",
         "Russian military bloggers", "claimed", "russia"),
    ],
)
def test_new_sources(text: str, quote: str, source: str, status: str, beneficiary: str) -> None:
    found = attribution_of(text, quote, beneficiary)
    assert found[0] == source and found[2] == status, found


@pytest.mark.parametrize(
    ("text", "quote", "source"),
    [
        ("Reporters from Le Monde who walked through Kupiansk counted 12 wrecked Russian tanks.",
         "12 wrecked Russian tanks", "Le Monde"),
        ("AFP Fact Check placed the clip in Sumy and found it shows a drone hitting a bus.", "a drone hitting a bus",
         "AFP"),
        ("Verstka journalists went through court records and found that 60 convicts died near Pokrovsk.",
         "60 convicts died", "Verstka"),
        ("A Reuters cameraman was at the station when the missile struck, and filmed the platform collapsing.",
         "the platform collapsing", "Reuters"),
        ("A comparison of satellite images by the Kyiv Independent shows two destroyed hangars at Belbek.",
         "two destroyed hangars", "Kyiv Independent"),
    ],
)
def test_verifiers_at_work_are_the_source_of_a_confirmed_fact(text: str, quote: str, source: str) -> None:
    assert attribution_of(text, quote)[0::2] == (source, "confirmed")


def test_a_claim_verb_opening_a_clause_of_its_own_claims_only_that_clause() -> None:
    text = ("In Valuyki a drone hit a garage, governor Vyacheslav Gladkov said, and he claimed that air defences had "
            "downed 11 others.")
    assert attribution_of(text, "hit a garage", "ukraine")[2] == "reported"
    assert attribution_of(text, "downed 11 others", "russia")[2] == "claimed"
    # A claim verb after the fact without "that" still claims it.
    assert attribution_of("A drone hit a garage in Valuyki, the ministry claimed.", "hit a garage")[2] == "claimed"


def test_a_next_sentence_insisting_on_its_own_claim_keeps_its_verdict() -> None:
    text = ("The Sumy administration said a drone hit a minibus near Bilopillia. Russian channels insisted the bus "
            "carried ammunition, which nobody has been able to check.")
    assert attribution_of(text, "hit a minibus")[2] == "reported"
