"""The published folder, replaced whole or not at all.

A build writes into a staging folder of its own next to the real one
(`site.building-<pid>`) and, only when everything has succeeded, swaps it in.
On Linux the swap is one atomic exchange (renameat2 with RENAME_EXCHANGE), so
there is never a moment with no `site/` or half of one; elsewhere it is two
renames, with a gap of microseconds. A lock file (`.site.lock`) makes a second
build of the same folder wait for the first, and whatever a killed build left
behind is cleared by the next one. The replaced site is deleted by a detached
process (`.site.deleting-…`), so the build does not wait for it. If `site/`
is a link, the folder it leads to is what is replaced, and the link is left
as it is.

`mkdocs serve` is the exception: its folder is a temporary one that only the
preview reads, and it is updated in place, file by file (PreviewFolder), so
that a save costs what it changes. No knowledge of MkDocs.
"""

from __future__ import annotations

import ctypes
import errno
import filecmp
import os
import posixpath
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterable

try:
    import fcntl
except ImportError:  # Windows: builds are not locked against each other
    fcntl = None

_RENAME_EXCHANGE = 2
# How long a preview's data stage holds the interpreter before handing it to a
# thread waiting for it (Python's default is 5 ms). The server's threads wait
# for it at every step of answering the browser's reload: at 10,000 briefs the
# reload took 0.25-0.45 s behind the data stage, and 0.15-0.2 s at this setting.
DATA_STAGE_SWITCH_SECONDS = 0.0005
_DELETING = ".deleting-"  # a replaced site being deleted: ".site.deleting-<pid>-<random>"
_AT_FDCWD = -100


class SiteFolderError(Exception):
    """The folder cannot be prepared or published; the message says why and what to do."""


def overlap_problem(target: str | os.PathLike, project: Path, written_in: dict[str, Path]) -> str | None:
    """Why `target` may not be a site folder: publishing replaces the whole
    folder and deletes what was in it. It may be inside the project (site/),
    but not the project itself or a folder holding it; and it may not be, hold
    or sit inside any of the folders people write in (`written_in`, what each
    is to its path)."""
    target = Path(target).absolute().resolve()
    if Path(project).absolute().resolve().is_relative_to(target):
        return "is the project folder" if target == Path(project).absolute().resolve() else "holds the project folder"
    for name, folder in written_in.items():
        folder = Path(folder).absolute().resolve()
        if target == folder:
            return f"is {name}"
        if folder.is_relative_to(target):
            return f"holds {name}"
        if target.is_relative_to(folder):
            return f"is inside {name}"
    return None


class SiteFolder:
    def __init__(self, target: str | os.PathLike, *, notice: Callable[[str], None] = print):
        # A site/ that is a link (to a web server's folder, say) stays a link:
        # the folder it leads to is the one replaced.
        self.target = Path(target).absolute()
        if self.target.is_symlink():
            self.target = self.target.resolve()
        self.staging = self.target.with_name(f"{self.target.name}.building-{os.getpid()}")
        self.lock_path = self.target.with_name(f".{self.target.name}.lock")
        self._lock = None
        self._notice = notice

    def open(self) -> Path:
        """Take the lock (waiting for another build), clear what earlier builds
        left, and return a new, empty staging folder."""
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.lock_path, "a+")
        except OSError as error:
            raise self._cannot_write(error) from None
        if fcntl is not None:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._notice(f"Another build of {self.target} is running; waiting for it to finish.")
                fcntl.flock(self._lock, fcntl.LOCK_EX)
        self._clear_leftovers()
        try:
            self.staging.mkdir()
        except OSError as error:
            self.close()
            raise self._cannot_write(error) from None
        return self.staging

    def publish(self) -> None:
        """Put the staging folder in place of the target; the old site is
        deleted after the build has finished (`_delete_later`)."""
        old = None
        try:
            if not self.target.exists():
                os.rename(self.staging, self.target)
            elif _exchange(self.staging, self.target):
                old = self.staging
            else:
                old = self.target.with_name(f"{self.target.name}.previous-{os.getpid()}")
                os.rename(self.target, old)
                os.rename(self.staging, self.target)
        except OSError as error:
            self.close()
            raise self._cannot_write(error) from None
        # The new site is in place: nothing after this may fail the build.
        if old is not None:
            # Out of the way at once, under a name the next build clears if
            # this one's deleting is cut short (as it would the old name).
            trash = self.target.with_name(f".{self.target.name}{_DELETING}{os.getpid()}-{os.urandom(4).hex()}")
            try:
                os.rename(old, trash)
                old = trash
            except OSError:
                pass
        self.close()
        if old is not None:
            _delete_later(old)

    def discard(self) -> None:
        """Forget this build: the target stays exactly as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self.close()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None

    def _clear_leftovers(self) -> None:
        # Holding the lock, no other build of this folder is running: any
        # staging or previous folder is what a killed build left behind, and
        # a replaced site still here is one whose deleting was cut short.
        # Only names of exactly the shapes builds make: never a backup such
        # as "site.previous", nor a folder whose name only matches by pattern.
        name = re.escape(self.target.name)
        ours = re.compile(rf"{name}\.(?:building|previous)-\d+|\.{name}{re.escape(_DELETING)}\d+-[0-9a-f]+")
        for leftover in self.target.parent.iterdir():
            if ours.fullmatch(leftover.name) and leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)

    def _cannot_write(self, error: OSError) -> SiteFolderError:
        reason = error.strerror or str(error)
        return SiteFolderError(
            f"The site cannot be written to {self.target} ({reason}: {error.filename or self.target.parent}). "
            "Check that the folder is writable and has space, or build elsewhere with: mkdocs build -d /path/to/site",
        )


class PreviewFolder:
    """The folder `mkdocs serve` serves, kept from one rebuild to the next, so
    that a saved file rewrites only the pages it touches.

    MkDocs empties its output folder before every build, so it is given a
    scratch folder of its own for the theme's pages and files (`scratch`); the
    build writes its own pages and data straight into the served folder, and
    `publish` then copies in what changed in the scratch folder and deletes
    what the build no longer has. The data files (search, downloads, open
    data) follow in the background (`write_data_later`), so the browser shows
    a saved brief without waiting for them. What each page was made from is
    remembered here (`fingerprints`), and the text of each data file, for
    the next build to compare."""

    def __init__(self, served: str | os.PathLike, *, notice: Callable[[str], None] = print):
        self.served = Path(served)
        self.scratch = Path(tempfile.mkdtemp(prefix="learning-briefs-preview-"))
        self.shared: tuple | None = None  # Site.shared_inputs of the last build that finished
        self.fingerprints: dict[str, object] = {}  # output path -> what the page there was made from, or the data file's text
        self.data_files: set[str] = set()  # the data files the last build wrote or kept here
        self._published: set[str] = set()  # every file the last build left in the served folder
        self._writing = False  # a build has started writing here and not yet published
        # Files may be here that no build listed: left by a build that failed
        # half-way, or there before the first. The next publish looks for them.
        self._strays = True
        self._data_stage: threading.Thread | None = None  # write_data_later's, until settle()
        self._notice = notice  # how a data stage that failed is reported

    def forget(self) -> None:
        """A build has started writing: until it finishes, no page on disk is known to be current."""
        if self._writing:  # the last build began writing and never published
            self._strays = True
        self.shared, self.fingerprints, self._writing = None, {}, True

    def remember(self, shared: tuple, fingerprints: dict[str, object]) -> None:
        self.shared, self.fingerprints = shared, fingerprints

    def publish(self, written: Iterable[str]) -> None:
        """Bring the served folder to this build: the files the build wrote (or
        kept) there itself, `written`, and the theme's from the scratch folder,
        copied only when they differ; then delete the rest of the last build's."""
        ours = set(written)
        current = set(ours)
        for source in self.scratch.rglob("*"):
            if source.is_dir():
                continue
            relative = source.relative_to(self.scratch).as_posix()
            if relative in ours:
                continue  # the theme's page for a folder depth, filled by the build (shell.py)
            current.add(relative)
            target = self.served / relative
            if not (target.is_file() and filecmp.cmp(source, target, shallow=False)):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        listed = self._published
        if self._strays:
            listed = {p.relative_to(self.served).as_posix() for p in self.served.rglob("*") if not p.is_dir()}
        for stale in listed - current:
            self._delete(stale)
        if self._strays:  # and folders a failed build made and never wrote into
            for folder in sorted((p for p in self.served.rglob("*") if p.is_dir()), reverse=True):
                if not any(folder.iterdir()):
                    folder.rmdir()
        self._published, self._writing, self._strays = current, False, False

    def write_data_later(self, stage: Callable[[], set[str]]) -> None:
        """Run `stage`, which writes the data files and returns every one it
        wrote or kept, in the background: the browser reloads once the pages
        are published, without waiting for 175 MB of downloads and open data
        at 10,000 briefs. The next build waits for it (`settle`). Meanwhile
        the server may read a data file: each is replaced whole
        (outputs.DataFiles), so a reader gets the last version or this one.
        Until a first set is in place the stage runs here, so that a preview
        starts with its search and downloads working."""
        self.settle()
        first = not self.data_files

        def run() -> None:
            switch = sys.getswitchinterval()
            sys.setswitchinterval(min(switch, DATA_STAGE_SWITCH_SECONDS))
            try:
                written = stage()
            except Exception as error:  # reported now; the next build then rewrites everything
                self.forget()
                self._strays = True
                self._notice(f"The preview's data files (search, downloads, open data) could not be written: {error} "
                             "Save again, or restart mkdocs serve.")
                return
            finally:
                sys.setswitchinterval(switch)
            for stale in self.data_files - written:  # a search piece no longer needed, say
                self._delete(stale)
            self._published = (self._published - self.data_files) | written
            self.data_files = written

        stage_thread = threading.Thread(target=run, name="preview data files")
        stage_thread.start()
        self._data_stage = stage_thread
        if first:
            self.settle()

    def settle(self) -> None:
        """Wait for the data files of the last build (write_data_later)."""
        if self._data_stage is not None:
            self._data_stage.join()
            self._data_stage = None

    def wait_for_data(self, relative: str) -> None:
        """For the server, before it reads `relative`: if that is a data file
        (or one beside them, such as a new piece of the search index), wait
        until the data files being written are all in place. So a reader never
        gets a file changing under it, nor a search catalogue listing pieces
        not yet written. Pages and the theme's files are served at once."""
        stage = self._data_stage
        if stage is None or relative.endswith((".html", "/")) or relative == "":
            return
        if posixpath.dirname(relative) in {posixpath.dirname(name) for name in self.data_files}:
            stage.join()

    def _delete(self, relative: str) -> None:
        """Delete a file, and the folders it leaves empty."""
        target = self.served / relative
        target.unlink(missing_ok=True)
        for folder in target.parents:  # a deleted brief's folder goes too
            if folder == self.served or any(folder.iterdir()):
                break
            folder.rmdir()

    def close(self) -> None:
        self.settle()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _delete_later(folder: Path) -> None:
    """Delete a replaced site in a process of its own, so the build ends as
    soon as the new site is in place: removing 25,000 files took 5 of the 45
    seconds of a build of 10,000 briefs. The process is detached from the
    build's terminal and output, so nothing waits for it; without fork
    (Windows) the folder is deleted here."""
    try:
        child = os.fork() if hasattr(os, "fork") else None
    except OSError:  # no process to spare
        child = None
    if child is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    if child:
        try:
            os.waitpid(child, 0)  # the first child only starts the second, and leaves no zombie
        except ChildProcessError:  # already reaped (SIGCHLD ignored)
            pass
        return
    try:
        try:
            second = os.fork()
        except OSError:
            second = 0  # the first child deletes it, and the build waits
        if second == 0:  # the second child, adopted by init when the first exits
            os.setsid()
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            os.closerange(3, 65536)  # no pipe or lock of the build's stays open behind it
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        os._exit(0)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
