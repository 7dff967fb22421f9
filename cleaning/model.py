"""Plain dataclasses that the cleaner returns and the archive stores.

They are the contract between `cleaning`, `archive` and `crawler`; none of
them import Scrapy or touch a database.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Speech:
    title: str
    paragraphs: list[str]
    speaker: str | None = None
    occasion: str | None = None

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "body": self.body,
            "speaker": self.speaker,
            "occasion": self.occasion,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Speech":
        body = data.get("body") or ""
        return cls(
            title=data.get("title") or "",
            paragraphs=[p for p in body.split("\n") if p.strip()],
            speaker=data.get("speaker"),
            occasion=data.get("occasion"),
        )


@dataclass
class Page:
    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None  # the uploader ("网友投稿"), never the speaker
    breadcrumbs: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    speeches: list[Speech] = field(default_factory=list)
    # Not part of the JSON contract, but needed by the crawler and the CLI.
    encoding: str | None = None  # the codec the bytes were decoded with
    no_speech_reason: str | None = None  # why `speeches` is empty, if it is
    next_page_url: str | None = None  # "下一页" of a multi-page article
    links: list[str] = field(default_factory=list)  # every <a href> as written, in order (the crawler follows them)

    @property
    def is_article(self) -> bool:
        return bool(self.speeches)

    def to_dict(self) -> dict[str, Any]:
        """The `extract --json` object of docs/design.md."""
        return {
            "url": self.url,
            "site_name": self.site_name,
            "title": self.title,
            "published": self.published,
            "author": self.author,
            "breadcrumbs": list(self.breadcrumbs),
            "tags": list(self.tags),
            "speeches": [s.to_dict() for s in self.speeches],
        }

    def to_full_dict(self) -> dict[str, Any]:
        data = self.to_dict()
        data.update(
            canonical_url=self.canonical_url,
            encoding=self.encoding,
            no_speech_reason=self.no_speech_reason,
            next_page_url=self.next_page_url,
        )
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Page":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "speeches"}
        page = cls(**known)
        page.speeches = [Speech.from_dict(s) for s in data.get("speeches") or []]
        return page


__all__ = ["Page", "Speech", "asdict"]
