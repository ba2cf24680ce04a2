"""Where the shipped data lives and where compiled stores are cached."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rvucalc.errors import LocalDataError

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The data shipped with rvucalc: ``manifests/`` and the raw CMS files.

    An installed wheel carries it inside the package; a source checkout (editable
    install, tests) uses the repo's ``data/``.
    """
    bundled = _PACKAGE / "data"
    if (bundled / "manifests").is_dir():
        return bundled
    return _PACKAGE.parents[1] / "data"


def user_data_dir() -> Path:
    """Where ``rvucalc data refresh`` installs releases; it overlays the shipped data.

    ``RVUCALC_DATA_DIR`` overrides the platform's per-user data folder.
    """
    return _per_user("RVUCALC_DATA_DIR", "Application Support", "XDG_DATA_HOME", Path(".local") / "share")


def data_roots() -> list[Path]:
    """Shipped data first, then the user's: a user release of the same name wins.

    Without a home folder (``HOME`` empty) there is no user folder to read: the shipped data alone. A user
    folder that is not yet there has no releases; one that is a file is an error (as ``data refresh`` says),
    never skipped: the releases installed there would silently go unused.
    """
    try:
        user = user_data_dir()
    except LocalDataError:
        return [data_dir()]
    if user.exists() and not user.is_dir():
        raise LocalDataError(
            f"The rvucalc data folder {user} is a file, not a folder. Move or delete that file, "
            "or set RVUCALC_DATA_DIR to another folder."
        )
    return [data_dir(), user]


def cache_dir() -> Path:
    """Per-user cache for compiled stores; safe to delete at any time."""
    return _per_user("RVUCALC_CACHE_DIR", "Caches", "XDG_CACHE_HOME", Path(".cache"))


def _per_user(override_variable: str, macos_folder: str, xdg_variable: str, xdg_default: Path) -> Path:
    """The environment's override, else the platform's per-user folder, + 'rvucalc'."""
    override = os.environ.get(override_variable)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or _home(override_variable) / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = _home(override_variable) / "Library" / macos_folder
    else:
        xdg = os.environ.get(xdg_variable)
        base = Path(xdg) if xdg and os.path.isabs(xdg) else _home(override_variable) / xdg_default
    return base / "rvucalc"


def _home(override_variable: str) -> Path:
    """The user's home folder. ``HOME=""`` would otherwise put the cache at ``/.cache/rvucalc``."""
    home = os.environ.get("HOME")
    if home is None and sys.platform != "win32":
        try:  # unset: the password database's entry, as the shell would use
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError):
            home = ""
    elif home is None:
        home = os.environ.get("USERPROFILE", "")
    if not home or not os.path.isabs(home) or home == os.sep:
        shown = "empty" if os.environ.get("HOME") == "" else f"{home!r}" if home else "not set"
        raise LocalDataError(
            f"HOME is {shown}, so rvucalc has no per-user folder to keep its files in. "
            f"Set HOME to your home folder, or set {override_variable} to a writable folder."
        )
    return Path(home)


def ensure_folder(path: Path, what: str, variable: str) -> Path:
    """``path`` as a folder rvucalc can write in, created if needed; a clear error otherwise."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise LocalDataError(
            f"The rvucalc {what} {path} is a file, not a folder. Move or delete that file, "
            f"or set {variable} to another folder."
        ) from None
    except OSError as exc:
        raise LocalDataError(
            f"The rvucalc {what} {path} cannot be created ({exc.strerror or exc}). Set {variable} to a writable folder."
        ) from None
    if not path.is_dir():
        raise LocalDataError(f"The rvucalc {what} {path} is not a folder. Set {variable} to a writable folder.")
    if not os.access(path, os.W_OK | os.X_OK):
        raise LocalDataError(
            f"The rvucalc {what} {path} is not writable. Fix its permissions, or set {variable} to a writable folder."
        )
    return path


def ensure_cache_dir() -> Path:
    return ensure_folder(cache_dir(), "cache folder", "RVUCALC_CACHE_DIR")


def ensure_user_data_dir() -> Path:
    return ensure_folder(user_data_dir(), "data folder", "RVUCALC_DATA_DIR")
