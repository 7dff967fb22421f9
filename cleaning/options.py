"""`CleanerOptions`: everything `clean_page` reads besides the page, in one immutable value.

Like trafilatura's `Extractor` options object: the rules are loaded once and
handed down to each stage (content search, site profiles, page type, line
judge); no stage looks them up in module state. A variant is a new value:

    options = default_options()
    dataclasses.replace(options, model=candidate)   # another line-judge model
    options.without_profile("dedecms")              # a CMS the rules were not written for
    CleanerOptions.load(Path("my-rules"))           # another rules folder
"""
from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from cleaning import linejudge, pagetype
from cleaning.rules import RULES_DIR, JunkRules, Profile, junk_rules, profiles

JUNK_FILE = "junk.toml"
PROFILES_FILE = "profiles.toml"
URL_SHAPES_FILE = "pagetypes.toml"
VOCABULARY_FILE = "linejudge.toml"
MODEL_FILE = "linejudge_model.toml"


# eq=False: compared and hashed by identity (the vocabulary and the model hold dicts);
# options are loaded once and shared, so identity is what a cache keyed on them needs.
@dataclasses.dataclass(frozen=True, eq=False)
class CleanerOptions:
    junk: JunkRules  # junk.toml: chrome classes, stop lines, junk phrases
    profiles: tuple[Profile, ...]  # profiles.toml: known CMS families
    url_shapes: pagetype.UrlShapes  # pagetypes.toml: list and about URL shapes, chrome tokens
    vocabulary: linejudge.Vocabulary  # linejudge.toml: the line judge's concepts and shapes
    model: linejudge.Model  # linejudge_model.toml: the line judge's weights and threshold

    @classmethod
    def load(cls, rules_dir: Path = RULES_DIR) -> CleanerOptions:
        """The rule files of `rules_dir`; a missing or malformed one raises RuleError or
        LineJudgeError naming it."""
        rules_dir = Path(rules_dir)
        return cls(
            junk=junk_rules(rules_dir / JUNK_FILE),
            profiles=profiles(rules_dir / PROFILES_FILE),
            url_shapes=pagetype.load_url_shapes(rules_dir / URL_SHAPES_FILE),
            vocabulary=linejudge.load_vocabulary(rules_dir / VOCABULARY_FILE),
            model=linejudge.load_model(rules_dir / MODEL_FILE),
        )

    def without_profile(self, name: str) -> CleanerOptions:
        """These options without the site profile `name` (none removed when there is no such profile)."""
        return dataclasses.replace(self, profiles=tuple(p for p in self.profiles if p.name != name))


@functools.cache  # a memo of an immutable value: the default rule files are read once
def default_options() -> CleanerOptions:
    return CleanerOptions.load(RULES_DIR)
