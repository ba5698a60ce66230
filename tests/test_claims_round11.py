"""Claim attribution, round 11's rules: each on a sentence written for its test (not taken from the eval data)."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Russia's defence ministry said its bombers had destroyed a bridge near Vovchansk. Reuters was not in a "
         "position to verify the report.", "destroyed a bridge near Vovchansk"),
        ("Ukraine's navy said a sea drone had sunk a Russian tug off Tendra, a claim no independent analyst has been "
         "able to check.", "sunk a Russian tug off Tendra"),
        ("Both armies said they held the railway station in Kupiansk-Vuzlovyi, and neither offered proof for its "
         "account.", "held the railway station"),
        ("The governor said 14 shells had hit the market, but gave no indication of how the count was made.",
         "14 shells"),
        ("The Air Force said it had downed 30 drones; there is no independent way to test the figure.", "30 drones"),
        ("Kyiv said its drones had set fire to a fuel depot in Bryansk. The BBC found no trace of the fire in "
         "satellite data.", "set fire to a fuel depot"),
        ("A Russian blogger said his unit had destroyed two Bradleys near Velyka Novosilka. The post carried no "
         "video of either vehicle.", "destroyed two Bradleys"),
        ("Moscow said a missile had hit a Ukrainian command post, but its clip cuts off before any impact.",
         "hit a Ukrainian command post"),
    ],
)
def test_new_verdicts_make_a_claim_unverified(text: str, quote: str) -> None:
    assert attribution_of(text, quote)[2] == "unverified"


def test_a_verdict_on_something_else_leaves_the_claim_reported() -> None:
    # A search that found nothing about a person, a proof offered, a post with a photo: no verdict on the claim.
    text = "Rescuers found a survivor under the rubble in Dnipro, the State Emergency Service said."
    assert attribution_of(text, "found a survivor")[2] != "unverified"
    text = "The mayor's post carried photographs of the damaged school in Sumy."
    assert attribution_of(text, "damaged school")[2] != "unverified"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Chechen commander Apti Alaudinov trumpeted on his channel that his men had taken Kostiantynopil.",
         "had taken Kostiantynopil"),
        ("The Khortytsia group bragged that its gunners had stopped a Russian column near Siversk.",
         "stopped a Russian column"),
        ("Ukraine's 3rd Assault Brigade credited its drone pilots with destroying five Russian tanks near Borova.",
         "destroying five Russian tanks"),
    ],
)
def test_boasting_verbs_make_a_claim(text: str, quote: str) -> None:
    source, _, status = attribution_of(text, quote)
    assert source is not None
    assert status == "claimed"


def test_credited_without_with_is_no_claim_verb() -> None:
    # "credited" of money is not a claim of success.
    text = "The Finnish government credited 40 million euros to the Ukraine fund, its finance ministry said."
    assert attribution_of(text, "40 million euros")[2] != "claimed"


def test_a_verifiers_count_has_its_source() -> None:
    text = "Oryx, which lists only losses shown in photos or videos, has now logged 21 Russian Pantsir systems."
    assert attribution_of(text, "21 Russian Pantsir systems")[0] == "Oryx"
