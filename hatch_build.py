"""Wheel build hook: compile the shipped CMS releases into their SQLite stores at build time, so the
first lookup after ``pip install`` copies a verified store instead of parsing CMS's files (seconds).

The stores are built by rvucalc's own loaders and checks (``rvucalc.reference.store``) from the files in
``data/`` only (never a user's refreshed releases), and ship under ``rvucalc/data/compiled``. If building
them fails for any reason, the wheel is built without them and rvucalc compiles on first use, as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILE = """
from rvucalc.reference.releases import installed_releases
from rvucalc.reference.refresh import DATASETS
from rvucalc.reference.store import open_store
import rvucalc.reference.store as store

store.notice = lambda message: None
for dataset in DATASETS:
    for release in installed_releases(dataset):
        open_store(release).close()
"""
# Batch's reference arrays (rvucalc.batch.reference), built as a batch run builds them: a line on the 15th of every
# month of the shipped years, and ones with a year alone or no date, so every release and quarter a claim file's dates
# reach is built (a first batch run after install spent ~25 s building them; the per-ZIP wage indexes most of it).
BATCH = """
import pyarrow as pa
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.releases import installed_releases
import rvucalc.reference.store as store

store.notice = lambda message: None
years = sorted({release.year for release in installed_releases("pfs")})
rows = [{"code": "99213", "zip": "10001", "setting": "hopd", "date": f"{year}-{month:02d}-15", "year": ""}
        for year in years for month in range(1, 13)]
rows += [{"code": "99213", "zip": "10001", "setting": "hopd", "date": "", "year": str(year)} for year in years]
rows += [{"code": "99213", "zip": "10001", "setting": "hopd", "date": "", "year": ""}]
BatchPricer(Pricer()).price_table(pa.Table.from_pylist(rows))

import hashlib, json
from rvucalc.batch.reference import SHIPPED_SHA256
from rvucalc.paths import cache_dir

files = sorted(cache_dir().glob("batch-*.arrow"))
sums = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
(cache_dir() / SHIPPED_SHA256).write_text(json.dumps(sums, indent=1, sort_keys=True))
"""


class CompiledStores(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        out = Path(tempfile.mkdtemp(prefix="rvucalc-compiled-"))
        empty = Path(tempfile.mkdtemp(prefix="rvucalc-no-user-data-"))
        # The build environment's packages (pandas, openpyxl ...) are on this process's path, not the interpreter's.
        path = os.pathsep.join([str(Path(self.root) / "src"), *(entry for entry in sys.path if entry)])
        env = dict(os.environ, RVUCALC_CACHE_DIR=str(out), RVUCALC_DATA_DIR=str(empty), PYTHONPATH=path)
        try:
            # src first in the script too: pip's isolated-build sitecustomize drops from sys.path any entry the
            # interpreter's own site-packages adds through a .pth file, so PYTHONPATH's src vanished when the building
            # venv had rvucalc installed editable (a checkout's dev venv): the wheel then shipped no stores.
            first = f"import sys; sys.path.insert(0, {str(Path(self.root) / 'src')!r})\n"
            subprocess.run([sys.executable, "-c", first + COMPILE], env=env, check=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            print(f"rvucalc: compiled stores not shipped ({exc}); they will be built on first use", file=sys.stderr)
            return
        try:
            subprocess.run([sys.executable, "-c", first + BATCH], env=env, check=True, timeout=900)
        except (OSError, subprocess.SubprocessError) as exc:
            print(f"rvucalc: batch reference files not shipped ({exc}); the first batch run builds them",
                  file=sys.stderr)
        for path in sorted(out.iterdir()):
            shipped = path.suffix in (".sqlite", ".arrow") or path.name.endswith(".check.json")
            if shipped or path.name == "batch-sha256.json":
                build_data["force_include"][str(path)] = f"rvucalc/data/compiled/{path.name}"
