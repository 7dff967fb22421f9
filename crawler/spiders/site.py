"""`site`: crawl one site from its profile in sites.toml.

    scrapy crawl site -a site=hanjia777 -s ARCHIVE_DB_PATH=archive.db
    scrapy crawl site -a site=dede -a base_url=http://127.0.0.1:8001 -s SITES_CONFIG=crawler/demo_sites/sites.toml
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import UsageError

from crawler.profiles import ProfileError, SiteProfile, load_profiles
from crawler.spiders.base import ArchiveSpider, apply_limits, apply_politeness, hosts_of
from crawler.state import known_pages

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class SiteSpider(ArchiveSpider):
    name = "site"
    profile: SiteProfile

    def __init__(self, site: str | None = None, base_url: str | None = None, sites_config: str | None = None,
                 *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not site:
            raise UsageError("the site spider needs -a site=NAME (a profile of sites.toml)")
        self.site_arg = site
        self.base_url = base_url
        self.sites_config = sites_config

    def configure(self, crawler: Crawler) -> None:
        config = self.sites_config or crawler.settings.get("SITES_CONFIG")
        try:
            profiles = load_profiles(config)
        except ProfileError as exc:
            raise UsageError(str(exc)) from None
        if self.site_arg not in profiles:
            raise UsageError(f"no site {self.site_arg!r} in {config or 'sites.toml'} (known: {', '.join(profiles)})")
        profile = profiles[self.site_arg]
        if self.base_url:
            profile = profile.rebased(self.base_url)
        elif profile.is_relative():
            raise UsageError(f"site {profile.name!r} has relative start URLs: pass -a base_url=http://HOST:PORT")
        if profile.cleaner_profile:
            from cleaning.rules import profiles as cleaner_profiles

            known = [p.name for p in cleaner_profiles()]
            if profile.cleaner_profile not in known:
                raise UsageError(f"site {profile.name!r}: cleaner_profile {profile.cleaner_profile!r} is not in "
                                 f"cleaning/rules/profiles.toml (known: {', '.join(known)})")
        self.profile = profile
        self.site_name = profile.name
        self.cleaner_profile = profile.cleaner_profile
        self.part_patterns = profile.part_patterns
        self.allowed_domains = sorted({h.split(":")[0] for h in profile.hosts})
        self.allowed_hosts = hosts_of(profile.start_urls, profile.hosts)
        apply_politeness(crawler.settings, profile)
        apply_limits(crawler.settings, profile.max_pages, profile.max_depth)

    def seeds(self) -> list[tuple[str, str]]:
        seeds = [(url, "list") for url in self.profile.start_urls]
        if self.db_path:
            # Known articles are revisited even when no list links them any more:
            # that is how a removed page gets its gone_at.
            seeds += [(url, "article") for url in known_pages(self.db_path, self.profile.hosts)]
        return seeds

    def classify(self, url: str) -> str | None:
        if not self.profile.allows_host(url):
            return None
        kind = self.profile.classify(url)
        if kind == "article" and self.profile.part_number(url):
            return None  # fetched by the pipeline when it stitches the first part
        return kind
