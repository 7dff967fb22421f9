"""Commands registered on `cli.main` (filled in by its owner)."""
from __future__ import annotations
