"""Scrapy settings of the speech-archive crawler: polite by default.

Components are wired here by import path; their own settings carry a prefix
(ARCHIVE_* for the archive pipeline and the conditional-GET middleware,
RETRY_BACKOFF_* for the back-off, SITES_CONFIG for the profiles). The defaults
of the ARCHIVE_*, RETRY_BACKOFF_* and MAX_RESPONSE_HEADER_BYTES settings are stated once, by the add-on
crawler.addons.ArchiveAddon (enabled below); set one here or with -s to change it.
"""
from __future__ import annotations

BOT_NAME = "speech-archive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- who we are -------------------------------------------------------------
# An honest User-Agent with a way to reach the operator; set CONTACT_URL to yours.
# `-s CONTACT_URL=...` changes the User-Agent too (ContactUserAgentMiddleware).
CONTACT_URL = "https://github.com/speech-archive/speech-archive"
USER_AGENT_TEMPLATE = "speech-archive/0.1 (+{contact}; archival crawler, obeys robots.txt)"
USER_AGENT = USER_AGENT_TEMPLATE.format(contact=CONTACT_URL)

# -- politeness ---------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # site profiles may raise it
DOWNLOAD_DELAY = 2.0  # the floor AutoThrottle never goes under; site profiles set their own
DOWNLOAD_DELAY_JITTER = 0.5  # each wait is the delay ±50 %, so requests do not tick like a clock
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 3.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # no speech page is this big; a 20 MB answer is an error
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# Scrapy's HTTP/1.1 handler, plus: CONCURRENT_REQUESTS_PER_DOMAIN kept when DOWNLOAD_DELAY is 0
# (Scrapy 2.19 starts a host's whole queue at once then), and response headers of at most
# MAX_RESPONSE_HEADER_BYTES (default: crawler.addons.ArchiveAddon); DOWNLOAD_MAXSIZE counts only
# the body, DOWNLOAD_TIMEOUT above bounds the total time of every download.
DOWNLOAD_HANDLERS = {"http": "crawler.downloader.BoundedHTTP11DownloadHandler",
                     "https": "crawler.downloader.BoundedHTTP11DownloadHandler"}
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False

# -- retries: 429 and 5xx, with exponential back-off ------------------------
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 520, 522, 524, 408]
# RETRY_BACKOFF_BASE / RETRY_BACKOFF_MAX: crawler.addons.ArchiveAddon.

DOWNLOADER_MIDDLEWARES = {
    # robots.txt per RFC 9309, and no request let through while it loads (see the class).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.SafeRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    # Scrapy's offsite filter, also for our dont_filter requests and their redirects (see the class).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.SiteHostsOffsiteMiddleware": 50,
    "crawler.middlewares.ContactUserAgentMiddleware": 500,
    # After robots.txt (100) and before the cache/compression layers.
    "crawler.middlewares.ConditionalGetMiddleware": 580,
}

# -- archive ----------------------------------------------------------------
ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}
# ARCHIVE_DB_PATH (required for archiving: -s ARCHIVE_DB_PATH=archive.db) and every other
# ARCHIVE_* setting: their defaults and meaning are in crawler.addons.ArchiveAddon.
ADDONS = {"crawler.addons.ArchiveAddon": 0}
SITES_CONFIG = None  # sites.toml path; default ./sites.toml, else crawler/sites.toml

# Requests are kept breadth-first and small: the archive, not the queue, holds the pages.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
# No remote control of a running crawl: Scrapy's telnet console and its HTTP
# "remote control" extension (which runs posted Python code) stay off.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
