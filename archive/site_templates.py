"""Site templates in the archive: learnt from stored captures, kept in `site_templates`.

The one place where the archive reads with the cleaner (arrow archive ->
cleaning.template / cleaning.decode): learning decodes stored captures the way
a crawl does. Also `refit_page`: a page stored earlier in the same run, cleaned
before its site's template was known, gets the text the final template gives,
in place, without a new version (see docs/architecture.md, "Site templates").
"""
from __future__ import annotations

import json
import logging
from collections import Counter
from typing import TYPE_CHECKING, Any

from archive.dedup import Fingerprint, register
from archive.textnorm import content_hash
from archive.versions import diff_summary, fields_changed
from cleaning.model import Page

if TYPE_CHECKING:
    from archive.store import Archive
    from cleaning.template import SiteTemplate

logger = logging.getLogger(__name__)

# A template is learnt from this many of the host's most recently seen pages.
LEARN_PAGES = 200


def load(db: Any, host: str) -> SiteTemplate | None:
    """The stored template of `host`, or None (a row that cannot be read is logged and ignored)."""
    from cleaning.template import SiteTemplate

    if "site_templates" not in db.table_names():
        return None
    row = db.execute("select template_json from site_templates where host = ?", [host.lower()]).fetchone()
    if row is None:
        return None
    try:
        return SiteTemplate.from_json(row[0])
    except ValueError as exc:
        logger.warning("stored template of %s ignored: %s", host, exc)
        return None


def save(archive: Archive, host: str, template: SiteTemplate) -> None:
    from archive.store import utcnow

    with archive.transaction():
        archive.db["site_templates"].upsert(
            {"host": host.lower(), "learnt_at": utcnow(), "pages": template.pages,
             "template_json": template.to_json()}, pk="host")


def hosts(db: Any) -> list[str]:
    """Sites (host[:port], cleaning.template.site_key) with at least one stored capture."""
    from cleaning.template import site_key

    return sorted({site_key(url) for (url,) in db.execute(
        "select url from pages where last_capture_id is not null")} - {""})


def learn(db: Any, host: str, limit: int = LEARN_PAGES) -> SiteTemplate:
    """Learn `host`'s (host[:port]) template from the latest captures of its pages (every kind: lists share it)."""
    from archive.captures import load_capture
    from cleaning.decode import charset_from_content_type
    from cleaning.errors import ContentError
    from cleaning.template import SiteTemplate, observe

    host = host.lower()
    template = SiteTemplate(host=host)
    rows = db.execute(
        "select p.url, p.last_capture_id from pages p"
        " where (p.url like ? or p.url like ?) and p.last_capture_id is not null and p.last_status = 200"
        " and p.gone_at is null order by p.last_seen desc, p.id desc limit ?",
        [f"http://{host}/%", f"https://{host}/%", limit]).fetchall()
    for url, capture_id in rows:
        fetch = load_capture(db, capture_id, url=url)
        try:
            template.add(observe(fetch.body, charset_from_content_type(fetch.header("Content-Type"))))
        except ContentError:
            continue  # not a web page: no template to learn from it
    return template


def refit_page(archive: Archive, page_id: int, run_id: int, page: Page) -> Counter[str]:
    """Give a page stored in run `run_id` the speeches of `page`, without new versions.

    Per speech position: a speech whose latest version this run's capture of the
    page created gets the new text in place (a version 2+ that the new text
    makes equal to version N-1 is removed again: it came from template churn).
    Speeches stored before this run are left as they are (a later `reclean`
    versions them). Returns counts: replaced, undone, unchanged, kept.
    """
    counts: Counter[str] = Counter()
    db = archive.db
    row = db.execute(
        "select p.last_capture_id, pc.run_id, r.started_at from pages p"
        " join page_captures pc on pc.id = p.last_fetch_id join crawl_runs r on r.id = pc.run_id"
        " where p.id = ?", [page_id]).fetchone()
    if row is None or row[1] != run_id:
        counts["kept"] += len(page.speeches)
        return counts
    capture_id, _, started_at = row
    with archive.transaction():
        for position, speech in enumerate(page.speeches):
            counts[_refit_speech(archive, page_id, capture_id, started_at, position, speech, page.published)] += 1
        db.execute("update pages set title = ?, no_speech_reason = ? where id = ?",
                   [page.title, page.no_speech_reason, page_id])
        # The run's counters say what the run finally stored.
        archive._count(run_id, new_versions=-counts["undone"], unchanged_speeches=counts["undone"])
    return counts


def _refit_speech(archive: Archive, page_id: int, capture_id: int, run_started: str, position: int,
                  speech: Any, published: str | None) -> str:
    db = archive.db
    source = db.execute("select id, speech_id, _content_hash from speech_sources where page_id = ? and position = ?",
                        [page_id, position]).fetchone()
    fp = Fingerprint(speech.body)
    if source is None or not fp.normal:
        return "kept"
    source_id, speech_id, old_hash = source
    chash = content_hash(speech.title, speech.body, fp.normal)
    if chash == old_hash:
        return "unchanged"
    latest = next(db.query("select * from speech_versions_full where speech_id = ? order by version desc limit 1",
                           [speech_id]), None)
    if latest is None or latest["capture_id"] != capture_id or latest["page_id"] != page_id \
            or (latest["captured_at"] or "") < run_started:
        return "kept"  # this speech's text was not stored by this run
    current = next(db.query("select * from speeches where id = ?", [speech_id]))
    fields = {"title": speech.title, "body": speech.body, "speaker": speech.speaker,
              "occasion": speech.occasion, "published": published}
    previous = None
    if latest["version"] > 1:
        previous = next(db.query("select * from speech_versions_full where speech_id = ? and version = ?",
                                 [speech_id, latest["version"] - 1]), None)
    outcome = "replaced"
    if previous is not None and not fields_changed(previous, fields):
        # The run's new version was template churn: back to the version before it.
        db.execute("delete from speech_versions where id = ?", [latest["id"]])
        version, changed_at, current_version = previous["version"], previous["captured_at"], previous["id"]
        outcome = "undone"
    else:
        version, changed_at, current_version = latest["version"], current["last_changed"], latest["id"]
        changed = list(fields) if previous is None else fields_changed(previous, fields)
        summary = "first version" if previous is None else diff_summary(previous["body"], fields["body"])
        db.execute(
            "update speech_versions set title = ?, speaker = ?, occasion = ?, published = ?,"
            " fields_changed = ?, diff_summary = ?, _text_hash = ? where id = ?",
            [fields["title"], fields["speaker"], fields["occasion"], fields["published"],
             json.dumps(changed), summary, fp.text_hash, latest["id"]])
    shown = dict(fields)
    if current.get("_canonical_page_id") not in (None, page_id):
        # Another copy gives the speech its title and date (archive.dedup.adopt_canonical): keep them.
        shown.update({k: current[k] for k in ("title", "speaker", "occasion", "published")})
    db.execute(
        "update speeches set title = ?, body = ?, speaker = ?, occasion = ?, published = ?, year = ?,"
        " last_changed = ?, version_count = ?, chars = ?, _text_hash = ?, _content_hash = ? where id = ?",
        [shown["title"], fields["body"], shown["speaker"], shown["occasion"], shown["published"],
         _year(shown["published"]), changed_at, version, len(fields["body"]), fp.text_hash,
         chash, speech_id])
    # After the speeches row (its trigger gives NULL-bodied versions the old text, schema m010):
    # the current version's body is the speech's body, stored once.
    db.execute("update speech_versions set body = null where id = ?", [current_version])
    db.execute("update speech_sources set _content_hash = ? where id = ?", [chash, source_id])
    register(db, speech_id, fp)
    return outcome


def _year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None


__all__ = ["LEARN_PAGES", "hosts", "learn", "load", "refit_page", "save"]
