"""`mkdocs serve` notices a save at once, not up to half a second later.

MkDocs finds changed files by polling the watched folders every half second.
It went back to polling from the operating system's file events because
those never arrive from Docker's shared folders or network drives
(mkdocs/mkdocs#2477), and a council's files may well live on one. So polling
stays, and stays the only source of the changes MkDocs hears about. What is
added is a doorbell: the system's own events (inotify, FSEvents,
ReadDirectoryChangesW) only make the folder's next poll happen now. Where
they never come, nothing is lost: the poll runs every half second as before.
Where they come, a save reaches the build in milliseconds. A stray event
costs one poll that finds nothing. And once a folder's events have been seen
to arrive, its poll is only a safety net, every few seconds: polling 10,000
briefs takes a twentieth of a second, which twice a second slowed every
rebuild. The same holds from the start for a folder on a local disk, whose
changes all pass through this machine's kernel (Linux says which file
system a folder is on): otherwise every folder not yet saved into (briefs/
until the first save, quizzes/, docs/) was polled twice a second, which
kept an idle `mkdocs serve` at 10,000 briefs a quarter busy. As soon as a
poll finds a change no event announced (the folder was replaced, a linked
folder inside it, a change made from outside a container), the folder is
polled every half second again.
"""

from __future__ import annotations

import logging
import os
import re
import threading

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingEmitter, PollingObserver

log = logging.getLogger("mkdocs.plugins.learning_briefs")

# Observers that hold one watch per folder, not one open file per file
# (kqueue would need 10,000 of those for 10,000 briefs), and do not poll.
_NATIVE = Observer if Observer.__name__ in {"InotifyObserver", "FSEventsObserver", "WindowsApiObserver"} else None
SAFETY_NET_POLL_SECONDS = 5.0  # how often a folder whose native events arrive is polled anyway
MOUNT_TABLE = "/proc/self/mountinfo"  # Linux: each mount's folder and file system
# File systems whose every change is made by this machine's kernel, which
# reports it. Not network or shared-folder ones (nfs, cifs, 9p, fuse,
# virtiofs: Docker's and WSL's shared folders), where events may never come.
LOCAL_FILE_SYSTEMS = frozenset({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "bcachefs", "zfs", "f2fs", "jfs", "reiserfs", "tmpfs", "ramfs", "overlay",
})


class _Ring(FileSystemEventHandler):
    def __init__(self, doorbell: threading.Event) -> None:
        self.doorbell = doorbell

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.doorbell.set()


class PromptPollingEmitter(PollingEmitter):
    """MkDocs' polling, which also polls as soon as a native event comes in
    for the watched path (or, for a watched file, for its folder)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.doorbell = threading.Event()
        self.native: BaseObserver | None = None
        self.rung = False  # the system's events are known (or, on a local disk, expected) to arrive for this watch
        self._found = False  # the poll under way found a change

    def on_thread_start(self) -> None:
        super().on_thread_start()
        self.native = native_doorbell(self.watch, self.doorbell)
        self.rung = self.native is not None and file_system_of(self.watch.path) in LOCAL_FILE_SYSTEMS

    def on_thread_stop(self) -> None:
        super().on_thread_stop()
        if self.native is not None:
            self.native.stop()
        self.doorbell.set()  # so the wait below ends now

    def queue_events(self, timeout: float) -> None:
        # Clearing before the poll, not after: a change made during the poll
        # rings again, and is polled for straight away.
        rang = self.doorbell.wait(max(timeout, SAFETY_NET_POLL_SECONDS) if self.rung else timeout)
        self.doorbell.clear()
        self._found = False
        super().queue_events(0)
        # A change the doorbell did not announce: its events do not (all) arrive here.
        self.rung = rang or (self.rung and not self._found)

    def queue_event(self, event: FileSystemEvent) -> None:
        self._found = True
        super().queue_event(event)


class PromptPollingObserver(BaseObserver):
    def __init__(self, *, timeout: float) -> None:
        super().__init__(PromptPollingEmitter, timeout=timeout)


def native_doorbell(watch: ObservedWatch, doorbell: threading.Event) -> BaseObserver | None:
    """A native observer that rings `doorbell` on any event under the watched
    path, or None where there is none to be had (the platform has no
    suitable one, or it refuses, for example at the system's limit of
    watches): polling alone then finds the changes, as in plain MkDocs."""
    if _NATIVE is None:
        return None
    folder, recursive = watch.path, watch.is_recursive
    if not os.path.isdir(folder):
        folder, recursive = os.path.dirname(folder) or ".", False
    native = _NATIVE()
    try:
        native.schedule(_Ring(doorbell), folder, recursive=recursive)
        native.start()
    except (OSError, RuntimeError) as error:
        log.debug("No native file events for %s (%s); polling only", folder, error)
        native.stop()
        return None
    return native


def file_system_of(path: str, mount_table: str = MOUNT_TABLE) -> str | None:
    """The kind of file system `path` is on ("ext4", "nfs", ...), from the
    mount whose folder holds it most closely; None where the system does not
    say (not Linux) or the path cannot be resolved."""
    try:
        where = os.path.realpath(path)
        with open(mount_table, encoding="utf-8", errors="replace") as table:
            lines = table.read().splitlines()
    except OSError:
        return None
    best, kind = "", None
    for line in lines:
        # "36 35 98:0 /root /mnt/a\040b rw,noatime master:1 - ext3 /dev/root rw": the mount's
        # folder is the fifth field (spaces written \040), the file system follows " - ".
        fields, _, after = line.partition(" - ")
        fields, after = fields.split(), after.split()
        if len(fields) < 5 or not after:
            continue
        folder = re.sub(r"\\([0-7]{3})", lambda octal: chr(int(octal[1], 8)), fields[4])
        inside = where == folder or where.startswith(folder.rstrip("/") + "/")
        if inside and len(folder) >= len(best):
            best, kind = folder, after[0]
    return kind


def prompt_file_events(server) -> None:
    """Move what `server` (MkDocs' LiveReloadServer, before it serves) watches
    to a PromptPollingObserver. Left as it is unless it is the MkDocs this was
    written against: its observer a PollingObserver not yet started, and its
    watched paths where MkDocs 1.6 keeps them."""
    observer = getattr(server, "observer", None)
    watched = getattr(server, "_watched_paths", None)
    if type(observer) is not PollingObserver or observer.is_alive() or not isinstance(watched, dict):
        return
    again = list(watched.items())
    for path, times in again:
        for _ in range(times):
            server.unwatch(path)
    server.observer = PromptPollingObserver(timeout=observer.timeout)
    for path, times in again:
        for _ in range(times):
            server.watch(path)
