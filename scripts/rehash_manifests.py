"""Recompute the sha256 of every file a release manifest lists, in place.

Run after deliberately replacing a shipped CMS file:
    python scripts/rehash_manifests.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"

for manifest_path in sorted((DATA / "manifests").glob("*.json")):
    manifest = json.loads(manifest_path.read_text())
    for entry in manifest["files"]:
        entry["sha256"] = hashlib.sha256((DATA / entry["path"]).read_bytes()).hexdigest()
        entry["bytes"] = (DATA / entry["path"]).stat().st_size
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"{manifest_path.name}: {len(manifest['files'])} files hashed")
