"""The one error the cleaner raises: input that is not a web page at all."""
from __future__ import annotations


class ContentError(ValueError):
    """Raised for empty or binary input; every real page yields a `Page` instead."""
