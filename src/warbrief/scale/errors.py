"""The runner's error, in a module of its own so that the CLI can catch it without importing Dask."""


class RunnerError(RuntimeError):
    """The cluster cannot be reached or used; the message names its address."""
