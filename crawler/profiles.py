"""Site profiles: which URLs of a site to crawl, how politely, and when.

Profiles are data (`sites.toml`), validated on load so a typo fails with the
file, the site and the key named, not with a KeyError deep inside a crawl.

    [defaults]                      # optional; every key of a site may appear here
    delay = 2.0
    [[site]]
    name = "hanjia777"              # what --site takes: [a-z0-9_-]+
    title = "77范文网"
    hosts = ["www.hanjia777.com"]
    start_urls = ["http://www.hanjia777.com/gongwen/"]
    article_patterns = ['/\\d{4}/\\d{4}/\\d+\\.html$']
    list_patterns = ['/gongwen/(list_\\d+\\.html)?$']

A start URL may be a bare path ("/") when the host is only known at run time
(the demo sites on a random loopback port): `SiteProfile.rebased(base_url)`.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

DEFAULT_SITES_PATHS = (Path("sites.toml"), Path(__file__).parent / "sites.toml")

# Default multi-page article parts: "_2.html" and "?page=2" (part numbers >= 2).
DEFAULT_PART_PATTERNS = (r"_(\d+)\.s?html?$", r"[?&](?:page|p)=(\d+)(?:&|$)")

# Safety limits of one crawl run of one site (a link trap must end): at most this many
# responses, and links at most this many hops from a start URL. A profile (or
# [defaults]) sets its own; 0 means no limit; `crawl --max-pages/--max-depth` override.
DEFAULT_MAX_PAGES = 10_000
DEFAULT_MAX_DEPTH = 100

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_CRON_FIELDS = 5


class ProfileError(ValueError):
    """A sites.toml file that cannot be used, with the place of the problem."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    title: str
    hosts: tuple[str, ...]
    start_urls: tuple[str, ...]
    article_patterns: tuple[re.Pattern[str], ...]
    list_patterns: tuple[re.Pattern[str], ...] = ()
    deny_patterns: tuple[re.Pattern[str], ...] = ()
    part_patterns: tuple[re.Pattern[str], ...] = field(
        default_factory=lambda: tuple(re.compile(p) for p in DEFAULT_PART_PATTERNS)
    )
    cleaner_profile: str | None = None  # a profile name of cleaning/rules
    delay: float = 2.0  # seconds between requests to one host
    concurrency: int = 1  # parallel requests per host
    schedule: str | None = None  # cron string, read by the scheduler
    max_pages: int = DEFAULT_MAX_PAGES  # responses per run; 0 = no limit
    max_depth: int = DEFAULT_MAX_DEPTH  # link hops from a start URL; 0 = no limit
    tested: bool = False  # False: written from the seeds, never run against the live site
    notes: str = ""

    def rebased(self, base_url: str) -> "SiteProfile":
        """The same profile served from `base_url` (scheme://host:port)."""
        base = urlsplit(base_url)
        if not base.scheme or not base.netloc:
            raise ProfileError(f"base_url {base_url!r} is not an absolute URL")
        root = f"{base.scheme}://{base.netloc}/"
        starts = tuple(urljoin(root, urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else ""))
                       for u in self.start_urls)
        return replace(self, hosts=(base.netloc,), start_urls=starts)

    def is_relative(self) -> bool:
        return any(not urlsplit(u).netloc for u in self.start_urls)

    def classify(self, url: str) -> str | None:
        """'article', 'list' or None (not to be followed) for a same-site URL."""
        target = _path_and_query(url)
        if any(p.search(target) for p in self.deny_patterns):
            return None
        if any(p.search(target) for p in self.article_patterns):
            return "article"
        if any(p.search(target) for p in self.list_patterns):
            return "list"
        return None

    def part_number(self, url: str) -> int | None:
        """The part number (>= 2) when `url` is a later part of a multi-page article."""
        return part_number(url, self.part_patterns)

    def allows_host(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() in self._allowed_hosts

    @cached_property
    def _allowed_hosts(self) -> frozenset[str]:
        # Asked for every link the spider follows: the set is built once per profile.
        return frozenset(h.lower() for h in self.hosts)


def part_number(url: str, patterns: tuple[re.Pattern[str], ...]) -> int | None:
    target = _path_and_query(url)
    for pattern in patterns:
        match = pattern.search(target)
        if match:
            number = int(match.group(1))
            return number if number >= 2 else None
    return None


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "title": str,
    "hosts": list,
    "start_urls": list,
    "article_patterns": list,
    "list_patterns": list,
    "deny_patterns": list,
    "part_patterns": list,
    "cleaner_profile": str,
    "delay": (int, float),
    "concurrency": int,
    "schedule": str,
    "max_pages": int,
    "max_depth": int,
    "tested": bool,
    "notes": str,
}
_REQUIRED = ("name", "start_urls", "article_patterns")


def load_profiles(path: str | Path | None = None) -> dict[str, SiteProfile]:
    """Read and validate a sites.toml; profiles by name, in file order."""
    file = Path(path) if path else next((p for p in DEFAULT_SITES_PATHS if p.exists()), DEFAULT_SITES_PATHS[-1])
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{file}: no such sites file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{file}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # TOML is UTF-8 by definition
        raise ProfileError(f"{file}: not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:  # a directory, no permission, an I/O error
        raise ProfileError(f"{file}: cannot read: {exc.strerror or exc}") from None
    return parse_profiles(data, source=str(file))


def parse_profiles(data: dict[str, Any], source: str = "sites.toml") -> dict[str, SiteProfile]:
    unknown_top = set(data) - {"defaults", "site"}
    if unknown_top:
        raise ProfileError(f"{source}: unknown top-level key(s) {sorted(unknown_top)}; expected [defaults] and [[site]]")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ProfileError(f"{source}: [defaults] must be a table")
    _check_keys(defaults, f"{source} [defaults]", allow_name=False)
    sites = data.get("site", [])
    if not isinstance(sites, list) or not sites:
        raise ProfileError(f"{source}: no [[site]] tables")
    profiles: dict[str, SiteProfile] = {}
    for index, raw in enumerate(sites):
        where = f"{source} [[site]] #{index + 1}" + (f" ({raw.get('name')})" if isinstance(raw, dict) and raw.get("name") else "")
        if not isinstance(raw, dict):
            raise ProfileError(f"{where}: must be a table")
        merged = {**defaults, **raw}
        _check_keys(merged, where, allow_name=True)
        profile = _build(merged, where)
        if profile.name in profiles:
            raise ProfileError(f"{where}: duplicate site name {profile.name!r}")
        profiles[profile.name] = profile
    return profiles


def _check_keys(table: dict[str, Any], where: str, allow_name: bool) -> None:
    for key, value in table.items():
        if key not in _KEYS or (key == "name" and not allow_name):
            raise ProfileError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        expected = _KEYS[key]
        if isinstance(value, bool) and expected is not bool:
            raise ProfileError(f"{where}: {key} must be {_type_name(expected)}, not a boolean")
        if not isinstance(value, expected):
            raise ProfileError(f"{where}: {key} must be {_type_name(expected)}, got {value!r}")
        if expected is list and not all(isinstance(v, str) and v for v in value):
            raise ProfileError(f"{where}: {key} must be a list of non-empty strings")


def _type_name(expected: type | tuple[type, ...]) -> str:
    if isinstance(expected, tuple):
        return "a number"
    return {str: "a string", list: "a list", int: "an integer", bool: "true or false"}.get(expected, expected.__name__)


def _patterns(values: list[str], key: str, where: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for value in values:
        try:
            compiled.append(re.compile(value))
        except re.error as exc:
            raise ProfileError(f"{where}: {key}: bad regular expression {value!r}: {exc}") from None
    return tuple(compiled)


def _build(raw: dict[str, Any], where: str) -> SiteProfile:
    for key in _REQUIRED:
        if key not in raw:
            raise ProfileError(f"{where}: missing required key {key!r}")
    name = raw["name"]
    if not _NAME_RE.match(name):
        raise ProfileError(f"{where}: name {name!r} must match [a-z0-9][a-z0-9_-]* (it is what --site takes)")
    starts = tuple(raw["start_urls"])
    if not starts:
        raise ProfileError(f"{where}: start_urls is empty")
    hosts = tuple(h.lower() for h in raw.get("hosts", []))
    for url in starts:
        parts = urlsplit(url)
        if parts.netloc:
            if parts.scheme not in ("http", "https"):
                raise ProfileError(f"{where}: start URL {url!r} must be http(s)")
            if hosts and parts.netloc.lower() not in hosts:
                raise ProfileError(f"{where}: start URL {url!r} is not on hosts {list(hosts)}")
        elif not url.startswith("/"):
            raise ProfileError(f"{where}: start URL {url!r} must be absolute or a path starting with '/'")
    if not hosts:
        hosts = tuple(sorted({urlsplit(u).netloc.lower() for u in starts if urlsplit(u).netloc}))
    delay = float(raw.get("delay", 2.0))
    if delay < 0:
        raise ProfileError(f"{where}: delay must be >= 0")
    concurrency = raw.get("concurrency", 1)
    if concurrency < 1:
        raise ProfileError(f"{where}: concurrency must be >= 1")
    schedule = raw.get("schedule")
    if schedule is not None and len(schedule.split()) != _CRON_FIELDS:
        raise ProfileError(f"{where}: schedule {schedule!r} must be a 5-field cron string like '30 2 * * *'")
    for limit in ("max_pages", "max_depth"):
        if raw.get(limit, 0) < 0:
            raise ProfileError(f"{where}: {limit} must be >= 0 (0 = no limit)")
    kwargs: dict[str, Any] = {}
    if "part_patterns" in raw:
        parts = _patterns(raw["part_patterns"], "part_patterns", where)
        for pattern in parts:
            if pattern.groups < 1:
                raise ProfileError(f"{where}: part_patterns {pattern.pattern!r} needs a group capturing the part number")
        kwargs["part_patterns"] = parts
    return SiteProfile(
        name=name,
        title=raw.get("title", name),
        hosts=hosts,
        start_urls=starts,
        article_patterns=_patterns(raw["article_patterns"], "article_patterns", where),
        list_patterns=_patterns(raw.get("list_patterns", []), "list_patterns", where),
        deny_patterns=_patterns(raw.get("deny_patterns", []), "deny_patterns", where),
        cleaner_profile=raw.get("cleaner_profile"),
        delay=delay,
        concurrency=concurrency,
        schedule=schedule,
        max_pages=raw.get("max_pages", DEFAULT_MAX_PAGES),
        max_depth=raw.get("max_depth", DEFAULT_MAX_DEPTH),
        tested=raw.get("tested", False),
        notes=raw.get("notes", ""),
        **kwargs,
    )
