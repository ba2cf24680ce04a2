"""``--summary``'s per-claim totals, in bounded memory.

A file of ten million lines holds ~2 million claims: as Python dictionaries their totals took ~700 bytes a claim
(a trial's million-line run with ``--summary`` peaked at 1.4 GB, against 0.8 GB without). Here each chunk's claims
are a block of integer columns (a claim's lines and cents, ``CLAIM_MEASURES``); blocks are kept in memory up to a
limit, then written to a temporary Arrow file, and read back in order when the summary is written. What stays in
memory per claim is a 64-bit hash of its id, to find the claims met in two places (a claim cut at a chunk's end goes
on in the next; a claim's lines met again after other rows): those are summed by their exact id when written, so a
hash collision costs time, never a wrong total.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# A claim's entry in ``--summary``: its lines priced in their setting and their amounts, its lines without one, then
# the professional claim's lines and amounts; then, of its ``unpriced`` lines, those the PFS bundles (``bundled``:
# status B, paid in the other services' payment, nothing of their own: not a price to ask for), and its priced lines
# a multiple procedure rule ranks with a line the MAC prices (``mac_ranked``: the MAC's fee may be the one paid in
# full, theirs then reduced: the claim's total is not priced, as ``rvucalc price`` says; its amounts are still the
# priced lines'). Then, of its professional lines, its DME supplier claim's (``dmepos_*``: DMEPOS items, no PFS service,
# ``batch.files.DMEPOS_CLAIMS``). Added after the others: a script reading the older keys reads them as before. Then its
# lines Medicare returns as unprocessable (``unprocessable``: priced as billed, in its totals; batch.lines.
# UNPROCESSABLE_NOTE).
CLAIM_MEASURES = ("lines", "allowed", "beneficiary", "medicare", "unpriced", "professional_lines",
                  "professional_allowed", "professional_beneficiary", "professional_medicare", "bundled",
                  "mac_ranked", "dmepos_lines", "dmepos_allowed", "dmepos_beneficiary", "dmepos_medicare",
                  "unprocessable")  # fmt: skip
# A run with a paid column: then the claim's lines whose paid amount was compared (a `variance`), their paid amounts'
# total, their expected amounts' total and the difference. A claim is underpaid when its paid total is below its
# expected total, overpaid when it is above it: a line's own variance depends on how the claim's reductions were split
# between its lines (an LT and RT pair is paid 150% on one line by rvucalc, 100% and 50% by the payer).
PAID_MEASURES = ("compared_lines", "paid", "expected", "variance")
# A run with --paid-for facility: then the claim's facility claim, its lines at a hospital outpatient department or an
# ASC and their facility's payment alone (batch.price.FACILITY_CLAIM), after CLAIM_MEASURES.
FACILITY_CLAIM_MEASURES = ("facility_claim_lines", "facility_claim_allowed", "facility_claim_beneficiary",
                           "facility_claim_medicare")  # fmt: skip
# A run with --percent-of-medicare: then, last, the claim's lines with a contract amount and those amounts' total (each
# row's `contract_amount`, the contract's % of the row's measure rounded once: their sum, as `contracts` sums the run's
# by site), so a claim's contract payment is read off the summary as its Medicare amounts are.
CONTRACT_MEASURES = ("contract_lines", "contract_amount")
# The measures that count lines; the others are cents.
COUNTS = frozenset({"lines", "unpriced", "professional_lines", "compared_lines", "facility_claim_lines", "bundled",
                    "mac_ranked", "dmepos_lines", "unprocessable", "contract_lines"})  # fmt: skip
MEMORY_LIMIT = 32 * 1024 * 1024  # bytes of blocks kept in memory before they go to the temporary file
_claim_hash = hash  # Python's 64-bit string hash (a test makes every id collide)


class ClaimTotals:
    """Per claim id, in the order first met, its totals (``add`` per chunk, ``items`` at the end)."""

    def __init__(self, memory_limit: int | None = None, measures: tuple[str, ...] = CLAIM_MEASURES) -> None:
        self.memory_limit = MEMORY_LIMIT if memory_limit is None else memory_limit
        self.measures = measures  # CLAIM_MEASURES, then PAID_MEASURES in a run with a paid column
        self._blocks: list[pa.RecordBatch] = []  # in memory, after those in the file
        self._held = 0  # their bytes
        self._hashes: list[np.ndarray] = []  # per block, its claims' hashes
        self._file: IO[bytes] | None = None
        self._writer: Any = None  # the file's Arrow stream writer
        self._schema: pa.Schema | None = None
        self._finished = False  # the file's stream is closed: no more blocks
        self.claims = 0  # entries added (a claim met in two places counts twice)

    def add(self, names: list[str], sums: dict[str, np.ndarray]) -> None:
        """A chunk's claims (ids, not blank, each once) and their totals (``measures`` -> int64 per id)."""
        import numpy as np
        import pyarrow as pa

        from rvucalc.batch.arrow_columns import int64_array, string_array

        if not names:
            return
        assert not self._finished, "a claim added after the totals were read"
        # Arrays from buffers: pa.array of a list or a numpy array imports pandas (~0.3 s a run)
        columns = {"claim": string_array(names)}
        columns.update({name: int64_array(sums[name]) for name in self.measures})
        block = pa.RecordBatch.from_pydict(columns)
        self._schema = block.schema
        self._blocks.append(block)
        self._hashes.append(np.fromiter((_claim_hash(name) for name in names), dtype=np.int64, count=len(names)))
        self._held += block.nbytes
        self.claims += len(names)
        if self._held > self.memory_limit:
            self._spill()

    def _spill(self) -> None:
        import tempfile

        import pyarrow as pa

        if self._writer is None:
            assert self._schema is not None
            self._file = tempfile.TemporaryFile(prefix="rvucalc-claims-")  # noqa: SIM115 (closed by close())
            self._writer = pa.ipc.new_stream(self._file, self._schema)
        for block in self._blocks:
            self._writer.write_batch(block)
        self._blocks, self._held = [], 0

    def _all_blocks(self) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._finished = True
        if self._file is not None:
            self._file.seek(0)
            yield from pa.ipc.open_stream(self._file)
        yield from self._blocks

    def _met_twice(self) -> tuple[np.ndarray, dict[str, dict[str, int]]]:
        """The hashes of the claims met in two places (or of two ids that collide), and those claims' totals summed
        by their exact id."""
        import numpy as np

        hashes = np.concatenate(self._hashes)
        unique, counts = np.unique(hashes, return_counts=True)
        twice = unique[counts > 1]
        merged: dict[str, dict[str, int]] = {}
        if twice.size:
            for block, block_hashes in zip(self._all_blocks(), self._hashes, strict=True):
                for i in np.flatnonzero(np.isin(block_hashes, twice)).tolist():
                    row = {name: block.column(name)[i].as_py() for name in ("claim", *self.measures)}
                    found = merged.setdefault(row.pop("claim"), dict.fromkeys(self.measures, 0))
                    for name, value in row.items():
                        found[name] += value
        return twice, merged

    def items(self) -> Iterator[tuple[str, dict[str, int]]]:
        """Each claim id once, in the order first met, with its totals (cents and counts) over all its places."""
        import numpy as np

        if not self.claims:
            return
        twice, merged = self._met_twice()
        said: set[str] = set()
        for block, block_hashes in zip(self._all_blocks(), self._hashes, strict=True):
            names = block.column("claim").to_pylist()
            values = [block.column(name).to_pylist() for name in self.measures]
            again = np.isin(block_hashes, twice) if twice.size else np.zeros(len(names), dtype=bool)
            for i, name in enumerate(names):
                if again[i]:
                    if name in said:
                        continue
                    said.add(name)
                    yield name, merged[name]
                else:
                    yield name, {measure: column[i] for measure, column in zip(self.measures, values, strict=True)}

    def underpaid(self) -> tuple[int, int]:
        """The claims whose compared lines' paid total is below their expected total (``PAID_MEASURES``), over all
        their places: how many, and the sum of their (negative) variances in cents."""
        return self.paid_variances()[0]

    def overpaid(self) -> tuple[int, int]:
        """The claims whose compared lines' paid total is above their expected total, as ``underpaid`` counts the
        ones below: how many, and the sum of their (positive) variances in cents."""
        return self.paid_variances()[1]

    def paid_variances(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The underpaid claims (a negative variance over their compared lines) and the overpaid ones (a positive
        one): each how many and their variances' sum in cents; a claim with no line compared, or paid exactly as
        expected, is neither. Whole blocks at a time, both in one pass; only a claim met in two places is summed in
        Python."""
        import numpy as np

        from rvucalc.batch.arrow_columns import values_of

        if not self.claims or "variance" not in self.measures:
            return (0, 0), (0, 0)
        twice, merged = self._met_twice()
        short = [0, 0]  # claims, cents
        over = [0, 0]
        for block, block_hashes in zip(self._all_blocks(), self._hashes, strict=True):
            variance = values_of(block.column("variance"))
            compared = values_of(block.column("compared_lines")) > 0
            if twice.size:
                compared &= ~np.isin(block_hashes, twice)
            for found, which in ((short, compared & (variance < 0)), (over, compared & (variance > 0))):
                found[0] += int(which.sum())
                found[1] += int(variance[which].sum())
        for totals in merged.values():
            if totals["compared_lines"] and totals["variance"]:
                found = short if totals["variance"] < 0 else over
                found[0] += 1
                found[1] += totals["variance"]
        return (short[0], short[1]), (over[0], over[1])

    def claims_with(self, measure: str) -> int:
        """How many claims have ``measure`` (a count) above 0, over all their places; whole blocks at a time, a claim
        met in two places summed by its exact id."""
        import numpy as np

        from rvucalc.batch.arrow_columns import values_of

        if not self.claims or measure not in self.measures:
            return 0
        twice, merged = self._met_twice()
        found = sum(totals[measure] > 0 for totals in merged.values())
        for block, block_hashes in zip(self._all_blocks(), self._hashes, strict=True):
            having = values_of(block.column(measure)) > 0
            if twice.size:
                having &= ~np.isin(block_hashes, twice)
            found += int(having.sum())
        return int(found)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = self._writer = None


# A claim id holding more than one billing entity's lines (a hospital's own 13x bill, an ASC's own lines or a DME
# supplier's rows beside a practitioner's: batch.claims.billing_entities) is that many claims: Medicare gets each
# entity's on a claim of its own (Claims Processing Manual ch. 14 §50; ch. 1 §10.1.5.1). --summary gives each its entry,
# keyed "<claim id> (<entity>)", its totals then ``claim_id`` and ``billing_entity`` (ENTITY_NAMES): a claim id of one
# entity keeps its key and entry as before. Inside, the entity's claim is its id, ENTITY_SEPARATOR, its entity's name.
# batch.claims.cut_claim_entities' numbers
ENTITY_NAMES = {1: "practitioner", 2: "facility", 3: "dme_supplier", 4: "lab"}
ENTITY_SEPARATOR = "\x1f"


def entity_claim(claim: str, entity: int) -> str:
    """The claim of ``claim``'s (an id) lines of one billing entity (``ENTITY_NAMES``' number; 0: the id's one)."""
    return f"{claim}{ENTITY_SEPARATOR}{ENTITY_NAMES[entity]}" if entity else claim


def claim_entry(name: str, totals: dict[str, int]) -> tuple[str, dict[str, Any]]:
    """A claim's key and entry in --summary's claims (``claim_json``; an entity's claim, ``entity_claim``, keyed
    "<claim id> (<entity>)" with its ``claim_id`` and ``billing_entity`` last)."""
    claim, separator, entity = name.partition(ENTITY_SEPARATOR)
    if not separator:
        return name, claim_json(totals)
    return f"{claim} ({entity})", {**claim_json(totals), "claim_id": claim, "billing_entity": entity}


def claim_json(totals: dict[str, int]) -> dict[str, Any]:
    """A claim's totals as ``--summary`` says them: counts as numbers, cents as dollars in text (exact); a claim with
    no line compared has no paid, expected or variance, and one with no line priced (in its setting, or on the
    professional claim) no amounts there (null: not "0.00", read as paid exactly as expected, or as $0)."""
    return {name: (value if name in COUNTS else None if _uncounted(name, totals) else dollars_text(value))
            for name, value in totals.items()}  # fmt: skip


def _uncounted(measure: str, totals: dict[str, int]) -> bool:
    """A claim's money measure none of whose lines has it: a paid measure (``PAID_MEASURES``) when none of its lines
    was compared; an amount (``allowed``, ``professional_allowed`` ...) when none of the lines it counts (``lines``,
    ``professional_lines`` ...) was priced: said as null (a review's claim of 2026 hospital lines, no OPPS file
    installed, read ``"allowed": "0.00"``, as if paid $0)."""
    if measure in COUNTS:
        return False
    if measure in PAID_MEASURES:
        return totals.get("compared_lines", 1) == 0
    prefix = measure.rpartition("_")[0]
    return totals.get(f"{prefix}_lines" if prefix else "lines", 1) == 0


def dollars_text(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def write_summary_json(document: dict[str, Any], claims: Iterator[tuple[str, dict[str, int]]], out: IO[str]) -> None:
    """``json.dumps(document, indent=2)`` with its ``"claims"`` object streamed from ``claims`` (each claim's totals
    made into text one at a time, not the whole object at once), and a final newline."""
    import json

    marker = "\x00claims\x00"
    head, _, tail = json.dumps({**document, "claims": marker}, indent=2).partition(json.dumps(marker))
    out.write(head)
    first = True
    for name, totals in claims:  # as json.dumps(..., indent=2) spells them, without its per-claim encoder
        body = ",\n".join(f'      "{measure}": ' + (str(value) if measure in COUNTS else "null"
                                                     if _uncounted(measure, totals) else f'"{dollars_text(value)}"')
                           for measure, value in totals.items())  # fmt: skip
        claim, separator, entity = name.partition(ENTITY_SEPARATOR)
        if separator:  # an entity's claim (claim_entry)
            name = f"{claim} ({entity})"
            body += f',\n      "claim_id": {json.dumps(claim)},\n      "billing_entity": {json.dumps(entity)}'
        out.write(("{\n    " if first else ",\n    ") + json.dumps(name) + ": {\n" + body + "\n    }")
        first = False
    out.write("{}" if first else "\n  }")
    out.write(tail + "\n")
