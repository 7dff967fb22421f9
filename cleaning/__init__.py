"""HTML bytes -> Page(speeches, metadata); no network, no database.

    from cleaning import clean_page, stitch, Page, Speech, ContentError
    from cleaning import CleanerOptions, default_options   # clean_page(..., options=...)

The names load on first use (PEP 562): a process that needs only a small part
of the package (the crawler's main process: errors, decode, template) does not
load the whole cleaner and its dictionaries.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {"ContentError": "cleaning.errors", "Page": "cleaning.model", "Speech": "cleaning.model",
          "stitch": "cleaning.pagination", "clean_page": "cleaning.pipeline",
          "CleanerOptions": "cleaning.options", "default_options": "cleaning.options"}

__all__ = ["CleanerOptions", "ContentError", "Page", "Speech", "clean_page", "default_options", "stitch"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'cleaning' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
