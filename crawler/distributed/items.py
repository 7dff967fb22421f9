"""What crawl workers push to the Redis item list and the writer reads back.

One message per archive call the SQLite pipeline would have made, as JSON
(readable with `redis-cli LRANGE`, independent of Python versions). Bodies
are zlib-compressed and base64-encoded; pages travel already cleaned, so the
writer only deduplicates and writes. No Scrapy and no database here.
"""
from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from archive import Fetch
from cleaning.model import Page, Speech

VERSION = 1
OPS = ("ingest", "not_modified", "unchanged", "gone", "error")


class BadMessage(ValueError):
    """A message on the item list that this writer cannot read."""


@dataclass
class Message:
    op: str
    url: str
    fetch: Fetch | None = None
    page: Page | None = None
    parts: list[Fetch] = field(default_factory=list)
    status: int | None = None
    error: str | None = None
    worker: str | None = None

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise BadMessage(f"unknown op {self.op!r}")
        if self.op == "ingest" and self.fetch is None:
            raise BadMessage("an ingest message needs a fetch")


def _fetch_to_dict(fetch: Fetch) -> dict[str, Any]:
    return {
        "url": fetch.url,
        "status": fetch.status,
        "headers": dict(fetch.headers),
        "body": base64.b64encode(zlib.compress(fetch.body, 3)).decode("ascii"),
        "fetched_at": fetch.fetched_at,
    }


def _fetch_from_dict(data: dict[str, Any]) -> Fetch:
    try:
        body = zlib.decompress(base64.b64decode(data["body"]))
        return Fetch(url=data["url"], status=int(data["status"]), headers=dict(data.get("headers") or {}),
                     body=body, fetched_at=data.get("fetched_at"))
    except (KeyError, TypeError, ValueError, zlib.error) as exc:
        raise BadMessage(f"bad fetch in message: {exc}") from exc


def _page_to_dict(page: Page) -> dict[str, Any]:
    data = page.to_full_dict()
    # Paragraphs as a list: joining and splitting on "\n" would not round-trip.
    data["speeches"] = [{"title": s.title, "paragraphs": list(s.paragraphs), "speaker": s.speaker,
                         "occasion": s.occasion} for s in page.speeches]
    return data


def _page_from_dict(data: dict[str, Any]) -> Page:
    try:
        page = Page.from_dict({k: v for k, v in data.items() if k != "speeches"})
        page.speeches = [Speech(title=s["title"], paragraphs=list(s["paragraphs"]), speaker=s.get("speaker"),
                                occasion=s.get("occasion")) for s in data.get("speeches") or []]
        return page
    except (KeyError, TypeError) as exc:
        raise BadMessage(f"bad page in message: {exc}") from exc


def encode(message: Message) -> bytes:
    data: dict[str, Any] = {"v": VERSION, "op": message.op, "url": message.url}
    if message.fetch is not None:
        data["fetch"] = _fetch_to_dict(message.fetch)
    if message.page is not None:
        data["page"] = _page_to_dict(message.page)
    if message.parts:
        data["parts"] = [_fetch_to_dict(p) for p in message.parts]
    for name in ("status", "error", "worker"):
        if getattr(message, name) is not None:
            data[name] = getattr(message, name)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(raw: bytes) -> Message:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadMessage(f"not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise BadMessage(f"unsupported message version {data.get('v') if isinstance(data, dict) else None!r}")
    try:
        return Message(
            op=data["op"],
            url=data["url"],
            fetch=_fetch_from_dict(data["fetch"]) if data.get("fetch") else None,
            page=_page_from_dict(data["page"]) if data.get("page") else None,
            parts=[_fetch_from_dict(p) for p in data.get("parts") or []],
            status=data.get("status"),
            error=data.get("error"),
            worker=data.get("worker"),
        )
    except KeyError as exc:
        raise BadMessage(f"message lacks {exc}") from exc
