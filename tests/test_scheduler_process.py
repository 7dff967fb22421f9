"""The scheduler's child-process side: the per-site lock and the time limit, on real processes."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import scheduler as sched

# A child that ignores SIGTERM: only SIGKILL ends it (a hung crawl).
STUBBORN = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('up', flush=True); time.sleep(120)"
# A child that exits 0 on SIGTERM after a short clean-up (a crawl stopping at a page boundary).
POLITE = ("import signal, sys, time\n"
          "def bye(*_): time.sleep(0.2); sys.exit(0)\n"
          "signal.signal(signal.SIGTERM, bye)\n"
          "time.sleep(120)\n")


def test_site_lock_excludes_a_second_holder(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with sched.site_lock(db, "alpha") as first:
        assert first is not None
        with sched.site_lock(db, "alpha") as second:
            assert second is None  # same site: refused
        with sched.site_lock(db, "beta") as other:
            assert other is not None  # another site: fine
    with sched.site_lock(db, "alpha") as again:
        assert again is not None  # released on exit
    assert sched.lock_path(db, "alpha") == tmp_path / "archive.db.locks" / "alpha.lock"


def test_site_lock_is_held_by_the_child_after_the_parent_lets_go(tmp_path: Path) -> None:
    """A crawl child that outlives a killed scheduler keeps its site locked."""
    db = tmp_path / "archive.db"
    with sched.site_lock(db, "alpha") as fd:
        assert fd is not None
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(2)"], pass_fds=(fd,))
    try:
        # Another process (not just another fd here) must find the lock taken.
        probe = ("import sys, scheduler as s, pathlib\n"
                 "with s.site_lock(pathlib.Path(sys.argv[1]), 'alpha') as fd: sys.exit(0 if fd is None else 1)")
        held = subprocess.run([sys.executable, "-c", probe, str(db)], cwd=Path(sched.__file__).parent)
        assert held.returncode == 0, "lock was free while the child still ran"
    finally:
        child.wait(timeout=10)
    with sched.site_lock(db, "alpha") as fd:
        assert fd is not None  # the kernel dropped it when the child exited


def test_supervise_time_limit_sigterm_then_sigkill() -> None:
    start = time.monotonic()
    outcome = sched.supervise([sys.executable, "-c", STUBBORN], name="stubborn", limit=1.0,
                              stop_grace=1.0, stop=threading.Event(), poll=0.05)
    assert outcome.reason == "timeout" and outcome.killed
    assert outcome.returncode == -9
    assert 2.0 <= time.monotonic() - start < 30
    assert "stubborn" not in sched.running_crawls()


def test_supervise_stop_forwards_sigterm_and_lets_the_child_finish() -> None:
    stop = threading.Event()
    result: list[sched.ChildOutcome] = []
    worker = threading.Thread(target=lambda: result.append(sched.supervise(
        [sys.executable, "-c", POLITE], name="polite", limit=60, stop_grace=30, stop=stop, poll=0.05)))
    worker.start()
    deadline = time.monotonic() + 10
    while "polite" not in sched.running_crawls() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # let the child install its handler
    stop.set()
    worker.join(timeout=30)
    assert result and result[0].reason == "stopped"
    assert result[0].returncode == 0 and not result[0].killed  # it finished its clean-up


def test_supervise_plain_exit_is_reported_as_is() -> None:
    outcome = sched.supervise([sys.executable, "-c", "import sys; sys.exit(3)"], name="quick",
                              limit=60, stop_grace=1, stop=threading.Event(), poll=0.05)
    assert (outcome.reason, outcome.returncode, outcome.killed) == ("exited", 3, False)


def test_child_runs_in_its_own_session() -> None:
    """Ctrl-C on the scheduler's terminal must not reach the crawl directly."""
    code = "import os; print(os.getsid(0))"
    out = subprocess.run([sys.executable, "-c",
                          "import scheduler, sys, threading\n"
                          f"scheduler.supervise([sys.executable, '-c', {code!r}], name='s', limit=30, "
                          "stop_grace=1, stop=threading.Event())"],
                         capture_output=True, text=True, cwd=Path(sched.__file__).parent, timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) != os.getsid(0)
