from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
TEST_DATA = TESTS / "data"
QUIRKS = TEST_DATA / "quirks"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compile stores into a throw-away folder, never the user's cache."""
    cache = tmp_path_factory.mktemp("rvucalc-cache")
    user_data = tmp_path_factory.mktemp("rvucalc-user-data")  # no user releases unless a test adds them
    previous = {name: os.environ.get(name) for name in ("RVUCALC_CACHE_DIR", "RVUCALC_DATA_DIR")}
    os.environ["RVUCALC_CACHE_DIR"] = str(cache)
    os.environ["RVUCALC_DATA_DIR"] = str(user_data)
    yield cache
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def pricer(isolated_cache: Path):  # type: ignore[no-untyped-def]
    from rvucalc import Pricer

    instance = Pricer()
    yield instance
    instance.close()
