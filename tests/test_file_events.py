"""`mkdocs serve` polls for changes, and polls at once when the system reports one.

Each test polls every 30 s, far longer than it waits: a change seen within a
few seconds was seen because the system's file events rang the doorbell
(macros/file_events.py). Polling remains the only source of the changes
reported, so a stray event reports nothing, and without native events the
polling still finds every change."""

from __future__ import annotations

import queue
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver
from watchdog.utils.dirsnapshot import EmptyDirectorySnapshot

from macros import file_events
from macros.file_events import PromptPollingObserver, prompt_file_events

SLOW_POLL = 30.0
PROMPT = 5.0  # seconds: far under the poll, far over any event's delay

native_events = pytest.mark.skipif(file_events._NATIVE is None, reason="no native file events on this system")


class Heard(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: queue.Queue = queue.Queue()

    def on_any_event(self, event) -> None:
        if not event.is_directory:
            self.events.put(event)

    def next_path(self, within: float) -> str | None:
        try:
            return self.events.get(timeout=within).src_path
        except queue.Empty:
            return None


def _watching(path: Path, interval: float) -> tuple[PromptPollingObserver, Heard]:
    observer, heard = PromptPollingObserver(timeout=interval), Heard()
    observer.schedule(heard, str(path), recursive=True)
    observer.start()
    return observer, heard


def _polls_in(emitter, seconds: float) -> int:
    """How many polls the emitter makes in `seconds`, after its first snapshot (taken as it starts)."""
    deadline = time.monotonic() + PROMPT
    while type(emitter._snapshot) is EmptyDirectorySnapshot or emitter.native is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    polls = []
    take = emitter._take_snapshot
    emitter._take_snapshot = lambda: (polls.append(time.monotonic()), take())[1]
    time.sleep(seconds)
    return len(polls)


@native_events
def test_a_saved_file_is_polled_for_at_once(tmp_path):
    (tmp_path / "briefs").mkdir()
    brief = tmp_path / "briefs" / "a.yml"
    brief.write_text("title: A\n")
    observer, heard = _watching(tmp_path / "briefs", SLOW_POLL)
    try:
        started = time.monotonic()
        brief.write_text("title: B\n")
        assert heard.next_path(PROMPT) == str(brief)
        assert time.monotonic() - started < PROMPT
    finally:
        observer.stop()


@native_events
def test_a_watched_file_is_polled_for_when_its_folder_reports_a_change(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n")
    observer, heard = _watching(config, SLOW_POLL)
    try:
        config.write_text("site_name: B\n")
        assert heard.next_path(PROMPT) == str(config)
    finally:
        observer.stop()


def test_a_stray_ring_reports_nothing(tmp_path):
    (tmp_path / "a.yml").write_text("title: A\n")
    observer, heard = _watching(tmp_path, SLOW_POLL)
    try:
        for emitter in observer.emitters:
            emitter.doorbell.set()
        assert heard.next_path(1.0) is None
    finally:
        observer.stop()


def test_without_native_events_polling_alone_finds_the_change(tmp_path, monkeypatch):
    monkeypatch.setattr(file_events, "_NATIVE", None)
    brief = tmp_path / "a.yml"
    brief.write_text("title: A\n")
    observer, heard = _watching(tmp_path, 0.2)
    try:
        time.sleep(0.3)
        brief.write_text("title: B\n")
        assert heard.next_path(PROMPT) == str(brief)
    finally:
        observer.stop()
    # And not sooner than the poll: nothing else rang.
    slow, heard = _watching(tmp_path, SLOW_POLL)
    try:
        brief.write_text("title: C\n")
        assert heard.next_path(1.0) is None
    finally:
        slow.stop()


def _server(root: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))


@native_events
def test_what_mkdocs_watched_before_and_after_the_plugin_is_watched_promptly(tmp_path):
    docs, briefs, config = tmp_path / "docs", tmp_path / "briefs", tmp_path / "mkdocs.yml"
    for folder in (docs, briefs):
        folder.mkdir()
    config.write_text("site_name: A\n")
    server = _server(tmp_path / "site")
    server.watch(str(docs))  # what MkDocs watches before on_serve
    server.watch(str(config))

    def watches() -> set[tuple[str, bool]]:
        return {(e.watch.path, e.watch.is_recursive) for e in server.observer.emitters}

    before = watches()
    prompt_file_events(server)
    assert isinstance(server.observer, PromptPollingObserver)
    assert watches() == before
    server.watch(str(briefs))  # what mkdocs.yml's `watch:` adds after it
    assert watches() == before | {(str(briefs), True)}
    assert server.observer.timeout == 0.5  # the polling interval MkDocs chose
    server.observer.start()
    try:
        for changed in (briefs / "b.yml", config, docs / "index.md"):
            time.sleep(0.6)  # the first snapshots are taken
            with server._rebuild_cond:
                server._want_rebuild = False
            changed.write_text("changed\n")
            with server._rebuild_cond:
                assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=PROMPT), changed
        server.unwatch(str(briefs))
        assert watches() == before
    finally:
        server.observer.stop()


def test_a_server_unlike_the_one_it_was_written_for_is_left_alone(tmp_path):
    server = _server(tmp_path / "site")
    server.watch(str(tmp_path))
    server.observer.start()  # already watching: too late to move
    try:
        prompt_file_events(server)
        assert type(server.observer) is PollingObserver
    finally:
        server.observer.stop()
    other = _server(tmp_path / "site")
    del other._watched_paths
    prompt_file_events(other)
    assert type(other.observer) is PollingObserver


@native_events
def test_once_a_folders_events_arrive_its_poll_is_only_a_safety_net(tmp_path, monkeypatch):
    # Polling 10,000 briefs takes a twentieth of a second; where the system's
    # events are seen to arrive, polling twice a second only slows each rebuild.
    monkeypatch.setattr(file_events, "SAFETY_NET_POLL_SECONDS", SLOW_POLL)
    monkeypatch.setattr(file_events, "file_system_of", lambda path: "nfs")  # events not expected until seen
    brief = tmp_path / "a.yml"
    brief.write_text("title: A\n")
    observer, heard = _watching(tmp_path, 0.1)
    (emitter,) = observer.emitters
    polls = []
    take = emitter._take_snapshot
    emitter._take_snapshot = lambda: (polls.append(time.monotonic()), take())[1]
    try:
        time.sleep(0.6)
        assert len(polls) >= 3  # no event yet: polled every 0.1 s
        brief.write_text("title: B\n")
        assert heard.next_path(PROMPT) == str(brief)
        time.sleep(0.3)  # one save can ring twice (modified, then closed)
        rung = len(polls)
        time.sleep(0.6)
        assert len(polls) == rung  # now only the doorbell (or the safety net) polls
        brief.write_text("title: C\n")
        assert heard.next_path(PROMPT) == str(brief)  # and a save is still noticed at once
    finally:
        observer.stop()


@native_events
def test_a_change_no_event_announced_brings_back_polling_every_half_second(tmp_path, monkeypatch):
    # A folder replaced under its watch, a linked folder inside it, or a change
    # from outside a container: the poll finds what no event announced.
    monkeypatch.setattr(file_events, "SAFETY_NET_POLL_SECONDS", 1.0)
    brief = tmp_path / "a.yml"
    brief.write_text("title: A\n")
    observer, heard = _watching(tmp_path, 0.1)
    (emitter,) = observer.emitters
    try:
        time.sleep(0.3)
        brief.write_text("title: B\n")
        assert heard.next_path(PROMPT) == str(brief)
        time.sleep(0.3)
        assert emitter.rung
        emitter.native.stop()  # from now on no event arrives
        emitter.native.join()
        brief.write_text("title: C\n")
        assert heard.next_path(PROMPT) == str(brief)  # found by the safety net
        time.sleep(0.3)
        assert not emitter.rung
        assert _polls_in(emitter, 0.6) >= 3  # every 0.1 s again
    finally:
        observer.stop()


@native_events
@pytest.mark.parametrize("file_system, polled_often", [("ext4", False), ("tmpfs", False), ("nfs", True),
                                                       ("fuse.grpcfuse", True), ("9p", True), (None, True)])
def test_a_folder_on_a_local_disk_is_polled_only_as_a_safety_net_from_the_start(tmp_path, monkeypatch,
                                                                                file_system, polled_often):
    # Folders nobody has saved into yet (briefs/ before the first save) were
    # polled twice a second, which kept an idle `mkdocs serve` at 10,000 briefs
    # a quarter busy. On a network or shared folder, or where the system does
    # not say, events must first be seen to arrive.
    monkeypatch.setattr(file_events, "SAFETY_NET_POLL_SECONDS", SLOW_POLL)
    monkeypatch.setattr(file_events, "file_system_of", lambda path: file_system)
    brief = tmp_path / "a.yml"
    brief.write_text("title: A\n")
    observer, heard = _watching(tmp_path, 0.1)
    (emitter,) = observer.emitters
    try:
        polls = _polls_in(emitter, 0.6)
        assert (polls >= 3) if polled_often else (polls == 0), polls
        brief.write_text("title: B\n")
        assert heard.next_path(PROMPT) == str(brief)  # a save is noticed at once either way
    finally:
        observer.stop()


def test_the_file_system_is_the_one_mounted_closest_to_the_folder(tmp_path):
    table = tmp_path / "mountinfo"
    table.write_text(
        "22 1 0:21 / / rw,relatime - ext4 /dev/sda1 rw\n"
        "31 22 0:30 / /mnt rw - nfs server:/export rw,vers=4\n"
        "32 31 0:31 /share /mnt/team\\040drive rw,relatime shared:7 - cifs //server/team rw\n"
        "33 22 0:32 / /mnt/teamdrive rw - tmpfs tmpfs rw\n"
        "34 22 0:33 / /srv rw - ext4 /dev/sdb1 rw\n"
        "35 34 0:34 / /srv rw - fuse.sshfs host:/srv rw\n"  # mounted over the one before
        "not a mount line\n"
    )
    found = {path: file_events.file_system_of(path, str(table))
             for path in ["/", "/home/csp/site", "/mnt", "/mnt/teamdrive2", "/mnt/team drive/briefs",
                          "/mnt/teamdrive/briefs", "/srv/site"]}
    assert found == {"/": "ext4", "/home/csp/site": "ext4", "/mnt": "nfs", "/mnt/teamdrive2": "nfs",
                     "/mnt/team drive/briefs": "cifs", "/mnt/teamdrive/briefs": "tmpfs", "/srv/site": "fuse.sshfs"}
    assert file_events.file_system_of("/", str(tmp_path / "no-such-table")) is None
