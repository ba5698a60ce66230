"""Runners: where the per-document stages run. In this process (the default), or as tasks on a Dask cluster.

Both take a stage and a list of ids, cut the list into batches and return one ``BatchOutcome`` per batch; progress
is reported per finished batch. The Dask runner submits ``run_job_batch`` for each batch; the workers open the
store themselves and commit one document at a time, so the client only hands out ids and counts what came back.
If a worker dies, Dask resubmits its batch elsewhere and the batch skips what was already committed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from warbrief.scale.batches import BatchOutcome
from warbrief.scale.errors import RunnerError
from warbrief.scale.worker import ModelPlugin, StageJob, WorkerContext, run_batch, run_job_batch

__all__ = ["DaskRunner", "InProcessRunner", "RunnerError", "StageRunner", "batches"]
Progress = Callable[[str, int, int | None], None]
BatchDone = Callable[[BatchOutcome], None]
# Documents per task: large enough that a task outweighs its scheduling (~1 ms), small enough to spread the work.
# A run's days are grouped in one task, in date order (threads link each day to the days before it);
# their briefings are then written a day per task, side by side.
BATCH_SIZES = {"extract": 16, "understand": 32, "group": 1_000_000, "write": 1}


def _quiet(stage: str, done: int, total: int | None) -> None:
    return None


def batches(ids: Sequence[str], size: int) -> list[list[str]]:
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def _ignore(outcome: BatchOutcome) -> None:
    return None


class StageRunner(Protocol):
    def run(self, stage: str, ids: Sequence[str], progress: Progress = _quiet,
            on_batch: BatchDone = _ignore) -> list[BatchOutcome]: ...
    def close(self) -> None: ...


class InProcessRunner:
    """Runs each batch here, on the caller's own store connection."""

    def __init__(self, context: WorkerContext) -> None:
        self.context = context

    def run(self, stage: str, ids: Sequence[str], progress: Progress = _quiet,
            on_batch: BatchDone = _ignore) -> list[BatchOutcome]:
        outcomes, done = [], 0
        for batch in batches(ids, BATCH_SIZES[stage]):
            outcomes.append(run_batch(self.context, stage, batch))
            on_batch(outcomes[-1])
            done += len(batch)
            progress(stage, done, len(ids))
        return outcomes

    def close(self) -> None:
        return None


#: How long a run waits for the first worker of a cluster before it gives up.
WORKER_WAIT = 30.0


class DaskRunner:
    """Runs each batch as a task on a Dask cluster (an existing scheduler, or a LocalCluster it starts)."""

    def __init__(self, client: Any, job: StageJob, cluster: Any = None) -> None:
        self.client = client
        self.job = job
        self.cluster = cluster
        self.client.register_plugin(ModelPlugin(), name=ModelPlugin.name)

    @classmethod
    def connect(cls, address: str, job: StageJob, timeout: float = 10) -> DaskRunner:
        """A runner on the scheduler at ``address``; RunnerError (one line, naming it) if it cannot be reached."""
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise RunnerError('running on a Dask cluster needs distributed: pip install "dask[distributed]"') from exc
        # Client's own timeout covers the TCP connection but not a server that accepts and never answers (a port
        # taken by something else): bound the whole attempt from outside.
        attempt: dict[str, Any] = {}

        def connect() -> None:
            try:
                attempt["client"] = Client(address, timeout=timeout, set_as_default=False)
            except Exception as exc:  # noqa: BLE001 - re-raised in the caller's thread below
                attempt["error"] = exc

        thread = threading.Thread(target=connect, name="warbrief-dask-connect", daemon=True)
        thread.start()
        thread.join(timeout + 5)
        if thread.is_alive():
            raise RunnerError(f"cannot reach the Dask scheduler at {address}: no answer within {timeout + 5:.0f} s "
                              "(is a Dask scheduler listening there?)")
        error = attempt.get("error")
        if isinstance(error, OSError | TimeoutError | ValueError):
            message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise RunnerError(f"cannot reach the Dask scheduler at {address}: {message}") from error
        if error is not None:
            raise error
        return cls(attempt["client"], job)

    @classmethod
    def local(cls, workers: int, job: StageJob) -> DaskRunner:
        """A runner on a LocalCluster of ``workers`` processes with one thread each, closed with the runner."""
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return cls(Client(cluster, set_as_default=False), job, cluster)

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def run(self, stage: str, ids: Sequence[str], progress: Progress = _quiet,
            on_batch: BatchDone = _ignore) -> list[BatchOutcome]:
        """Submit every batch, then collect them as they finish (``on_batch`` sees each one)."""
        from distributed import as_completed

        chunks = batches(ids, BATCH_SIZES[stage])
        if not chunks:
            return []
        self._wait_for_workers()
        sizes = {}
        futures = []
        for chunk in chunks:
            future = self.client.submit(run_job_batch, self.job, stage, chunk, pure=False)
            sizes[future.key] = len(chunk)
            futures.append(future)
        outcomes, done = [], 0
        for future in as_completed(futures, loop=self.client.loop):
            try:
                outcomes.append(future.result())
            except Exception as exc:  # any worker-side failure becomes one line for the user
                self.client.cancel(futures)
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                raise RunnerError(f"a batch of the {stage} stage failed on a Dask worker: {type(exc).__name__}"
                                  f"{': ' + first if first else ''} (what was committed before is kept; run the "
                                  "command again to resume)") from exc
            on_batch(outcomes[-1])
            done += sizes[future.key]
            progress(stage, done, len(ids))
        return outcomes

    def _wait_for_workers(self) -> None:
        """A scheduler with no workers would take the tasks and never run them: say so instead of waiting."""
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError as exc:
            raise RunnerError(f"no Dask worker joined the scheduler at {self.client.scheduler.address} within "
                              f"{WORKER_WAIT:.0f} s; start some with `dask worker SCHEDULER_ADDRESS`") from exc

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
