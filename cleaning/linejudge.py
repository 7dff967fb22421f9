"""The line judge: is a line of the content the speech's own text, or site junk?

Junk talks about the site, the document or the reader rather than the speech's
subject. Each line becomes a handful of features that do not depend on one
wording: how many words of each concept it uses (site, document, reader, action,
paywall, …; cleaning/rules/linejudge.toml), its shape (dates, counts, URLs,
markup, "label:"), whether it is a sentence at all, where it sits (the body's
edges), how much of the title it restates. A logistic model over them
(cleaning/rules/linejudge_model.toml, written by tools/train_linejudge.py) gives
the probability that the line is junk.

Lines are folded to simplified characters for matching (cleaning.script); the
text kept is the text as published. Junk glued inside a paragraph (a hidden-text
prompt, raw markup before the text, a promo sentence at its end) is cut out.
"""
from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cleaning.metadata import TITLE_SEPARATORS
from cleaning.rules import read_toml
from cleaning.script import fold, fold_uncached, nfkc
from cleaning.split import NUMERALS, find_items

RULES_DIR = Path(__file__).parent / "rules"
VOCABULARY_FILE = RULES_DIR / "linejudge.toml"
MODEL_FILE = RULES_DIR / "linejudge_model.toml"

CONCEPTS = ("site", "document", "reader", "action", "paywall", "meta", "nav", "related", "legal", "promo", "genre", "lead", "voice")
SHAPES = ("date", "time", "count", "url", "label", "separator", "markup", "question", "first_person")
# Concepts that speak about the site/document/reader (not the speech's voice).
_OUTWARD = ("site", "document", "reader", "action", "paywall", "nav", "related", "legal", "promo", "genre")

# Lines within this many of the first or last line sit at the body's edge.
EDGE_LINES = 2
# Concept hits counted per concept, at most (a long lead-in is not more junk for its tenth word).
MAX_HITS = 3
# A line this short (no whitespace) is a label, a button or a heading.
SHORT_CHARS = 12
# A line of this many CJK characters without one sentence mark is hardly a sentence
# (a feature); from NOISE_CJK on it is none at all (watermark noise, glued menus): junk.
NOISE_MIN_CJK = 20
NOISE_CJK = 40
# A line next to a run of junk that reaches the body's edge is junk from this
# probability on: junk sits at the edges in runs (a banner's second line).
EDGE_RUN_PROBABILITY = 0.1
EDGE_RUN_MAX_CHARS = 60
# A line sharing this much of the title's bigrams is a heading of the speech, left to the split.
HEADING_TITLE_OVERLAP = 0.5
# Lines with more Latin letters than this share (URLs aside) are not judged.
MAX_LATIN_SHARE = 0.5
# A page-break marker ("—— 第2页 ——") is a line of at most this many characters (no
# spaces) holding, besides its numbers and decoration, at most this many letters (a
# Latin word counts as one).
MARKER_MAX_CHARS = 20
MARKER_MAX_LETTERS = 4
# A page number has at most this many digits (longer numbers are codes, years, counts).
MARKER_MAX_DIGITS = 3
# A line longer than this is no date line (a date, its brackets and spaces fit).
OWN_DATE_MAX_CHARS = 30
# A bracketed note inside a paragraph is at most this long (inside its brackets).
NOTE_MAX_CHARS = 40
# A glued tail sentence must score this much more than a whole line to be cut:
# the paragraph around it vouches for the text.
GLUED_MARGIN = 0.1
# The last sentence of a paragraph is judged alone only when at least this long.
GLUED_MIN_CHARS = 6
# A site name shorter than this (spaces removed) is too likely a common word to mark a line.
MIN_SITE_NAME_CHARS = 4
# A host label shorter than this ("m", "bj") names no site.
MIN_HOST_LABEL_CHARS = 4
# A line naming the site is junk up to this length; in a longer paragraph only the
# sentence naming it at the end goes.
SITE_LINE_MAX_CHARS = 80
# A line without CJK of at least this many characters (spaces removed) and at most
# this many words is watermark noise ("vvYjRy89TM9", "w w w . x . c n").
LATIN_NOISE_MIN_CHARS = 6
LATIN_NOISE_MAX_WORDS = 1
# A quoted span restates the title when it holds this share of the title's bigrams.
LEAD_TITLE_OVERLAP = 0.6
# A lead-in is short around the title it quotes: at most this many characters outside it.
LEAD_MAX_REST_CHARS = 40
# The salutation opens the speech only when it is among the body's first lines this many.
SALUTATION_MAX_INDEX = 6
# A sentence above the salutation longer than this is an introduction, not a site's lead-in.
LEAD_MAX_CHARS = 60
# The body's first sentence is the site's lead-in when it speaks of this many concepts
# about the site, the document or the reader (the `outward` feature) and not as the speaker.
TOP_LEAD_OUTWARD = 0.75
# Concepts whose words in an unfinished glued tail ("…。充值积分后继续阅读") make it junk,
# when it uses at least TAIL_MIN_CONCEPTS of them and is at most TAIL_MAX_CHARS long.
_TAIL_CONCEPTS = ("site", "document", "action", "paywall", "reader")
TAIL_MIN_CONCEPTS = 2
TAIL_MAX_CHARS = 30
# A glued paywall prompt (ellipsis or dash run to the paragraph's end) is at most this long.
GLUED_PROMPT_MAX_CHARS = 40

_SENTENCE_MARKS = re.compile(r"[，。！？；、,!?;：:]")
_SENTENCE_END_CHARS = frozenset("。！？!?…；;」”\"）)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _unspaced(text: str) -> str:
    """`text` without white space (re's \\s is str.isspace: split() finds the same runs, in C)."""
    return "".join(text.split())


_URL = re.compile(r"(https?://|www\.)[\w./?=&%#:-]+", re.IGNORECASE)
# Marks that end a sentence: a paragraph's last sentence follows the last one before its end.
_STOPS = "。！？!?"
# Greedy: up to the last of them (one search from the end, in C).
_LAST_STOP = re.compile("(?s).*[%s]" % _STOPS)


class LineJudgeError(ValueError):
    """The line judge's vocabulary or model file is malformed."""


@dataclass(frozen=True)
class Vocabulary:
    concepts: dict[str, tuple[str, ...]]
    shapes: dict[str, re.Pattern[str]]
    prompts: re.Pattern[str]  # every [glued] prompt, as one alternation
    prompt_words: re.Pattern[str]  # a line holds a prompt only if it holds one of these
    markup_run: re.Pattern[str]
    any_word: re.Pattern[str]  # every concept word, longest first
    # word -> (concept, word of that concept inside it): "阅读全文" is paywall and, by its
    # "阅读", action too.
    inside: dict[str, tuple[tuple[str, str], ...]]
    # The same as feature slots: word -> (index of its concept's feature, word inside it).
    inside_slots: dict[str, tuple[tuple[int, str], ...]]
    outward: re.Pattern[str]  # any word of a concept about the site, the document or the reader
    tail_words: re.Pattern[str]  # any word of _TAIL_CONCEPTS
    generic_host_labels: frozenset[str]
    markup_tag: re.Pattern[str]  # raw markup shown as text, anywhere in a line
    glued_opener: re.Pattern[str]  # an ellipsis or dash run that may open a glued prompt
    char_count: re.Pattern[str]  # "5034字": a prompt counting the characters withheld
    salutation: re.Pattern[str]  # the speech's opening address ("同志们：")
    info_line: re.Pattern[str]  # "label: short value with a digit"
    host_shape: re.Pattern[str]  # a host or URL, squeezed
    random_token: re.Pattern[str]  # a watermark string, case-sensitive
    # A pattern's text -> strings one of which each of its matches holds ([needs]).
    needs: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float  # probability above which a line is junk
    # The weights in feature order (`feature_names`), for feature vectors.
    ordered: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ordered", tuple(self.weights.get(name, 0.0) for name in feature_names()))

    def probability(self, features: dict[str, float]) -> float:
        weights = self.weights
        z = self.bias + sum([weights[name] * value for name, value in features.items() if value])
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def vector_probability(self, vector: list[float]) -> float:
        """`probability` of the features as a list in feature order (`feature_names`):
        the same terms summed in the same order (and zeros, which change no sum)."""
        return self.squash(self.score(vector))

    def score(self, vector: list[float]) -> float:
        """The logit of `vector_probability`."""
        return self.bias + sum(map(operator.mul, self.ordered, vector))

    @staticmethod
    def squash(z: float) -> float:
        """A score as a probability."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def feature_names() -> tuple[str, ...]:
    return (
        *(f"c_{c}" for c in CONCEPTS),
        "outward",
        *(f"s_{s}" for s in SHAPES),
        "len_log", "short", "long", "cjk_share", "ascii_share", "digit_share",
        "no_sentence", "ends_sentence", "punct_density",
        "at_top", "at_bottom", "edge", "title_overlap", "has_title",
    )  # fmt: skip


def _regex(value: object, where: str) -> re.Pattern[str]:
    if not isinstance(value, str):
        raise LineJudgeError(f"{where}: must be a regular expression string")
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as err:
        raise LineJudgeError(f"{where}: bad regular expression {value!r}: {err}") from err


def _case_regex(value: object, where: str) -> re.Pattern[str]:
    pattern = _regex(value, where)  # validated
    return re.compile(pattern.pattern)


def _words(table: dict, key: str, where: str) -> list[str]:
    words = table.get(key)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise LineJudgeError(f"{where}: '{key}' must be a non-empty list of words")
    return words


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding the longest of `words` at the leftmost place, as the alternation of
    them longest first does, spelled as a trie: words that share a first character share
    one branch (re tries the branches of an alternation one by one at every place)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        # One child only can match the next character; inside it, the longest word first
        # (a greedy "?" tries the longer words before the word that ends here).
        alternatives = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(branch(trie))


def parse_vocabulary(data: dict, where: str = "linejudge.toml") -> Vocabulary:
    concepts_data, shapes_data, glued = data.get("concepts"), data.get("shapes"), data.get("glued")
    for name, table in (("concepts", concepts_data), ("shapes", shapes_data), ("glued", glued)):
        if not isinstance(table, dict):
            raise LineJudgeError(f"{where}: missing table [{name}]")
    concepts = {name: tuple(fold(w).lower() for w in _words(concepts_data, name, f"{where} [concepts]")) for name in CONCEPTS}
    unknown = set(concepts_data) - set(CONCEPTS)
    if unknown:
        raise LineJudgeError(f"{where} [concepts]: unknown concepts {sorted(unknown)} (known: {', '.join(CONCEPTS)})")
    shapes = {}
    for name in SHAPES:
        if name not in shapes_data:
            raise LineJudgeError(f"{where} [shapes]: '{name}' is required")
        shapes[name] = _regex(shapes_data[name], f"{where} [shapes] {name}")
    prompts = glued.get("prompts")
    if not isinstance(prompts, list) or not prompts:
        raise LineJudgeError(f"{where} [glued]: 'prompts' must be a non-empty list of regular expressions")
    outward = sorted({w for name in _OUTWARD for w in concepts[name]}, key=len, reverse=True)
    words = sorted({w for ws in concepts.values() for w in ws}, key=len, reverse=True)
    inside = {w: tuple((name, v) for name in CONCEPTS for v in concepts[name] if v in w) for w in words}
    site_table, noise = data.get("site"), data.get("noise")
    for name, table in (("site", site_table), ("noise", noise)):
        if not isinstance(table, dict):
            raise LineJudgeError(f"{where}: missing table [{name}]")
    tail_words = sorted({w for name in _TAIL_CONCEPTS for w in concepts[name]}, key=len, reverse=True)
    markup_run = _regex(glued.get("markup_run"), f"{where} [glued] markup_run")
    char_count = _regex(noise.get("char_count"), f"{where} [noise] char_count")
    named = {**{f"shapes.{name}": pattern for name, pattern in shapes.items()},
             "glued.markup_run": markup_run, "noise.char_count": char_count}
    needs_data = data.get("needs", {})
    if not isinstance(needs_data, dict):
        raise LineJudgeError(f"{where}: [needs] must be a table")
    unknown = set(needs_data) - set(named)
    if unknown:
        raise LineJudgeError(f"{where} [needs]: unknown patterns {sorted(unknown)} (known: {', '.join(named)})")
    return Vocabulary(
        tail_words=_any_of(tail_words),
        generic_host_labels=frozenset(w.lower() for w in _words(site_table, "generic_host_labels", f"{where} [site]")),
        markup_tag=_regex(noise.get("markup_tag"), f"{where} [noise] markup_tag"),
        glued_opener=_regex(noise.get("glued_opener"), f"{where} [noise] glued_opener"),
        char_count=char_count,
        salutation=_regex(noise.get("salutation"), f"{where} [noise] salutation"),
        info_line=_regex(noise.get("info_line"), f"{where} [noise] info_line"),
        host_shape=_regex(noise.get("host_shape"), f"{where} [noise] host_shape"),
        random_token=_case_regex(noise.get("random_token"), f"{where} [noise] random_token"),
        outward=_any_of(outward),
        any_word=_any_of(words),
        inside=inside,
        inside_slots={w: tuple((CONCEPTS.index(name), v) for name, v in pairs) for w, pairs in inside.items()},
        concepts=concepts,
        shapes=shapes,
        prompts=_regex("|".join(f"(?:{_regex(p, f'{where} [glued] prompts').pattern})" for p in prompts), f"{where} [glued] prompts"),
        markup_run=markup_run,
        prompt_words=_regex("|".join(map(re.escape, _words(glued, "prompt_words", where))), f"{where} [glued] prompt_words"),
        needs={named[key].pattern: tuple(_words(needs_data, key, f"{where} [needs]")) for key in needs_data},
    )


def parse_model(data: dict, where: str = "linejudge_model.toml") -> Model:
    table = data.get("model")
    if not isinstance(table, dict):
        raise LineJudgeError(f"{where}: missing table [model]")
    weights = table.get("weights")
    if not isinstance(weights, dict):
        raise LineJudgeError(f"{where}: missing table [model.weights]")
    expected = set(feature_names())
    if set(weights) != expected:
        missing, extra = sorted(expected - set(weights)), sorted(set(weights) - expected)
        raise LineJudgeError(f"{where} [model.weights]: features differ from the code (missing {missing}, unknown {extra}); rerun tools/train_linejudge.py")
    for key in ("bias", "threshold"):
        if not isinstance(table.get(key), (int, float)):
            raise LineJudgeError(f"{where} [model]: '{key}' must be a number")
    if not all(isinstance(v, (int, float)) for v in weights.values()):
        raise LineJudgeError(f"{where} [model.weights]: every weight must be a number")
    if not 0.0 < table["threshold"] < 1.0:
        raise LineJudgeError(f"{where} [model]: 'threshold' is a probability between 0 and 1")
    return Model({k: float(v) for k, v in weights.items()}, float(table["bias"]), float(table["threshold"]))


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The vocabulary file read and checked (cleaning.options keeps the default one)."""
    return parse_vocabulary(read_toml(path, LineJudgeError), path.name)


def load_model(path: Path = MODEL_FILE) -> Model:
    """The model file read and checked (cleaning.options keeps the default one)."""
    return parse_model(read_toml(path, LineJudgeError), path.name)


# A line is normalised, folded and squeezed by several judgements in a row (the features,
# the site's name, info lines): each once. Sized for one page's lines, not a corpus.
# These caches (and the title ones below) are memos of pure functions of the text:
# they hold no behaviour, whatever model or vocabulary judges the line.
_LINE_CACHE = 1024


@functools.lru_cache(maxsize=_LINE_CACHE)
def _nfkc(text: str) -> str:
    return nfkc(text)


@functools.lru_cache(maxsize=_LINE_CACHE)
def _forms(text: str) -> tuple[str, str]:
    """(`_spaced(text)`, `squeeze(text)`): one cache entry and one normalisation for both."""
    normal = nfkc(text)
    # A line NFKC leaves alone is likely folded already (the content's junk rules fold it);
    # a normalised copy is folded here only.
    spaced = fold(text) if normal is text else fold_uncached(normal)
    return spaced, _unspaced(spaced).lower()


def _spaced(text: str) -> str:
    """NFKC (full-width ｗｗｗ．ｘ → www.x, ２０２１ → 2021), folded to simplified."""
    return _forms(text)[0]


def squeeze(text: str) -> str:
    """A line as matched for names and shapes: NFKC (full-width ｗｗｗ．ｘ → www.x), folded
    to simplified, without whitespace (letter-spaced "w w w . x" → "www.x"), lower case."""
    return _forms(text)[1]


@dataclass(frozen=True)
class Site:
    """What the site calls itself: its host's own labels and its names, squeezed.

    A line holding its host label talks about the site, whatever its wording. A name
    may also be what the text talks of (a government site's name is its office's):
    a line holding it talks about the site only when, besides the name, it speaks
    of the site, the document or the reader, labels a source, is a bracketed note, or
    holds nothing else but marks and Latin noise (the name alone is a signature)."""

    keys: tuple[str, ...] = ()
    hosts: frozenset[str] = frozenset()  # the keys that are host labels
    # The words that tell a line about the site (site_of sets it whenever there are keys).
    vocab: Vocabulary | None = field(default=None, compare=False, repr=False)

    def named_in(self, text: str) -> bool:
        if not self.keys:
            return False
        key = squeeze(text)
        for k in self.keys:
            if k in key:
                if k in self.hosts:
                    return True
                rest = key.replace(k, " ")
                vocab = self.vocab
                if key[:1] in _NOTE_OPENERS or vocab.outward.search(rest) or any(w in rest for w in vocab.concepts["meta"]):
                    return True
                if rest.strip() and _CJK.search(rest) is None:
                    return True  # the name in marks or in Latin noise ("※站名※", "kSsKj站名z03vv"): a stamp
        return False


NO_SITE = Site()
# A line opening with one of these is a note beside the text ("（本文来自…）", "【站名·网址】").
_NOTE_OPENERS = frozenset("([【「『<［〔")
# The site's side of <title> may also follow a colon or a middle dot ("站名：标题").
_TITLE_SEPARATORS = re.compile(r"\s*(?:%s|·|：|:)\s*" % TITLE_SEPARATORS)


def site_of(url: str | None, names: Iterable[str | None] = (), title_tag: str | None = None,
            title: str | None = None, *, vocab: Vocabulary) -> Site:
    """The site's identity from its URL's host, its declared or learnt names and the side
    of `<title>` that is not the headline; no key that is part of the headline."""
    title_key = squeeze(title or "")
    keys: set[str] = set()
    host = (urlsplit(url or "").hostname or "").lower()
    for label in host.split("."):
        if len(label) >= MIN_HOST_LABEL_CHARS and label not in vocab.generic_host_labels and not label.isdigit():
            keys.add(label)
    candidates = [n for n in names if n]
    parts = [part for part in _TITLE_SEPARATORS.split(title_tag or "") if part.strip()]
    if len(parts) > 1 and title_key:
        # "标题_栏目_站名" / "站名--标题": the part farthest from the headline names the site.
        if title_key in squeeze(parts[0]):
            candidates.append(parts[-1])
        elif title_key in squeeze(parts[-1]):
            candidates.append(parts[0])
    for name in candidates:
        key = squeeze(name)
        if len(key) < MIN_SITE_NAME_CHARS:
            continue
        if title_key and (key in title_key or title_key in key or _overlap(key, title_key) >= HEADING_TITLE_OVERLAP):
            continue  # the headline's side (or a part of it) is no site name
        keys.add(key)
        if len(key) > MIN_SITE_NAME_CHARS and _CJK.match(key[-1]):
            # without its last character, the kind of thing it is (网, 站, 号): "X号" is X's account
            keys.add(key[:-1])
    return Site(tuple(sorted(keys)), frozenset(k for k in keys if k.isascii()), vocab)


def is_latin_noise(line: str) -> bool:
    """Not a sentence in any script: no CJK, one "word" at most (a random string, a
    letter-spaced or full-width URL)."""
    if _CJK.search(line):  # NFKC makes no CJK character of others, nor the reverse
        return False
    text = _nfkc(line)
    words = [w for w in text.split() if len(w) >= 2 and _ASCII_LETTER.search(w)]
    return len(_unspaced(text)) >= LATIN_NOISE_MIN_CHARS and len(words) <= LATIN_NOISE_MAX_WORDS


# Any quote opener: one search in C (a set test would make a string object per character).
_QUOTE_OPENER = re.compile("[《“「\"『]")
_QUOTED = re.compile(r"《([^》]{2,60})》|“([^”]{2,60})”|「([^」]{2,60})」|\"([^\"]{2,60})\"|『([^』]{2,60})』")


def is_lead_in(line: str, title: str | None, vocab: Vocabulary) -> bool:
    """A line quoting the title (in 《》 or quotes) and, around it, talking to the reader
    or about the site: the site's lead-in to the text, whatever its verbs."""
    key = _title_key(title)
    if len(key) < 4 or _QUOTE_OPENER.search(line) is None:
        return False
    folded = fold(line)
    for match in _QUOTED.finditer(folded):
        # What is said around the quote first: in a paragraph it is too long (cheaper to see).
        rest = _unspaced(folded[: match.start()] + folded[match.end() :]).lower()
        if len(rest) > LEAD_MAX_REST_CHARS or not vocab.outward.search(rest):
            continue
        quoted = _unspaced(next(g for g in match.groups() if g)).lower()
        grams = _title_grams(key)
        if sum(map(quoted.__contains__, grams)) >= LEAD_TITLE_OVERLAP * len(grams):
            return True  # the quote restates the title (not a slogan, another document)
    return False


_FEATURE_NAMES = feature_names()
_SLOT = {name: i for i, name in enumerate(_FEATURE_NAMES)}
_ZERO_VECTOR = [0.0] * len(_FEATURE_NAMES)
# Concept features come first, in CONCEPTS order: a concept's index is its slot.
assert _FEATURE_NAMES[: len(CONCEPTS)] == tuple(f"c_{c}" for c in CONCEPTS)
_OUTWARD_SLOTS = frozenset(CONCEPTS.index(name) for name in _OUTWARD)
(_OUTWARD_AT, _LEN_LOG_AT, _SHORT_AT, _LONG_AT, _CJK_SHARE_AT, _ASCII_SHARE_AT, _DIGIT_SHARE_AT, _NO_SENTENCE_AT,
 _ENDS_SENTENCE_AT, _PUNCT_DENSITY_AT, _AT_TOP_AT, _AT_BOTTOM_AT, _EDGE_AT, _TITLE_OVERLAP_AT, _HAS_TITLE_AT, _VOICE_AT) = (
    _SLOT[name] for name in ("outward", "len_log", "short", "long", "cjk_share", "ascii_share", "digit_share", "no_sentence",
                             "ends_sentence", "punct_density", "at_top", "at_bottom", "edge", "title_overlap", "has_title", "c_voice"))
_SHAPE_KEYS = tuple((name, f"s_{name}") for name in SHAPES)
# Shapes that need a digit, or a Latin letter or bracket, to match: skipped on lines without.
_DIGIT_SHAPES = frozenset({"date", "time", "count"})
_ANY_DIGIT = re.compile(r"\d")
_LATIN_SHAPES = frozenset({"url", "markup"})


def _may_match(pattern: re.Pattern[str], text: str, vocab: Vocabulary) -> bool:
    """False when `pattern` cannot match `text`: it lacks every string the pattern needs
    (linejudge.toml [needs]; a pattern without such a list may match anything)."""
    needs = vocab.needs.get(pattern.pattern)
    return needs is None or any(map(text.__contains__, needs))


# Added to an upper bound of a score: the same terms summed in another order differ by far less.
_BOUND_SLACK = 1e-9
_MARKS = re.compile("[%s]" % re.escape("，。！？；、,!?;：:"))
_LOG_200 = math.log(200)
# Counted in a line's ASCII part by deleting them (bytes.translate, in C).
_DIGIT_BYTES = b"0123456789"
_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class _Scorer:
    """What the features of one body's lines share: the title's key and bigrams, the
    shapes to search (the model's weighted ones) and the model's weights."""

    __slots__ = ("vocab", "judge", "key", "grams", "has_key", "shapes", "raisers", "raise_all", "overlap_raise")

    def __init__(self, title: str | None, vocab: Vocabulary, judge: Model | None) -> None:
        self.vocab, self.judge = vocab, judge
        self.key = _title_key(title)
        self.grams = _title_grams(self.key)
        self.has_key = len(self.key) >= 4
        weights = judge.weights if judge is not None else None
        self.shapes = tuple(
            (_SLOT[key], vocab.shapes[name].search, name in _DIGIT_SHAPES, name in _LATIN_SHAPES,
             vocab.needs.get(vocab.shapes[name].pattern))
            for name, key in _SHAPE_KEYS
            if weights is None or weights.get(key)  # a shape without weight stays 0.0
        )
        # What `bounded` leaves unmeasured can add at most these to the score (a feature is
        # at most 1.0): the shapes of positive weight, heaviest first, with what each needs
        # to match, and the title overlap's weight when positive.
        self.raisers = tuple(sorted(
            ((weights[key], name in _DIGIT_SHAPES, name in _LATIN_SHAPES, vocab.needs.get(vocab.shapes[name].pattern))
             for name, key in _SHAPE_KEYS
             if weights is not None and weights[key] > 0),
            key=operator.itemgetter(0), reverse=True,
        ))
        self.raise_all = _BOUND_SLACK + sum(weight for weight, *_ in self.raisers)
        self.overlap_raise = max(0.0, weights["title_overlap"]) if weights is not None else 0.0

    def vector(self, line: str, index: int, count: int) -> list[float]:
        """The features of line `index` of `count` lines, in feature order (`features`)."""
        out, text, spaced, any_digit, latin = self._base(line, index, count)
        self._shapes(out, spaced, any_digit, latin)
        self._title_overlap(out, text)
        return out

    def bounded(self, line: str, index: int, count: int, below: float) -> tuple[list[float], float, bool]:
        """(features, junk probability, complete) of line `index` of `count` lines.

        When the features measured first already keep the probability under `below`
        whatever the shapes and the title overlap turn out to be (most lines of a body:
        long sentences), those are not measured: their slots stay 0.0, `complete` is
        False and the probability given is that bound (under `below`, at least the
        line's own). Otherwise all is measured: `vector` and `judge.vector_probability`.
        Needs the model (`judge`)."""
        judge = self.judge
        out, text, spaced, any_digit, latin = self._base(line, index, count)
        # has_title (a cheap test) is measured here; title_overlap only below.
        if self.has_key and self.key in text:
            out[_HAS_TITLE_AT] = 1.0
        score = judge.score(out)
        # What the unmeasured features can add, lowered by each shape that cannot match,
        # until the score cannot reach `below` any more (most lines: after a test or two).
        headroom = self.raise_all + (self.overlap_raise if self.key and len(text) >= 2 else 0.0)
        limit = math.log(below / (1.0 - below)) - _BOUND_SLACK
        for weight, needs_digit, needs_latin, needs in self.raisers:
            if score + headroom < limit:
                break
            if (needs_digit and not any_digit) or (needs_latin and not latin) \
                    or (needs is not None and not any(map(spaced.__contains__, needs))):
                headroom -= weight  # this shape cannot match: it adds nothing
        bound = judge.squash(score + headroom + _BOUND_SLACK)
        if bound < below:
            return out, bound, False
        self._shapes(out, spaced, any_digit, latin)
        self._title_overlap(out, text)
        return out, judge.vector_probability(out), True

    def _base(self, line: str, index: int, count: int) -> tuple[list[float], str, str, bool, bool]:
        """The features but the shapes and the title's: (vector, squeezed text, spaced text,
        whether it holds a decimal digit, whether it holds Latin text or markup)."""
        # NFKC first: full-width letters, digits and marks ("ｗｗｗ．ｘ．ｃｏｍ", "２０２１") take their
        # ASCII shape, so the shape features see them.
        spaced, text = _forms(line)
        size = len(text) or 1
        out = _ZERO_VECTOR.copy()
        words = self.vocab.any_word.findall(text)
        if words:
            found: dict[int, set[str]] = {}
            inside = self.vocab.inside_slots
            for word in set(words):
                for slot, inner in inside[word]:
                    found.setdefault(slot, set()).add(inner)
            outward = 0
            for slot, hits in found.items():  # distinct words of the concept in the line
                out[slot] = min(len(hits), MAX_HITS) / MAX_HITS
                if slot in _OUTWARD_SLOTS:
                    outward += 1
            out[_OUTWARD_AT] = min(outward, 4) / 4
        latin_part = text.encode("ascii", "ignore")
        digits = len(latin_part) - len(latin_part.translate(None, _DIGIT_BYTES))  # [0-9]: all ASCII
        latin = bool(latin_part) and (len(latin_part) > digits or "{" in text or "<" in text)
        # The digit shapes' \d is any decimal digit: NFKC keeps Arabic-Indic or Devanagari ones.
        any_digit = bool(digits) or (len(latin_part) < len(text) and _ANY_DIGIT.search(text) is not None)
        cjk = size - len(latin_part)  # every other character: CJK and full-width marks
        marks = len(_MARKS.findall(text))
        out[_LEN_LOG_AT] = min(math.log1p(size) / _LOG_200, 1.5)
        if size <= SHORT_CHARS:
            out[_SHORT_AT] = 1.0
        elif size > 80:
            out[_LONG_AT] = 1.0
        out[_CJK_SHARE_AT] = cjk / size
        if latin:
            out[_ASCII_SHARE_AT] = (len(latin_part) - len(latin_part.translate(None, _LETTER_BYTES))) / size
        out[_DIGIT_SHARE_AT] = digits / size
        if cjk >= NOISE_MIN_CJK and marks == 0:
            out[_NO_SENTENCE_AT] = 1.0
        if line.rstrip()[-1:] in _SENTENCE_END_CHARS and line.strip():
            out[_ENDS_SENTENCE_AT] = 1.0
        if cjk:
            out[_PUNCT_DENSITY_AT] = min(marks * 20 / cjk, 1.0)
        # A body has edges only when it has a middle: in a body of a few lines every
        # line would sit at an edge.
        if count > 2 * EDGE_LINES:
            from_end = count - 1 - index
            if index < EDGE_LINES:
                out[_AT_TOP_AT] = 1.0
            if from_end < EDGE_LINES:
                out[_AT_BOTTOM_AT] = 1.0
            out[_EDGE_AT] = 1.0 / (1 + min(index, from_end))
        return out, text, spaced, any_digit, latin

    def _shapes(self, out: list[float], spaced: str, any_digit: bool, latin: bool) -> None:
        for slot, search, needs_digit, needs_latin, needs in self.shapes:
            if (needs_digit and not any_digit) or (needs_latin and not latin) \
                    or (needs is not None and not any(map(spaced.__contains__, needs))):
                continue  # 0.0
            if search(spaced):
                out[slot] = 1.0

    def _title_overlap(self, out: list[float], text: str) -> None:
        if self.key and len(text) >= 2:  # `_overlap`, with the title's bigrams at hand
            out[_TITLE_OVERLAP_AT] = min(sum(map(text.__contains__, self.grams)) / (len(text) - 1), 1.0)
            if self.has_key and self.key in text:
                out[_HAS_TITLE_AT] = 1.0

    def probability(self, line: str, index: int, count: int) -> float:
        return self.judge.vector_probability(self.vector(line, index, count))

    def reaches(self, line: str, index: int, count: int, limit: float) -> bool:
        """`probability(line, index, count) >= limit`, measured only as far as that needs."""
        return self.bounded(line, index, count, limit)[1] >= limit


def features(line: str, index: int, count: int, title: str | None, vocab: Vocabulary,
             judge: Model | None = None) -> dict[str, float]:
    """The features of line `index` of `count` lines of one body under `title`.
    With `judge`, shapes it gives no weight are not searched for (left at 0.0)."""
    return dict(zip(_FEATURE_NAMES, _Scorer(title, vocab, judge).vector(line, index, count)))


@functools.lru_cache(maxsize=256)
def _title_key(title: str | None) -> str:
    return _unspaced(fold(title or "")).lower()


@functools.lru_cache(maxsize=256)
def _title_grams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


def _overlap(text: str, key: str) -> float:
    """How much of the line restates the title: title bigrams found in it per bigram of the line."""
    if not key or len(text) < 2:
        return 0.0
    return min(sum(map(text.__contains__, _title_grams(key))) / (len(text) - 1), 1.0)  # map: no frame per gram


def title_overlap(line: str, title: str | None) -> float:
    return _overlap(_unspaced(fold(line)).lower(), _title_key(title))


def junk_probabilities(lines: list[str], title: str | None, *, judge: Model, vocab: Vocabulary) -> list[float]:
    scorer = _Scorer(title, vocab, judge)
    return [scorer.probability(line, i, len(lines)) for i, line in enumerate(lines)]


def is_noise(line: str) -> bool:
    """Not a sentence at all: a long run of CJK characters without one mark."""
    # A line shorter than that holds fewer CJK characters (most lines without a mark:
    # headings, labels); the characters are counted by runs, not one string each.
    return len(line) >= NOISE_CJK and not _SENTENCE_MARKS.search(line) \
        and sum(map(len, _CJK_RUN.findall(line))) >= NOISE_CJK


def judged(line: str) -> bool:
    """The model knows Chinese lines; mostly-Latin text (code, English) is not its to judge."""
    if _ASCII_LETTER.search(line) is None:
        return True  # no Latin letter at all (what a URL is spelled with too)
    text = _unspaced(_URL.sub("", line))
    return not text or len(_ASCII_LETTER.findall(text)) <= MAX_LATIN_SHARE * len(text)


def is_structural_junk(line: str, title: str | None, site: Site, vocab: Vocabulary) -> bool:
    """Junk by what the line is, not by its words: it names the site, it is no sentence in
    any script, it marks a page break, or it is a lead-in quoting the title."""
    return (
        (len(line) <= SITE_LINE_MAX_CHARS and site.named_in(line) and not _text_before_tail(line, site))
        or is_latin_noise(line)
        or is_page_marker(line)
        or is_lead_in(line, title, vocab)
    )


# Page numbers: digits (no more than a page count has), or numerals after the ordinal 第.
_PAGE_NUMBER = re.compile(r"(?<![0-9])[0-9]{1,%d}(?![0-9])|第[%s]+" % (MARKER_MAX_DIGITS, NUMERALS))
_ANY_NUMBER = re.compile(r"[0-9]+|第[%s]+" % NUMERALS)
_FRACTION = re.compile(r"(?<![0-9])[0-9]{1,%d}/[0-9]{1,%d}(?![0-9])" % (MARKER_MAX_DIGITS, MARKER_MAX_DIGITS))
_LATIN_WORD = re.compile("[A-Za-z]+")
_MARKER_SENTENCE = re.compile("[，。！？；：,!?;:]")
# A numbered heading of the text ("一、总体要求", "（二）主要任务", "3.结语").
_HEADING_NUMBER = re.compile(f"[(（]?[{NUMERALS}]+[)）、.．]")
# A date or a time is the text's own (a byline), never a page number.
_DATE_NUMBER = re.compile(r"\d\s*[年月日时]|\d{2,4}[./-]\d{1,2}[./-]\d{1,2}")
# The closing mark that frames a line with each opening one (the same mark frames too).
_FRAME_CLOSERS = {"（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕", "〈": "〉", "《": "》", "<": ">",
                  "「": "」", "『": "』", "〖": "〗", "«": "»", "»": "«", "→": "←", "☞": "☜", "▶": "◀", "►": "◄"}


def is_page_marker(line: str) -> bool:
    """A page-break marker between parts of the text ("—— 第2页 ——", "【续页 2/3】", "◇ P3 ◇",
    "[分页] 2/6"): a short line that is no sentence and no label, whose content is a page
    number and a few letters, framed by decoration (the same or paired marks at both ends)
    or holding a fraction. No wording decides it. A date is none; nor is a numbered heading
    ("（一）总体要求"), a bare number ("（3）") or a citation ("《某书》[44]")."""
    if len(line) > MARKER_MAX_CHARS and len("".join(line.split())) > 2 * MARKER_MAX_CHARS:
        return False  # a paragraph (NFKC does not halve a line): most lines, not normalised
    return _marker_shape(_unspaced(nfkc(line)))


def _marker_shape(text: str) -> bool:
    """`is_page_marker` of a line normalised and without spaces."""
    if not text or len(text) > MARKER_MAX_CHARS or _MARKER_SENTENCE.search(text) or _DATE_NUMBER.search(text) \
            or _HEADING_NUMBER.match(text):
        return False
    numbers = _PAGE_NUMBER.findall(text)
    if not numbers or len(numbers) != len(_ANY_NUMBER.findall(text)):
        return False  # no page number, or a number too long for one (a code, a year)
    framed = not text[0].isalnum() and text[-1] in (text[0], _FRAME_CLOSERS.get(text[0]))
    if not framed and _FRACTION.search(text) is None:
        return False
    rest = _ANY_NUMBER.sub("", text)
    letters = sum(1 for ch in rest if ch.isalpha() and not ch.isascii()) + len(_LATIN_WORD.findall(rest))
    return letters <= MARKER_MAX_LETTERS and (letters >= 1 or len(numbers) >= 2)


# The date a speech was given, as its text writes it under the title or after the
# signature: a whole line of a Chinese-style date, in brackets or not ("（2023年9月19日）").
_OWN_DATE = re.compile(r"[(（]?(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})年(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月"
                       r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})日[)）]?")


def is_own_date(line: str) -> bool:
    """The line is the speech's own date ("（2023年9月19日）", "二〇二三年九月十九日"): no label,
    no time of day, no other word. A site's info line names what its date is ("发布时间：")
    or writes it as 2023-09-19 with a time."""
    return len(line) <= OWN_DATE_MAX_CHARS and _OWN_DATE.fullmatch(_unspaced(nfkc(line))) is not None


def is_info_line(line: str, vocab: Vocabulary) -> bool:
    """"label: short value with a digit" ("页数：8页"): document info when at the body's edge
    (inside a body it may be the text's own list: "成人票原价：279元")."""
    return vocab.info_line.match(_unspaced(_nfkc(line))) is not None


def above_salutation(lines: list[str], keep: frozenset[int], vocab: Vocabulary) -> set[int]:
    """Full sentences above the speech's opening address, at the body's top: the speech starts
    at its salutation, so what precedes it is the site talking (a lead-in, a like-us line)."""
    first = next((i for i, line in enumerate(lines[: SALUTATION_MAX_INDEX + 1]) if vocab.salutation.match(line.strip())), None)
    if not first:
        return set()
    return {
        i for i in range(first)
        if i not in keep and len(lines[i]) <= LEAD_MAX_CHARS and lines[i].rstrip()[-1:] in _SENTENCE_END_CHARS
    }


def _text_before_tail(line: str, site: Site) -> bool:
    """The line is text with the site's name only in its last sentence (that sentence alone goes)."""
    parts = _tail_split(line)
    return parts is not None and not site.named_in(parts[0])


def junk_flags(lines: list[str], title: str | None, keep: frozenset[int] = frozenset(), site: Site = NO_SITE,
               marked: frozenset[int] = frozenset(), unmarked: frozenset[int] = frozenset(), *,
               judge: Model, vocab: Vocabulary) -> list[bool]:
    """Which lines are junk: the model's verdict, noise, and runs of junk grown from the edges.
    `marked`: lines found junk before their watermarks were cut (they named the site);
    `unmarked`: lines found no structural junk as they are now (not judged again)."""
    if len(lines) < 2:
        # A line is judged against the body around it; a "body" of one line is the
        # page verdict's to name (too short, no sentences, a list).
        return [False] * len(lines)
    # The speech's own date stays, and a run of junk from an edge passes over it (the
    # signature's date closes the speech; the site's lines may sit around it).
    dated = frozenset(i for i, line in enumerate(lines) if is_own_date(line))
    keep = keep | dated
    scorer = _Scorer(title, vocab, judge)
    # A probability is only compared with these two: under both, its exact value is not
    # needed, nor the features that only it reads (the shapes; the title overlap is
    # measured below when the edge runs ask for it).
    below = min(judge.threshold, EDGE_RUN_PROBABILITY)
    scored = [scorer.bounded(line, i, len(lines), below) for i, line in enumerate(lines)]
    feats = [f for f, _, _ in scored]
    # (a bound is under both limits, as 0.0 is: judged() is asked of measured lines only)
    probabilities = [p if not complete or judged(line) else 0.0 for line, (_, p, complete) in zip(lines, scored)]
    lead = above_salutation(lines, keep, vocab)
    top = next((i for i, line in enumerate(lines) if title_overlap(line, title) < HEADING_TITLE_OVERLAP), None)
    if top is not None and top not in keep and len(lines[top]) <= LEAD_MAX_CHARS \
            and feats[top][_OUTWARD_AT] >= TOP_LEAD_OUTWARD and not feats[top][_VOICE_AT]:
        lead.add(top)  # the first thing said talks outward: the site's lead-in
    flags = [
        i not in keep and (
            i in lead or i in marked or p >= judge.threshold or is_noise(line)
            or (i not in unmarked and is_structural_junk(line, title, site, vocab))
            or (min(i, len(lines) - 1 - i) < EDGE_LINES and is_info_line(line, vocab))
        )
        for i, (line, p) in enumerate(zip(lines, probabilities))
    ]
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for step, i in enumerate(order):
            if flags[i] or i in dated:
                continue
            f = feats[i]
            if (
                step
                and i not in keep
                # weakly junk-like, or speaking of the site/document/reader at all
                and (probabilities[i] >= EDGE_RUN_PROBABILITY or f[_OUTWARD_AT] > 0 or is_info_line(lines[i], vocab))
                and not f[_ENDS_SENTENCE_AT]  # a sentence of the text is not a banner's second line
                and len(lines[i]) <= EDGE_RUN_MAX_CHARS
                # the speech's own heading
                and (f[_TITLE_OVERLAP_AT] if scored[i][2] else _overlap(squeeze(lines[i]), scorer.key)) < HEADING_TITLE_OVERLAP
            ):
                flags[i] = True  # it touches the junk run that starts at the edge
                continue
            break
    return flags


def strip_glued(text: str, vocab: Vocabulary) -> str:
    """A paragraph without the prompts and markup glued into it."""
    if "<" in text or ">" in text:
        text = vocab.markup_tag.sub("", text)  # ASCII tags: no folding needed
    folded = fold(text)
    if len(folded) != len(text):  # offsets would not carry over: leave the text alone
        return text.strip()
    if _LATIN_RUN_CHARS.search(text):
        text = _strip_watermarks(text, vocab)
        folded = fold(text)
    run = vocab.markup_run.match(folded) if _may_match(vocab.markup_run, folded, vocab) else None
    if run:
        text, folded = text[run.end() :].lstrip(), folded[run.end() :].lstrip()
    if vocab.prompt_words.search(folded):
        # The listed prompt shapes first: they cut the prompt alone, text after it stays.
        spans = [m.span() for m in vocab.prompts.finditer(folded) if m.end() > m.start()]
        for start, end in reversed(spans):
            text, folded = text[:start] + text[end:], folded[:start] + folded[end:]
    cut = _glued_paywall(folded, vocab)
    if cut is not None:
        text = text[:cut]
    return text.strip()


# Runs of Latin letters, digits and URL marks (full-width too), single spaces inside.
_LATIN_RUN = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a][A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a.\uff0e/\uff0f:\uff1a\-$ ]{4,}[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a$]")
_LATIN_RUN_CHARS = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")


def _strip_watermarks(text: str, vocab: Vocabulary) -> str:
    """The text without hosts/URLs (full-width, letter-spaced) and random strings written
    into it: a watermark is no part of any sentence, wherever it stands."""
    def cut(match: re.Match[str]) -> str:
        run = match.group(0)
        squeezed = _unspaced(nfkc(run))
        # A host written plainly may be the text's own reference ("见www.gov.cn"); one
        # spelled full-width or letter by letter hides from search: a watermark.
        disguised = squeezed != run.strip()
        if (disguised and vocab.host_shape.match(squeezed.lower())) or (" " not in run.strip() and vocab.random_token.match(squeezed)):
            return ""
        return run

    return _LATIN_RUN.sub(cut, text)


def _glued_paywall(folded: str, vocab: Vocabulary) -> int | None:
    """Where a prompt glued after an ellipsis or dash run starts: the span from the run to
    the paragraph's end counts characters ("后面还有5034字"), names a paywall concept and
    holds no sentence of text."""
    if not _may_match(vocab.char_count, folded, vocab):
        return None
    counts = list(vocab.char_count.finditer(folded))
    if not counts:
        return None
    # The run nearest before the count opens the prompt; an earlier one is the text's own pause.
    openers = [m for m in vocab.glued_opener.finditer(folded, 0, counts[-1].start()) if m.end() <= counts[-1].start()]
    if not openers:
        return None
    start = openers[-1].start()
    while start and folded[start - 1] in _OPENER_CHARS:  # "……——": one run of marks
        start -= 1
    span = folded[start:].lower()
    if len(span) <= GLUED_PROMPT_MAX_CHARS and _STOP_RE.search(span) is None and any(w in span for w in vocab.concepts["paywall"]):
        return start
    return None


_STOP_RE = re.compile("[。！？!?]")
_OPENER_CHARS = frozenset("…—-.·⋯ ")


# A bracketed note set into a paragraph: its brackets and at most NOTE_MAX_CHARS inside.
_NOTE = re.compile(r"[（(【〔\[［]([^（()）【】〔〕\[\]［］]{2,%d})[）)】〕\]］]" % NOTE_MAX_CHARS)
# Or framed by the same mark on both sides ("※站名※").
_FRAMED_NOTE = re.compile(r"([※★☆◆◇■□●○◎])([^※★☆◆◇■□●○◎]{2,%d})\1" % NOTE_MAX_CHARS)
_NOTE_BRACKETS = frozenset("（(【〔[［※★☆◆◇■□●○◎")


def strip_notes(text: str, site: Site, vocab: Vocabulary) -> str:
    """A paragraph without the bracketed notes set into it that name the site ("〔鸿文公文网
    首发〕", "（www.x.com 整理）": the site's own host, or its name and words about the
    site) or count the document's characters ("【中间3905字已隐藏】"): they speak of the
    site or the document, never of the speech. A note that is the whole line is the line
    judge's."""
    if _NOTE_BRACKETS.isdisjoint(text):
        return text

    def cut(match: re.Match[str]) -> str:
        note = match.group(0)
        inner = match.group(match.lastindex or 0)
        if len(note) == len(text.strip()) or _STOP_RE.search(inner):
            return note
        # A bracketed name is asked without its brackets: a note naming an office may be the
        # text's own ("（北京大学中国经济研究中心）"), so it must speak of the site too, as a
        # line must. A name framed by the same mark on both sides ("※站名※") is a stamp.
        named = site.named_in(note if match.re is _FRAMED_NOTE else inner)
        if named or vocab.char_count.search(_spaced(inner)):
            return ""
        return note

    return _FRAMED_NOTE.sub(cut, _NOTE.sub(cut, text)).strip()


def _junk_tail(tail: str, site: Site, vocab: Vocabulary) -> bool:
    """A last sentence glued to a paragraph that is no text of it: noise, the site's name,
    or an unfinished sentence ("…。充值积分后继续阅读") speaking of the site, the reader or a paywall."""
    if is_latin_noise(tail) or site.named_in(tail):
        return True
    if tail.rstrip()[-1:] in _SENTENCE_END_CHARS or len(tail) > TAIL_MAX_CHARS:
        return False  # a finished sentence, or one too long for a prompt: the model's to judge
    words = set(vocab.tail_words.findall(fold(tail).lower()))
    concepts = {name for word in words for name, _ in vocab.inside[word] if name in _TAIL_CONCEPTS}
    return len(concepts) >= TAIL_MIN_CONCEPTS


@functools.lru_cache(maxsize=_LINE_CACHE)  # asked up to three times per line
def _tail_split(text: str) -> tuple[str, str] | None:
    """(the paragraph before its last sentence, that sentence) when it has two or more."""
    body = text.rstrip()
    last = _LAST_STOP.match(body, 0, len(body) - 1)  # the last stop before the final character
    end = last.end() - 1 if last else -1
    if end <= 0:
        return None
    rest, tail = body[: end + 1].rstrip(), body[end + 1 :].strip()
    return (rest, tail) if len(tail) >= GLUED_MIN_CHARS else None


def glued_tail(text: str, index: int, count: int, title: str | None, *, judge: Model, vocab: Vocabulary) -> str:
    """The paragraph without a junk sentence at its end ("…。以上是小编为大家准备的…")."""
    return _glued_tail(text, index, count, _Scorer(title, vocab, judge))


def _glued_tail(text: str, index: int, count: int, scorer: _Scorer) -> str:
    """`glued_tail` with the body's scorer (one per body, not one per paragraph)."""
    parts = _tail_split(text)
    if parts is None:
        return text
    rest, tail = parts
    if not scorer.vocab.outward.search(fold(tail).lower()):
        return text  # a sentence about nothing outward (site, document, reader…) is the speech's
    if scorer.reaches(tail, index, count, min(scorer.judge.threshold + GLUED_MARGIN, 0.99)):
        return rest
    return text


def clean_lines(lines: list[str], title: str | None, keep: frozenset[int] = frozenset(), site: Site = NO_SITE, *,
                judge: Model, vocab: Vocabulary) -> list[str]:
    """The lines the judge keeps, glued junk cut out; indices in `keep` (item headings) always stay."""
    # A line naming the site is junk as published, before its host is cut out of it.
    marked = frozenset(i for i, line in enumerate(lines) if i not in keep and is_structural_junk(line, title, site, vocab))
    stripped = [strip_glued(line, vocab) for line in lines]
    # A line the strip left alone was judged above already.
    unmarked = frozenset(i for i, (line, now) in enumerate(zip(lines, stripped)) if line == now and i not in keep and i not in marked)
    lines = stripped
    scorer = _Scorer(title, vocab, judge)
    out = []
    text_kept = False  # a line other than a title or heading was kept already
    for i, (line, junk) in enumerate(zip(lines, junk_flags(lines, title, keep, site, marked, unmarked, judge=judge, vocab=vocab))):
        if not line:
            continue
        while not junk and i not in keep:  # tails that are junk by what they are, one by one
            parts = _tail_split(line)
            if parts is None or not _junk_tail(parts[1], site, vocab):
                break
            line = parts[0]
        # A promo glued to the first paragraph makes it the site's teaser: it goes whole.
        teaser = not text_kept
        parts = None if i in keep else _tail_split(line)
        if junk:
            # A paragraph of the speech with junk glued to its end is junk only in part:
            # its text before that sentence stays when that is no junk by itself and the
            # last sentence is the junkier part (a short prompt scores low alone, but higher
            # than the text it was glued to).
            if teaser or parts is None:
                continue
            rest, tail = parts
            rest_probability = scorer.probability(rest, i, len(lines))
            if rest_probability >= judge.threshold or scorer.probability(tail, i, len(lines)) <= rest_probability:
                continue
            line = rest  # the last sentence is what makes the paragraph junk: it goes alone
        elif parts is not None:
            cut = _glued_tail(line, i, len(lines), scorer)
            if cut != line and teaser:
                continue
            line = cut
        # Notes set into a line that stays (one that goes, goes with them).
        line = strip_notes(line, site, vocab)
        out.append(line)
        text_kept = text_kept or title_overlap(line, title) < HEADING_TITLE_OVERLAP
    return out


def judge_body(paragraphs: list[str], title: str | None, site: Site = NO_SITE, *,
               judge: Model, vocab: Vocabulary) -> list[str]:
    """The body's paragraphs without junk lines; a compilation's item headings always stay.

    `site` (`site_of`): what the site calls itself; lines naming it are junk.
    `judge`, `vocab`: the model and its vocabulary (cleaning.options.CleanerOptions)."""
    items = find_items(paragraphs) or []  # the split's own notion of an item heading
    return clean_lines(paragraphs, title, frozenset(i for i, _ in items), site, judge=judge, vocab=vocab)
