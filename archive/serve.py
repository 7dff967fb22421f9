"""Start Datasette on the archive: metadata keyed to the database's name."""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import yaml

METADATA_KEY = "archive"  # the database key used in metadata.yml


def metadata_for(db_path: str | Path) -> dict:
    """archive/metadata.yml with its database section renamed to the file's stem."""
    text = resources.files("archive").joinpath("metadata.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or METADATA_KEY not in (data.get("databases") or {}):
        raise ValueError("archive/metadata.yml: expected databases.archive")
    name = Path(db_path).stem
    data["databases"] = {name: data["databases"][METADATA_KEY]}
    return data


def datasette_argv(db_path: str | Path, metadata_path: str | Path, port: int,
                   host: str = "127.0.0.1", immutable: bool = False) -> list[str]:
    """`immutable`: serve with `-i` (a read-only file or mount, where SQLite cannot keep a WAL index)."""
    database = ["-i", str(db_path)] if immutable else [str(db_path)]
    return [sys.executable, "-m", "datasette", "serve", *database, "--metadata",
            str(metadata_path), "--host", host, "--port", str(port)]
