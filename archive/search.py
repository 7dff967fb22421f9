"""Chinese full-text search over two FTS5 indexes, shared by the CLI and Datasette.

- `speeches_fts` (trigram): terms of three characters or more, as substrings.
- `speeches_bigrams` (unicode61 over space-separated character bigrams):
  two-character words as one token, one character as a prefix query. FTS5's
  trigram tokenizer silently matches nothing for terms shorter than three.

Several terms are ANDed; a repeated term counts once and at most
MAX_QUERY_TERMS distinct terms are used (the rest are reported as dropped),
so a pasted page of text cannot make one query take seconds. Results come
newest first (published date, then most recently archived). Both indexes are
plain FTS5, so any SQLite 3.34+ opens the database without an extension.
"""
from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator

import sqlite_utils

from archive.textnorm import bigram_tokens, search_terms, word_chars

# Distinct terms one query may AND together; further terms are dropped and
# reported. Each term is one FTS5 phrase (a prefix scan for one character).
MAX_QUERY_TERMS = 12
# Snippet: characters shown around the first match, and how many precede it.
SNIPPET_CHARS = 120
SNIPPET_LEAD = 30
ELLIPSIS = "…"


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass
class SearchPlan:
    trigram: list[str] = field(default_factory=list)  # FTS5 phrases for speeches_fts
    bigram: list[str] = field(default_factory=list)  # FTS5 phrases for speeches_bigrams
    terms: list[str] = field(default_factory=list)  # what a match contains (for snippets)
    dropped: list[str] = field(default_factory=list)  # distinct terms beyond MAX_QUERY_TERMS

    @property
    def empty(self) -> bool:
        return not (self.trigram or self.bigram)

    def where(self, id_column: str = "id", prefix: str = "sa") -> tuple[list[str], dict[str, str]]:
        """SQL conditions on `id_column` and their named parameters."""
        clauses: list[str] = []
        params: dict[str, str] = {}
        if self.trigram:
            params[f"{prefix}_tri"] = " AND ".join(self.trigram)
            clauses.append(
                f"{id_column} in (select rowid from speeches_fts"
                f" where speeches_fts match :{prefix}_tri)"
            )
        if self.bigram:
            params[f"{prefix}_bi"] = " AND ".join(self.bigram)
            clauses.append(
                f"{id_column} in (select rowid from speeches_bigrams"
                f" where speeches_bigrams match :{prefix}_bi)"
            )
        return clauses, params


def plan(query: str) -> SearchPlan:
    """Route each distinct whitespace-separated term to the index that can find it."""
    result = SearchPlan()
    distinct: list[str] = []
    for term in search_terms(query):
        if len(term) < 3:
            term = word_chars(term)  # the bigram index holds letters and digits only
        if term and term not in distinct:
            distinct.append(term)
    distinct, result.dropped = distinct[:MAX_QUERY_TERMS], distinct[MAX_QUERY_TERMS:]
    for term in distinct:
        result.terms.append(term)
        if len(term) >= 3:
            result.trigram.append(_quote(term))
        elif len(term) == 2:
            result.bigram.append(_quote(term))
        else:
            result.bigram.append(_quote(term) + " *")
    return result


def index_speech(db: sqlite_utils.Database, speech_id: int, title: str, body: str,
                 old: tuple[str, str] | None = None) -> None:
    """Keep both indexes in step with `speeches` (call inside the write transaction)."""
    if old is not None:
        db.execute(
            "insert into speeches_fts(speeches_fts, rowid, title, body) values('delete', ?, ?, ?)",
            [speech_id, old[0], old[1]],
        )
        db.execute(
            "insert into speeches_bigrams(speeches_bigrams, rowid, grams) values('delete', ?, ?)",
            [speech_id, bigram_document(*old)],
        )
    db.execute("insert into speeches_fts(rowid, title, body) values (?, ?, ?)",
               [speech_id, title, body])
    db.execute("insert into speeches_bigrams(rowid, grams) values (?, ?)",
               [speech_id, bigram_document(title, body)])


def bigram_document(title: str, body: str) -> str:
    """What `speeches_bigrams` indexes for one speech."""
    return bigram_tokens(title or "") + " " + bigram_tokens(body or "")


@dataclass
class Snippet:
    """A window of the body around the first match; `marks` are (start, end) in `text`."""

    text: str
    marks: list[tuple[int, int]]

    def html(self) -> str:
        out, at = [], 0
        for start, end in self.marks:
            out += [html.escape(self.text[at:start]), "<mark>",
                    html.escape(self.text[start:end]), "</mark>"]
            at = end
        out.append(html.escape(self.text[at:]))
        return "".join(out)

    def terminal(self, style: Any) -> str:
        """`text` with each mark passed through `style` (e.g. click.style)."""
        out, at = [], 0
        for start, end in self.marks:
            out += [self.text[at:start], style(self.text[start:end])]
            at = end
        return "".join(out) + self.text[at:]


def _fold(text: str) -> str:
    """NFKC + lower case one character at a time, so positions match `text`."""
    return "".join((unicodedata.normalize("NFKC", c).lower() or c)[0] for c in text)


def snippet(body: str, terms: list[str], width: int = SNIPPET_CHARS,
            lead: int = SNIPPET_LEAD) -> Snippet:
    """About `width` characters of `body` around its first match, every match marked."""
    flat = " ".join(line.strip() for line in (body or "").split("\n") if line.strip())
    folded = _fold(flat)
    hits = [i for i in (folded.find(t) for t in terms if t) if i >= 0]
    start = max(0, min(hits) - lead) if hits else 0
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    window = folded[start:end]
    spans: list[tuple[int, int]] = []
    for term in terms:
        at = window.find(term) if term else -1
        while at >= 0:
            spans.append((at, at + len(term)))
            at = window.find(term, at + 1)
    marks: list[tuple[int, int]] = []
    for s, e in sorted(spans):  # merge overlapping marks
        if marks and s <= marks[-1][1]:
            marks[-1] = (marks[-1][0], max(marks[-1][1], e))
        else:
            marks.append((s, e))
    text = flat[start:end]
    if start > 0:
        text, marks = ELLIPSIS + text, [(s + 1, e + 1) for s, e in marks]
    if end < len(flat):
        text += ELLIPSIS
    return Snippet(text, marks)


def search(db: sqlite_utils.Database, query: str | SearchPlan,
           limit: int | None = 20) -> Iterator[dict[str, Any]]:
    """Speeches containing every term of `query`, newest first, each with a snippet.

    Every row has `snippet` (plain text around the first match) and `marks`
    ((start, end) character offsets of the matches in it).
    """
    p = query if isinstance(query, SearchPlan) else plan(query)
    if p.empty:
        return iter(())
    clauses, params = p.where("s.id")
    sql = (
        "select s.id, s.title, s.speaker, s.occasion, s.published, s.site_id,"
        " coalesce(st.name, st.host) as site, s.site_count, s.version_count,"
        " s.last_changed, s.body from speeches s left join sites st on st.id = s.site_id"
        f" where {' and '.join(clauses)}"
        # Newest first, ties by id: the order of the speeches table in Datasette
        # (sort_desc: published in metadata.yml; Datasette breaks ties by primary key).
        " order by s.published desc, s.id"
    )
    if limit:
        sql += " limit :limit"
        params["limit"] = limit  # type: ignore[assignment]

    def rows() -> Iterator[dict[str, Any]]:
        for row in db.query(sql, params):
            snip = snippet(row.pop("body"), p.terms)
            row["snippet"], row["marks"] = snip.text, [list(m) for m in snip.marks]
            yield row

    return rows()
