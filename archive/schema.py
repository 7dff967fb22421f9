"""Schema as recorded sqlite-utils migrations (table `_sqlite_migrations`).

Every migration runs in a transaction together with its record, so a crash
during an upgrade leaves the old schema, never half of the new one. Add new
migrations at the end; never edit an applied one.
"""
from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("speech_archive")


@migrations()
def m001_core_tables(db: sqlite_utils.Database) -> None:
    db["sites"].create({"id": int, "host": str, "name": str, "first_seen": str}, pk="id")
    db["sites"].create_index(["host"], unique=True)

    db["crawl_runs"].create(
        {
            "id": int, "trigger": str, "sites": str, "started_at": str, "ended_at": str,
            "status": str, "pages": int, "new_speeches": int, "new_sources": int,
            "new_versions": int, "unchanged_speeches": int, "not_modified": int,
            "unchanged_pages": int, "gone": int, "errors": int, "counts": str, "note": str,
        },
        pk="id",
        defaults={k: 0 for k in ("pages", "new_speeches", "new_sources", "new_versions",
                                 "unchanged_speeches", "not_modified", "unchanged_pages",
                                 "gone", "errors")},
    )
    db["crawl_runs"].create_index(["started_at"])

    db["captures"].create(
        {
            "id": int, "sha256": str, "url": str, "status": int, "headers": str,
            "fetched_at": str, "content_type": str, "size": int, "compression": str,
            "content": bytes,
        },
        pk="id",
    )
    db["captures"].create_index(["sha256"], unique=True)

    db["pages"].create(
        {
            "id": int, "url": str, "site_id": int, "title": str, "canonical_url": str,
            "published": str, "author": str, "encoding": str, "speech_count": int,
            "no_speech_reason": str, "first_seen": str, "last_seen": str,
            "last_status": int, "gone_at": str, "etag": str, "last_modified": str,
            "last_changed": str, "unchanged_streak": int, "last_capture_id": int,
            "last_fetch_id": int,
        },
        pk="id",
        foreign_keys=[("site_id", "sites", "id"), ("last_capture_id", "captures", "id")],
        defaults={"unchanged_streak": 0, "speech_count": 0},
    )
    db["pages"].create_index(["url"], unique=True)
    db["pages"].create_index(["site_id"])
    db["pages"].create_index(["last_seen"])

    db["page_captures"].create(
        {"id": int, "page_id": int, "capture_id": int, "part": int, "main_id": int,
         "status": int, "fetched_at": str, "run_id": int},
        pk="id",
        foreign_keys=[("page_id", "pages", "id"), ("capture_id", "captures", "id"),
                      ("run_id", "crawl_runs", "id")],
        defaults={"part": 0},
    )
    db["page_captures"].create_index(["page_id", "fetched_at"])
    db["page_captures"].create_index(["capture_id"])
    db["page_captures"].create_index(["main_id"])

    db["speeches"].create(
        {
            "id": int, "title": str, "body": str, "speaker": str, "occasion": str,
            "published": str, "year": int, "site_id": int, "first_seen": str,
            "last_changed": str, "version_count": int, "source_count": int,
            "site_count": int, "chars": int, "_text_hash": str, "_content_hash": str,
        },
        pk="id",
        foreign_keys=[("site_id", "sites", "id")],
        defaults={"version_count": 1, "source_count": 1, "site_count": 1},
    )
    for cols in (["year"], ["speaker"], ["site_id"], ["last_changed"]):
        db["speeches"].create_index(cols)

    db["speech_versions"].create(
        {
            "id": int, "speech_id": int, "version": int, "title": str, "body": str,
            "speaker": str, "occasion": str, "published": str, "captured_at": str,
            "capture_id": int, "page_id": int, "fields_changed": str,
            "diff_summary": str, "origin": str, "_text_hash": str,
        },
        pk="id",
        foreign_keys=[("speech_id", "speeches", "id"), ("capture_id", "captures", "id"),
                      ("page_id", "pages", "id")],
    )
    db["speech_versions"].create_index(["speech_id", "version"], unique=True)
    db["speech_versions"].create_index(["captured_at"])

    db["speech_sources"].create(
        {
            "id": int, "speech_id": int, "page_id": int, "position": int,
            "similarity": float, "match": str, "first_seen": str, "last_seen": str,
            "_content_hash": str,
        },
        pk="id",
        foreign_keys=[("speech_id", "speeches", "id"), ("page_id", "pages", "id")],
    )
    db["speech_sources"].create_index(["speech_id", "page_id"], unique=True)
    db["speech_sources"].create_index(["page_id"])

    db["crawl_errors"].create(
        {"id": int, "run_id": int, "url": str, "status": int, "message": str, "at": str},
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db["crawl_errors"].create_index(["run_id"])

    # Dedup indexes. WITHOUT ROWID keeps them as compact as a plain index.
    db.execute(
        "CREATE TABLE _speech_hashes (text_hash TEXT PRIMARY KEY, speech_id INTEGER NOT NULL)"
        " WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE _lsh_bands (band_key INTEGER NOT NULL, speech_id INTEGER NOT NULL,"
        " PRIMARY KEY (band_key, speech_id)) WITHOUT ROWID"
    )

    # Full text. content='speeches' in single quotes on purpose: Datasette
    # auto-detects only content="..."/[...], so its stock search (trigram only,
    # blind to two-character words) stays off and archive.datasette_plugin
    # answers the search box over both indexes instead.
    db.execute(
        "CREATE VIRTUAL TABLE speeches_fts USING fts5(title, body,"
        " content='speeches', content_rowid='id', tokenize='trigram')"
    )
    # Character bigrams as space-separated words: finds one- and two-character
    # words the trigram index cannot. Contentless: holds only the index.
    db.execute(
        "CREATE VIRTUAL TABLE speeches_bigrams USING fts5(grams, content='',"
        " tokenize='unicode61')"
    )


@migrations()
def m002_views(db: sqlite_utils.Database) -> None:
    db.create_view(
        "source_pages",
        """
        select speech_sources.speech_id, speeches.title as speech_title,
               pages.url, sites.host, speech_sources.similarity, speech_sources.match,
               speech_sources.first_seen, speech_sources.last_seen, pages.gone_at
        from speech_sources
        join speeches on speeches.id = speech_sources.speech_id
        join pages on pages.id = speech_sources.page_id
        left join sites on sites.id = pages.site_id
        """,
    )


@migrations()
def m003_bigrams_detail_none(db: sqlite_utils.Database) -> None:
    """The bigram index only answers single-token queries: rowids are enough.

    detail=none makes it less than half the size and a little faster to write.
    """
    from archive.search import bigram_document

    db.execute("DROP TABLE speeches_bigrams")
    db.execute(
        "CREATE VIRTUAL TABLE speeches_bigrams USING fts5(grams, content='',"
        " detail='none', tokenize='unicode61')"
    )
    for row in db.query("select id, title, body from speeches"):
        db.execute("insert into speeches_bigrams(rowid, grams) values (?, ?)",
                   [row["id"], bigram_document(row["title"], row["body"])])


@migrations()
def m004_speech_signatures(db: sqlite_utils.Database) -> None:
    """`speeches._minhash`: MinHash signature of the current text (uint32 x num_perm).

    Lets near-duplicate candidates be rejected from the signature estimate
    before the exact Jaccard check reads and shingles their text.
    """
    from archive.minhash import shingle_hashes, signature

    db["speeches"].add_column("_minhash", bytes)
    for row in db.query("select id, body from speeches"):
        db.execute("update speeches set _minhash = ? where id = ?",
                   [signature(shingle_hashes(row["body"])).tobytes(), row["id"]])


@migrations()
def m005_fts_hashsize(db: sqlite_utils.Database) -> None:
    """Both FTS5 indexes buffer up to 8 MB of new terms before writing a segment.

    The default (1 MB) is about three speeches of trigrams: a segment every few
    pages and merges all the time. With group commit a batch of pages becomes
    one segment. Stored in the index's own config, so every writer uses it.
    """
    for table in ("speeches_fts", "speeches_bigrams"):
        db.execute(f"insert into {table}({table}, rank) values ('hashsize', 8388608)")


@migrations()
def m006_run_process(db: sqlite_utils.Database) -> None:
    """Who runs a crawl: `crawl_runs.pid`, `hostname` and `pid_start`.

    `pid_start` is the process start time from /proc/<pid>/stat (clock ticks
    since boot), so a reused pid is not mistaken for the crawl. Together they
    let a 'running' row whose process died (kill -9) be closed as 'killed'.
    Older rows keep NULLs and are never closed that way.
    """
    db["crawl_runs"].add_column("pid", int)
    db["crawl_runs"].add_column("hostname", str)
    db["crawl_runs"].add_column("pid_start", int)


@migrations()
def m007_site_templates(db: sqlite_utils.Database) -> None:
    """`site_templates`: what was learnt of each host's template (cleaning.template).

    One row per host: when it was learnt, from how many pages, and the
    `SiteTemplate` as JSON (line fingerprints and `<title>` parts with their
    page counts). Crawls, `reclean` and `extract --db` clean with it.
    """
    db["site_templates"].create(
        {"host": str, "learnt_at": str, "pages": int, "template_json": str}, pk="host",
    )


@migrations()
def m008_reading_views(db: sqlite_utils.Database) -> None:
    """Views a reader expects: `speeches_latest`, `source_pages` with site names.

    - `speeches_latest`: every speech's current (latest) version in one row,
      with its site names and source URLs.
    - `source_pages` again, with the site name beside the host.
    - `speeches._canonical_page_id`: the copy whose title and date the speech
      shows (archive.dedup.adopt_canonical); NULL means its first source.
    - an index on `speeches(published)` for search's newest-first order.
    """
    db["speeches"].add_column("_canonical_page_id", int)
    db["speeches"].create_index(["published"])
    db.execute("DROP VIEW IF EXISTS source_pages")
    db.create_view(
        "source_pages",
        """
        select speech_sources.speech_id, speeches.title as speech_title,
               coalesce(sites.name, sites.host) as site, pages.url, sites.host,
               speech_sources.similarity, speech_sources.match,
               speech_sources.first_seen, speech_sources.last_seen, pages.gone_at,
               pages.last_capture_id as capture_id
        from speech_sources
        join speeches on speeches.id = speech_sources.speech_id
        join pages on pages.id = speech_sources.page_id
        left join sites on sites.id = pages.site_id
        """,
    )
    db.create_view(
        "speeches_latest",
        """
        select s.id as speech_id, s.version_count as version, s.title, s.speaker,
               s.occasion, s.published, coalesce(st.name, st.host) as site,
               (select group_concat(name, ' | ') from (
                  select distinct coalesce(x.name, x.host) as name from speech_sources ss
                  join pages p on p.id = ss.page_id join sites x on x.id = p.site_id
                  where ss.speech_id = s.id order by name)) as sites,
               (select group_concat(url, ' ') from (
                  select p.url from speech_sources ss join pages p on p.id = ss.page_id
                  where ss.speech_id = s.id order by p.url)) as urls,
               s.site_count, s.source_count, s.first_seen, s.last_changed, s.chars, s.body
        from speeches s
        left join sites st on st.id = s.site_id
        """,
    )


@migrations()
def m009_search_index_off_commit_path(db: sqlite_utils.Database) -> None:
    """One search index, brought up to date by `archive.indexer`, not by each page.

    - `speeches_fts` (trigram) is dropped: `speeches_bigrams` answers every
      query (archive.search), at about a fifth of the size.
    - `search_index_state` (one row): `indexed_to`, the highest speech id
      indexed. Speeches above it are the tail that search scans.
    - `_search_stale`: speeches at or below the watermark whose title or body
      changed since they were indexed, with the text the index still holds
      (needed to take it out of a contentless index). Search scans them too.
    The bigram index was kept in step until now, so everything is indexed.
    """
    db.execute("DROP TABLE IF EXISTS speeches_fts")
    db["search_index_state"].create(
        {"id": int, "indexed_to": int, "updated_at": str}, pk="id", not_null={"indexed_to"})
    db.execute("insert into search_index_state (id, indexed_to) values"
               " (1, (select coalesce(max(id), 0) from speeches))")
    db.execute(
        "CREATE TABLE _search_stale (speech_id INTEGER PRIMARY KEY, title TEXT, body TEXT)")


@migrations()
def m010_version_body_once(db: sqlite_utils.Database) -> None:
    """Each body stored once: `speech_versions.body` NULL means "the speech's current body".

    - Versions whose body equals `speeches.body` drop their copy.
    - Trigger `speech_versions_keep_body`: when `speeches.body` changes, every
      version still pointing at it (NULL) gets the old text first, so no
      writer can make a version show a text it never had.
    - View `speech_versions_full`: every version with its text filled in
      (what readers, the diff page and exports use).
    """
    db.execute("update speech_versions set body = null"
               " where body = (select s.body from speeches s where s.id = speech_versions.speech_id)")
    db.execute(
        "CREATE TRIGGER speech_versions_keep_body BEFORE UPDATE OF body ON speeches"
        " WHEN old.body IS NOT new.body BEGIN"
        " UPDATE speech_versions SET body = old.body WHERE speech_id = old.id AND body IS NULL;"
        " END")
    db.create_view(
        "speech_versions_full",
        """
        select v.id, v.speech_id, v.version, v.title, coalesce(v.body, s.body) as body,
               v.speaker, v.occasion, v.published, v.captured_at, v.capture_id, v.page_id,
               v.fields_changed, v.diff_summary, v.origin, v._text_hash
        from speech_versions v join speeches s on s.id = v.speech_id
        """,
    )



@migrations()
def m011_search_stale_by_trigger(db: sqlite_utils.Database) -> None:
    """The database itself records what the search index no longer matches.

    A change of a speech's title or body, or its deletion, puts the speech in
    `_search_stale` with the text it had (kept if already there: that is the
    text the index holds), whichever code made the change. Search scans stale
    speeches and the indexer re-indexes them (archive.indexer).
    """
    db.execute(
        "CREATE TRIGGER speeches_search_stale_on_update AFTER UPDATE OF title, body ON speeches"
        " WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN"
        " INSERT OR IGNORE INTO _search_stale (speech_id, title, body)"
        " VALUES (old.id, old.title, old.body); END")
    db.execute(
        "CREATE TRIGGER speeches_search_stale_on_delete AFTER DELETE ON speeches BEGIN"
        " INSERT OR IGNORE INTO _search_stale (speech_id, title, body)"
        " VALUES (old.id, old.title, old.body); END")



@migrations()
def m012_bigrams_ascii_tokenizer(db: sqlite_utils.Database) -> None:
    """The bigram index splits only at spaces and keeps characters as they are.

    Its documents are already folded (NFKC, lower case) and hold only letters
    and digits, so FTS5's `ascii` tokenizer reads them as they are written. The
    `unicode61` tokenizer also removed diacritics, so a two-letter query "fe"
    matched "café" (search answers such terms from the index alone); and it
    is 15-25 % slower to write (measured on the benchmark's speeches).
    The new index starts empty: the watermark goes back to 0, so search scans
    every speech until `archive.indexer` has indexed them again (at the next
    batch commit, run end or `speech-archive index`), never missing one.
    """
    db.execute("DROP TABLE speeches_bigrams")
    db.execute("CREATE VIRTUAL TABLE speeches_bigrams USING fts5(grams, content='',"
               " detail='none', tokenize='ascii')")
    db.execute("insert into speeches_bigrams(speeches_bigrams, rank) values ('hashsize', 8388608)")
    db.execute("update search_index_state set indexed_to = 0, updated_at = null where id = 1")
    db.execute("delete from _search_stale")


@migrations()
def m013_lsh_pending(db: sqlite_utils.Database) -> None:
    """`_lsh_pending`: LSH band rows of new texts, moved to `_lsh_bands` in batches.

    Same columns and key as `_lsh_bands`. Random band keys written straight
    into the big table dirtied one of its pages each: at 20k speeches 70 of
    the 107 KB of WAL a page cost, more as the table grows. Written into this
    small table instead and moved over in key order every
    `archive.dedup.LSH_MERGE_ROWS` rows; lookups read both
    (archive.dedup.candidates). The rows already in `_lsh_bands` stay.
    """
    db.execute(
        "CREATE TABLE _lsh_pending (band_key INTEGER NOT NULL, speech_id INTEGER NOT NULL,"
        " PRIMARY KEY (band_key, speech_id)) WITHOUT ROWID"
    )


@migrations()
def m014_bigrams_merge_settings(db: sqlite_utils.Database) -> None:
    """The bigram index buffers 2 MB of new terms (not 8) and merges 8 segments at a time (not 4).

    Set when the index was written per page batch (m005), 8 MB kept a batch in
    one segment. The indexer now writes up to 2,000 speeches per transaction
    (archive.indexer); a smaller buffer stays in the CPU's caches, and the
    more numerous segments it writes are merged 8 at a time. Measured on
    100,000 benchmark speeches written into both indexes in one process,
    alternating batch by batch: 1.07 against 1.33 ms of CPU per speech
    (8 MB with automerge 8 alone: 1.25); the index 2 % larger; lookups the same
    (p95 4.9 against 5.2 ms for one and two bigrams at 100k). At 40k, 2 MB
    with automerge 4: 1.10 ms; 1 MB with 8: 0.97 against 0.99.
    FTS5 keeps both values in its own config table: nothing is rebuilt.
    """
    db.execute("insert into speeches_bigrams(speeches_bigrams, rank) values ('hashsize', 2097152)")
    db.execute("insert into speeches_bigrams(speeches_bigrams, rank) values ('automerge', 8)")


def apply(db: sqlite_utils.Database) -> None:
    migrations.apply(db)
