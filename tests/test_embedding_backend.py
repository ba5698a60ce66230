"""The ONNX Runtime embedding backend against the sentence-transformers (torch) reference.

Real model, real export (into a temporary cache folder named by WARBRIEF_CACHE), real sentences from the demo
corpus. The export runs once for the module (about 10-25 s on two cores).
"""

from __future__ import annotations

import builtins
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from warbrief import models
from warbrief.embedding_onnx import OnnxEmbedder, cache_dir, ensure_export, export_key

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"


def _demo_sentences() -> list[str]:
    text = (DEMO / "000_956a7152114b9b31.txt").read_text("utf-8")
    sentences = [s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) >= 4]
    return sentences[:40]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("warbrief-cache")
    before = os.environ.get("WARBRIEF_CACHE")
    os.environ["WARBRIEF_CACHE"] = str(root)
    try:
        ensure_export("fp32")
        yield root
    finally:
        if before is None:
            os.environ.pop("WARBRIEF_CACHE", None)
        else:
            os.environ["WARBRIEF_CACHE"] = before
        models.set_embedding_backend(None)
        models.load_embedder.cache_clear()


@pytest.fixture(scope="module")
def onnx(cache: Path) -> OnnxEmbedder:
    return OnnxEmbedder("fp32")


def _torch(texts: list[str]) -> np.ndarray:
    vectors = models.load_sentence_transformer().encode(texts, batch_size=32, normalize_embeddings=True,
                                                       convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def test_cache_folder_follows_the_environment(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_dir() == cache
    assert (cache / "onnx" / export_key("fp32") / "model.onnx").is_file()
    monkeypatch.delenv("WARBRIEF_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/xdg")
    assert cache_dir() == Path("/somewhere/xdg/warbrief")


def test_onnx_matches_torch_and_is_unit_length(onnx: OnnxEmbedder) -> None:
    texts = _demo_sentences()
    got, want = onnx.encode(texts), _torch(texts)
    assert got.shape == want.shape == (len(texts), 384) and got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(got * want, axis=1)
    assert cosines.min() > 0.9999, cosines.min()


def test_order_is_kept_across_length_sorted_batches(onnx: OnnxEmbedder) -> None:
    sentences = _demo_sentences()
    long_text = " ".join(sentences)  # over 256 tokens: truncated like sentence-transformers truncates
    texts = [sentences[0], long_text, "Kyiv.", sentences[3], " ".join(sentences[5:9]), "Air raid alert.", sentences[1]]
    batched = onnx.encode(texts, batch_size=2)
    one_by_one = np.vstack([onnx.encode([t]) for t in texts])
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)
    assert np.sum(batched * _torch(texts), axis=1).min() > 0.9999
    assert onnx.encode([]).shape == (0, 384)


def test_backend_setting_drives_embed_texts(cache: Path) -> None:
    texts = _demo_sentences()[:8]
    models.set_embedding_backend("onnx")
    assert models.load_embedder().backend == "onnx"
    assert models.embedding_model_key() == models.EMBEDDING_MODEL  # fp32 ONNX shares torch's cached vectors
    via_onnx = models.embed_texts(texts)
    models.set_embedding_backend("torch")
    assert models.load_embedder().backend == "torch"
    assert np.sum(via_onnx * models.embed_texts(texts), axis=1).min() > 0.9999
    with pytest.raises(ValueError, match="unknown embedding backend"):
        models.set_embedding_backend("tensorflow")


def test_int8_backend_has_its_own_cache_key(cache: Path) -> None:
    models.set_embedding_backend("onnx-int8")
    assert models.embedding_model_key() == "all-MiniLM-L6-v2+int8"
    texts = _demo_sentences()[:8]
    vectors = models.embed_texts(texts)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.sum(vectors * _torch(texts), axis=1).min() > 0.95  # close, not equal: hence the separate key


def test_corrupt_or_partial_export_is_exported_again(cache: Path, tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    good = cache / "onnx" / export_key("fp32")
    copy = tmp_path / "onnx" / export_key("fp32")
    shutil.copytree(good, copy)
    model = copy / "model.onnx"
    with model.open("r+b") as handle:  # a disk that filled up mid-write: the file is cut short
        handle.truncate(model.stat().st_size // 3)
    with caplog.at_level(logging.WARNING, logger="warbrief.embedding_onnx"):
        path = ensure_export("fp32", tmp_path)
    assert "corrupt" in caplog.text
    assert path == model and path.stat().st_size == (good / "model.onnx").stat().st_size
    texts = _demo_sentences()[:5]
    np.testing.assert_allclose(OnnxEmbedder("fp32", root=tmp_path).encode(texts), _torch(texts), atol=1e-4)
    # A folder without its manifest (the process died before writing it) is not trusted either.
    (copy / "manifest.json").unlink()
    ensure_export("fp32", tmp_path)
    assert (copy / "manifest.json").is_file()
    assert not [p for p in (tmp_path / "onnx").iterdir() if p.name != copy.name]  # no temporary folders left


def test_missing_onnxruntime_falls_back_to_torch(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    real_import = builtins.__import__

    def no_onnxruntime(name: str, *args: object, **kwargs: object) -> object:
        if name == "onnxruntime" or name.startswith("onnxruntime."):
            raise ImportError("No module named 'onnxruntime'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    models.set_embedding_backend("onnx")
    models.load_embedder.cache_clear()
    with caplog.at_level(logging.WARNING, logger="warbrief.models"):
        vectors = models.embed_texts(["Russian forces shelled Kherson overnight."] * 3)
        models.embed_texts(["A second call does not warn again."])
    assert models.load_embedder().backend == "torch"
    assert models.embedding_model_key() == models.EMBEDDING_MODEL
    assert len([r for r in caplog.records if "using torch" in r.getMessage()]) == 1
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_unwritable_cache_falls_back_to_torch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv("WARBRIEF_CACHE", str(blocker / "warbrief"))
    models.set_embedding_backend("onnx-int8")
    models.load_embedder.cache_clear()
    with caplog.at_level(logging.WARNING, logger="warbrief.models"):
        embedder = models.load_embedder()
    assert embedder.backend == "torch" and embedder.model_key == models.EMBEDDING_MODEL
    assert models.embedding_model_key() == models.EMBEDDING_MODEL  # torch vectors, torch key
    assert "cannot write the ONNX cache" in caplog.text
    models.load_embedder.cache_clear()


def test_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from warbrief.config import ConfigError, load_settings

    monkeypatch.setenv("WARBRIEF_EMBEDDING_BACKEND", "torch")
    assert load_settings().embedding_backend == "torch"
    models.set_embedding_backend(None)
    assert models.embedding_backend() == "torch"
    monkeypatch.setenv("WARBRIEF_EMBEDDING_BACKEND", "gpu")
    with pytest.raises(ConfigError, match="embedding_backend"):
        load_settings()
