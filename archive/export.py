"""Streaming export of speeches (one row at a time: constant memory)."""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterator

import sqlite_utils

FORMATS = ("jsonl", "csv")
COLUMNS = ("id", "title", "body", "speaker", "occasion", "published", "year", "first_seen",
           "last_changed", "version_count", "source_count", "site_count", "urls")


def rows(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """Every speech with the URLs that carry it (space-separated), by id."""
    yield from db.query(
        "select s.id, s.title, s.body, s.speaker, s.occasion, s.published, s.year,"
        " s.first_seen, s.last_changed, s.version_count, s.source_count, s.site_count,"
        " (select group_concat(p.url, ' ') from speech_sources ss join pages p"
        "    on p.id = ss.page_id where ss.speech_id = s.id) as urls"
        " from speeches s order by s.id"
    )


def export(db: sqlite_utils.Database, out: IO[str], fmt: str = "jsonl") -> int:
    """Write every speech to `out` as JSON lines or CSV; return the count."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows(db):
            writer.writerow(row)
            count += 1
    else:
        for row in rows(db):
            row["urls"] = (row["urls"] or "").split()
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
