"""Shared test helpers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"


def load_eval_script(name: str) -> ModuleType:
    """Import ``eval/NAME.py`` as a module: the eval scripts are scripts, not a package, but their metric
    code deserves tests that do not need ../shared."""
    module_name = f"eval_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, EVAL / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store the web tests read (tests/webstore.py): built once, never written by the app."""
    from webstore import build_web_store

    return build_web_store(tmp_path_factory.mktemp("web"))
