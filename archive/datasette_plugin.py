"""Datasette plugin for the speech archive (entry point `speech_archive_search`).

- Search box of `speeches`: Datasette's stock search would send the query to
  the bigram index as FTS5 syntax. `filters_from_request` asks the same exact
  question as `speech-archive search` (archive.search: the index, plus a scan
  of what the indexer has not reached), and the body column of the results
  shows a highlighted snippet around the match. `prepare_connection`
  registers the SQL function that search needs.
- Reading pages (`register_routes`), linked from every speech id and title:
  `/<db>/-/speech/<id>` (text, sources, versions),
  `/<db>/-/speech/<id>/diff?from=A&to=B` (what changed between two versions),
  `/<db>/-/capture/<id>` (a stored capture, sanitised, in a sandboxed iframe).
- Table pages: `speeches` first, internal columns hidden unless asked for
  (`_col`/`_nocol`), per the `speech-archive` plugin settings in metadata.yml.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from markupsafe import Markup, escape

from archive.capture_view import CAPTURE_CSP, capture_body, safe_html, shown_headers
from archive.search import MAX_QUERY_TERMS, plan, plan_any, register_functions, snippet, where_any
from archive.versions import paragraph_diff

PLUGIN = "speech-archive"  # key of this plugin's settings in metadata.yml
SEARCH_TABLE = "speeches"
_INDEXES = {"speeches_bigrams", "search_index_state", "_search_stale"}
TEMPLATES = Path(__file__).parent / "templates"
# Characters of a body shown in a table cell (the speech page has the whole text).
BODY_EXCERPT_CHARS = 80
# Tables the home page names per database (Datasette shows five).
INDEX_TABLES = 5
# Tables whose rows are speeches (their id and title link to the speech page).
_SPEECH_TABLES = {"speeches", "speeches_latest"}
# Tables whose `body` shows as an excerpt on table pages.
_BODY_TABLES = _SPEECH_TABLES | {"speech_versions"}


def _speech_path(datasette: Any, database: str, speech_id: Any) -> str:
    return datasette.urls.database(database) + f"/-/speech/{int(speech_id)}"


def _capture_path(datasette: Any, database: str, capture_id: Any) -> str:
    return datasette.urls.database(database) + f"/-/capture/{int(capture_id)}"


def _settings(datasette: Any) -> dict[str, Any]:
    return datasette.plugin_config(PLUGIN) or {}


# -- templates and table pages ------------------------------------------------
@hookimpl
def prepare_jinja2_environment(env: Environment, datasette: Any) -> None:
    # Datasette finds a plugin's templates/ only for a package (Python >= 3.12
    # for a module): add ours ahead of Datasette's defaults.
    env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), env.loader])


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    """HTML table pages hide the configured internal columns unless _col/_nocol is given."""
    page = re.compile(r"^/([^/]+)/([^/.]+)$")

    def wrap(app: Any) -> Any:
        async def hide_columns(scope: dict, receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") == "GET":
                match = page.match(scope.get("path", ""))
                hidden = (_settings(datasette).get("hidden_columns") or {}).get(
                    match.group(2) if match else "")
                query = parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                                  keep_blank_values=True)
                if hidden and not any(k in ("_col", "_nocol") for k, _ in query):
                    query += [("_nocol", column) for column in hidden]
                    scope = dict(scope, query_string=urlencode(query).encode("latin-1"))
            await app(scope, receive, send)
        return hide_columns
    return wrap


async def _present_tables(datasette: Any, order: list[str]) -> dict[str, list[str]]:
    """Per database, the table_order tables and views it has, in that order."""
    present = {}
    for name, db in datasette.databases.items():
        names = set(await db.table_names()) | set(await db.view_names())
        present[name] = [t for t in order if t in names]
    return present


@hookimpl
def extra_template_vars(template: str, database: str | None, table: str | None,
                        request: Any, datasette: Any) -> Any:
    order = _settings(datasette).get("table_order") or []

    async def inner() -> dict[str, Any]:
        variables = _template_vars(template, database, table, request, datasette, order)
        if template == "index.html":
            present = await _present_tables(datasette, order)

            def featured(databases: list[dict]) -> list[dict]:
                """The index page shows the table_order tables first (Datasette: most related)."""
                out = []
                for d in databases:
                    shown = [{"name": n, "count": None} for n in present.get(d["name"], [])]
                    if shown:
                        d = dict(d, tables_and_views_truncated=shown[:INDEX_TABLES])
                    out.append(d)
                return out

            variables["featured_databases"] = featured
        return variables

    return inner


def _template_vars(template: str, database: str | None, table: str | None, request: Any,
                   datasette: Any, order: list[str]) -> dict[str, Any]:

    def ordered_tables(tables: list[dict]) -> list[dict]:
        """Tables in the metadata's table_order first, the rest by name (SQL box opens on the first)."""
        rank = {name: i for i, name in enumerate(order)}
        return sorted(tables, key=lambda t: (t["hidden"], rank.get(t["name"], len(rank)), t["name"]))

    variables: dict[str, Any] = {"ordered_tables": ordered_tables, "speech_snippet": None,
                                 "row_hidden_columns": ()}
    if table and template.startswith("row"):  # a row page has no _col/_nocol
        hidden = (_settings(datasette).get("hidden_columns") or {}).get(table) or ()
        variables["row_hidden_columns"] = set(hidden)
    if database and table == SEARCH_TABLE and request is not None \
            and request.args.get("_searchmode") != "raw":
        terms = plan(request.args.get("_search", "")).terms
        if terms:
            variables["speech_snippet"] = lambda body: Markup(snippet(body or "", terms).html())
    if database and table in _SPEECH_TABLES and template.startswith("row"):
        variables["speech_path"] = lambda sid: _speech_path(datasette, database, sid)
    return variables


def _as_id(value: Any) -> int | None:
    """A row id from a cell (custom SQL may put anything in a column called speech_id)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Any:
    """Speech ids and titles link to the speech page, version numbers to their diff,
    capture ids to the archived page."""
    keys = set(row.keys()) if hasattr(row, "keys") else set()
    if value is None:
        return None
    speech_id = _as_id(row["speech_id"]) if "speech_id" in keys else (
        _as_id(row["id"]) if table in _SPEECH_TABLES and "id" in keys else None)
    if speech_id is not None:
        if column in ("speech_id", "speech_title") or (
                column in ("id", "title") and table in _SPEECH_TABLES) or (
                column == "title" and "speech_id" in keys):
            return Markup('<a href="{}">{}</a>').format(
                _speech_path(datasette, database, speech_id), value)
        version = _as_id(value)
        if column == "version" and version is not None and version > 1:
            return Markup('<a href="{}/diff?from={}&amp;to={}" title="what changed">{}</a>').format(
                _speech_path(datasette, database, speech_id), version - 1, version, value)
    if column in ("capture_id", "last_capture_id") and _as_id(value) is not None:
        return Markup('<a href="{}">{}</a>').format(
            _capture_path(datasette, database, _as_id(value)), value)
    # Table pages only: the result of a custom SQL query shows what was asked for.
    if (column == "body" and table in _BODY_TABLES and isinstance(value, str)
            and len(value) > BODY_EXCERPT_CHARS):
        return value[:BODY_EXCERPT_CHARS].replace("\n", " ") + "…"
    if table == "captures" and column == "headers" and isinstance(value, str):
        return ", ".join(f"{k}: {v}" for k, v in shown_headers(value).items())
    return None


# -- search box -----------------------------------------------------------------
@hookimpl
def prepare_connection(conn: Any) -> None:
    register_functions(conn)


# trylast: runs after Datasette's own search filter, so our extra_context
# (supports_search=True) is the one the template sees.
@hookimpl(trylast=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if table != SEARCH_TABLE:
        return None

    async def inner() -> FilterArguments | None:
        db = datasette.get_database(database)
        if not _INDEXES.issubset(set(await db.table_names())):
            return None
        query = request.args.get("_search", "")
        context: dict[str, Any] = {"supports_search": True, "search": query}
        if query.strip() and request.args.get("_searchmode") == "raw":
            # Datasette's raw mode: alternatives joined by OR, each a plain query.
            plans = plan_any(query)
            if not plans:
                return FilterArguments([], extra_context=context)
            clause, params = where_any(plans, prefix="speech_archive_raw")
            return FilterArguments([clause], params,
                                   human_descriptions=[f'search matches "{query}" (OR of searches)'],
                                   extra_context=context)
        search_plan = plan(query)
        if search_plan.empty:
            return FilterArguments([], extra_context=context)
        # Always by date: Datasette orders by `published desc` alone, and ties
        # then come as idx_speeches_published holds them (newest id first),
        # the order `speech-archive search` gives explicitly.
        clause, params = search_plan.where(prefix="speech_archive")
        description = f'search matches "{query}"'
        if search_plan.dropped:
            description += (f" (only the first {MAX_QUERY_TERMS} distinct words are used;"
                            f" {len(search_plan.dropped)} ignored)")
        return FilterArguments([clause], params, human_descriptions=[description],
                               extra_context=context)

    return inner


# -- reading pages ----------------------------------------------------------------
async def _rows(db: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in (await db.execute(sql, params)).rows]


async def _open(datasette: Any, request: Any, table: str) -> tuple[str, Any]:
    database = tilde_decode(request.url_vars["database"])
    try:
        db = datasette.get_database(database)
    except KeyError:
        raise NotFound(f"Database not found: {database}")
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (database, table)), ("view-database", database), "view-instance"])
    return database, db


async def _speech(db: Any, speech_id: int) -> dict[str, Any]:
    rows = await _rows(db, "select s.*, coalesce(st.name, st.host) as site from speeches s"
                       " left join sites st on st.id = s.site_id where s.id = ?", [speech_id])
    if not rows:
        raise NotFound(f"No speech {speech_id}")
    return rows[0]


async def speech_page(datasette: Any, request: Any) -> Response:
    database, db = await _open(datasette, request, "speeches")
    speech = await _speech(db, int(request.url_vars["speech_id"]))
    sources = await _rows(db, (
        "select ss.match, ss.similarity, ss.first_seen, ss.last_seen, p.url, p.gone_at,"
        " p.last_status, p.last_capture_id, coalesce(st.name, st.host) as site"
        " from speech_sources ss join pages p on p.id = ss.page_id"
        " left join sites st on st.id = p.site_id where ss.speech_id = ? order by ss.id"),
        [speech["id"]])
    versions = await _rows(db, (
        "select version, title, captured_at, fields_changed, diff_summary, origin, capture_id"
        " from speech_versions where speech_id = ? order by version"), [speech["id"]])
    base = _speech_path(datasette, database, speech["id"])
    html = await datasette.render_template("speech.html", {
        "database": database, "speech": speech, "sources": sources, "versions": versions,
        "paragraphs": [p.strip() for p in (speech["body"] or "").split("\n") if p.strip()],
        "speech_path": base,
        "row_path": datasette.urls.table(database, "speeches") + f"/{speech['id']}",
        "capture_path": lambda cid: _capture_path(datasette, database, cid),
    }, request=request)
    return Response.html(html)


async def diff_page(datasette: Any, request: Any) -> Response:
    database, db = await _open(datasette, request, "speech_versions")
    speech = await _speech(db, int(request.url_vars["speech_id"]))
    try:
        new = int(request.args.get("to") or speech["version_count"])
        old = int(request.args.get("from") or new - 1)
    except ValueError:
        raise NotFound("from and to must be version numbers")
    rows = {r["version"]: r for r in await _rows(db, (
        "select version, title, body, speaker, occasion, published, captured_at, origin"
        " from speech_versions_full where speech_id = ? and version in (?, ?)"),
        [speech["id"], old, new])}
    if old not in rows or new not in rows:
        raise NotFound(f"Speech {speech['id']} has no version {old if old not in rows else new}")
    changes = paragraph_diff(rows[old]["body"], rows[new]["body"])
    fields = [(name, rows[old][name], rows[new][name])
              for name in ("title", "speaker", "occasion", "published")
              if (rows[old][name] or "") != (rows[new][name] or "")]
    html = await datasette.render_template("speech_diff.html", {
        "database": database, "speech": speech, "old": rows[old], "new": rows[new],
        "changes": changes, "fields": fields,
        "counts": {k: sum(c.kind == k for c in changes) for k in ("added", "removed", "changed")},
        "speech_path": _speech_path(datasette, database, speech["id"]),
    }, request=request)
    return Response.html(html)


async def capture_page(datasette: Any, request: Any) -> Response:
    database, db = await _open(datasette, request, "captures")
    capture_id = int(request.url_vars["capture_id"])
    rows = await _rows(db, "select id, url, status, headers, fetched_at, content_type, size,"
                       " compression, content from captures where id = ?", [capture_id])
    if not rows:
        raise NotFound(f"No capture {capture_id}")
    capture = rows[0]
    try:
        document = safe_html(capture_body(capture["content"] or b"", capture["compression"]),
                             capture["content_type"])
    except Exception as exc:  # a damaged capture is reported, not a 500
        document = f"<p>This capture cannot be shown: {escape(str(exc))}</p>"
    pages = await _rows(db, "select p.url, coalesce(st.name, st.host) as site from page_captures pc"
                        " join pages p on p.id = pc.page_id left join sites st on st.id = p.site_id"
                        " where pc.capture_id = ? group by p.id limit 20", [capture_id])
    html = await datasette.render_template("capture.html", {
        "database": database, "capture": capture, "document": document, "pages": pages,
        "headers": shown_headers(capture["headers"]),
    }, request=request)
    return Response.html(html, headers={
        "Content-Security-Policy": CAPTURE_CSP, "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff"})


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (r"^/(?P<database>[^/]+)/-/speech/(?P<speech_id>[0-9]+)$", speech_page),
        (r"^/(?P<database>[^/]+)/-/speech/(?P<speech_id>[0-9]+)/diff$", diff_page),
        (r"^/(?P<database>[^/]+)/-/capture/(?P<capture_id>[0-9]+)$", capture_page),
    ]
