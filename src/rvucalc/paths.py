"""Where the shipped data lives and where compiled stores are cached."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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
    """Shipped data first, then the user's: a user release of the same name wins."""
    return [data_dir(), user_data_dir()]


def cache_dir() -> Path:
    """Per-user cache for compiled stores; safe to delete at any time."""
    return _per_user("RVUCALC_CACHE_DIR", "Caches", "XDG_CACHE_HOME", Path(".cache"))


def _per_user(override_variable: str, macos_folder: str, xdg_variable: str, xdg_default: Path) -> Path:
    """The environment's override, else the platform's per-user folder, + 'rvucalc'."""
    override = os.environ.get(override_variable)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / macos_folder
    else:
        base = Path(os.environ.get(xdg_variable) or Path.home() / xdg_default)
    return base / "rvucalc"
