"""Bring raw documents in: local files and folders, JSONL records and WARC archives.

Live fetching from the web is ``warbrief.fetch``.
"""

from warbrief.ingest.files import DEFAULT_MAX_BYTES, RECORD_MEDIA_TYPE, Skipped, read_file, read_paths

__all__ = ["DEFAULT_MAX_BYTES", "RECORD_MEDIA_TYPE", "Skipped", "read_file", "read_paths"]
