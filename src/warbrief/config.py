"""Settings: defaults that work out of the box, a TOML file to keep a setup, environment to override.

Precedence, lowest to highest: built-in defaults, ``warbrief.toml`` in the working folder (or the file
named by ``WARBRIEF_CONFIG``), ``WARBRIEF_*`` environment variables, then explicit CLI options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from warbrief.group.cluster import DEFAULT_THRESHOLD
from warbrief.ingest.files import DEFAULT_MAX_BYTES
from warbrief.models import DEFAULT_EMBEDDING_BACKEND, EMBEDDING_BACKENDS


class ConfigError(ValueError):
    """A settings file or variable is malformed; the message names it."""


@dataclass(slots=True, frozen=True)
class Settings:
    db: str = "warbrief.db"
    taxonomy: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    cluster_threshold: float = DEFAULT_THRESHOLD
    summary_stories: int = 5
    story_sentences: int = 4
    story_words: int = 100
    # The optional generative backend (issue #6): an OpenAI-compatible endpoint such as a local llama.cpp,
    # Ollama or vLLM server, e.g. "http://127.0.0.1:8080/v1". Unset means purely extractive briefings. The API
    # key is never a setting: it is read from the environment variable named here, so it stays out of files.
    llm_base_url: str | None = None
    llm_model: str = "default"
    llm_api_key_env: str = "WARBRIEF_LLM_API_KEY"
    llm_timeout: float = 30.0
    # A Dask scheduler address (issue #9), e.g. "tcp://10.0.0.5:8786": the per-document stages then run as tasks
    # on its workers. Unset means in-process, the default. Also read from WARBRIEF_DASK.
    dask_scheduler: str | None = None
    # The sentence-embedding runtime (issue #5): "torch" (sentence-transformers), "onnx" (ONNX Runtime: the same
    # vectors, loads faster in less memory) or "onnx-int8" (about 2x faster, slightly different vectors, cached apart).
    embedding_backend: str = DEFAULT_EMBEDDING_BACKEND

    def with_overrides(self, **values: Any) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_ENV = {f.name: f"WARBRIEF_{f.name.upper()}" for f in fields(Settings)}
# Settings whose default is None: an empty value means "unset", anything else is a string.
_OPTIONAL_STRINGS = {"taxonomy", "llm_base_url", "dask_scheduler"}
# Shorter spellings of a variable, read when the long one is not set.
_ENV_ALIASES = {"dask_scheduler": "WARBRIEF_DASK"}
SCHEDULER_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


def _coerce(name: str, value: Any, where: str) -> Any:
    kind = type(getattr(Settings(), name))
    if name in _OPTIONAL_STRINGS:
        coerced = None if value in (None, "") else str(value)
    else:
        try:
            coerced = kind(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: {name} must be {kind.__name__}, got {value!r}") from exc
    _check(name, coerced, where)
    return coerced


def _check(name: str, value: Any, where: str) -> None:
    """Values that type-check but cannot work are refused here, naming where they came from."""
    if name == "llm_base_url" and value is not None and not value.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: llm_base_url must be an http(s) URL, got {value!r}")
    if name == "dask_scheduler" and value is not None and not value.startswith(SCHEDULER_SCHEMES):
        raise ConfigError(f"{where}: dask_scheduler must be a scheduler address such as tcp://HOST:8786, got {value!r}")
    if name == "embedding_backend" and value not in EMBEDDING_BACKENDS:
        raise ConfigError(f"{where}: embedding_backend must be one of {', '.join(EMBEDDING_BACKENDS)}, got {value!r}")
    if name == "llm_timeout" and not value > 0:
        raise ConfigError(f"{where}: llm_timeout must be a positive number of seconds, got {value!r}")


def load_settings(path: str | Path | None = None) -> Settings:
    values: dict[str, Any] = {}
    file = Path(path or os.environ.get("WARBRIEF_CONFIG") or "warbrief.toml")
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: not valid TOML ({exc})") from exc
        section = data.get("warbrief", data)
        for key, value in section.items():
            if key not in _ENV:
                raise ConfigError(f"{file}: unknown setting {key!r} (known: {', '.join(_ENV)})")
            values[key] = _coerce(key, value, str(file))
    elif path is not None:
        raise ConfigError(f"{file}: settings file not found")
    for name, variable in _ENV.items():
        alias = _ENV_ALIASES.get(name)
        if variable not in os.environ and alias and alias in os.environ:
            variable = alias
        if variable in os.environ:
            values[name] = _coerce(name, os.environ[variable], variable)
    return Settings(**values)
