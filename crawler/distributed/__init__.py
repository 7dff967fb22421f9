"""Distributed crawling through Redis: every module that knows Redis lives here.

- `addon`: the Scrapy add-on of a worker: the DISTRIBUTED_* defaults, the components wired by settings.
- `components`: the Scrapy side (scheduler, seed middleware, `distribute()` for the CLI).
- `pipeline`: the item pipeline that sends pages to the batch instead of SQLite.
- `items`: the JSON messages on the batch's item list.
- `frontier`: the batch's shared state in Redis (redis-py and Lua, no Scrapy).
- `writer`: the single writer draining the batch into the archive (no Scrapy).
"""
