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
    previous = os.environ.get("RVUCALC_CACHE_DIR")
    os.environ["RVUCALC_CACHE_DIR"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("RVUCALC_CACHE_DIR", None)
    else:
        os.environ["RVUCALC_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def pricer(isolated_cache: Path):  # type: ignore[no-untyped-def]
    from rvucalc import Pricer

    instance = Pricer()
    yield instance
    instance.close()
