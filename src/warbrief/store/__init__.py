"""Stores that sit between the pipeline's stages (SQLite by default)."""

from warbrief.store.sqlite import Store, StoreError

__all__ = ["Store", "StoreError"]
