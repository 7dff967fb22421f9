"""Load and validate the rule files in cleaning/rules/ (once per process).

Rules are data: junk phrases and class tokens in junk.toml, site profiles in
profiles.toml. A bad rule file fails loudly on load with the file and the key,
never silently at match time.
"""
from __future__ import annotations

import fnmatch
import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from cleaning.script import fold, fold_aligned

RULES_DIR = Path(__file__).parent / "rules"


class RuleError(ValueError):
    """A rule file is malformed."""


@dataclass(frozen=True)
class JunkRules:
    class_id_tokens: frozenset[str]
    keep_tokens: frozenset[str]
    stop_lines: tuple[re.Pattern[str], ...]
    line_patterns: tuple[re.Pattern[str], ...]
    promo_patterns: tuple[re.Pattern[str], ...]
    post_footers: tuple[re.Pattern[str], ...] = ()
    # A promo match holding this is the speaker's own sentence (None: no such test).
    speaker_voice: re.Pattern[str] | None = None
    # Each promo pattern with the words one of which it cannot match without (None: any text).
    _promo_searches: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = field(
        init=False, repr=False, compare=False)
    # The patterns of each check as searched (`searched_together`).
    _footer_searches: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _stop_searches: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _line_searches: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        searches = []
        for pattern in self.promo_patterns:
            words = needed_words(pattern)
            searches.append((pattern, re.compile("|".join(map(re.escape, words))) if words else None))
        object.__setattr__(self, "_promo_searches", tuple(searches))
        object.__setattr__(self, "_footer_searches", searched_together(self.post_footers))
        object.__setattr__(self, "_stop_searches", searched_together(self.stop_lines))
        object.__setattr__(self, "_line_searches", searched_together(self.line_patterns))

    # Every pattern matches the text folded to simplified characters (cleaning.script),
    # so a traditional page hits the same rules; the text itself stays as published.
    # (Loops, not any() over a generator: these run on every block of every page.)

    def is_post_footer(self, text: str) -> bool:
        return len(text) <= 120 and _any_search(self._footer_searches, fold(text))

    def is_stop_line(self, text: str) -> bool:
        return len(text) <= 40 and _any_search(self._stop_searches, fold(text))

    def is_junk_line(self, text: str) -> bool:
        return _any_search(self._line_searches, fold(text))

    def find_promo(self, text: str) -> re.Match[str] | None:
        """The earliest promo sentence in a paragraph, if any (offsets valid in `text`);
        one in the speaker's own voice (`speaker_voice`) is none."""
        # Folded text of another length would shift the offsets: match the original then.
        text = fold_aligned(text) or text
        voice = self.speaker_voice
        best = None
        for pattern, words in self._promo_searches:
            if words is not None and words.search(text) is None:
                continue  # none of the words it needs: no match
            for match in pattern.finditer(text):
                if voice is None or voice.search(match.group(0)) is None:
                    if best is None or match.start() < best.start():
                        best = match
                    break
        return best


def _any_search(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    for pattern in patterns:
        if pattern.search(text):
            return True
    return False


# Characters of a regular expression that are no literal.
_META = frozenset("\\.^$*+?{}[]()|")
# Inline flags ("(?i)", "(?s:…)") change what a literal matches.
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")


def _top_level(text: str) -> list[tuple[str, int, int]]:
    """The top level of a pattern's text: ("|", i, i) for each "|" outside groups and
    classes, ("(", start, end) for each group, text[start] its "(" and text[end] its ")"."""
    out = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            if text[i : i + 1] == "^":
                i += 1
            if text[i : i + 1] == "]":
                i += 1  # "[]…]" and "[^]…]": the first "]" is a member
            continue
        elif char == "|" and depth == 0:
            out.append(("|", i, i))
        elif char == "(":
            depth += 1
            if depth == 1:
                start = i
        elif char == ")":
            depth -= 1
            if depth == 0:
                out.append(("(", start, i))
        i += 1
    return out


def needed_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Plain words of which every match of `pattern` holds one, when knowing them saves
    work: a group of alternative words ("(供大家参考|仅供参考)") that the pattern's top level
    passes through (no "|" beside it, not optional) after a part that may start at any place
    of the text (re tries that part everywhere; a search for the words runs in one pass).
    None when there is no such group, or the pattern starts with it or with "^" (re finds
    those places fast itself), or flags change what a word matches."""
    text = pattern.pattern
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or _INLINE_FLAGS.search(text) or text.startswith("^"):
        return None
    items = _top_level(text)
    if any(kind == "|" for kind, _, _ in items):
        return None  # alternatives of the whole pattern
    for _, start, end in items:
        if text[end + 1 : end + 2] in ("?", "*", "{"):
            continue  # optional
        words = text[start + 1 : end].split("|")
        if all(words) and not any(_META.intersection(word) for word in words):
            return None if start == 0 else tuple(words)  # at the start: re finds its places itself
    return None


# What may tie a pattern to its own groups or flags: kept out of a joint pattern.
_SELF_REFERENCES = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?\(|\(\?[aiLmsux-]")


def searched_together(patterns: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
    """Patterns one of which matches a text exactly when one of `patterns` does, fewer: those
    anchored at the start ("^…", no "|" beside the anchor) joined into one "^(?:…|…)" (re
    tries each at the first place only either way; one call instead of one each)."""
    anchored = [
        p for p in patterns
        if p.pattern.startswith("^") and not p.flags & re.VERBOSE and p.flags == patterns[0].flags
        and not _SELF_REFERENCES.search(p.pattern) and not any(kind == "|" for kind, _, _ in _top_level(p.pattern))
    ]
    if len(anchored) < 2:
        return patterns
    try:
        joint = re.compile("^(?:%s)" % "|".join(f"(?:{p.pattern[1:]})" for p in anchored), anchored[0].flags)
    except re.error:
        return patterns
    return (joint, *(p for p in patterns if not any(p is a for a in anchored)))


@dataclass(frozen=True)
class Profile:
    name: str
    hosts: tuple[str, ...]
    detect: tuple[etree.XPath, ...]
    content: tuple[etree.XPath, ...]
    title: tuple[etree.XPath, ...]
    date: tuple[etree.XPath, ...]
    remove: tuple[etree.XPath, ...]
    # `detect` as evaluated: each in its faster equivalent spelling, if it has one.
    _detect_fast: tuple[etree.XPath, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_detect_fast", tuple(_faster_xpath(xpath) for xpath in self.detect))

    def matches_host(self, host: str | None) -> bool:
        return bool(host) and any(fnmatch.fnmatch(host, pattern) for pattern in self.hosts)

    def matches_page(self, tree: etree._Element) -> bool:
        # Run on every page whose host no profile names.
        for xpath in self._detect_fast:
            if xpath(tree):
                return True
        return False


# "//meta[…]": one element name anywhere, with one predicate.
_ANYWHERE_STEP = re.compile(r"//([A-Za-z_][\w.-]*)\[(.+)\]")
_XPATH_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")


def _faster_xpath(xpath: etree.XPath) -> etree.XPath:
    """`xpath`, or one selecting the same elements faster: libxml2 runs "//meta[p]" as a
    child step from every node of the tree, "/descendant::meta[p]" as one walk over the
    elements (half the time). The two select the same when `p` does not depend on the
    element's position among its siblings: when it is a comparison ("=" outside strings and
    parentheses makes the whole predicate one) and names neither position() nor last()."""
    match = _ANYWHERE_STEP.fullmatch(xpath.path)
    if match is None:
        return xpath
    name, predicate = match.groups()
    bare = _XPATH_STRING.sub('""', predicate)  # strings: neither operators nor brackets
    if '"' in bare.replace('""', "") or "'" in bare or "[" in bare or "]" in bare or "position(" in bare or "last(" in bare:
        return xpath
    depth = 0
    compares = False
    for char in bare:
        depth += char == "("
        depth -= char == ")"
        compares = compares or (depth == 0 and char == "=")
    if not compares:
        return xpath
    return etree.XPath(f"/descendant::{name}[{predicate}]")


def _strings(data: dict, key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: '{key}' must be a list of strings")
    return value


def _regexes(values: list[str], where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for value in values:
        try:
            out.append(re.compile(value))
        except re.error as err:
            raise RuleError(f"{where}: bad regular expression {value!r}: {err}") from err
    return tuple(out)


def _xpaths(values: list[str], where: str) -> tuple[etree.XPath, ...]:
    out = []
    for value in values:
        try:
            out.append(etree.XPath(value))
        except etree.XPathSyntaxError as err:
            raise RuleError(f"{where}: bad XPath {value!r}: {err}") from err
    return tuple(out)


def read_toml(path: Path, error: type[ValueError] = RuleError) -> dict:
    """A rules file as a dict; an unreadable or malformed file raises `error` naming it."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise error(f"{path}: {err}") from err


def parse_junk_rules(data: dict, where: str = "junk.toml") -> JunkRules:
    for section in ("blocks", "lines", "promo"):
        if not isinstance(data.get(section), dict):
            raise RuleError(f"{where}: missing table [{section}]")
    blocks, lines, promo = data["blocks"], data["lines"], data["promo"]
    return JunkRules(
        class_id_tokens=frozenset(t.lower() for t in _strings(blocks, "class_id_tokens", f"{where} [blocks]")),
        keep_tokens=frozenset(t.lower() for t in _strings(blocks, "keep_tokens", f"{where} [blocks]")),
        stop_lines=_regexes(_strings(blocks, "stop_lines", f"{where} [blocks]"), f"{where} [blocks]"),
        line_patterns=_regexes(_strings(lines, "patterns", f"{where} [lines]"), f"{where} [lines]"),
        promo_patterns=_regexes(_strings(promo, "patterns", f"{where} [promo]"), f"{where} [promo]"),
        post_footers=_regexes(_strings(blocks, "post_footers", f"{where} [blocks]"), f"{where} [blocks]"),
        speaker_voice=_optional_regex(promo, "speaker_voice", f"{where} [promo]"),
    )


def _optional_regex(table: dict, key: str, where: str) -> re.Pattern[str] | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RuleError(f"{where}: '{key}' must be a string")
    return _regexes([value], f"{where} {key}")[0]


def parse_profiles(data: dict, where: str = "profiles.toml") -> tuple[Profile, ...]:
    entries = data.get("profile", [])
    if not isinstance(entries, list):
        raise RuleError(f"{where}: 'profile' must be an array of tables")
    seen: set[str] = set()
    profiles = []
    for i, entry in enumerate(entries):
        here = f"{where} profile #{i + 1}"
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            raise RuleError(f"{here}: 'name' is required")
        if name in seen:
            raise RuleError(f"{here}: duplicate profile name {name!r}")
        seen.add(name)
        unknown = set(entry) - {"name", "hosts", "detect", "content", "title", "date", "remove"}
        if unknown:
            raise RuleError(f"{here} ({name}): unknown keys {sorted(unknown)}")
        content = _xpaths(_strings(entry, "content", here), here)
        if not content:
            raise RuleError(f"{here} ({name}): 'content' needs at least one selector")
        profiles.append(
            Profile(
                name=name,
                hosts=tuple(h.lower() for h in _strings(entry, "hosts", here)),
                detect=_xpaths(_strings(entry, "detect", here), here),
                content=content,
                title=_xpaths(_strings(entry, "title", here), here),
                date=_xpaths(_strings(entry, "date", here), here),
                remove=_xpaths(_strings(entry, "remove", here), here),
            )
        )
    return tuple(profiles)


# These two are memos of immutable values (a file read once per path); clean_page
# gets them through cleaning.options.CleanerOptions, never by looking them up here.
@functools.lru_cache(maxsize=None)
def junk_rules(path: Path = RULES_DIR / "junk.toml") -> JunkRules:
    return parse_junk_rules(read_toml(path), str(path.name))


@functools.lru_cache(maxsize=None)
def profiles(path: Path = RULES_DIR / "profiles.toml") -> tuple[Profile, ...]:
    return parse_profiles(read_toml(path), str(path.name))
