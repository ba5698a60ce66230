"""The shipped logistic models (understand/linear_model.py's format): a broken file is a clear error naming it, and the
real file loads again once it is back (confirmation, doubt, strike and attacker models alike)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from warbrief.understand import attacker_model, confirmation, doubt, strike_model
from warbrief.understand.strike_model import read_strikes

CASES: list[tuple[ModuleType, type[Exception], Callable[[], object]]] = [
    (confirmation, confirmation.ConfirmationModelError, lambda: confirmation.probability("Satellite images show it.")),
    (doubt, doubt.DoubtModelError, lambda: doubt.probability("The claim could not be checked.")),
    (strike_model, strike_model.StrikeModelError,
     lambda: read_strikes("Russian forces lobbed 25 glide bombs onto Kostiantynivka overnight.")),
    (attacker_model, attacker_model.AttackerModelError,
     lambda: read_strikes("Russia launched 72 Shahed drones at Kyiv overnight.")),
]


@pytest.mark.parametrize("content", ['{"weights": [1, 2]}', "{not json", json.dumps({"weights": {"x": "heavy"}})])
@pytest.mark.parametrize(("module", "error", "use"), CASES, ids=lambda case: getattr(case, "__name__", ""))
def test_a_broken_model_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: ModuleType,
                                      error: type[Exception], use: Callable[[], object], content: str) -> None:
    broken = tmp_path / module.MODEL_PATH.name
    broken.write_text(content, "utf-8")
    monkeypatch.setattr(module, "MODEL_PATH", broken)
    module._model.cache_clear()
    try:
        with pytest.raises(error, match=module.MODEL_PATH.name.replace(".", r"\.")):
            use()
    finally:
        monkeypatch.undo()
        module._model.cache_clear()
    use()  # the shipped file loads again
