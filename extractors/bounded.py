"""Read an untrusted file in a child process with bounded time and memory."""
from __future__ import annotations

import multiprocessing as mp
import queue
import resource
import time
from pathlib import Path

from extractors.base import Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.grid import Document
from extractors.limits import LIMITS


def _child(path: str, name: str, out: mp.Queue) -> None:
    limit = LIMITS.MAX_MEMORY_MB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from extractors.registry import read_document

    try:
        with open(path, "rb") as fp:
            doc = read_document(fp, name, lambda done, total, doing="": out.put(("progress", (done, total, doing))))
        out.put(("done", doc))
    except UnreadableFile as exc:
        out.put(("error", str(exc)))
    except MemoryError:
        out.put(("error", f"{name} needs more memory than perfbooks allows for one file; it may be damaged."))
    except RecursionError:
        out.put(("error", f"{name} refers to itself in a loop and cannot be read."))
    except Exception:  # any other failure inside a third-party reader
        out.put(("error", f"{name} could not be read: it may be damaged or not the kind of file its name says."))


def read_bounded(path: str | Path, name: str | None = None, progress: Progress = no_progress,
                 seconds: float = LIMITS.MAX_SECONDS) -> Document:
    """The document in a file, read in a child process; any failure raises UnreadableFile."""
    name = name or Path(path).name
    out: mp.Queue = mp.get_context("fork").Queue()
    child = mp.get_context("fork").Process(target=_child, args=(str(path), name, out), daemon=True)
    child.start()
    deadline = time.monotonic() + seconds
    try:
        return _wait(child, out, deadline, name, progress)
    finally:
        if child.is_alive():
            child.kill()
        child.join(1)


def _wait(child, out: mp.Queue, deadline: float, name: str, progress: Progress) -> Document:
    while True:
        try:
            kind, payload = out.get(timeout=0.2)
        except queue.Empty:
            if time.monotonic() > deadline:
                raise UnreadableFile(f"{name} took longer than {LIMITS.MAX_SECONDS:.0f} seconds to read and was stopped.") from None
            if not child.is_alive() and out.empty():
                raise UnreadableFile(f"{name} could not be read: the reader stopped unexpectedly (the file may be damaged).") from None
            continue
        if kind == "progress":
            done, total, doing = payload
            progress(done, total, doing) if doing else progress(done, total)
        elif kind == "done":
            return payload
        else:
            raise UnreadableFile(payload)
