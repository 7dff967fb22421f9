"""Datasette plugin: the table search box of `speeches` runs archive.search.

Datasette's stock search sends the whole query to one FTS table; a trigram
index then silently finds nothing for two-character words (经济, 招商). This
hook routes each term to the index that can answer it (trigram for three
characters or more, character bigrams for one or two) and ANDs the terms,
exactly like `speech-archive search`. Registered through the
`speech_archive_search` entry point in pyproject.toml.
"""
from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments

from archive.search import plan

SEARCH_TABLE = "speeches"
_INDEXES = {"speeches_fts", "speeches_bigrams"}


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
        search_plan = plan(query)
        if search_plan.empty:
            return FilterArguments([], extra_context=context)
        clauses, params = search_plan.where("id", prefix="speech_archive")
        return FilterArguments(
            clauses, params,
            human_descriptions=[f'search matches "{query}"'],
            extra_context=context,
        )

    return inner
