"""understand/confirmation.py: the word model that reads verification the rules do not list (issue #4)."""

from __future__ import annotations

import pytest

from warbrief.understand import confirmation
from warbrief.understand.claims import _CONFIRMED, attribute
from warbrief.understand.linear_model import word_features


def test_features_are_lower_cased_words_and_adjacent_pairs() -> None:
    # As scikit-learn's CountVectorizer(ngram_range=(1, 2)): one-letter tokens are dropped before pairing.
    assert word_features("Satellite images show a 2 km scar.") == {
        "satellite", "images", "show", "km", "scar", "satellite images", "images show", "show km", "km scar"}
    assert word_features("") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Footage reviewed by the newspaper shows 6 burned-out trucks at the depot.",
        "Imagery examined by researchers shows 2 damaged hangars at the airbase.",
        "A video whose location was matched to the village by independent analysts shows 3 armoured vehicles hit.",
    ],
)
def test_verification_the_rules_do_not_list_is_confirmed(text: str) -> None:
    assert not _CONFIRMED.search(text)  # a wording the hand-written rules miss
    assert confirmation.says_confirmed(text)
    assert attribute(text, 0, len(text)).status == "confirmed"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 5 people were killed in the strike on the market.",
        "The governor said 12 drones were downed over the region overnight.",
        # A claim stays a claim and an unverified claim stays unverified, whatever the model reads.
        "Russia's defence ministry claimed footage shows 4 Ukrainian tanks destroyed.",
        "Kyiv said 3 radars were hit; the footage could not be independently verified.",
    ],
)
def test_plain_reports_claims_and_unverified_claims_are_not_promoted(text: str) -> None:
    assert attribute(text, 0, len(text), "russia" if "Russia" in text else "ukraine").status != "confirmed"


def test_the_model_needs_evidence_named() -> None:
    # Words the model weighs towards confirmation, but no evidence or check named: never confirmed.
    text = "At least 40 Russian drones destroyed the plant, the data shows."
    assert confirmation.says_confirmed(text)  # "data" is evidence
    assert not confirmation.says_confirmed("At least 40 Russian drones destroyed the plant.")


def test_evidence_words_inside_names_are_no_evidence() -> None:
    # "Evidence Action" is a charity, "Data Desk" a newsroom: naming them names no evidence.
    assert not confirmation.names_evidence("Evidence Action said 3,000 families received aid, the Data Desk reported.")
    assert confirmation.names_evidence("Evidence shows the plant was hit.")  # a sentence's first word is no name
    assert confirmation.names_evidence("Satellite imagery confirmed the strike.")
    assert confirmation.names_evidence("The charity cited Evidence gathered on site.")
