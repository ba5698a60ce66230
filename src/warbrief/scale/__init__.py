"""Scale-out (issue #9): the per-document stages as batches that run in-process or as Dask tasks.

``batches`` holds the stage work over a store (the same functions either way), ``worker`` what a cluster
worker keeps loaded between tasks, ``runner`` the in-process and Dask runners, ``reprocess`` re-running stages
over an archive.
"""
