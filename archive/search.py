"""Chinese full-text search, exact, shared by the CLI and Datasette.

A speech matches a query when every term is a substring of its title or body,
both folded (NFKC + lower case, `archive.textnorm.fold`): the truth a test
checks with Python's `in`. How it is answered:

- `speeches_bigrams` (FTS5 over space-separated character bigrams of the
  folded text, detail=none) narrows the candidates. A term of one or two
  letters/digits is answered by the index exactly (one token, or a prefix
  query for one character); a longer term, or one with punctuation inside
  (6.5), takes the speeches holding all its bigrams and keeps those whose
  text really contains it (`speech_archive_contains`).
- The index is brought up to date in batches by `archive.indexer`, not by each
  page. Speeches above its watermark (`search_index_state.indexed_to`) and
  speeches changed since they were indexed (`_search_stale`) are the tail:
  search scans their text, so a committed speech is always found.

Several terms are ANDed; a repeated term counts once and at most
MAX_QUERY_TERMS distinct terms are used (the rest are reported as dropped).
Punctuation around a term is ignored; a term without letters or digits is
dropped. Results come newest first (published date, then most recently
archived). The index is plain FTS5; the check is a Python SQL function
(`register_functions`), registered by the CLI and the Datasette plugin.
"""
from __future__ import annotations

import functools
import html
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

import numpy as np
import sqlite_utils

from archive.textnorm import fold, search_terms

# Distinct terms one query may AND together; further terms are dropped and
# reported.
MAX_QUERY_TERMS = 12
# Bigrams of one long term looked up in the index: any subset finds every
# speech holding the term (the text check does the rest), and a pasted
# paragraph stays one short FTS5 query.
MAX_GRAMS_PER_TERM = 8
# Snippet: characters shown around the first match, and how many precede it.
SNIPPET_CHARS = 120
SNIPPET_LEAD = 30
ELLIPSIS = "…"
# SQL function: 1 when every term is in the folded title or body.
CONTAINS_FUNCTION = "speech_archive_contains"

_WORD_RUN = re.compile(r"[^\W_]+")
_EDGE_NON_WORD = re.compile(r"^[\W_]+|[\W_]+$")


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@functools.lru_cache(maxsize=1)
def _fold_sources() -> dict[str, str]:
    """For each character, the other characters whose fold holds it (a: A, Ａ, ⓐ ...).

    Built once (~0.2 s); planes 3-13 have no such characters.
    """
    sources: dict[str, set[str]] = {}
    for code in [*range(0x30000), *range(0xE0000, 0xE1000)]:
        char = chr(code)
        if unicodedata.decomposition(char) or char.lower() != char:
            folded = fold(char)
            if folded != char:
                for target in set(folded):
                    sources.setdefault(target, set()).add(char)
    return {target: "".join(sorted(chars)) for target, chars in sources.items()}


@functools.lru_cache(maxsize=1024)
def _term_sources(term: str) -> tuple[str, ...]:
    """Characters that could fold into one of `term`'s characters."""
    return tuple({char for target in term for char in _fold_sources().get(target, "")})


def _contains(title: str | None, body: str | None, *terms: str) -> int:
    """Whether every (folded) term is in the folded title or body.

    Folding costs more than the search: a term found in the text as it is, or
    absent with no character that folds into one of its own, needs no fold.
    (Combining marks are not recomposed here: the archive's text is Chinese.)
    """
    text = (title or "") + "\n" + (body or "")
    folded: str | None = None
    for term in terms:
        if term in text:
            continue
        if not any(char in text for char in _term_sources(term)):
            return 0
        if folded is None:
            folded = fold(text)
        if term not in folded:
            return 0
    return 1


def register_functions(conn: sqlite3.Connection) -> None:
    """Make `speech_archive_contains(title, body, term, ...)` callable on `conn`."""
    conn.create_function(CONTAINS_FUNCTION, -1, _contains, deterministic=True)


def _spread(items: list[str], most: int) -> list[str]:
    """At most `most` of `items`, first and last included, evenly spread."""
    if len(items) <= most:
        return items
    step = (len(items) - 1) / (most - 1)
    return [items[round(i * step)] for i in range(most)]


@dataclass
class SearchPlan:
    grams: list[str] = field(default_factory=list)  # FTS5 phrases for speeches_bigrams
    checked: list[str] = field(default_factory=list)  # terms the index alone cannot confirm
    terms: list[str] = field(default_factory=list)  # what a match contains (checks, snippets)
    dropped: list[str] = field(default_factory=list)  # distinct terms beyond MAX_QUERY_TERMS

    @property
    def empty(self) -> bool:
        return not self.terms

    def where(self, table: str = "", prefix: str = "sa", by_date: bool = True,
              text_only: bool = False) -> tuple[str, dict[str, str]]:
        """One SQL condition on the speeches table (alias `table`) and its named parameters.

        `by_date` (see `few_candidates`): SQLite reads speeches newest first and
        tests each against the candidates; otherwise it reads the candidates.
        `text_only` (see `read_plan`): no index at all, each speech's text is
        checked (read newest first, a query with a limit stops early).
        """
        col = (table + ".") if table else ""
        ident, title, body = col + "id", col + "title", col + "body"
        if text_only:
            params: dict[str, str] = {}
            names = []
            for i, term in enumerate(self.terms):
                params[f"{prefix}_t{i}"] = term
                names.append(f":{prefix}_t{i}")
            return f"{CONTAINS_FUNCTION}({title}, {body}, {', '.join(names)})", params
        params = {f"{prefix}_grams": " AND ".join(dict.fromkeys(self.grams))}

        def check(terms: list[str], tag: str) -> str:
            names = []
            for i, term in enumerate(terms):
                params[f"{prefix}_{tag}{i}"] = term
                names.append(f":{prefix}_{tag}{i}")
            return f"{CONTAINS_FUNCTION}({{title}}, {{body}}, {', '.join(names)})"

        watermark = "(select indexed_to from search_index_state where id = 1)"
        scan = check(self.terms, "t")
        # One `id in (...)`, like a plain FTS filter: the index's answer for
        # the speeches it holds as they are, plus the tail scanned (archive.indexer).
        candidates = (
            f"select rowid from speeches_bigrams where speeches_bigrams match :{prefix}_grams"
            f" and rowid <= {watermark} and rowid not in (select speech_id from _search_stale)"
            f" union all select id from speeches where id > {watermark}"
            f" and {scan.format(title='title', body='body')}"
            # CROSS JOIN keeps this order: never a scan of every speech.
            f" union all select s.id from _search_stale x cross join speeches s on s.id = x.speech_id"
            f" where {scan.format(title='s.title', body='s.body')}")
        # The unary + keeps SQLite from driving the query by this list: it
        # reads speeches newest first by idx_speeches_published and stops at the
        # limit (measured 3 ms instead of 71 ms for 经济 at 20k: sorting every
        # match reads each body's overflow pages to reach `published`). For a
        # rare word that walk reads every speech (1.5 ms at 20k), so few
        # candidates are read directly instead (0.1 ms).
        clause = f"{'+' if by_date else ''}{ident} in ({candidates})"
        if self.checked:
            clause += " and " + check(self.checked, "c").format(title=title, body=body)
        return clause, params


# Below this many indexed candidates, search reads them and sorts them by
# date; above, it walks the speeches newest first (SearchPlan.where, by_date).
FEW_CANDIDATES = 300


def candidates_sql(search_plan: SearchPlan) -> tuple[str, dict[str, str]]:
    """SQL counting the index's candidates for `search_plan`, up to FEW_CANDIDATES."""
    return ("select count(*) from (select rowid from speeches_bigrams where speeches_bigrams"
            " match :grams limit :most)",
            {"grams": " AND ".join(dict.fromkeys(search_plan.grams)), "most": FEW_CANDIDATES})


def few_candidates(db: sqlite_utils.Database, search_plan: SearchPlan) -> bool:
    sql, params = candidates_sql(search_plan)
    return int(db.execute(sql, params).fetchone()[0]) < FEW_CANDIDATES


def plan(query: str) -> SearchPlan:
    """The index lookups and text checks for `query` (see the module docstring)."""
    result = SearchPlan()
    distinct: list[str] = []
    for term in search_terms(query):
        term = _EDGE_NON_WORD.sub("", term)
        if term and term not in distinct:
            distinct.append(term)
    distinct, result.dropped = distinct[:MAX_QUERY_TERMS], distinct[MAX_QUERY_TERMS:]
    for term in distinct:
        result.terms.append(term)
        runs = _WORD_RUN.findall(term)
        grams: list[str] = []
        for run in runs:
            if len(run) == 1:
                grams.append(_quote(run) + " *")
            else:
                grams.extend(_quote(a + b) for a, b in zip(run, run[1:]))
        result.grams.extend(_spread(list(dict.fromkeys(grams)), MAX_GRAMS_PER_TERM))
        if not (len(runs) == 1 and runs[0] == term and len(term) <= 2):
            result.checked.append(term)
    return result


def plan_any(query: str) -> list[SearchPlan]:
    """Datasette's raw mode: plain queries joined by OR (quotes ignored)."""
    parts = re.split(r"\s+OR\s+", query.replace('"', " "))
    return [p for p in map(plan, parts) if not p.empty]


def where_any(plans: list[SearchPlan], table: str = "", prefix: str = "sa") -> tuple[str, dict[str, str]]:
    clauses, params = [], {}
    for i, p in enumerate(plans):
        clause, more = p.where(table, f"{prefix}{i}")
        clauses.append(clause)
        params.update(more)
    return "(" + " or ".join(clauses) + ")", params


# Code points classified by a table (planes 0-2 hold every letter that folding keeps).
_TABLE_END = 0x30000


@functools.lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """isalnum() (a letter or digit: what `[^\\W_]` matches) for code points below _TABLE_END."""
    return np.array([chr(code).isalnum() for code in range(_TABLE_END)], dtype=bool)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique's result; sort and neighbour mask, 3-4x faster than its hash path here."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def bigram_document(title: str | None, body: str | None, folded_body: str | None = None) -> str:
    """What `speeches_bigrams` indexes for one speech: its distinct bigram tokens.

    Every two adjacent letters/digits of the folded text, and the last one of
    each run alone (so one character is a prefix query), each once: the same
    tokens as `textnorm.bigram_tokens` of title and body, built with numpy
    (the indexer's main cost, about 2.5x faster than in Python).
    `folded_body`: `fold(body)` when the caller has it (dedup's fingerprint
    does). Folding works line by line, so title and body fold apart to the
    same text as together.
    """
    text = fold(title or "") + "\n" + (fold(body or "") if folded_body is None else folded_body)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if not len(codes):
        return ""
    low = codes < _TABLE_END
    word = np.zeros(len(codes), dtype=bool)
    word[low] = _word_table()[codes[low]]
    for i in np.flatnonzero(~low):
        word[i] = chr(codes[i]).isalnum()
    pairs = word[:-1] & word[1:]
    pair_codes = _sorted_unique((codes[:-1][pairs].astype(np.uint64) << 21) | codes[1:][pairs])
    singles = _sorted_unique(codes[word & np.append(~word[1:], True)])
    grams = np.empty((len(pair_codes), 3), dtype=np.uint32)  # first, second, space
    grams[:, 0], grams[:, 1], grams[:, 2] = pair_codes >> 21, pair_codes & 0x1FFFFF, ord(" ")
    ends = np.empty((len(singles), 2), dtype=np.uint32)
    ends[:, 0], ends[:, 1] = singles, ord(" ")
    return (grams.tobytes() + ends.tobytes()).decode("utf-32-le").rstrip()


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
    wanted = [t for t in terms if t]
    hits = [i for i in (flat.find(t) for t in wanted) if i >= 0]
    if len(hits) < len(wanted):  # folding the whole body costs more than the search
        folded = _fold(flat)
        hits = [i for i in (folded.find(t) for t in wanted) if i >= 0]
    start = max(0, min(hits) - lead) if hits else 0
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    window = _fold(flat[start:end])  # _fold keeps positions: the same as a slice of the folded body
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


# A query the index gives at least this share of speeches as candidates (see
# read_plan) is first answered without the index when it has a limit: the
# newest speeches are read and their text checked, about 1/share of them per
# row shown. Building the list of every candidate grows with the archive
# (30 ms at 42k speeches for 经济, in nearly every speech); this walk does not.
COMMON_SHARE = 0.05
# The walk reads at most this many times limit/COMMON_SHARE speeches: a word
# common only in old speeches falls back to the index after that.
WALK_MARGIN = 2


def read_plan(db: sqlite_utils.Database, search_plan: SearchPlan,
              limit: int | None) -> dict[str, bool]:
    """`SearchPlan.where`'s keywords for this query: text only, by date, or the candidates read.

    Text only when, among the newest indexed speeches the walk would read,
    at least COMMON_SHARE are candidates: a count over a fixed window, so the
    choice costs the same at any archive size.
    """
    sql, params = candidates_sql(search_plan)
    if int(db.execute(sql, params).fetchone()[0]) < FEW_CANDIDATES:
        return {"by_date": False}
    if not limit:
        return {"by_date": True}
    window = int(WALK_MARGIN * limit / COMMON_SHARE)
    indexed_to = int(db.execute("select indexed_to from search_index_state where id = 1").fetchone()[0])
    recent = int(db.execute(
        "select count(*) from speeches_bigrams where speeches_bigrams match :grams"
        " and rowid > :low and rowid <= :high",
        {"grams": params["grams"], "low": indexed_to - window, "high": indexed_to}).fetchone()[0])
    return {"by_date": True, "text_only": recent >= COMMON_SHARE * window}


_ROWS = (
    "select s.id, s.title, s.speaker, s.occasion, s.published, s.site_id,"
    " coalesce(st.name, st.host) as site, s.site_count, s.version_count,"
    " s.last_changed, s.body from speeches s left join sites st on st.id = s.site_id"
    " where {clause}"
    # Newest first, ties most recently archived first: the order of the
    # speeches table in Datasette (sort_desc: published in metadata.yml),
    # which reads idx_speeches_published backwards (see SearchPlan.where).
    " order by s.published desc, s.id desc"
)


def search(db: sqlite_utils.Database, query: str | SearchPlan,
           limit: int | None = 20) -> Iterator[dict[str, Any]]:
    """Speeches containing every term of `query`, newest first, each with a snippet.

    Every row has `snippet` (plain text around the first match) and `marks`
    ((start, end) character offsets of the matches in it).
    """
    p = query if isinstance(query, SearchPlan) else plan(query)
    if p.empty:
        return iter(())
    register_functions(db.conn)
    how = read_plan(db, p, limit)
    found: Iterable[dict[str, Any]] = ()
    if how.pop("text_only", False) and limit:
        clause, params = p.where("s", text_only=True)
        # `+` keeps the walk on idx_speeches_published (see SearchPlan.where).
        newest = ("+s.id in (select id from speeches order by published desc, id desc"
                  " limit :newest)")
        walked = list(db.query(_ROWS.format(clause=f"{newest} and {clause}") + " limit :limit",
                               {**params, "limit": limit,
                                "newest": int(WALK_MARGIN * limit / COMMON_SHARE)}))
        if len(walked) == limit:  # else the rest may be older than the walk went: the index
            found = walked
    if not found:
        clause, params = p.where("s", **how)
        sql = _ROWS.format(clause=clause)
        if limit:
            sql += " limit :limit"
            params["limit"] = limit  # type: ignore[assignment]
        found = db.query(sql, params)

    def rows() -> Iterator[dict[str, Any]]:
        for row in found:
            snip = snippet(row.pop("body"), p.terms)
            row["snippet"], row["marks"] = snip.text, [list(m) for m in snip.marks]
            yield row

    return rows()
