"""The two scripts' jobs side by side: each in a forked worker process.

A job is a callable without arguments (a `functools.partial`); the workers are forked, so they
inherit the built texts without pickling them. Only the jobs' results travel back.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from edition.core.errors import EditionError, Problem

PR_SET_PDEATHSIG = 1   # linux/prctl.h
_JOBS: Sequence[Callable[[], Any]] = []   # the jobs of the running build, inherited by the forked workers
_FAILING: Any = None    # an Event shared by the running build's workers: set once the build must fail


def run_parallel(jobs: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run each job in a forked worker (inheriting the built texts without copying them). A worker
    that dies is an error, not a hang; an error inside one keeps its traceback as the cause."""
    global _JOBS, _FAILING
    _JOBS = jobs
    _FAILING = multiprocessing.get_context("fork").Event()
    pool = ProcessPoolExecutor(max_workers=len(jobs), mp_context=multiprocessing.get_context("fork"),
                               initializer=_die_with_parent)
    try:
        futures = [pool.submit(_run_job, index) for index in range(len(jobs))]
        return [future.result() for future in futures]
    except BrokenProcessPool:
        died = Problem("", "a build worker died (killed, or out of memory); nothing was written")
        raise EditionError([died]) from None
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):   # no orphans on Ctrl-C or SIGTERM
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _JOBS, _FAILING = [], None


def fail_build() -> None:
    """Say to the other workers of the running build that it fails: what they would still make is
    thrown away. Outside `run_parallel` (a job run in the calling process) nothing happens."""
    if _FAILING is not None:
        _FAILING.set()


def build_failing() -> bool:
    """Whether a worker of the running build has said that it fails (`fail_build`)."""
    return _FAILING is not None and _FAILING.is_set()


def _die_with_parent() -> None:
    """A worker ends when the process that started it is killed (Linux; elsewhere a no-op): an
    orphan would wait for work forever, holding the build's lock on the output folder."""
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:      # the parent died before the line above ran
        os._exit(1)


def _run_job(index: int) -> Any:
    return _JOBS[index]()
