"""Where the shipped data lives and where compiled stores are cached."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder holding ``manifests/`` and the raw CMS files.

    ``RVUCALC_DATA_DIR`` wins; an installed wheel carries the data inside the
    package; a source checkout (editable install, tests) uses the repo's ``data/``.
    """
    override = os.environ.get("RVUCALC_DATA_DIR")
    if override:
        return Path(override).expanduser()
    bundled = _PACKAGE / "data"
    if (bundled / "manifests").is_dir():
        return bundled
    return _PACKAGE.parents[1] / "data"


def cache_dir() -> Path:
    """Per-user cache for compiled stores; safe to delete at any time."""
    override = os.environ.get("RVUCALC_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "rvucalc"
