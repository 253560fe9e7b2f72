"""The two scripts' jobs side by side: each in a forked worker process.

A job is a callable without arguments (a `functools.partial`); the workers are forked, so they
inherit the built texts without pickling them. Only the jobs' results travel back, each through a
pipe of its own whose writing end only its worker holds: a worker that dies, even in the middle of
sending, is an end of file to the build, never a wait; and the workers share no lock (a process
pool's share their queues' locks: a build sent SIGTERM hung in CI, one worker waiting for ever on
the lock of the queue the other was killed holding). A build ended by a signal kills its workers,
waits for them and exits.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from edition.core.errors import EditionError, Problem

PR_SET_PDEATHSIG = 1   # linux/prctl.h
_JOBS: Sequence[Callable[[], Any]] = []   # the jobs of the running build, inherited by the forked workers
_FAILING: Any = None    # a byte shared by the running build's workers, 1 once the build must fail (no lock: a
                        # worker killed while holding one would stop the other for ever)


def run_parallel(jobs: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run each job in a forked worker (inheriting the built texts without copying them) and return
    their results in order. A worker that dies is an error, not a hang; an error inside one is
    raised here with its traceback as the cause. Interrupted (Ctrl-C, a signal the build turns into
    an exit), the workers are killed and waited for before the interruption goes on."""
    global _JOBS, _FAILING
    context = multiprocessing.get_context("fork")
    _JOBS = jobs
    _FAILING = context.RawValue("b", 0)
    workers: list[tuple[Any, Connection]] = []
    try:
        for index in range(len(jobs)):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(index, writer))
            process.start()
            writer.close()                # the worker's end alone: its death closes the pipe
            workers.append((process, reader))
        return [_result(reader) for _, reader in workers]
    except BaseException:
        for process, _ in workers:        # no orphans on Ctrl-C, SIGTERM or an error
            process.kill()
        raise
    finally:
        for process, reader in workers:
            process.join()
            reader.close()
        _JOBS, _FAILING = [], None


class WorkerTraceback(Exception):
    """The traceback of an error raised in a worker, as the cause of the same error raised here."""

    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


def _result(reader: Connection) -> Any:
    try:
        outcome, value = reader.recv()
    except EOFError:                      # the worker ended before its result was whole
        raise EditionError([Problem("", "a build worker died (killed, or out of memory); nothing was written")]) \
            from None
    if outcome == "error":
        error, trace = value
        raise error from WorkerTraceback(trace)
    return value


def _work(index: int, writer: Connection) -> None:
    """A worker: its job's result, or the error it raised with its traceback, sent back once."""
    _die_with_parent()
    try:
        sent: tuple = ("result", _JOBS[index]())
    except BaseException as error:   # the build raises it, whatever it is
        sent = ("error", (error, traceback.format_exc()))
    try:
        writer.send(sent)
    except Exception as error:      # a result or error that does not pickle
        writer.send(("error", (RuntimeError(f"a build worker's result could not be sent back: {error!r}"),
                               traceback.format_exc())))
    writer.close()


def fail_build() -> None:
    """Say to the other workers of the running build that it fails: what they would still make is
    thrown away. Outside `run_parallel` (a job run in the calling process) nothing happens."""
    if _FAILING is not None:
        _FAILING.value = 1


def build_failing() -> bool:
    """Whether a worker of the running build has said that it fails (`fail_build`)."""
    return _FAILING is not None and _FAILING.value == 1


def _die_with_parent() -> None:
    """A worker ends when the process that started it is killed (Linux; elsewhere a no-op): an
    orphan would hold the build's lock on the output folder. SIGTERM and SIGHUP end it at once, as
    the default action does (the build's handlers, inherited, turn them into an exit that unwinds)."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:      # the parent died before the line above ran
        os._exit(1)
