"""The Dask runner on a real LocalCluster (two worker processes, one thread each) over a real PostgreSQL store:
models loaded once per worker, a worker killed mid-batch, reprocess resumed, and clear errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import cloudpickle
import pytest

import pgserver
from warbrief.config import Settings
from warbrief.group.stories import article_vector_model
from warbrief.ingest.files import read_paths
from warbrief.pipeline import Pipeline
from warbrief.records import RawDocument
from warbrief.scale.batches import BatchOutcome, extract_batch
from warbrief.scale.reprocess import reprocess
from warbrief.scale.runner import DaskRunner, InProcessRunner
from warbrief.scale.worker import StageJob, WorkerContext, context_for
from warbrief.store import open_store

pg_server = pgserver.pg_server  # the fixtures this module uses
pg_url = pgserver.pg_url
DEMO = Path(__file__).parent.parent / "examples" / "demo"
DAY = date(2024, 12, 28)
# Workers unpickle the task functions defined here by value, whatever their import path.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def _pipeline(url: str, cluster: object) -> Pipeline:
    return Pipeline.open(Settings(db=url, dask_scheduler=cluster.scheduler_address))  # type: ignore[attr-defined]


def test_each_worker_loads_the_models_once_and_both_take_batches(pg_url: str, cluster: object) -> None:
    with _pipeline(pg_url, cluster) as pipeline:
        assert isinstance(pipeline.runner, DaskRunner) and pipeline.runner.workers == 2
        pipeline.ingest([DEMO], day=DAY)
        ids = pipeline.store.article_ids(DAY, DAY)
        assert len(ids) > 40
        # Small batches so that both workers get several.
        from warbrief.scale import runner as runner_module

        sizes = dict(runner_module.BATCH_SIZES)
        runner_module.BATCH_SIZES["understand"] = 8
        try:
            outcomes = pipeline.runner.run("understand", ids)
        finally:
            runner_module.BATCH_SIZES.update(sizes)
    assert sum(o.documents for o in outcomes) == len(ids)
    assert len({o.worker for o in outcomes}) == 2
    assert all(o.model_loads == {"embedder": 1, "spacy": 1} for o in outcomes)
    with open_store(pg_url) as store:
        assert store.article_ids(DAY, DAY, understood=False) == []
        assert len(store.embeddings(ids, article_vector_model())) == len(ids)  # computed on the workers


def _die_once_mid_batch(job: StageJob, raw_ids: list[str], marker: str) -> BatchOutcome:
    """The first attempt commits half the batch, then its worker process dies; the retry does the batch."""
    context = context_for(job)
    if not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        extract_batch(context.store, context.taxonomy, raw_ids[: len(raw_ids) // 2])
        os._exit(1)
    return extract_batch(context.store, context.taxonomy, raw_ids)


def test_a_worker_killed_mid_batch_loses_nothing_committed(pg_url: str, cluster: object, tmp_path: Path) -> None:
    from distributed import Client

    with open_store(pg_url) as store:
        for item in read_paths([DEMO], day=DAY):
            assert isinstance(item, RawDocument)
            store.add_raw(item)
        raw_ids = store.raw_ids(status="new")
    assert len(raw_ids) == 5
    marker = tmp_path / "died"
    job = StageJob(pg_url, Settings(db=pg_url))
    with Client(cluster.scheduler_address, set_as_default=False) as client:  # type: ignore[attr-defined]
        outcome = client.submit(_die_once_mid_batch, job, raw_ids, str(marker), pure=False).result(timeout=300)
    assert marker.exists()  # the first attempt did die
    assert outcome.documents == len(raw_ids) - len(raw_ids) // 2  # the retry skipped what was committed
    with open_store(pg_url) as store:
        assert store.raw_ids(status="new") == []
        cluster_articles = [(a.id, a.text) for a in store.articles(day=DAY)]
    with Pipeline.open(Settings(db=str(tmp_path / "embedded.db"))) as embedded:
        embedded.ingest([DEMO], day=DAY)
        assert cluster_articles == [(a.id, a.text) for a in embedded.store.articles(day=DAY)]


def test_reprocess_reruns_the_days_and_resumes_after_a_stop(pg_url: str, cluster: object, tmp_path: Path) -> None:
    with _pipeline(pg_url, cluster) as pipeline:
        pipeline.ingest([DEMO], day=DAY)
        pipeline.brief(DAY, tmp_path / "out")
        store = pipeline.store
        before = store.briefing(DAY)
        # A reprocess that stopped after marking the archive and extracting two documents ...
        stages = ["extract", "understand", "group", "write"]
        key = f"reprocess:extract:{DAY.isoformat()}:{DAY.isoformat()}"
        store.start_job(key, {"stages": stages, "briefed": []}, DAY, DAY, stages)
        pending = store.raw_ids(status="new")
        assert len(pending) == 5
        pipeline.runner.run("extract", pending[:2])  # type: ignore[union-attr]
        # ... is resumed by running it again: the two committed documents are not extracted again.
        report = reprocess(store, pipeline.runner, DAY, DAY)  # type: ignore[arg-type]
        assert report.resumed and report.documents["extract"] == 3 and report.days == [DAY]
        assert store.job(key) is None
        assert _content(store.briefing(DAY)) == _content(before)
        # A fresh reprocess of one stage, here in-process: the same briefing again.
        context = WorkerContext(store, pipeline.settings, pipeline.taxonomy)
        again = reprocess(store, InProcessRunner(context), DAY, DAY, stage="understand")
        assert not again.resumed and again.documents["understand"] == len(store.article_ids(DAY, DAY))
        assert _content(store.briefing(DAY)) == _content(before)


def _content(briefing: dict | None) -> dict:
    """A stored briefing without the time it was generated."""
    assert briefing is not None
    return {key: value for key, value in briefing.items() if key != "generated_at"}


def _warbrief(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warbrief.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_the_reprocess_command_on_the_cluster(pg_url: str, cluster: object, tmp_path: Path) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    ingest = _warbrief("ingest", str(DEMO), "--day", DAY.isoformat(), "--db", pg_url, "--scheduler", address,
                       cwd=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    result = _warbrief("reprocess", "--from", DAY.isoformat(), "--db", pg_url, "--scheduler", address,
                       "--stage", "understand", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [DAY.isoformat()]
    assert "reprocessed 2024-12-28..2024-12-28" in result.stderr and "1 day(s) briefed" in result.stderr
    assert (tmp_path / "out" / "briefing-2024-12-28.json").is_file()
    bad = _warbrief("reprocess", "--from", DAY.isoformat(), "--stage", "publish", "--db", pg_url, cwd=tmp_path)
    assert bad.returncode == 2 and "unknown stage 'publish'" in bad.stderr


def test_an_unreachable_scheduler_is_one_clear_line(tmp_path: Path) -> None:
    result = _warbrief("brief", "--date", DAY.isoformat(), "--db", str(tmp_path / "w.db"), "--scheduler",
                       "tcp://127.0.0.1:9", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    bad = _warbrief("brief", "--date", DAY.isoformat(), "--scheduler", "localhost:8786", cwd=tmp_path)
    assert bad.returncode == 2 and "not a scheduler address" in bad.stderr


def test_a_port_that_accepts_but_is_no_scheduler_is_one_clear_line(tmp_path: Path) -> None:
    """Something else listening on the port: Dask's connect timeout alone would wait for its handshake forever."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        result = _warbrief("brief", "--date", DAY.isoformat(), "--db", str(tmp_path / "w.db"), "--scheduler", address,
                           cwd=tmp_path)
    assert result.returncode == 2 and f"cannot reach the Dask scheduler at {address}" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_scheduler_setting_comes_from_warbrief_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    from warbrief.config import ConfigError, load_settings

    monkeypatch.setenv("WARBRIEF_DASK", "tcp://10.0.0.5:8786")
    assert load_settings().dask_scheduler == "tcp://10.0.0.5:8786"
    monkeypatch.setenv("WARBRIEF_DASK", "10.0.0.5")
    with pytest.raises(ConfigError, match="WARBRIEF_DASK: dask_scheduler must be a scheduler address"):
        load_settings()
    assert Settings().dask_scheduler is None  # in-process stays the default


def test_a_scheduler_without_workers_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import Client, LocalCluster

    from warbrief.scale import runner as runner_module
    from warbrief.scale.errors import RunnerError

    monkeypatch.setattr(runner_module, "WORKER_WAIT", 2.0)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as empty:
        client = Client(empty, set_as_default=False)
        runner = DaskRunner(client, job=None)  # type: ignore[arg-type]
        try:
            with pytest.raises(RunnerError, match="no Dask worker joined the scheduler"):
                runner.run("extract", ["raw_1"])
        finally:
            runner.close()


def test_a_batch_failing_on_a_worker_is_one_clear_line() -> None:
    """Workers that cannot reach the store: the user gets one line naming the stage, not a remote traceback."""
    from distributed import Client, LocalCluster

    from warbrief.config import Settings
    from warbrief.scale.errors import RunnerError
    from warbrief.scale.worker import StageJob

    job = StageJob(db="postgresql://nobody@127.0.0.1:9/none?connect_timeout=2", settings=Settings())
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as local:
        runner = DaskRunner(Client(local, set_as_default=False), job)
        try:
            with pytest.raises(RunnerError, match="a batch of the extract stage failed on a Dask worker"):
                runner.run("extract", ["raw_1"])
        finally:
            runner.close()


def test_a_worker_embeds_with_the_clients_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The job's settings, not the worker's environment, choose the embedding runtime."""
    from warbrief import models
    from warbrief.scale.worker import run_job_batch

    monkeypatch.setenv("WARBRIEF_EMBEDDING_BACKEND", "torch")  # what the worker's own environment says
    job = StageJob(str(tmp_path / "store.db"), Settings(db=str(tmp_path / "store.db"), embedding_backend="onnx-int8"))
    try:
        assert run_job_batch(job, "extract", []).documents == 0
        assert models.embedding_backend() == "onnx-int8"
        assert article_vector_model().startswith("all-MiniLM-L6-v2+int8|")
    finally:
        models.set_embedding_backend(None)
    assert models.embedding_backend() == "torch"
