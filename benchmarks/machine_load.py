"""How busy the machine was, from /proc (Linux): what the benchmarks use to tell the
code's figures from the load's.

Rates by wall time hold whatever else runs on the cores; CPU time per page does
not. `OtherJobs` measures the share of the machine that processes outside the
benchmark's own process tree took while it ran; past BUSY_SHARE a benchmark
gives its rates no verdict.
"""
from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
# Beyond this share of the machine's cores used by other processes, rates are the load's.
BUSY_SHARE = 0.15
# How often a sampler looks at a process tree's CPU and memory (seconds).
SAMPLE_EVERY_S = 0.1


def machine_busy_s() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat: everything but idle and iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICKS


@dataclass
class Sample:
    """One look at a process tree in /proc (Linux): resident memory and CPU seconds used so far."""

    rss_kb: dict[int, int]
    cpu_s: dict[int, float]


def sample_tree(root: int) -> Sample:
    """RSS and CPU time (user + system) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        match = re.search(r"VmRSS:\s+(\d+)", status)
        rss[pid] = int(match.group(1)) if match else 0
        cpu[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return Sample({p: rss.get(p, 0) for p in tree}, {p: cpu[p] for p in tree if p in cpu})


class OtherJobs:
    """The share of the machine that processes other than this benchmark's use from now until `done`.

    The benchmark's own CPU is this process's plus either what the caller passes
    to `done` (a child it sampled itself) or, with `own_children=True`, this
    process's descendants (worker pools), sampled by a thread every SAMPLE_EVERY_S.
    """

    def __init__(self, own_children: bool = False) -> None:
        self._busy, self._own, self._wall = machine_busy_s(), time.process_time(), time.perf_counter()
        self.share = 0.0
        self._children_cpu: dict[int, float] = {}  # descendant pid -> its CPU seconds when last seen
        self._stop = threading.Event()
        self._sampler = None
        if own_children:
            self._sampler = threading.Thread(target=self._sample_children, daemon=True)
            self._sampler.start()

    def _sample_children(self) -> None:
        me = os.getpid()
        while True:
            seen = sample_tree(me).cpu_s
            seen.pop(me, None)
            self._children_cpu.update(seen)
            if self._stop.wait(SAMPLE_EVERY_S):
                return

    def done(self, child_cpu_s: float = 0.0) -> None:
        """Call at the end, with the CPU seconds of a child process tree the caller sampled itself."""
        if self._sampler is not None:
            self._stop.set()
            self._sampler.join()
        own = time.process_time() - self._own + child_cpu_s + sum(self._children_cpu.values())
        others = machine_busy_s() - self._busy - own
        self.share = max(0.0, others) / ((time.perf_counter() - self._wall) * (os.cpu_count() or 1))
