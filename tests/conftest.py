from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No per-example deadline: the suite runs on 2 shared cores (and under pytest-xdist), where a first example that
# loads a CMS table can take over hypothesis's default 200 ms and fail as "flaky" on a load spike alone (two of the
# session's helpers saw test_modifier_order_does_not_change_the_result fail once, then pass on every rerun).
settings.register_profile("rvucalc", deadline=None)
settings.load_profile("rvucalc")

TESTS = Path(__file__).resolve().parent
TEST_DATA = TESTS / "data"
QUIRKS = TEST_DATA / "quirks"
TODAY = "2026-08-01"  # the suite's today (RVUCALC_TODAY): see isolated_cache


def realistic_claims(lines: int, target: Path, seed: int) -> Path:
    """``benchmarks/realistic_claims.py``'s claim file (claims of 1-8 lines, POS codes, payment and
    informational modifiers, bad rows), seeded."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "realistic_claims", TESTS.parent / "benchmarks" / "realistic_claims.py"
    )
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.generate(lines, target, seed=seed)
    return target


def search_matches(words: str, limit: int = 300) -> list[dict[str, Any]]:
    """`rvucalc search WORDS -f json`'s matches of codes without a modifier row, as a user runs it (the search
    tests of the trials' words: allergy clinic, OB/GYN, spine)."""
    import json

    from typer.testing import CliRunner

    from rvucalc.cli import app

    done = CliRunner().invoke(app, ["search", words, "-f", "json", "--limit", str(limit)])
    assert done.exit_code == 0, done.output
    return [m for m in json.loads(done.stdout)["matches"] if m["modifier"] is None]


def summary_rejoined(stderr: str) -> str:
    """Batch's stderr with its run summary on one line again, its parts '; '-joined as ``describe()`` writes them
    (the CLI prints one part a line, the others indented under the first: cli._summary_parts)."""
    return stderr.replace("\nrvucalc:   ", "; ")


def batch_imports_pandas(*args: str) -> tuple[bool, str]:
    """`rvucalc batch ARGS` in a fresh process (a batch run must not import pandas: Python values become Arrow only
    through rvucalc.batch.arrow_columns): whether pandas was imported, and the run's stderr."""
    import subprocess
    import sys

    script = (
        f"import sys\nfrom rvucalc.cli import main\nsys.argv = ['rvucalc', 'batch', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pandas imported' if 'pandas' in sys.modules else 'no pandas')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.stdout.strip().endswith(("no pandas", "pandas imported")), done.stderr
    return not done.stdout.strip().endswith("no pandas"), done.stderr


def run_batch_rows(
    tmp_path: Path, rows: list[dict[str, str]], *options: str, name: str = "in.csv"
) -> tuple[Any, list[dict[str, str]]]:
    """`rvucalc batch` of ``rows`` written as a CSV file (their keys the header), as a user runs it: the CliRunner
    result and the output rows (none when no output was written)."""
    import csv

    from typer.testing import CliRunner

    from rvucalc.cli import app

    source, target = tmp_path / name, tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), *options])
    out = list(csv.DictReader(target.open())) if target.exists() else []
    return done, out


# Files whose owners keep markers out of them, and whose module-scoped ``drawn`` fixture prices thousands
# of seeded random lines every way: their tests run together on one xdist worker (so the draw is made
# once, not once per worker), and those that use the draw are marked slow here.
ONE_WORKER_FILES = {"test_differential.py", "test_batch_claims.py"}
SLOW_FIXTURES = {"drawn"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in ONE_WORKER_FILES and SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


class _OneTestAtATime:
    """xdist scheduling for ``-n``: tests are handed out one at a time to whichever worker is free (as
    ``--dist load``), except that the tests of ``ONE_WORKER_FILES`` go together to one worker, first.
    (xdist's ``--dist loadgroup`` would do this with a mark, but under pytest 9 it cannot see the mark: it
    renames the items through an attribute pytest no longer reads.) An explicit ``--dist`` is obeyed."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        if config.getvalue("dist") != "load":
            return None
        from xdist.scheduler import LoadScopeScheduling

        class Scheduling(LoadScopeScheduling):  # type: ignore[misc]
            def _split_scope(self, nodeid: str) -> str:
                path = nodeid.split("::", 1)[0]
                return path if Path(path).name in ONE_WORKER_FILES else nodeid

        return Scheduling(config, log)  # the largest unit (most tests) is sent first


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_OneTestAtATime(), "rvucalc-one-test-at-a-time")


# -- the CLI: one click command per Typer app ------------------------------------------------------


def _cache_typer_commands() -> None:
    """typer's CliRunner converts the Typer app into a click command on every ``invoke`` (reading every
    command's signature and evaluating its annotations): about 10 ms, more than most commands take.
    A process converts it once (``app()``), so the tests do too: the command is rebuilt only when the
    app's commands change."""
    import typer
    import typer.testing

    convert: Callable[[Any], Any] | None = getattr(typer.testing, "_get_command", None)
    if convert is None:  # a typer without it: invoke converts each time, slower but the same
        return
    built: dict[int, tuple[Any, tuple[Any, ...], Any]] = {}

    def shape(app: Any) -> tuple[Any, ...]:
        """What the command is built from: the callback, the commands and, in turn, each sub-app's."""
        groups = tuple((id(group), shape(group.typer_instance)) for group in app.registered_groups)
        return (id(app.registered_callback), *map(id, app.registered_commands), groups)

    def cached(app: Any) -> Any:
        if not isinstance(app, typer.Typer):
            return convert(app)
        now = shape(app)
        entry = built.get(id(app))
        if entry is None or entry[0] is not app or entry[1] != now:
            entry = (app, now, convert(app))
            built[id(app)] = entry
        return entry[2]

    typer.testing._get_command = cached  # type: ignore[attr-defined]


_cache_typer_commands()


# -- compiled stores: built once per run, shared by xdist workers, copied into each worker's cache -----


@contextlib.contextmanager
def _try_lock(path: Path) -> Iterator[bool]:
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _share_work(seed: Path, jobs: dict[str, Callable[[], None]]) -> None:
    """Run each job once across all workers of this run: a worker takes whichever job no other worker
    holds (a lock per job), so two workers split the work; ``<job>.done`` records a finished one."""
    pending = list(jobs)
    while pending:
        progressed = False
        for name in list(pending):
            if (seed / f"{name}.done").exists():
                pending.remove(name)
                continue
            with _try_lock(seed / f"{name}.lock") as mine:
                if not mine:
                    continue
                if not (seed / f"{name}.done").exists():
                    jobs[name]()
                    (seed / f"{name}.done").touch()
                pending.remove(name)
                progressed = True
        if pending and not progressed:
            time.sleep(0.05)  # the rest are another worker's, under way


# Costliest first, so that two workers start on different stores.
DATASET_ORDER = ["pfs", "dmepos", "geo", "opps", "asc", "clfs", "asp", "wage"]


def _store_jobs() -> dict[str, Callable[[], None]]:
    """Compile every shipped release; a store is named by its manifest's sha256, so a changed manifest
    gets a new one."""
    from rvucalc.paths import data_dir
    from rvucalc.reference.releases import read_manifest
    from rvucalc.reference.store import open_store

    def compile_one(path: Path) -> Callable[[], None]:
        return lambda: open_store(read_manifest(path)).close()

    def cost(path: Path) -> tuple[int, str]:
        dataset = path.name.split("-")[0]
        return (DATASET_ORDER.index(dataset) if dataset in DATASET_ORDER else len(DATASET_ORDER), path.name)

    manifests = sorted((data_dir() / "manifests").glob("*.json"), key=cost)
    return {f"store-{path.stem}": compile_one(path) for path in manifests}


def _batch_jobs() -> dict[str, Callable[[], None]]:
    """The batch engine's Arrow tables (per PFS release and facility quarter) for every quarter of 2025-2026."""
    return {f"batch-{y}-{m:02d}": _batch_warm_up(y, m) for y in (2025, 2026) for m in (1, 4, 7, 10)}


def _batch_warm_up(year: int, month: int) -> Callable[[], None]:
    def run() -> None:
        import pyarrow as pa

        from rvucalc.batch.price import BatchPricer
        from rvucalc.lookup.pricer import Pricer

        days = [f"{year}-{m:02d}-15" for m in range(month, month + 3)]
        lines = [(day, setting) for day in days for setting in ("office", "asc", "hopd")]
        table = pa.table({
            "code": ["27447"] * len(lines), "zip": ["10001"] * len(lines),
            "date": [day for day, _ in lines], "setting": [setting for _, setting in lines],
        })  # fmt: skip
        pricer = Pricer()
        try:
            BatchPricer(pricer).price_table(table)
        finally:
            pricer.close()

    return run


def _build_seed(seed: Path) -> None:
    from rvucalc.reference import store as store_module

    previous = os.environ.get("RVUCALC_CACHE_DIR")
    announced = list(store_module._announced)
    notice = store_module.notice
    os.environ["RVUCALC_CACHE_DIR"] = str(seed)
    store_module.notice = lambda message: None  # the first-compile line belongs to the tests that check it
    try:
        _share_work(seed, _store_jobs())
        _share_work(seed, _batch_jobs())  # after every store is in place, so none is compiled twice
    finally:
        store_module.notice = notice
        store_module._announced[:] = announced
        if previous is None:
            os.environ.pop("RVUCALC_CACHE_DIR", None)
        else:
            os.environ["RVUCALC_CACHE_DIR"] = previous


REMEMBERED = 24  # results kept per loader (the oldest goes first): enough for a run, and memory stays bounded


def _parse_each_file_once() -> None:
    """Remember ``release_tables`` (the parse of a release's raw CMS files) for the run, by what the manifest
    says of the release and the sha256 of each file's bytes as they are now: a test that heals, rebuilds or re-installs
    a release with the same files gets the same tables without parsing them again (the store is still
    written, checked and hashed as ever). Files that changed, or cannot be read, are parsed (or fail) as
    usual. A test that replaces a loader function must not rely on it being called for such a release."""
    import hashlib

    from rvucalc.reference.loaders import compile as compile_module

    parse = compile_module.release_tables
    if getattr(parse, "remembers", False):
        return
    parsed: dict[tuple[Any, ...], dict[str, Any]] = {}

    def release_tables(release: Any) -> dict[str, Any]:
        try:
            digests = [hashlib.sha256(release.path(entry.role).read_bytes()).hexdigest() for entry in release.files]
        except OSError:
            return parse(release)
        # What the loaders read of the manifest: not where a file was fetched from nor its declared sha256 (a
        # refresh writes a new manifest for the same files each time), nor its path (named only in errors).
        entries = tuple((entry.role, entry.cms_name, entry.note) for entry in release.files)
        about = (release.dataset, release.release, release.year, release.letter, release.title, release.released)
        key = (*about, release.effective_from, tuple(sorted(release.conversion_factors.items())), entries, *digests)
        if key not in parsed:
            if len(parsed) >= REMEMBERED:
                parsed.pop(next(iter(parsed)))
            parsed[key] = parse(release)
        return {name: frame.copy() for name, frame in parsed[key].items()}

    release_tables.remembers = True  # type: ignore[attr-defined]
    compile_module.release_tables = release_tables


def _load_each_file_once() -> None:
    """Remember each loader's result (``load_*`` in the loader modules: a DataFrame or a few) for the run,
    by the file's name and the sha256 of its bytes as they are now, and the other arguments: CMS ships
    the same ZIP5, GPCI or county file in several releases, and the refresh tests rewrite one member of
    a zip and leave the others as they were. Each call gets its own copy; errors are not remembered. A test
    that replaces a function a loader calls must not rely on it being called again for the same file."""
    import copy
    import functools
    import hashlib

    from rvucalc.reference.loaders import geo, opps, pfs, schedules

    def remembered(load: Callable[..., Any]) -> Callable[..., Any]:
        results: dict[tuple[Any, ...], Any] = {}

        @functools.wraps(load)
        def wrapper(path: Any, *args: Any, **options: Any) -> Any:
            if options or not isinstance(path, Path) or not all(isinstance(a, str | int) for a in args):
                return load(path, *args, **options)
            try:
                key = (path.name, hashlib.sha256(path.read_bytes()).hexdigest(), *args)
            except OSError:
                return load(path, *args)
            if key not in results:
                if len(results) >= REMEMBERED:
                    results.pop(next(iter(results)))
                results[key] = load(path, *args)
            return copy.deepcopy(results[key])

        wrapper.remembers = True  # type: ignore[attr-defined]
        return wrapper

    for module in (geo, opps, pfs, schedules):
        for name, function in list(vars(module).items()):
            own = callable(function) and getattr(function, "__module__", "") == module.__name__
            if name.startswith("load_") and own and not getattr(function, "remembers", False):
                setattr(module, name, remembered(function))


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compile stores into a throw-away folder, never the user's cache.

    The shipped releases' stores are compiled once per run into a seed folder that the xdist workers
    share (the run's base temp folder), then copied (with their times, so their check files hold)
    into this worker's own cache, which its tests may change freely."""
    base = tmp_path_factory.getbasetemp()
    seed = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "rvucalc-stores"
    seed.mkdir(exist_ok=True)
    cache = tmp_path_factory.mktemp("rvucalc-cache")
    user_data = tmp_path_factory.mktemp("rvucalc-user-data")  # no user releases unless a test adds them
    previous = {name: os.environ.get(name) for name in ("RVUCALC_CACHE_DIR", "RVUCALC_DATA_DIR", "RVUCALC_TODAY")}
    os.environ["RVUCALC_DATA_DIR"] = str(user_data)
    # Never the calendar: a lookup without a date warns when CMS's release in force today is not installed
    # (releases.today). On this day the shipped PFS (2026C) and ASC (2026-07) releases are in force; a test that
    # needs another day sets RVUCALC_TODAY itself (monkeypatch.setenv).
    os.environ["RVUCALC_TODAY"] = TODAY
    _load_each_file_once()
    _parse_each_file_once()
    _build_seed(seed)
    for path in seed.iterdir():
        if path.name.endswith((".sqlite", ".check.json", ".arrow", ".arrow.sha256")):  # a batch file with its digest
            shutil.copy2(path, cache / path.name)
    os.environ["RVUCALC_CACHE_DIR"] = str(cache)
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


# -- shared outputs: made once per run, read by several tests (none may change them) -----------------


def read_csv_text(path: Path) -> Any:
    """A CSV file as a pyarrow Table of its cells exactly as written: every column text, empty cells ''
    (pandas' ``dtype=str, keep_default_na=False``, in a fraction of the time for a million rows)."""
    import csv

    import pyarrow as pa
    import pyarrow.csv as pa_csv

    with path.open(newline="") as handle:
        header = next(csv.reader(handle))
    convert = pa_csv.ConvertOptions(
        column_types={name: pa.string() for name in header}, strings_can_be_null=False, null_values=[]
    )
    return pa_csv.read_csv(path, convert_options=convert)


@pytest.fixture(scope="session")
def pfs_export_2025(isolated_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``rvucalc export --year 2025``: every 2025 code in every locality (about a million rows), exported
    once per run for the tests that check it."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    target = tmp_path_factory.mktemp("export") / "pfs-2025.csv"
    result = CliRunner().invoke(app, ["export", "--year", "2025", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


# The batch money columns as a single lookup's result gives them: the oracle of the tests that compare
# batch with `Pricer.price` / `price_encounter` (test_differential.py, test_batch_claims.py).
MONEY = {
    "clfs_amount": lambda r: r.clfs.amount if r.clfs is not None else None,
    "drug_amount": lambda r: r.drug.amount if r.drug is not None else None,
    "dmepos_amount": lambda r: r.dmepos.amount if r.dmepos is not None else None,
    "pfs_non_facility_amount": lambda r: r.pfs.non_facility.amount,
    "pfs_facility_amount": lambda r: r.pfs.facility.amount,
    "pfs_non_facility_limiting_charge": lambda r: r.pfs.non_facility.limiting_charge,
    "pfs_facility_limiting_charge": lambda r: r.pfs.facility.limiting_charge,
    "opps_rate": lambda r: r.opps.rate if r.opps.payable else None,
    "opps_copayment": lambda r: r.opps.copayment if r.opps.payable else None,
    "asc_rate": lambda r: r.asc.rate if r.asc.payable else None,
    "asc_coinsurance": lambda r: r.asc.coinsurance if r.asc.payable else None,
}
SITE_MEASURES = {"allowed": "total", "beneficiary": "beneficiary", "medicare": "medicare"}


@pytest.fixture
def user_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder of the test's own (``RVUCALC_DATA_DIR``): refreshed releases go there."""
    root = tmp_path / "user-data"
    monkeypatch.setenv("RVUCALC_DATA_DIR", str(root))
    return root


@pytest.fixture(scope="module")
def compare_cli():  # type: ignore[no-untyped-def]
    """`rvucalc compare` as a user runs it (the command with the app's global options): args -> CliRunner result."""
    import typer
    from typer.testing import CliRunner

    from rvucalc.cli import main_options
    from rvucalc.cli.compare_cmd import register

    app = typer.Typer()
    app.callback()(main_options)
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_cache: Path) -> Iterator[Path]:
    """A cache of this test's own, seeded with the session's compiled stores (copied with their times, so their check
    files still hold): a test may damage it, or change its modes, freely."""
    from rvucalc import Pricer

    Pricer().price("22590", zip_code="10001")  # the session cache holds the 2026 stores this prices with
    own = tmp_path / "cache"
    own.mkdir()
    for path in isolated_cache.iterdir():
        if path.name.endswith((".sqlite", ".check.json")):
            shutil.copy2(path, own / path.name)
    monkeypatch.setenv("RVUCALC_CACHE_DIR", str(own))
    yield own


@pytest.fixture(scope="module")
def addendum_b() -> dict[str, tuple[str, Decimal | None]]:
    """Per HCPCS code, October 2025 Addendum B's SI and payment rate (the shipped CMS file)."""
    from test_opps_conditional_and_co_surgeons import _addendum_b

    return _addendum_b()
