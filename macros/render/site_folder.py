"""The published folder, replaced whole or not at all.

A build writes into a staging folder of its own next to the real one
(`site.building-<pid>`) and, only when everything has succeeded, swaps it in.
On Linux the swap is one atomic exchange (renameat2 with RENAME_EXCHANGE), so
there is never a moment with no `site/` or half of one; elsewhere it is two
renames, with a gap of microseconds. A lock file (`.site.lock`) makes a second
build of the same folder wait for the first, and whatever a killed build left
behind is cleared by the next one. If `site/` is a link, the folder it leads
to is what is replaced, and the link is left as it is. No knowledge of MkDocs.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path
from typing import Callable

try:
    import fcntl
except ImportError:  # Windows: builds are not locked against each other
    fcntl = None

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class SiteFolderError(Exception):
    """The folder cannot be prepared or published; the message says why and what to do."""


class SiteFolder:
    def __init__(self, target: str | os.PathLike, *, notice: Callable[[str], None] = print):
        # A site/ that is a link (to a web server's folder, say) stays a link:
        # the folder it leads to is the one replaced.
        self.target = Path(target).absolute()
        if self.target.is_symlink():
            self.target = self.target.resolve()
        self.staging = self.target.with_name(f"{self.target.name}.building-{os.getpid()}")
        self._lock_path = self.target.with_name(f".{self.target.name}.lock")
        self._lock = None
        self._notice = notice

    def open(self) -> Path:
        """Take the lock (waiting for another build), clear what earlier builds
        left, and return a new, empty staging folder."""
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._lock = open(self._lock_path, "a+")
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
        """Put the staging folder in place of the target, then delete the old one."""
        try:
            if not self.target.exists():
                os.rename(self.staging, self.target)
            elif not _exchange(self.staging, self.target):
                previous = self.target.with_name(f"{self.target.name}.previous-{os.getpid()}")
                os.rename(self.target, previous)
                os.rename(self.staging, self.target)
                shutil.rmtree(previous, ignore_errors=True)
            shutil.rmtree(self.staging, ignore_errors=True)  # the old site, after an exchange
        except OSError as error:
            raise self._cannot_write(error) from None
        finally:
            self.close()

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
        # staging or previous folder is what a killed build left behind.
        for prefix in (".building", ".previous"):
            for leftover in self.target.parent.glob(f"{self.target.name}{prefix}*"):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)

    def _cannot_write(self, error: OSError) -> SiteFolderError:
        reason = error.strerror or str(error)
        return SiteFolderError(
            f"The site cannot be written to {self.target} ({reason}: {error.filename or self.target.parent}). "
            "Check that the folder is writable and has space, or build elsewhere with: mkdocs build -d /path/to/site",
        )


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
