"""Outputs that are whole or absent.

A file target is written as a temporary file beside it (same folder, so the rename is
atomic on one file system), flushed to disk, and renamed over the target only when the run
succeeded; on any failure or signal the temporary file is removed and the target is left
as it was. Two runs writing one target each rename a whole file: the last one wins, never a
mix. A target that is not a regular file (``-`` for stdout, ``/dev/null``, a pipe) cannot be
renamed over and is written directly.

``refuse_overwriting_input`` refuses an output that is the input (the same file through a
symlink or a hard link too): renaming over it would replace the input while it is read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from rvucalc.errors import OutputFailedError, RunInterrupted, UsageError

TEMPORARY_SUFFIX = ".rvucalc-partial"


def refuse_overwriting_input(source: str, target: str, option: str = "-o") -> None:
    """UsageError when ``target`` (given as ``option``) resolves to the file ``source`` (or stdin) reads."""
    if target == "-":
        return
    try:
        written = os.stat(target)
    except OSError:
        return  # does not exist yet (or cannot be checked: the write will say why)
    try:
        read = os.fstat(0) if source == "-" else os.stat(source)
    except OSError:
        return
    if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino) and stat.S_ISREG(read.st_mode):
        raise UsageError(
            f"{option} {target} is the input file{' (stdin)' if source == '-' else ''}: writing it would destroy "
            "the input. Choose another output file."
        )


def check_target(target: str, option: str = "-o", example: str = "priced.csv") -> None:
    """A clear usage error, before any work, for a target (given as ``option``) that cannot be written."""
    if target == "-":
        return
    path = Path(target)
    if path.is_dir():
        raise UsageError(f"{option} {target} is a folder: give a file name, e.g. {option} {path / example}.")
    folder = path.resolve().parent
    if not folder.is_dir():
        raise UsageError(f"{option} {target}: the folder {folder} does not exist. Create it or choose another output.")
    if _is_regular_or_missing(path) and not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{option} {target}: the folder {folder} is not writable. Choose another output.")


STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def stdout_if_named(target: str) -> str:
    """``-`` for a name of stdout: opened by name, a stdout redirected to a file (``>> log.csv``) was replaced by the
    atomic write (an operations trial lost the file's earlier lines), or truncated by a plain open."""
    return "-" if target.strip() in STDOUT_NAMES else target


def check_second_target(source: str, output: str, target: str, option: str) -> None:
    """A second file a run writes (``--summary``): the checks ``-o`` gets, and never the ``-o`` file itself."""
    if target == "-":
        return
    refuse_overwriting_input(source, target, option)
    check_target(target, option, example="summary.json")
    if output != "-" and Path(output).resolve() == Path(target).resolve():
        raise UsageError(f"{option} {target} is also the output file (-o): writing it would replace the priced "
                         "lines. Choose another file.")  # fmt: skip


def _is_regular_or_missing(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return True


class AtomicOutput:
    """A path to write the output at; ``commit`` puts it in place, ``discard`` removes it.

    ``path`` is a temporary file beside the target for a regular (or new) file, otherwise the
    target itself (``-``, a device, a pipe)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.direct = target == "-" or not _is_regular_or_missing(Path(target))
        self._done = False
        self._committed = False
        if self.direct:
            self.path = target
            return
        self.final = Path(os.path.realpath(target))  # through a symlink: replace the file it names
        try:
            descriptor, name = tempfile.mkstemp(
                prefix=f".{self.final.name}.", suffix=TEMPORARY_SUFFIX, dir=self.final.parent
            )
        except OSError as exc:
            raise OutputFailedError(f"cannot write beside {target}: {_reason(exc)}") from None
        os.close(descriptor)
        self.path = name

    @property
    def committed(self) -> bool:
        """The temporary file was renamed over the target (a direct target: never, it was written in place)."""
        return self._committed

    def commit(self) -> None:
        """Flush the temporary file to disk and rename it over the target."""
        self.prepare()
        self.rename()
        self.sync_folder()

    def prepare(self) -> None:
        """The temporary file's mode (an ordinary open()'s) and its bytes on disk: all a commit does but the rename."""
        if self.direct or self._done:
            return
        try:
            mode = self.final.stat().st_mode & 0o7777 if self.final.exists() else 0o666 & ~_umask()
            os.chmod(self.path, mode)  # mkstemp creates 0600; keep what an ordinary open() would give
            with open(self.path, "rb+") as handle:
                os.fsync(handle.fileno())
        except OSError as exc:
            self.discard()
            raise OutputFailedError(f"could not write {self.target}: {_reason(exc)}; nothing was written") from None

    def rename(self) -> None:
        """Put the temporary file in place (``prepare`` first). OSError is the caller's: only it knows what else was
        written."""
        if self.direct or self._done:
            return
        os.replace(self.path, self.final)
        self._done = self._committed = True

    def sync_folder(self) -> None:
        """The rename itself made durable; not every file system allows it."""
        if not self._committed:
            return
        with contextlib.suppress(OSError):
            folder = os.open(self.final.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)

    def discard(self) -> None:
        if self.direct or self._done:
            return
        self._done = True
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


@contextlib.contextmanager
def atomic_output(target: str) -> Iterator[AtomicOutput]:
    """``AtomicOutput`` committed when the block succeeds, discarded when it raises (signals included).

    An OSError in the block (a full disk, /dev/full) becomes OutputFailedError (exit 3)."""
    with atomic_outputs(target) as outputs:
        yield outputs[0]


@contextlib.contextmanager
def atomic_outputs(*targets: str) -> Iterator[list[AtomicOutput]]:
    """``atomic_output`` for files that belong together (batch's priced lines and its ``--summary``): all of them are
    written in the block, then committed back to back, no signal handled between their renames, so that one is never
    this run's beside another that is still the previous run's. On an error or a signal before the renames every
    target is left as it was; a signal during or after them is handled once they are all in place, and said so (a
    trial's SIGTERM after the output was renamed read "left as it was" beside the previous run's summary).

    An OSError in the block becomes OutputFailedError (exit 3) naming the first target."""
    outputs: list[AtomicOutput] = []
    try:
        for target in targets:
            outputs.append(AtomicOutput(target))
    except BaseException:
        _discard(outputs)
        raise
    try:
        with signals_as_exceptions():
            yield outputs
            _commit_together(outputs)
    except OSError as exc:
        _discard(outputs)
        if exc.errno == errno.EPIPE:
            raise  # a closed pipe is the reader's choice, not a failure: the CLI exits quietly
        raise OutputFailedError(f"could not write {targets[0]}: {_reason(exc)}; nothing was written") from None
    except RunInterrupted as exc:
        _discard(outputs)
        message = _interrupted_message(exc, outputs)
        if message is None:
            raise
        raise RunInterrupted(exc.signal_number, message) from None
    except BaseException:
        _discard(outputs)
        raise


def _discard(outputs: list[AtomicOutput]) -> None:
    for output in outputs:
        output.discard()  # a committed one stays: it is in place


def _commit_together(outputs: list[AtomicOutput]) -> None:
    """Every output's bytes on disk, then their renames one after the other with the signals that end a run held
    until all are done (raised then, as RunInterrupted)."""
    for output in outputs:
        output.prepare()
    with _signals_held() as held:
        for output in outputs:
            try:
                output.rename()
            except OSError as exc:
                _discard(outputs)
                done = [other.target for other in outputs if other.committed]
                if not done:
                    raise OutputFailedError(
                        f"could not write {output.target}: {_reason(exc)}; nothing was written"
                    ) from None
                raise OutputFailedError(
                    f"{_listed(done)} {'was' if len(done) == 1 else 'were'} written, but not {output.target} "
                    f"({_reason(exc)}): {output.target} is left as it was, not this run's"
                ) from None
        for output in outputs:
            output.sync_folder()
    if held:
        raise RunInterrupted(held[0])


def _interrupted_message(exc: RunInterrupted, outputs: list[AtomicOutput]) -> str | None:
    """What a signal left, file by file (None: only direct targets, nothing to say but the signal)."""
    files = [output for output in outputs if not output.direct]
    if not files:
        return None
    written = [output.target for output in files if output.committed]
    left = [output.target for output in files if not output.committed]
    said = []
    if written:
        said.append(f"{_listed(written)} {'was' if len(written) == 1 else 'were'} written whole, by this run")
    if left:
        said.append(f"{_listed(left)} left as {'it was' if len(left) == 1 else 'they were'}")
    return f"interrupted ({exc.signal_name}); {'; '.join(said)}"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """SIGINT, SIGTERM and SIGHUP noted, not acted on, in the block (the list it gives holds them, in order). Outside
    the main thread (signals cannot be handled there) this does nothing."""
    import threading

    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def hold(number: int, frame: FrameType | None) -> None:
        held.append(number)

    # A signal the process ignores (SIGINT under nohup) stays ignored; one a C library set is left to it.
    acted_on = [number for number in (signal.SIGINT, *_HANDLED_SIGNALS)
                if signal.getsignal(number) not in (signal.SIG_IGN, None)]  # fmt: skip
    previous: dict[int, Any] = {}
    try:
        for number in acted_on:  # one by one, so that a signal meanwhile still finds every handler put back
            previous[number] = signal.getsignal(number)
            signal.signal(number, hold)
        yield held
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


_HANDLED_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``RunInterrupted`` in the main thread, so cleanup runs
    (their default is to end the process on the spot). SIGINT already raises KeyboardInterrupt.
    Outside the main thread (signals cannot be handled there) this does nothing."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number: int, frame: FrameType | None) -> None:
        raise RunInterrupted(number)

    previous = {number: signal.signal(number, interrupt) for number in _HANDLED_SIGNALS}
    try:
        yield
    except KeyboardInterrupt:
        raise RunInterrupted(signal.SIGINT) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
