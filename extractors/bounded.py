"""Read an untrusted file in a child process with bounded time and memory.

The child leads its own process group, so stopping it also stops whatever it started (tesseract).
`then` (run in the same child after the read) turns the document into what the caller wants, under
its own time bound, so nothing an untrusted file leads to runs unbounded in the caller's process.

"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from extractors.base import Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.grid import Document
from extractors.limits import LIMITS, Limits
from extractors.problems import Problem, problem


def memory_cap(limits: Limits = LIMITS) -> int:
    """Bytes of address space a reader may take: perfbooks' limit, or the lower one already in
    force."""
    ours = limits.MAX_MEMORY_MB * 2**20
    in_force = [v for v in resource.getrlimit(resource.RLIMIT_AS) if v != resource.RLIM_INFINITY]
    return min([ours, *in_force])


def inherited_bytes() -> int:
    """Address space a forked child starts with: its parent's (a process that has drawn a chart
    with vl-convert reserves tens of GB it never touches)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(limits: Limits) -> None:
    """The reader may take its budget on top of what it inherits, never past a limit in force."""
    in_force = [v for v in resource.getrlimit(resource.RLIMIT_AS) if v != resource.RLIM_INFINITY]
    cap = min([inherited_bytes() + memory_cap(limits), *in_force])
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))


class Sender:
    """The child's end of the pipe to the caller: each message is written at once, by the thread
    that sends it (a queue's feeder thread is one a child at its memory limit may be unable to
    start, and it would then wait for ever)."""

    def __init__(self, connection):
        self.connection = connection

    def put(self, message) -> None:
        self.connection.send(message)


def _die_with_parent() -> None:
    """Ask Linux to kill this child when the process that started it dies: no orphaned reader."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the caller's time limit still applies
        pass


def _child(work: Callable[[Sender], object], name: str, limits: Limits, out: Sender) -> None:
    try:
        _die_with_parent()
        os.setpgid(0, 0)
        _limit_memory(limits)
        out.put(("done", work(out)))
    except UnreadableFile as exc:
        out.put(("error", exc.problem))
    except MemoryError:
        out.put(("error", problem("out_of_memory", name, mb=memory_cap(limits) // 2**20)))
    except RecursionError:
        out.put(("error", problem("self_reference", name)))
    except Exception:  # any other failure inside a third-party reader
        out.put(("error", problem("reader_failed", name)))


def _read(path: str, name: str, then: Callable | None, limits: Limits, out: Sender):
    from extractors.inflate import refuse_pdf_bomb
    from extractors.registry import read_document

    def progress(done, total, doing=""):
        out.put(("progress", (done, total, doing)))

    with open(path, "rb") as fp:
        refuse_pdf_bomb(fp.read(limits.MAX_BYTES + 1), name, limits)
        fp.seek(0)
        doc = read_document(fp, name, progress, limits)
    if then is None:
        return doc
    out.put(("read", None))
    return then(doc)


def read_bounded(
    path: str | Path,
    name: str | None = None,
    progress: Progress = no_progress,
    then: Callable[[Document], object] | None = None,
    limits: Limits = LIMITS,
):
    """The document in a file (or `then(document)`), worked out in a child process within the
    limits; failures raise UnreadableFile.

    Reading may take MAX_SECONDS, then `then` may take MAX_INTERPRET_SECONDS.

    """
    name = name or Path(path).name
    deadline = Deadline(name, limits.MAX_SECONDS, limits.MAX_INTERPRET_SECONDS)
    return _bounded(partial(_read, str(path), name, then, limits), deadline, progress, limits)


def run_bounded(
    work: Callable[[], object], name: str, interpreting: bool = False, limits: Limits = LIMITS
):
    """`work()` for a file already read (a page image, cells, a document read again with a taught
    layout), in the same kind of child with the same memory cap, within MAX_SECONDS; failures
    raise UnreadableFile.

    `interpreting` says the file was read and only its tables are worked out again (within
    MAX_INTERPRET_SECONDS, and the sentence when time runs out says so).

    """
    deadline = Deadline(name, limits.MAX_SECONDS, limits.MAX_INTERPRET_SECONDS)
    if interpreting:
        deadline.interpreting()
    return _bounded(lambda out: work(), deadline, no_progress, limits)


def _bounded(
    work: Callable[[Sender], object], deadline: Deadline, progress: Progress, limits: Limits
):
    context = mp.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(work, deadline.name, limits, Sender(sender)), daemon=True
    )
    child.start()
    sender.close()  # the child holds the only writing end: its exit is the end of the pipe
    _lead_group(child.pid)
    try:
        return _wait(child, receiver, deadline, progress)
    finally:
        stop_group(child.pid)
        child.join(1)
        receiver.close()


def _lead_group(pid: int) -> None:
    """Make the child its own group's leader from this side too (whichever runs first wins the
    race)."""
    try:
        os.setpgid(pid, pid)
    except OSError:  # the child already did it, or has finished
        pass


def stop_group(pid: int) -> None:
    """Kill a child and every process it started."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:  # no such group left: try the child alone
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


class Deadline:
    """The time left to read a file, then (once read) to interpret it; the sentence when it runs
    out."""

    def __init__(self, name: str, seconds: float, then_seconds: float):
        self.name, self.seconds, self.then_seconds, self.reading = name, seconds, then_seconds, True
        self.at = time.monotonic() + seconds

    def interpreting(self) -> None:
        self.reading, self.seconds = False, self.then_seconds
        self.at = time.monotonic() + self.seconds

    def passed(self) -> bool:
        return time.monotonic() > self.at

    def problem(self) -> Problem:
        kind = "slow_read" if self.reading else "slow_interpretation"
        return problem(kind, self.name, seconds=self.seconds)


def _wait(child, receiver, deadline: Deadline, progress: Progress):
    while True:
        if deadline.passed():
            raise UnreadableFile(deadline.problem())
        if not receiver.poll(0.2):
            continue
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):  # the child ended without a word: killed, or out of memory
            raise UnreadableFile(problem("reader_stopped", deadline.name)) from None
        if kind == "progress":
            done, total, doing = payload
            progress(done, total, doing) if doing else progress(done, total)
        elif kind == "read":
            deadline.interpreting()
        elif kind == "done":
            return payload
        else:
            raise UnreadableFile(payload)
