"""HTML bytes -> Page(speeches, metadata); no network, no database.

    from cleaning import clean_page, stitch, Page, Speech, ContentError
"""
from __future__ import annotations

from cleaning.errors import ContentError
from cleaning.model import Page, Speech
from cleaning.pagination import stitch
from cleaning.pipeline import clean_page

__all__ = ["ContentError", "Page", "Speech", "clean_page", "stitch"]
