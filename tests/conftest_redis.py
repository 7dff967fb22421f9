"""A real redis-server on 127.0.0.1 for the distributed-crawl tests.

Import the fixture into a test module (`from tests.conftest_redis import
redis_url  # noqa: F401`). Each test module gets its own server on a free
port, with persistence off, killed at the end. The tests are skipped only when
the Debian package is missing and fail then under `make test`, which installs it.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    if REDIS_SERVER is None:
        reason = "redis-server is not installed (apt-get install redis-server; `make test` does it)"
        if os.environ.get("SPEECH_ARCHIVE_REQUIRE_REDIS"):
            pytest.fail(reason)  # `make test` installed it: a missing server is a broken set-up, not a skip
        pytest.skip(reason)
    port = free_port()
    log = open(workdir / "redis.log", "wb")
    proc = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            if client.ping():
                break
        except redis.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"redis-server did not start: {(workdir / 'redis.log').read_text()}")
            time.sleep(0.05)
    client.close()
    return proc, url


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_redis(tmp_path_factory.mktemp("redis"))
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()
