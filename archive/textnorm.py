"""Text normalisation shared by dedup, versioning and search.

One normal form decides whether two texts are "the same": NFKC (full-width
letters, digits and punctuation folded to their ASCII forms), lower case, and
only letters and digits kept. Whitespace and punctuation differences therefore
never make a new speech or a new version.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Runs of letters/digits (CJK ideographs are letters, category Lo).
_WORD_RUN = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Letters and digits only, NFKC-folded, lower case."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(_WORD_RUN.findall(folded))


def text_hash(text: str) -> str:
    """sha256 hex of the normalised text (the exact-duplicate key)."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def content_hash(title: str | None, body: str) -> str:
    """sha256 hex of normalised title and body: what a page shows of one speech."""
    key = normalize(title or "") + "\x00" + normalize(body)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def bigram_tokens(text: str) -> str:
    """Space-separated overlapping character bigrams for the bigram FTS index.

    Each run of letters/digits "经济发展" becomes "经济 济发 发展 展": the last
    character is kept alone so that every character starts one token, which
    lets a one-character query run as a prefix query.
    """
    folded = unicodedata.normalize("NFKC", text or "").lower()
    out: list[str] = []
    for run in _WORD_RUN.findall(folded):
        out.extend(run[i : i + 2] for i in range(len(run)))
    return " ".join(out)


def search_terms(query: str) -> list[str]:
    """Split a user query into terms: whitespace separates, NFKC + lower case."""
    folded = unicodedata.normalize("NFKC", query or "").lower()
    return [t for t in folded.split() if t]


def word_chars(term: str) -> str:
    """The letters and digits of one term (what the bigram index holds)."""
    return "".join(_WORD_RUN.findall(term))
