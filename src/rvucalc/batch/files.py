"""Streaming batch runs: read lines in chunks, price each chunk, write as they come.

Memory stays bounded by the chunk size whatever the file's size. A well-formed
file is read by Arrow's CSV reader; otherwise rows are read with the csv module
so that every input row is accounted for: a ragged line (more or fewer fields
than the header) is kept and reported in ``error``.

Encodings: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and
Windows-1252 (Excel's "CSV" on Windows) are read; a file that is none of them is refused
naming the line. Columns are recognised under billing systems' names (``columns``). The
output is written whole or not at all (``atomic``); chunk boundaries fall between claims.
"""

from __future__ import annotations

import codecs
import csv
import functools
import gc
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rvucalc.batch import regroup
from rvucalc.batch.arrow_columns import bool_array
from rvucalc.batch.atomic import AtomicOutput, atomic_outputs, check_target, refuse_overwriting_input
from rvucalc.batch.claim_totals import (
    CLAIM_MEASURES,
    CONTRACT_MEASURES,
    ENTITY_NAMES,
    FACILITY_CLAIM_MEASURES,
    PAID_MEASURES,
    ClaimTotals,
    claim_entry,
    entity_claim,
    write_summary_json,
)
from rvucalc.batch.columns import (
    BILL_BESIDE_OTHER,
    BILL_BESIDE_OWN,
    DECIMAL_COMMA_NOTICE,
    EUROPEAN_PAID_NOTICE,
    SUBTOTAL_ROW,
    TYPE_OF_BILL,
    ColumnMap,
    DateOrder,
    RowNote,
    bill_type_position,
    contract_column_notices,
    decimal_comma_paid,
    export_key,
    missing_role_notices,
    mostly_column_names,
    names_a_code,
    no_date_notice,
    paid_compared_with,
    patient_zip_notices,
    practitioner_column,
    pricing_view,
    resolve_columns,
    run_place_dme_notice,
    run_place_notices,
    unread_practitioner_notices,
    volume_column,
    volume_counts,
    volume_notices,
    zip_value_lookalikes,
)
from rvucalc.batch.continuation import Continuations
from rvucalc.batch.held_output import HeldOutput
from rvucalc.batch.lines import (
    ANESTHESIA_COLUMNS,
    ANOTHER_RELEASE_KEY,
    BILL_BESIDE_KEY,
    BILLING_ENTITY_KEY,
    BLANK_PROVIDER_KEY,
    CLAIM_APART_KEY,
    CLINIC_BILLED_KEY,
    COUNTED_UNPRICED_KEY,
    FACILITY_BILL_KEY,
    FACILITY_MISSING_KEY,
    FACILITY_MISSING_PROFESSIONAL_KEY,
    FACILITY_NATIONAL_KEY,
    FACILITY_WAGE_CHOICE_KEY,
    MARKED_KEY,
    MARKED_NOTES,
    NATIONAL_KEY,
    NOT_PRICED_BY_YEAR_KEY,
    OPPS_ONE_SIDE_KEY,
    PAID_BY_LINE_KEY,
    PRACTICE_CLAIM_KEY,
    PROVIDER_FROM_NAME_KEY,
    REVENUE_CODE_ONLY_KEY,
    REVERSED_KEY,
    SCHEDULE_MISSING_KEY,
    SERVICE_YEAR_KEY,
    STAFF_PROVIDER_KEY,
    TWO_ENTITY_CLAIMS_KEY,
    UNREAD_PAID_KEY,
    UNREAD_PROVIDER_KEY,
)
from rvucalc.batch.patient_days import (
    CARE_PLAN_OVERSIGHT_MONTHS,
    DIAGNOSTIC_IMAGING,
    MONTHLY_ESRD,
    TherapyAcrossClaims,
    with_patients,
)
from rvucalc.batch.price import (
    CHARGE_AS_READ,
    CHARGE_BELOW_CENTS_KEY,
    CHARGE_BELOW_CONTRACT_CENTS_KEY,
    CHARGE_BELOW_CONTRACT_KEY,
    CHARGE_BELOW_KEY,
    CHARGE_BELOW_WORDS,
    FACILITY_CLAIM,
    PAID_AT_FACILITY_BILL_NOTE,
    PAID_AT_FACILITY_NOTE,
    PAID_AT_FACILITY_REVENUE_NOTE,
    BatchPricer,
    Scenario,
    medicare_share_note,
)
from rvucalc.batch.regroup import Regrouping, claims_together
from rvucalc.batch.workbook_input import UncalculatedCells, is_workbook, read_workbook_chunks
from rvucalc.errors import ErrorKind, OutputFailedError, UsageError
from rvucalc.lookup import paid_for as paid_for_rule
from rvucalc.reference.releases import QUARTERLY_DATASETS, row_warnings, run_warnings

if TYPE_CHECKING:
    import pyarrow as pa

    from rvucalc.lookup.pricer import Pricer

# 60,000: the realistic ten million lines peaked at 1.05 GiB with chunks of 100,000 (session 46), 988 MiB at 75,000
# (the million: 887 -> 741 MiB, 5% slower); issue 15's bound is 1 GiB. Session 49's rules and caches took 75,000 to
# 1,045,240 kB (3 MiB spare), 60,000 to 984,856 kB (the million 4% slower, 790 -> 757 MB). Session 50's notes and
# counts took 60,000 to 1,051,072 and 1,051,240 kB (over), 50,000 to 981,400 kB.
DEFAULT_CHUNK_ROWS = 50_000  # the CLI's --chunk-rows default too
OUTPUT_FORMATS = ("csv", "json", "parquet", "xlsx")
SUFFIXES = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".xlsx": "xlsx"}
_FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "parquet": "Parquet", "xlsx": "Excel (.xlsx)"}
# Rows of a regrouped file written back in the file's order at a time (``Writer.write_held``).
HELD_SLICE_ROWS = 50_000
# Excel's sheet limit is 1,048,576 rows, the header included.
XLSX_MAX_ROWS = 1_048_575
# Chunks carry a claim's lines into the next chunk; a claim longer than this many chunks is cut
# anyway (memory stays bounded; such a "claim" is almost surely a constant column).
MAX_CARRIED_CHUNKS = 4
# ... and never one of fewer lines than this, whatever --chunk-rows (``carried_rows``): a claim of three 93005 (131)
# and 93010 pairs cut at 4 x chunk_rows=1 had its third 93005's office comparison priced apart ($6.51, not the $4.88 of
# the multiple diagnostic cardiovascular reduction its own claim gives it). An 837I claim has at most 999 service
# lines (an 837P 50): 10,000 holds any one claim, and a chunk of a constant column stays small.
MIN_CARRIED_ROWS = 10_000


def carried_rows(chunk_rows: int) -> int:
    """The most lines of one claim carried whole into the next chunk (``whole_claims``): MAX_CARRIED_CHUNKS chunks,
    at least MIN_CARRIED_ROWS, so a chunk's size changes no claim of fewer lines."""
    return max(MAX_CARRIED_CHUNKS * chunk_rows, MIN_CARRIED_ROWS)


# (lines as read, the pricer's view of them, row errors known before pricing) -> (lines, priced)
Chunk = tuple["pa.Table", "pa.Table", dict[int, str]]
# Prices the chunks, in order: each input chunk with its priced table (or the function that builds it).
PriceChunks = Callable[[Iterator[Chunk]], Iterator[tuple["pa.Table", "pa.Table | Callable[[], pa.Table]"]]]


MEASURES = ("allowed", "beneficiary", "medicare")


# --paid-for facility's totals ('totals' key; not 'facility', the site of the places with no OPPS or ASC payment) and
# the prefix of each claim's facility-claim measures.
FACILITY_CLAIMS = "facility_claims"
FACILITY_CLAIM_PREFIX = "facility_claim_"


def _facility_measures(
    priced: Any, site: tuple[dict[str, Any], Any], professional: tuple[dict[str, Any], Any]
) -> tuple[dict[str, Any], Any]:
    """A priced chunk's facility claims (``batch.price.facility_claim``: the rows at a hospital outpatient department
    or an ASC, their site's amounts less the physician's), as ``_measures`` gives a site's or the professional's."""
    from rvucalc.batch.price import facility_claim

    ids = _site_ids(priced)
    cents, valid = {}, None
    for name in MEASURES:
        amount, there = facility_claim(ids, {"allowed": site[0][name], "professional_allowed": professional[0][name]},
                                       {"allowed": site[1], "professional_allowed": professional[1]})  # fmt: skip
        cents[name], valid = amount, there
    return cents, valid


def _paid_professional_allowed(priced: Any, short: Any, variances: Any, paid_is: str = "allowed") -> Any:
    """Per row of a priced chunk, whether it is one of the rows paid less than expected (``short``, their
    ``variances`` in cents) at a hospital or ASC whose expected amount is the site's whole ``allowed`` (the OPPS or ASC
    payment and the PFS facility amount) and whose paid amount (expected + variance) is exactly its
    ``professional_allowed``, which differs from ``allowed``: the physician's fee alone, what a physician's
    remittance pays (Medicare Claims Processing Manual ch. 12 §20.4.2: at a hospital or ASC the physician is paid the
    PFS facility amount; the facility is paid by OPPS, ch. 4, or the ASC payment system, ch. 14). Whole columns.
    With ``paid_is`` 'medicare' (--paid-is), the Medicare shares: ``medicare`` and ``professional_medicare``."""
    import numpy as np

    from rvucalc.batch.arrow_columns import valid_of, values_of
    from rvucalc.batch.lines import SITE_NAMES

    whole = "medicare" if paid_is == "medicare" else "allowed"
    amounts = {}
    for name in ("expected", whole, f"professional_{whole}"):
        column = priced.column(name).combine_chunks()
        amounts[name] = np.where(valid_of(column), values_of(column), 0)
        short = short & valid_of(column)
    sites = _site_ids(priced)
    at_facility = np.isin(sites, [SITE_NAMES.index("hopd"), SITE_NAMES.index("asc")])
    professional = amounts[f"professional_{whole}"]
    return (short & at_facility & (amounts["expected"] == amounts[whole]) & (professional != amounts[whole])
            & (amounts["expected"] + variances == professional))  # fmt: skip


def _paid_sequestered(priced: Any, short: Any, variances: Any) -> Any:
    """Per row of a priced chunk, whether it is one of the rows paid less than expected (``short``, their
    ``variances`` in cents) whose paid amount (expected + variance) is exactly the expected Medicare share less the 2%
    sequestration (engine.kernels.sequestered, as --sequestration takes it off). Whole columns."""
    import numpy as np

    from rvucalc.batch.arrow_columns import valid_of, values_of
    from rvucalc.engine.kernels import sequestered

    column = priced.column("expected").combine_chunks()
    expected = np.where(valid_of(column), values_of(column), 0)
    short = short & valid_of(column) & (expected > 0)
    return short & (expected + variances == sequestered(expected))


def _paid_not_compared_professional(priced: Any) -> Any:
    """Per row of a priced chunk, whether it has a paid amount (not a reversal, not on a facility's own type of bill)
    that was not compared because its site at a hospital or ASC has no allowed amount (the year's OPPS or ASC file
    not installed, or no facility payment priced) while its practitioner's fee, ``professional_allowed``, is priced at
    a locality: what ``--paid-for professional`` compares a physician's remittance with (a hospitalist's 2026
    observation visits at POS 22 went unchecked with nothing said on stderr). Whole columns."""
    import numpy as np
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import false_where_null, text_scalar, valid_of, values_of
    from rvucalc.batch.lines import NATIONAL, SITE_NAMES

    paid = priced.column("paid_as_read").combine_chunks()
    professional = priced.column("professional_allowed").combine_chunks()
    rows = (valid_of(paid) & (np.where(valid_of(paid), values_of(paid), 0) >= 0)
            & ~valid_of(priced.column("variance").combine_chunks())
            & ~valid_of(priced.column("allowed").combine_chunks()) & valid_of(professional))  # fmt: skip
    national = pc.equal(priced.column("locality_priced").combine_chunks().cast("string"), text_scalar(NATIONAL))
    sites = _site_ids(priced)
    rows = (
        rows
        & ~values_of(false_where_null(national))
        & np.isin(sites, [SITE_NAMES.index(name) for name in ("hopd", "asc")])
        # Not a hospital's or ASC's own bill (type of bill 13x, 83x: a UB-04, _facility_bills): its paid amount is the
        # facility's payment (OPPS, Claims Processing Manual ch. 4; the ASC's, ch. 14), never the physician's fee, which
        # a facility's claim does not carry (ch. 12 §20.4.2): --paid-for professional would compare it with the wrong
        # amount (a nuclear medicine trial: a 2026 13x row of 78264 paid $418.00 read as overpaid by $379.67)
        & ~_facility_bills(priced)
    )
    # Not a payment a later row reverses (its own note says so; --paid-for professional would not compare it either)
    reversed_rows = _reversed(priced)
    return rows if reversed_rows is None else rows & ~reversed_rows


def _reversed(priced: Any) -> Any:
    """Per row of a priced chunk, whether it is no service of its claim (a reversal, or the payment one takes back:
    ``Lines.reversed``, the chunk's REVERSED_KEY); None when no row is."""
    import numpy as np

    written = (priced.schema.metadata or {}).get(REVERSED_KEY)
    if not written:
        return None
    out = np.zeros(priced.num_rows, dtype=bool)
    out[np.frombuffer(written, dtype="<i8")] = True
    return out


def _practice_claims(priced: Any) -> Any:
    """Per row of a priced chunk, whether it is a practice's line at the ASC that --paid-for facility leaves out of
    the facility's claims (the chunk's PRACTICE_CLAIM_KEY: batch.price.PAID_PRACTICE_NOT_FACILITY_NOTE)."""
    import numpy as np

    written = (priced.schema.metadata or {}).get(PRACTICE_CLAIM_KEY)
    if not written:
        return np.zeros(priced.num_rows, dtype=bool)
    return np.unpackbits(np.frombuffer(written, dtype=np.uint8), count=priced.num_rows).astype(bool)


def _facility_bills(priced: Any) -> Any:
    """Per row of a priced chunk, whether its setting is a hospital's or ASC's own type of bill (13x, 83x: the chunk's
    FACILITY_BILL_KEY)."""
    import numpy as np

    written = (priced.schema.metadata or {}).get(FACILITY_BILL_KEY)
    if not written:
        return np.zeros(priced.num_rows, dtype=bool)
    return np.unpackbits(np.frombuffer(written, dtype=np.uint8), count=priced.num_rows).astype(bool)


# The output column saying whether a row is counted in --summary's totals (and the stderr summary's): the rows whose
# allowed, beneficiary and Medicare amounts are all there, less the reversals and the payments they take back. Its
# rows' amounts add up to totals.all exactly (a review summed a file's allowed column, reversals and all: 866.33 where
# totals.all said 345.63). After every other column (extend, never rename).
IN_TOTALS = "in_totals"
# The output's column in a run with a volume column (columns.SYNONYMS' volume: the row stands for that many separate
# cases, each priced as the row says): the cases read from the row's cell (an integer; blank where the cell is no
# volume, the row's bad_volume error saying why). After in_totals (extend, never rename), and absent without a volume
# column (the output as before, byte for byte). The row's amounts stay one case's; the totals (stderr's, --summary's
# totals, totals_by_year, contracts, the paid variances) count each row volume times: its cents x its volume, exactly
# (BatchSummary.weigh). A row of volume 0 is priced and counts nothing (its line, no case, no amount).
VOLUME = "volume"


def _entity_claims(every: Any, names: list[str], entity: Any) -> tuple[Any, list[str]]:
    """A chunk's claims (``every``: each row's index into ``names``, its claim ids) with the rows of a claim id of more
    than one billing entity (``entity``: BILLING_ENTITY_KEY's, each row's entity plus one, 0 where its claim id holds
    one entity) each entity's claim (``entity_claim``), in the order first met. --summary's claims, underpaid_by_claim
    and overpaid_by_claim are then the claims Medicare gets: an Epic export's hospital overpaid beside its physician
    underpaid by as much under one HAR was neither. Whole columns; Python per claim, as ``names``."""
    import numpy as np

    width = len(ENTITY_NAMES) + 1  # each claim's entity codes, 0 its id's one
    key = every.astype(np.int64) * width + entity
    pairs, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    pairs = pairs[order].tolist()
    # A row without a claim id (a report's page line) stays without one
    return rank[inverse.reshape(-1)], [entity_claim(names[pair // width], pair % width if names[pair // width] else 0)
                                       for pair in pairs]  # fmt: skip


def _exact_sum(values: Any) -> int:
    """int64 values' sum, exact whatever their number: their high and low 24 bits added apart, each sum far inside
    int64 (a volume-weighted chunk's cents x volumes may pass it)."""
    import numpy as np

    values = np.asarray(values, dtype=np.int64)
    return (int((values >> 24).sum()) << 24) + int((values & 0xFFFFFF).sum())


def _weighted_sum(cents: Any, weights: Any) -> int:
    """Sum of cents x weights, exact: a row's cents (up to units x a code's amount, MAX_UNITS 1,000,000 units) times its
    volume (up to MAX_VOLUME) may pass int64 (a review's 1,000,000 units x 1,000,000 cases of Q2057 gave a negative
    patient total). Each row's cents split at bit 31, each part's product far inside int64."""
    import numpy as np

    cents, weights = np.asarray(cents, dtype=np.int64), np.asarray(weights, dtype=np.int64)
    return (_exact_sum((cents >> 31) * weights) << 31) + _exact_sum((cents & 0x7FFFFFFF) * weights)


def in_totals(priced: Any) -> Any:
    """Per row of a priced chunk, whether --summary's totals count it (``IN_TOTALS``): the one rule, which
    ``BatchSummary.count_totals`` totals by and ``joined_table`` writes. Not a row an RHC or FQHC bills at its own
    rate (``clinic_billed``), as price's site totals (engine.facility.total_sites)."""
    valid = _measures(priced, "")[1] & ~clinic_billed(priced)
    out = _reversed(priced)
    return valid if out is None else valid & ~out


def clinic_billed(priced: Any) -> Any:
    """Per row of a priced chunk, whether its note says an RHC or FQHC bills it at its own rate (a clinic visit,
    venipuncture in it: engine.place_of_service.CLINIC_BILLED_CLAUSES): shown at its PFS or CLFS amount, which no one is
    paid there, and in no total. The chunk's CLINIC_BILLED_KEY says which rows; a table without it has its notes
    searched."""
    import numpy as np

    from rvucalc.engine.place_of_service import CLINIC_BILLED_CLAUSES

    rows = priced.num_rows
    written = (priced.schema.metadata or {}).get(CLINIC_BILLED_KEY)
    if written is not None:
        return np.unpackbits(np.frombuffer(written, dtype=np.uint8), count=rows).astype(bool)
    found = np.zeros(rows, dtype=bool)
    if "note" not in priced.column_names or not rows:
        return found
    for text in CLINIC_BILLED_CLAUSES:
        found |= notes_containing(priced, text)
    return found


def notes_containing(priced: Any, text: str) -> Any:
    """Per row of a priced chunk (which has a note column), whether its note contains ``text``: a dictionary column's
    distinct notes searched once each."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import valid_of, values_of

    parts = []
    for chunk in priced.column("note").chunks:
        if pa.types.is_dictionary(chunk.type):
            hits = pc.match_substring(chunk.dictionary, text)  # (fill_null(False) would import pandas)
            hit = np.append(np.asarray(values_of(hits), dtype=bool) & valid_of(hits), False)
            indices = np.where(valid_of(chunk.indices), values_of(chunk.indices), len(hit) - 1)
            parts.append(hit[indices])
        else:
            hits = pc.match_substring(chunk.cast(pa.string()), text)
            parts.append(np.asarray(values_of(hits), dtype=bool) & valid_of(hits))
    return np.concatenate(parts) if parts else np.zeros(priced.num_rows, dtype=bool)


def _measures(priced: Any, prefix: str) -> tuple[dict[str, Any], Any]:
    """A priced chunk's ``{prefix}allowed``, ``{prefix}beneficiary`` and ``{prefix}medicare`` as integer cents, and
    the rows that have all three."""
    from rvucalc.batch.arrow_columns import valid_of, values_of

    cents, valid = {}, None
    for name in MEASURES:
        column = priced.column(f"{prefix}{name}").combine_chunks()
        cents[name] = values_of(column)
        valid = valid_of(column) if valid is None else valid & valid_of(column)
    return cents, valid


# --summary's totals of the DME supplier claims ('totals' key, and each claim's ``dmepos_*`` measures): a DMEPOS item
# furnished by a supplier is no PFS service, paid by the DME MAC, not on the physician's claim to the A/B MAC (Medicare
# Benefit Policy Manual ch. 15 §110: "Where covered DME is furnished to a beneficiary by a supplier ... the DME MAC
# makes the reimbursement"). Only the items the DME MAC pays: the DMEPOS file's JURIS D, and PEN items
# (``engine.schedules.dme_mac_pays``, DmeMacItems); a JURIS L item (Q4021, a casting supply billed in the office) is
# the A/B MAC's, a J item either's: on the practitioner's claim, in the professional totals alone. A part of the
# professional totals, which hold every line's professional_allowed (the physician's or the supplier's claim: PFS
# services, lab tests and drugs billed with them, DME items), as `rvucalc price`'s professional_payment does; the site
# totals hold every line. Said apart so that neither is read as the other.
DMEPOS_CLAIMS = "dmepos"
# Beside it, the professional totals' lab tests (CLFS-priced rows: an independent lab's, or the practice's own) and
# drugs (ASP-priced rows): a review's professional total ($8,053.56, above the site total) held 80053, 85025 at POS 81
# and J9271 ($5,972.60), said nowhere. Each a part of the professional totals, named for its fee schedule as
# DMEPOS_CLAIMS is (and as the summary's releases name them).
CLFS_CLAIMS = "clfs"
ASP_CLAIMS = "asp"
# Each part's key and the amount column of the schedule that prices its rows.
SCHEDULE_PARTS = ((CLFS_CLAIMS, "clfs_amount"), (ASP_CLAIMS, "drug_amount"), (DMEPOS_CLAIMS, "dmepos_amount"))
# What the professional totals are, as the stderr summary names them (not a practitioner's alone: a lab's, a supplier's)
PROFESSIONAL_WORDS = "practitioners', labs' and suppliers' claims"
# The office totals ('office' key) are the rows priced at the non-facility rate, wherever that is paid: POS 11 and the
# places CMS pays at it (an independent lab, the patient's home, telehealth there ...), not POS 11 alone.
OFFICE_RATE_PLACES = "POS 11 and every place paid as the office, such as 81 (lab), 12 (home), 10 (telehealth at home)"
# --summary's totals_meaning: what each totals key holds (the keys are contracts: the words say what a name cannot).
TOTALS_MEANING = {
    "all": "every row counted (in_totals: true) at its setting's allowed amount",
    "office": f"rows priced at the non-facility (office) rate: {OFFICE_RATE_PLACES}",
    "hopd": "rows at a hospital outpatient department: the OPPS payment and the PFS facility amount",
    "asc": "rows at an ambulatory surgical center: the ASC payment and the PFS facility amount",
    "facility": "rows at another facility (inpatient, SNF ...): the PFS facility amount",
    "professional": f"{PROFESSIONAL_WORDS}: every row's professional_allowed (no facility fee), the lab tests, drugs "
    "and DME items among them",
    CLFS_CLAIMS: "of professional: lab tests priced by the clinical laboratory fee schedule (CLFS)",
    ASP_CLAIMS: "of professional: drugs priced by the ASP drug payment limits",
    DMEPOS_CLAIMS: "of professional: DMEPOS items the DME MAC pays (JURIS D in CMS's DMEPOS fee schedule, and PEN "
    "items), not those of JURIS L (billed to the A/B MAC, e.g. Q4021 casting supplies) or J (either MAC)",
    FACILITY_CLAIMS: "the hospital's or ASC's own payment: with --paid-for facility every row at a hospital or ASC, "
    "otherwise the rows of a facility's own bill (a UB-04's type of bill, 13x or 83x, or a provider cell naming the "
    "ASC, specialty 49, at POS 24: its 837P), which professional leaves out",
}


def schedule_rows(priced: Any, column: str) -> Any:
    """Per row of a priced chunk: an item the schedule of amount ``column`` prices (``clfs_amount``: a lab test,
    ``drug_amount``: a drug, ``dmepos_amount``: a DMEPOS item), the PFS paying it nothing."""
    from rvucalc.batch.arrow_columns import valid_of

    def given(name: str) -> Any:
        return valid_of(priced.column(name).combine_chunks())

    return given(column) & ~given("pfs_non_facility_amount") & ~given("pfs_facility_amount")


def dmepos_rows(priced: Any) -> Any:
    """Per row of a priced chunk: a DMEPOS item (its amount the DMEPOS fee schedule's, the PFS paying it nothing)."""
    return schedule_rows(priced, "dmepos_amount")


class DmeMacItems:
    """Which DMEPOS-priced rows the DME MAC pays (``engine.schedules.dme_mac_pays``: the DMEPOS file's JURIS D, and PEN
    items), for the summary's DME supplier claims (DMEPOS_CLAIMS). A casting supply a PA-C bills in the office (Q4021,
    JURIS L) is the A/B MAC's, on the practitioner's claim: it was counted among the DME MAC's claims. Per DMEPOS
    release (the release column's "DMEPOS 2026-01"), the codes of the items the DME MAC does not pay, read from the
    release's store the first time a row of it is counted (its store is open: its rows were priced with it)."""

    def __init__(self, pricer: Pricer) -> None:
        self._pricer = pricer
        self._others: dict[str, frozenset[str]] = {}

    def others(self, release: str) -> frozenset[str]:
        """The codes of ``release`` (a DMEPOS release's name) whose items the DME MAC does not pay (JURIS L or J)."""
        if release not in self._others:
            from rvucalc.engine.schedules import dme_mac_pays

            found = [r for r in self._pricer.dataset_releases("dmepos") if r.release == release]
            items = self._pricer.store(found[0]).columns("dmepos", ["hcpcs", "source", "juris"]) if found else {}
            self._others[release] = frozenset(
                code for code, source, juris in zip(items.get("hcpcs", ()), items.get("source", ()),
                                                    items.get("juris", ()), strict=True)
                if not dme_mac_pays(juris, source)
            )  # fmt: skip
        return self._others[release]

    def rows(self, priced: Any, codes: Any, candidates: Any) -> Any:
        """Of the rows ``candidates`` (numpy bool: DMEPOS-priced), those whose item the DME MAC pays; ``codes``: the
        chunk's code cells (a modifier may be in them: '15275 RT', 'Q4021-LT'). Decided once per distinct code cell
        and release, not per row."""
        import numpy as np

        from rvucalc.batch.arrow_columns import int64_array, strings_of, values_of
        from rvucalc.lookup.lines import parse_line

        at = np.flatnonzero(candidates)
        if not len(at):
            return candidates
        taken = int64_array(at)
        cells = codes.combine_chunks().take(taken).cast("string").dictionary_encode()
        releases = priced.column("release").combine_chunks().take(taken).cast("string").dictionary_encode()

        def code_of(cell: str) -> str:
            try:
                return parse_line(cell)[0]
            except UsageError:
                return cell.strip().upper()

        parsed = [code_of(cell) for cell in strings_of(cells.dictionary)]
        named = [dict(release_pieces(text, "pfs")).get("dmepos") for text in strings_of(releases.dictionary)]
        others = np.array([[release is not None and code in self.others(release) for code in parsed]
                           for release in named], dtype=bool).reshape(len(named), len(parsed))  # fmt: skip
        paid = candidates.copy()
        paid[at] = ~others[values_of(releases.indices), values_of(cells.indices)]
        return paid


# A row with none of these has no amount anywhere: every schedule's and every site's.
AMOUNT_COLUMNS = ("pfs_non_facility_amount", "pfs_facility_amount", "opps_rate", "asc_rate", "clfs_amount",
                  "drug_amount", "dmepos_amount", "office_allowed", "hopd_allowed", "asc_allowed")  # fmt: skip
# Of those, a facility site's, which a $0.00 (packaged) leaves without an amount for a row done at another site
# (count_no_amount): the SITE_NAMES id of the site each is for.
ELSEWHERE_ZERO = {"opps_rate": "hopd", "hopd_allowed": "hopd", "asc_rate": "asc", "asc_allowed": "asc"}


# The release column's pieces past the PFS release: the other schedules' files a row was priced with
# (batch.schedules: "2026C; CLFS 2026-01; ASP 2026-01"), each under its own key in the summary's releases.
OTHER_RELEASES = {"CLFS": "clfs", "ASP": "asp", "DMEPOS": "dmepos"}
# The summary's releases: every schedule's key, each with the amount columns of the rows its releases priced.
# (opps: hopd_allowed too, for a therapy row whose Addendum B decided the PFS pays the hospital: its opps_release.)
RELEASE_AMOUNTS = {"pfs": ("pfs_non_facility_amount", "pfs_facility_amount"), "opps": ("opps_rate", "hopd_allowed"),
                   "asc": ("asc_rate",), "clfs": ("clfs_amount",), "asp": ("drug_amount",),
                   "dmepos": ("dmepos_amount",)}  # fmt: skip
SUMMARY_RELEASES = tuple(RELEASE_AMOUNTS)
# What a schedule_not_installed file ('CY2025 ASP', 'ASP 2026-07', 'CY2025 CLFS') prices, as its stderr line says.
SCHEDULE_ITEMS = {"ASP": "drug", "CLFS": "lab test", "DMEPOS": "DME item"}


def release_pieces(text: str, dataset: str) -> list[tuple[str, str]]:
    """A release column's text as (dataset, release) pairs: "2026C; ASP 2026-01" is the PFS's 2026C and the ASP's
    2026-01 (a PFS release key is a PFS release, never "2026C; ASP 2026-01")."""
    pairs = []
    for piece in text.split("; "):
        name, _, release = piece.partition(" ")
        pairs.append((OTHER_RELEASES[name], release) if name in OTHER_RELEASES and release else (dataset, piece))
    return pairs


@dataclass
class BatchSummary:
    rows: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    underpaid: int = 0  # rows whose paid amount is below the expected one (line by line)
    underpaid_cents: int = 0  # the sum of their (negative) variances
    # Of them, without --paid-for (nor a contract), the rows at a hospital or ASC compared with the site's whole allowed
    # amount (the facility's payment and the physician's) whose paid amount is exactly their professional_allowed (the
    # PFS facility amount alone, which is not the whole): a physician's remittance read as the site's (an orthopedics
    # trial's surgeons' remit: "9 claims paid less than expected, $34,177.98", $0.00 with --paid-for professional)
    underpaid_professional: int = 0
    # Of them, with --paid-is medicare and no --sequestration, the rows paid exactly their expected Medicare share less
    # 2% (engine.kernels.sequestered): a remit's paid column is after the sequestration reduction (CARC 253, in force
    # in 2025 and 2026: payment-rules.md section 1), which rvucalc takes off only with --sequestration (an
    # endocrinology trial's Primary Paid 104.16 on 99214, Medicare's $106.29 less 2%, read "underpaid" with no word)
    underpaid_sequestered: int = 0
    sequestration_unsaid: bool = False  # --paid-is medicare without --sequestration
    # rows with a paid amount at a hospital or ASC not compared (no --paid-for): no site allowed amount, a
    # professional_allowed (_paid_not_compared_professional)
    uncompared_professional: int = 0
    paid_for_default: bool = True  # no --paid-for given and no --percent-of-medicare: the rows' expected is `allowed`
    # No --paid-for given, with a contract's --percent-of-medicare or without: a row whose site at a hospital or ASC has
    # no allowed amount (so no contract_amount either) is not compared, while --paid-for professional compares it with
    # professional_allowed or its percentage (uncompared_professional; the rows' notes said it, the summary did not)
    paid_for_unsaid: bool = True
    paid_is: str = "allowed"  # --paid-is: 'medicare', the rows' expected is Medicare's share (underpaid_professional)
    # Rows without a claim id (or in a file without a claim column) paid less than expected: line by line, as the
    # summary's underpaid by claim counts them beside the claims (ClaimTotals.underpaid).
    unclaimed_underpaid: int = 0
    unclaimed_underpaid_cents: int = 0
    # The same for the rows paid more than expected (a positive variance), and their claims (ClaimTotals.overpaid): a
    # provider must report and return a Medicare overpayment within 60 days of identifying it (Social Security Act
    # section 1128J(d)(1)-(2); 42 CFR 401.305, CMS-6037-F, 81 FR 7653, Feb. 12, 2016), so they are counted as the
    # underpaid are (the same comparison, the other sign; reversals and lines not compared are neither).
    overpaid: int = 0
    overpaid_cents: int = 0
    unclaimed_overpaid: int = 0
    unclaimed_overpaid_cents: int = 0
    reversals: int = 0  # rows whose paid amount is negative: a take-back (engine.scenario.is_reversal), not compared
    reversal_cents: int = 0  # their paid amounts' sum (negative)
    # rows whose payment a later row of their claim reverses (batch.claims.mark_reversals): in no total, as reversals
    reversed_payments: int = 0
    paid_column: bool = False  # the run has a paid column: its claims' entries carry PAID_MEASURES
    contract: bool = False  # --percent-of-medicare: its claims' entries carry CONTRACT_MEASURES
    dme_mac: DmeMacItems | None = None  # which DMEPOS rows are the DME MAC's (DMEPOS_CLAIMS); None: every DMEPOS row
    claimed: bool = False  # the run's claims are counted (a claim column, and --summary or a paid column)
    no_amount: int = 0  # rows without an error that have no amount anywhere (a single lookup's exit 1): why, in notes
    # rows without an error and with a setting that have no allowed amount there but an amount in another (96127 at POS
    # 02), no other count's (count_no_amount): why, in notes
    no_amount_in_setting: int = 0
    # Rows without an error and without an allowed amount: set at a place (a site) that has none for them, or with no
    # amount anywhere (every reason above and below: bundled, the MAC prices it, a CMS file or a wage index missing);
    # the headline's "priced N rows (M without an allowed amount: see below)" (a trial's said "priced 37 rows, no
    # errors" of 3 drug rows CMS's CY2025 ASP file was not installed for, told further down alone)
    without_allowed: int = 0
    # Rows without an allowed amount that the PFS bundles (status B: "payment is always included in payment for other
    # services"): paid nothing of their own by rule, not a price missing. Counted apart from what has no price (a
    # review: --summary's unpriced mixed them with the lines the MAC prices); each claim's ``unpriced`` still counts
    # them, as its README line says (its lines without an allowed amount), and its ``bundled`` says how many.
    bundled: int = 0
    # Priced rows a multiple procedure rule ranks with a line of their claim the MAC prices (batch.claims._mac_ranked:
    # the MAC's fee may be the one paid in full): their claim's total is not priced, as `rvucalc price` says of it
    mac_ranked: int = 0
    # Rows Medicare returns as unprocessable (batch.lines.UNPROCESSABLE_NOTE: an always-therapy code without GP/GO/GN,
    # an evaluation with another discipline's modifier, a non-ESRD ESA without EA/EB/EC, a TAVR line without Q0), priced
    # as billed and in the totals: said, as a trial's were not
    unprocessable: int = 0
    # Rows at an RHC or FQHC the clinic bills at its own rate (``clinic_billed``: a visit, venipuncture in it), shown at
    # their PFS or CLFS amount and in no total: said, once
    clinic_billed: int = 0
    # Rows whose note calls them a possible duplicate of an earlier line of their claim (engine.duplicates.
    # DUPLICATE_NOTE; not a reversal or the payment one takes back), and the allowed amount of those priced: what a
    # claim edit denying them would take off the totals, which count them as priced
    duplicate_lines: int = 0
    duplicate_cents: int = 0
    # Rows in the professional totals whose setting is no hospital's or ASC's own type of bill (13x, 83x): none, and
    # the stderr summary says no practitioners' claims' total (a run of UB-04 lines has none)
    professional_off_bill: int = 0
    another_release: int = 0  # rows priced with a release not in force on their date (its own not installed)
    undated: bool = False  # the input has no date column: ``another_release`` counts rows not priced as of today
    # How the date column's slash dates were read (``date_order_json``; None: no date column): a run with -q says it
    # nowhere else, and a day-first file's 03/11/2025 is 3 November
    date_order: dict[str, Any] | None = None
    national: int = 0  # rows priced with national amounts (no ZIP or locality): Medicare pays none of them as such
    facility_national: int = 0  # hospital/ASC rows at the national facility rate: their place has no one wage index
    facility_wage_choice: int = 0  # hospital/ASC rows not priced: CMS's file gives their place several wage indexes
    # hospital/ASC rows whose year's OPPS/ASC file is not installed (no allowed amount), per file: 'CY2026 OPPS' -> rows
    facility_not_installed: dict[str, int] = field(default_factory=dict)
    # of them, the rows whose practitioner's fee (professional_allowed) is priced, per file
    facility_not_installed_professional: dict[str, int] = field(default_factory=dict)
    # rows refused for want of an anesthesia line's base units or minutes (lookup.lines.ANESTHESIA_INPUTS_START) in a
    # file with no base-units column, and the file's units and minutes columns' names (anesthesia_inputs_lines)
    anesthesia_inputs: int = 0
    anesthesia_columns: tuple[str | None, str | None, str | None] | None = None
    # rows whose lab, drug or DME item has no amount (and no allowed amount) because CMS's CLFS, ASP or DMEPOS file for
    # its year or quarter is not installed, per file: 'CY2025 ASP' (the year's), 'ASP 2026-07' (a drug the older
    # quarter's file used does not list) -> rows
    schedule_not_installed: dict[str, int] = field(default_factory=dict)
    # hospital outpatient and ASC own-bill rows with a revenue code and no HCPCS code: packaged, $0.00
    # (batch.lines.REVENUE_CODE_LINE, REVENUE_CODE_LINE_ASC)
    revenue_code_only: int = 0
    # rows whose type of bill 13x or 83x is beside a POS (batch.columns._bill_beside): of the bill's own site (read as
    # the bill, the facility's own), and of another place (the POS read)
    bill_beside_own: int = 0
    bill_beside_other: int = 0
    opps_one_side: int = 0  # hospital rows of a bilateral procedure (50) at one side's OPPS amount: not the bilateral
    unread_provider: int = 0  # rows whose provider cell names no practitioner: priced as the run's --provider, noted
    staff_provider: int = 0  # of them, a nurse's, technologist's, technician's ... cell (lines.STAFF_PROVIDER_KEY)
    provider_from_name: int = 0  # rows whose blank provider cell was read by the credential after the name, noted
    blank_provider: int = 0  # rows whose provider cell is blank, the name saying none: priced as the run's --provider
    # rows whose charge (a charge column) is below the amount compared: Medicare allows the charge (noted, expected)
    charge_below: int = 0
    charge_below_cents: int = 0  # by how much their charges are below the amounts compared, in all
    charge_below_charges: int = 0  # those rows' charges, in all: what Medicare allows of them (the lower)
    # a contract run's rows whose charge is below their contract amount: expected stays the contract's (noted)
    charge_below_contract: int = 0
    charge_below_contract_cents: int = 0  # by how much their charges are below their contract amounts, in all
    # without --paid-for: the rows with a paid amount (or a contract) compared with their own claim's amount, the line
    # saying whose claim it is (BatchPricer._paid_for_by_line): 'professional' and 'facility' -> rows
    paid_for_by_line: dict[str, int] = field(default_factory=lambda: {"professional": 0, "facility": 0})
    # rows priced whose paid cell is no amount ('12..5': not compared, noted), and the first's row in the file (from 1)
    unread_paid: int = 0
    unread_paid_first: int | None = None
    split_claims: int = 0  # claims whose lines of one date are not next to each other in the file (SeenClaims)
    split_claim_rows: int = 0  # their later lines, priced as another encounter (a row without an error says so)
    # claims (a claim id's adjacent rows) that held a facility's own bill's lines and a practitioner's: each entity's
    # lines priced as a claim of its own (batch.claims.billing_entities)
    two_entity_claims: int = 0
    regrouped_claims: int = 0  # claims whose lines were apart, priced together (batch.regroup)
    continuation_rows: int = 0  # a grouped export's rows read as lines of the claim above (batch.continuation)
    totals: dict[str, dict[str, int]] = field(default_factory=dict)  # site ('all' too) -> measure -> cents
    # the same totals by the rows' year of service ('2025', 'undated': _year_key) -> site -> measure -> cents; the
    # years' buckets add up to ``totals``' exactly (a trial compared 2025 with 2026 by hand)
    totals_by_year: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    # per year of service (as totals_by_year keys it), the rows a missing CMS file or the setting left without an
    # allowed amount (in no total): 'facility_not_installed' and 'schedule_not_installed' (file -> rows) and
    # 'no_amount_in_setting' (rows); --summary's totals_by_year[year]['not_priced'], counts only (a trial's 2025 had a
    # hospital total its 2026 had not, the 2026 hospital rows unpriced for want of CY2026 Addendum B, said nowhere)
    not_priced_by_year: dict[str, dict[str, Any]] = field(default_factory=dict)
    contracts: dict[str, dict[str, int]] = field(default_factory=dict)  # site ('all' too) -> lines, contract cents
    claims: ClaimTotals = field(default_factory=ClaimTotals)  # per claim id: lines and measures (cents)
    notes: dict[str, None] = field(default_factory=dict)  # the run's notes (batch.lines.run_notes), each once
    # the data releases the rows were priced with (the rows' release, opps_release and asc_release columns)
    releases: dict[str, dict[str, None]] = field(default_factory=dict)
    # what those releases say once (releases.run_warnings): one installed from a file that is not CMS's published
    # one, a pin the rows' dates passed over; said on stderr too
    release_warnings: list[str] = field(default_factory=list)
    # the run's what-if and contract terms (batch.price.Scenario), which every total above reflects
    scenario: dict[str, str | None] = field(default_factory=dict)
    professional: bool = False  # --paid-for professional: the professional claims' totals are what the payee is paid
    # --paid-for facility: the facility claims' totals (FACILITY_CLAIM: the hospital's or ASC's own payment) are, in
    # the totals ('facility_claims') and each claim's entry (FACILITY_CLAIM_MEASURES)
    facility: bool = False
    # ClaimTotals.paid_variances (the underpaid claims, the overpaid ones), once the run is counted
    _claims_paid: tuple[tuple[int, int], tuple[int, int]] | None = None
    # A volume column (columns.SYNONYMS' volume: a row stands for that many separate cases): its name, and the cases
    # its rows counted. Every amount the totals add (totals, totals_by_year, contracts, the paid variances) is then the
    # row's (one case's) x its volume, exactly (VOLUME); each bucket's ``cases`` beside its ``lines`` (rows).
    volume_column: str | None = None
    cases: int = 0
    _weights: Any = None  # the chunk being counted: its rows' volumes (numpy int64), None without a volume column

    def set_scenario(self, scenario: Any) -> None:
        """The run's terms, as the totals and the summary say them (a trial's what-if totals said no CF)."""
        if scenario is None:
            return
        self.paid_for_default = not scenario.paid_for_given and scenario.percent_of_medicare is None
        self.paid_for_unsaid = not scenario.paid_for_given
        self.paid_is = scenario.paid_is
        self.claims.measures = self._claim_measures()
        self.sequestration_unsaid = scenario.paid_is == "medicare" and not scenario.sequestration
        measures = {"professional": "professional_allowed", "facility": FACILITY_CLAIM}
        paid_for = measures.get(scenario.paid_for, "allowed")
        terms = {
            "conversion_factor": scenario.conversion_factor, "anesthesia_cf": scenario.anesthesia_cf,
            "percent_of_medicare": scenario.percent_of_medicare,
        }  # fmt: skip
        medicare = scenario.paid_is == "medicare"
        non_par = getattr(scenario, "non_par", False)
        if (not any(value is not None for value in terms.values()) and paid_for == "allowed" and not medicare
                and not non_par):  # fmt: skip
            return
        self.scenario = {name: None if value is None else str(value) for name, value in terms.items()}
        self.professional = scenario.paid_for == "professional"
        self.facility = scenario.paid_for == "facility"
        self.contract = scenario.percent_of_medicare is not None
        self.claims.measures = self._claim_measures()
        # the amount the rows' `expected` column (and a paid column's variance) is
        self.scenario["expected"] = "contract_amount" if scenario.percent_of_medicare else paid_for
        self.scenario["contract_of"] = paid_for if scenario.percent_of_medicare else None
        # what the paid column is (--paid-is): with 'medicare' expected is Medicare's share of the same amount
        # (lookup.paid_for.COMPARED_MEASURES: medicare, professional_medicare, facility_claim_medicare)
        self.scenario["paid_is"] = scenario.paid_is
        if medicare:
            self.scenario["expected"] = paid_for_rule.COMPARED_MEASURES["medicare"][scenario.paid_for]
            self.scenario["sequestration"] = "2%" if scenario.sequestration else None
        if non_par:  # --non-par: the PFS rows' amounts are the non-par amounts (batch.price._non_par)
            self.scenario["non_par"] = "95%"

    def _scenario_words(self) -> str:
        terms = self.scenario
        if not terms:
            return ""
        words = []
        if terms.get("conversion_factor"):
            words.append(f"what-if conversion factor ${terms['conversion_factor']} (PFS rows)")
        if terms.get("anesthesia_cf"):
            words.append(f"what-if anesthesia conversion factor ${terms['anesthesia_cf']} (anesthesia rows)")
        if terms.get("percent_of_medicare"):
            words.append(f"contract {terms['percent_of_medicare']}% of {terms['contract_of']}")
            if terms["contract_of"] == "allowed" and any(self.contracts.get(site) for site in ("hopd", "asc")):
                # a hospital's or ASC's row: the site's allowed amount adds the facility's payment to the physician's
                # fee (a 70553-26 at POS 22 read as a $780.31 contract where the physician's 120% is $144.12)
                words[-1] += (
                    " (at a hospital or ASC the site's whole allowed amount, the facility's payment "
                    "included; a practitioner's contract: --paid-for professional)"
                )
        if terms.get("non_par"):
            words.append("non-participating: PFS rows at the non-par amount (95%, SSA §1848(a)(3))")
        words.append(f"expected = {terms['expected']}")
        if terms.get("paid_is") == "medicare":  # the paid column is Medicare's payment (--paid-is medicare)
            after = " after the 2% sequestration" if terms.get("sequestration") else ""
            words[-1] += f" (Medicare's share{after}: the paid column is Medicare's payment)"
        return "; terms: " + ", ".join(words)

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def count_anesthesia_inputs(self, priced: Any) -> None:
        """Add a chunk's rows refused for want of base units (``anesthesia_inputs_message``) where the file has no
        base-units column (``anesthesia_columns``' first): the missing input is then each row's base units."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import strings_of, valid_of, values_of
        from rvucalc.lookup.lines import ANESTHESIA_INPUTS_START

        if self.anesthesia_columns is None or self.anesthesia_columns[0] is not None:
            return
        for chunk in priced.column("error").chunks:
            if pa.types.is_dictionary(chunk.type):  # its distinct messages, then each row's
                said = np.array([text.startswith(ANESTHESIA_INPUTS_START) for text in strings_of(chunk.dictionary)]
                                + [False])  # fmt: skip
                self.anesthesia_inputs += int(
                    said[np.where(valid_of(chunk), values_of(chunk.indices), len(said) - 1)].sum()
                )
            else:
                self.anesthesia_inputs += int(pc.sum(pc.starts_with(chunk, ANESTHESIA_INPUTS_START)).as_py() or 0)

    def anesthesia_inputs_lines(self) -> list[str]:
        """A stderr line for a file with no base-units column whose anesthesia rows were refused for want of them: how
        to give them, and where the minutes were read from. CMS's Claims Processing Manual ch. 12 §50 ("based on
        allowable base and time units multiplied by an anesthesia conversion factor ... The base unit for each
        anesthesia procedure is communicated to the A/B MACs by means of the HCPCS file"): the base units are not on
        the claim, nor in the files rvucalc ships; the time is the claim's units field in minutes (Palmetto GBA,
        "Anesthesia: Base & Time Units": "Actual anesthesia time in minutes is reported on the claim ... in the units
        field"), which batch reads as the minutes without a minutes column (batch.lines.UNITS_AS_MINUTES)."""
        if not self.anesthesia_inputs or self.anesthesia_columns is None:
            return []
        _, minutes, units = self.anesthesia_columns
        count = self.anesthesia_inputs
        their = "its" if count == 1 else "their"
        if minutes is not None and minutes != units:
            read = f"{their} minutes were read from {minutes!r}"
        elif units is not None:
            read = (f"{their} minutes were read from the units ({units!r}), as Medicare's claims report anesthesia "
                    "time")  # fmt: skip
        else:
            read = "the file has no minutes either: add them as a column too (--columns minutes=COLUMN)"
        return [f"{count} anesthesia {_rows(count)} without base units: the file has no base-units column, and CMS's "
                "anesthesia base units are not in the files rvucalc ships: add a column of each code's base units "
                f"and, if its header is not read, name it with --columns base_units=COLUMN; {read}"]  # fmt: skip

    def count_errors(self, kinds: Any) -> None:
        """Add a chunk's errors to the counts by kind (its ``error_kind`` dictionary column: the kind
        set where each error was raised, never read from the message)."""
        import numpy as np

        from rvucalc.batch.arrow_columns import strings_of, values_of

        for chunk in kinds.chunks:
            counts = np.bincount(values_of(chunk.indices), minlength=len(chunk.dictionary))
            for kind, count in zip(strings_of(chunk.dictionary), counts.tolist(), strict=True):
                if kind and count:
                    self.errors[kind.replace("_", " ")] += count

    def count_notes(self, priced: Any) -> None:
        """Add a chunk's run notes: what the single lookup says on every line (the Part B deductible), which
        batch says once for the run instead of on every row."""
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import strings_of
        from rvucalc.batch.lines import run_notes_of

        self.notes.update(dict.fromkeys(run_notes_of(priced)))
        self.another_release += int((priced.schema.metadata or {}).get(ANOTHER_RELEASE_KEY, b"0"))
        self.facility_national += int((priced.schema.metadata or {}).get(FACILITY_NATIONAL_KEY, b"0"))
        self.facility_wage_choice += int((priced.schema.metadata or {}).get(FACILITY_WAGE_CHOICE_KEY, b"0"))
        self.opps_one_side += int((priced.schema.metadata or {}).get(OPPS_ONE_SIDE_KEY, b"0"))
        self.two_entity_claims += int((priced.schema.metadata or {}).get(TWO_ENTITY_CLAIMS_KEY, b"0"))
        self.revenue_code_only += int((priced.schema.metadata or {}).get(REVENUE_CODE_ONLY_KEY, b"0"))
        beside = json.loads((priced.schema.metadata or {}).get(BILL_BESIDE_KEY, b"{}"))
        self.bill_beside_own += beside.get(BILL_BESIDE_OWN, 0)
        self.bill_beside_other += beside.get(BILL_BESIDE_OTHER, 0)
        self.unread_provider += int((priced.schema.metadata or {}).get(UNREAD_PROVIDER_KEY, b"0"))
        self.staff_provider += int((priced.schema.metadata or {}).get(STAFF_PROVIDER_KEY, b"0"))
        self.provider_from_name += int((priced.schema.metadata or {}).get(PROVIDER_FROM_NAME_KEY, b"0"))
        self.blank_provider += int((priced.schema.metadata or {}).get(BLANK_PROVIDER_KEY, b"0"))
        self.charge_below += int((priced.schema.metadata or {}).get(CHARGE_BELOW_KEY, b"0"))
        self.charge_below_cents += int((priced.schema.metadata or {}).get(CHARGE_BELOW_CENTS_KEY, b"0"))
        if int((priced.schema.metadata or {}).get(CHARGE_BELOW_KEY, b"0")):
            self.charge_below_charges += _charges_below(priced)
        self.charge_below_contract += int((priced.schema.metadata or {}).get(CHARGE_BELOW_CONTRACT_KEY, b"0"))
        self.charge_below_contract_cents += int(
            (priced.schema.metadata or {}).get(CHARGE_BELOW_CONTRACT_CENTS_KEY, b"0")
        )
        for name, count in json.loads((priced.schema.metadata or {}).get(PAID_BY_LINE_KEY, b"{}")).items():
            self.paid_for_by_line[name] = self.paid_for_by_line.get(name, 0) + count
        for name, count in json.loads((priced.schema.metadata or {}).get(FACILITY_MISSING_KEY, b"{}")).items():
            self.facility_not_installed[name] = self.facility_not_installed.get(name, 0) + count
        for name, count in json.loads((priced.schema.metadata or {}).get(FACILITY_MISSING_PROFESSIONAL_KEY,
                                                                          b"{}")).items():  # fmt: skip
            fees = self.facility_not_installed_professional
            fees[name] = fees.get(name, 0) + count
        for name, count in json.loads((priced.schema.metadata or {}).get(SCHEDULE_MISSING_KEY, b"{}")).items():
            self.schedule_not_installed[name] = self.schedule_not_installed.get(name, 0) + count
        for year, kinds in json.loads((priced.schema.metadata or {}).get(NOT_PRICED_BY_YEAR_KEY, b"{}")).items():
            mine = self._not_priced(_year_key(int(year)))
            for kind, files in kinds.items():
                for name, count in files.items():
                    mine[kind][name] = mine[kind].get(name, 0) + count
        # Rows priced nationally (no ZIP or locality): a PFS amount, or a hospital's or ASC's rate CMS adjusts by the
        # wage index (BatchPricer._national; a lab's, drug's or DME item's amount is the same everywhere or the
        # state's: a review counted 80053 and J9271 as "priced nationally").
        self.national += int((priced.schema.metadata or {}).get(NATIONAL_KEY, b"0"))
        for dataset in SUMMARY_RELEASES:  # every key, in this order, a schedule no row used with []
            self.releases.setdefault(dataset, {})
        for column, name in (("release", "pfs"), ("opps_release", "opps"), ("asc_release", "asc")):
            if column not in priced.column_names:
                continue
            texts = priced.column(column).combine_chunks().cast("string")
            # A CLFS, ASP or DMEPOS release is named where it priced something: the rows with its schedule's amount (a
            # vaccine's row "2026C; ASP 2026-01" that the ASP file does not list named ASP 2026-01 in a trial's
            # summary). The PFS, OPPS and ASC releases of every row that names one: the release a row's code was looked
            # up in, amount or not (a review's 2025 lab and drug rows, no amount for want of 2025's CLFS and ASP files,
            # said 2025D where the summary's pfs said only 2026C).
            for dataset in [name] if name != "pfs" else ["pfs", *OTHER_RELEASES.values()]:
                if dataset in OTHER_RELEASES.values():
                    amounts = [pc.is_valid(priced.column(c).combine_chunks()) for c in RELEASE_AMOUNTS[dataset]
                               if c in priced.column_names]  # fmt: skip
                    if not amounts:
                        continue
                    values = pc.unique(pc.filter(texts, functools.reduce(pc.or_, amounts)))
                else:
                    values = pc.unique(texts)
                for value in sorted(v for v in strings_of(values.drop_null()) if v):  # per distinct release text
                    for piece, release in release_pieces(value, name):
                        if piece == dataset:
                            self.releases[dataset][release] = None

    def count_unread_paid(self, priced: Any, start: int, order: Any = None) -> None:
        """Add a chunk's rows whose paid cell is no amount (its UNREAD_PAID_KEY): ``start``, the chunk's first row
        among the rows priced so far; ``order``, the file's row at each priced position (batch.regroup; None: the
        file's order)."""
        import numpy as np

        written = (priced.schema.metadata or {}).get(UNREAD_PAID_KEY)
        if not written:
            return
        at = np.frombuffer(written, dtype="<i8") + start
        rows = at if order is None else np.asarray(order)[at]
        first = int(rows.min()) + 1
        self.unread_paid += len(rows)
        self.unread_paid_first = first if self.unread_paid_first is None else min(self.unread_paid_first, first)

    def count_no_amount(self, priced: Any) -> None:
        """Rows priced without an error that have no amount in any schedule or site: what ``rvucalc price`` calls
        "not payable" (or "cannot be priced: CMS's file is not installed"); each row's notes say which."""
        import numpy as np

        from rvucalc.batch.arrow_columns import strings_of, valid_of, values_of
        from rvucalc.batch.lines import SITE_NAMES

        no_error = []
        for chunk in priced.column("error_kind").chunks:  # a dictionary column: its kinds, then each row's
            kinds = np.array([kind == "" for kind in strings_of(chunk.dictionary)] + [True])
            indices = np.where(valid_of(chunk), values_of(chunk.indices), len(kinds) - 1)
            no_error.append(kinds[indices])
        unpaid = np.concatenate(no_error) if no_error else np.zeros(0, dtype=bool)
        site = _site_ids(priced)
        for name in AMOUNT_COLUMNS:
            column = priced.column(name).combine_chunks()
            there = valid_of(column)
            if name in ELSEWHERE_ZERO:
                # A $0.00 at a site the row was not done at (J1815's ASC column at POS 11: PI N1, packaged) is no
                # amount for it: `price J1815 --setting 11` exits 1 (office not priced), where batch counted the row
                # priced. A row with no setting keeps it (its sites are all answers, as `price J1815`'s exit 0).
                elsewhere = (site > 0) & (site != SITE_NAMES.index(ELSEWHERE_ZERO[name]))
                there = there & ~(elsewhere & (values_of(column) == 0))
            unpaid &= ~there
        self.no_amount += int(unpaid.sum())
        allowed = valid_of(priced.column("allowed").combine_chunks())
        without = np.concatenate(no_error) if no_error else np.zeros(0, dtype=bool)
        self.without_allowed += int((without & ~allowed & ((site > 0) | unpaid)).sum())
        # Rows without an error set at a place (a site) with no allowed amount there, an amount elsewhere (96127 at POS
        # 02: the office's, none at the facility rate), that no other count says: not among those with no amount
        # anywhere, bundled or ranked with a line the MAC prices (_marked), nor counted for a wage index choice or a
        # CMS file not installed (COUNTED_UNPRICED_KEY). A trial's stderr said nothing of such a row.
        elsewhere_only = np.concatenate(no_error) if no_error else np.zeros(0, dtype=bool)
        elsewhere_only &= (site > 0) & ~allowed & ~unpaid
        bundled, ranked, _, _ = _marked(priced, allowed)
        elsewhere_only &= ~bundled & ~ranked
        written = (priced.schema.metadata or {}).get(COUNTED_UNPRICED_KEY)
        if written:
            elsewhere_only &= ~np.unpackbits(np.frombuffer(written, dtype=np.uint8), count=priced.num_rows).astype(bool)
        self.no_amount_in_setting += int(elsewhere_only.sum())
        if elsewhere_only.any():
            years = _service_years(priced)
            distinct, counts = np.unique(years[elsewhere_only], return_counts=True)
            for year, count in zip(distinct.tolist(), counts.tolist(), strict=True):
                self._not_priced(_year_key(year))["no_amount_in_setting"] += count

    def _every_year(self) -> list[tuple[str, dict[str, dict[str, int]]]]:
        """``_by_year`` of the years with counted rows or rows not priced (those with none counted: no buckets)."""
        empty: dict[str, dict[str, dict[str, int]]] = {key: {} for key in self.not_priced_by_year}
        return _by_year({**empty, **self.totals_by_year})

    def _not_priced(self, key: str) -> dict[str, Any]:
        """``not_priced_by_year``'s entry of a year (its keys all there)."""
        return self.not_priced_by_year.setdefault(
            key, {"facility_not_installed": {}, "schedule_not_installed": {}, "no_amount_in_setting": 0}
        )

    def not_priced_of(self, key: str) -> dict[str, Any] | None:
        """A year's rows not priced as --summary says them (``rows``: their sum; the files sorted), None: none."""
        entry = self.not_priced_by_year.get(key)
        if entry is None:
            return None
        rows = (sum(entry["facility_not_installed"].values()) + sum(entry["schedule_not_installed"].values())
                + entry["no_amount_in_setting"])  # fmt: skip
        if not rows:
            return None
        return {"rows": rows, "facility_not_installed": dict(sorted(entry["facility_not_installed"].items())),
                "schedule_not_installed": dict(sorted(entry["schedule_not_installed"].items())),
                "no_amount_in_setting": entry["no_amount_in_setting"]}  # fmt: skip

    def set_paid_column(self, claimed: bool) -> None:
        """The run has a paid column (before any chunk is counted): its claims' entries carry the paid amounts'
        totals (``PAID_MEASURES``); ``claimed``: its claims are counted (a claim column)."""
        self.paid_column, self.claimed = True, claimed
        self.claims.measures = self._claim_measures()

    def _claim_measures(self) -> tuple[str, ...]:
        """A claim's entry: CLAIM_MEASURES, the facility claim's (--paid-for facility), the paid ones (paid column),
        the contract's (--percent-of-medicare)."""
        return (CLAIM_MEASURES + (FACILITY_CLAIM_MEASURES if self._facility_claims_apart() else ())
                + (PAID_MEASURES if self.paid_column else ())
                + (CONTRACT_MEASURES if self.contract else ()))  # fmt: skip

    def _facility_claims_apart(self) -> bool:
        """A claim's entry carries the facility claim's measures (FACILITY_CLAIM_MEASURES): with --paid-for facility,
        and without --paid-for or --percent-of-medicare, where a facility's own bill's rows (13x, 83x) are compared
        with the facility's payment alone: its entry's ``allowed`` is the site's whole (the physician's fee in it), so a
        hospital's claim of an Epic HB and PB export, HAR H1001's 93306 on type of bill 131 ($568.50 at ZIP 19146 in
        2025), said allowed $636.09 beside expected $568.50, its facility_claim_allowed nowhere."""
        # With a paid column alone (an entry with ``expected``): a run without one keeps its claim entries' four
        # measures fewer (ClaimTotals holds every claim's, spilled past its memory limit).
        return self.facility or (self.paid_for_unsaid and not self.contract and bool(self.paid_column))

    def weigh(self, volumes: Any) -> None:
        """The next chunk's rows' volumes (``columns.volume_counts``: numpy int64, one a row), which every amount
        counted of it is multiplied by (``_sum``), until the next call: a volume row stands for that many cases, each
        priced as the row (VOLUME)."""
        self._weights = volumes

    def count_underpaid(self, priced: Any, claims: Any = None) -> None:
        """Rows paid less than expected (a negative ``variance``), and by how much in all (cents); of them, those
        without a claim id (``claims``, the chunk's claim cells; None: no claim counted, every row), which the
        underpaid by claim counts line by line. The rows paid more than expected (a positive ``variance``) alike. And
        the reversals (a negative paid amount, no variance): counted apart."""
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import valid_of, values_of

        variances = priced.column("variance").combine_chunks()
        if variances.null_count < len(variances):
            cents = values_of(variances)
            compared = valid_of(variances)
            short, over = compared & (cents < 0), compared & (cents > 0)
            self.underpaid += int(short.sum())
            self.underpaid_cents += self._sum(cents, short)
            self.overpaid += int(over.sum())
            self.overpaid_cents += self._sum(cents, over)
            if self.paid_for_default and short.any():
                self.underpaid_professional += int(_paid_professional_allowed(priced, short, cents,
                                                                              self.paid_is).sum())  # fmt: skip
            if self.sequestration_unsaid and short.any():
                self.underpaid_sequestered += int(_paid_sequestered(priced, short, cents).sum())
            if claims is not None:  # as _count_claims reads the ids: blank (or spaces) is no claim
                from rvucalc.batch.arrow_columns import false_where_null, text_scalar

                blank = text_scalar("")  # an Arrow scalar: a str makes pyarrow import pandas
                named = pc.not_equal(pc.utf8_trim_whitespace(claims.combine_chunks().cast("string")), blank)
                unnamed = ~values_of(false_where_null(named))
                short, over = short & unnamed, over & unnamed
            self.unclaimed_underpaid += int(short.sum())
            self.unclaimed_underpaid_cents += self._sum(cents, short)
            self.unclaimed_overpaid += int(over.sum())
            self.unclaimed_overpaid_cents += self._sum(cents, over)
        if self.paid_for_unsaid:
            self.uncompared_professional += int(_paid_not_compared_professional(priced).sum())
        paid = priced.column("paid_as_read").combine_chunks()
        if paid.null_count < len(paid):
            cents = values_of(paid)
            taken = valid_of(paid) & (cents < 0)
            self.reversals += int(taken.sum())
            self.reversal_cents += self._sum(cents, taken)

    def count_totals(self, priced: Any, claims: Any = None, codes: Any = None) -> None:
        """Add a chunk's allowed, beneficiary and Medicare amounts (rows with an ``allowed``, i.e. a setting)
        to the totals, overall, by site and, given the claim ids (``--summary``), by claim; then the professional
        claims' (``professional_*``: no facility fee), and of them the lab tests', drugs' and DME items'
        (SCHEDULE_PARTS: the DME items the DME MAC pays, ``dme_mac``, given the chunk's code cells ``codes``).
        With a volume column (``weigh``), each row's amounts counted its volume times (its line once, its cases in
        ``cases``). Whole columns: exact integer cents, no per-row Python."""
        import numpy as np

        site = _measures(priced, "")
        every_professional = _measures(priced, "professional_")
        # A facility's own bill (13x, 83x: a UB-04) carries no practitioner's fee: its rows are in no practitioner's
        # claim, and, without --paid-for, are the facility's claims (an analyst's file of a surgeon's 29881 and the
        # ASC's own 831 bill of it gave practitioners' claims $1,066.88, the ASC's row's physician fee counted too).
        bills = _facility_bills(priced)
        clinic = clinic_billed(priced)  # an RHC's or FQHC's own (a visit, venipuncture in it): in no total
        self.clinic_billed += int((clinic & site[1]).sum())
        professional = (every_professional[0], every_professional[1] & ~bills & ~clinic)
        facility = None
        if self.facility or (bills.any() and not self.professional):
            facility = _facility_measures(priced, site, every_professional)
            if not self.facility:
                facility = (facility[0], facility[1] & bills)
            else:  # a practice's line at the ASC beside the ASC's own rows: the practice's claim, not the ASC's
                facility = (facility[0], facility[1] & ~_practice_claims(priced))
        out = _reversed(priced)
        counted = in_totals(priced)
        if self._weights is not None:
            self.cases += int(self._weights[counted].sum())
        marked = _marked(priced, site[1], out)
        self.bundled += int(marked[0].sum())
        self.mac_ranked += int(marked[1].sum())
        self.duplicate_lines += int(marked[2].sum())
        self.duplicate_cents += self._sum(site[0]["allowed"], marked[2] & counted)
        self.unprocessable += int(marked[3].sum())
        if out is not None:  # a reversal and the payment it takes back: no service, in no total (and no claim's)
            from rvucalc.batch.arrow_columns import valid_of, values_of

            professional = (professional[0], professional[1] & ~out)
            facility = None if facility is None else (facility[0], facility[1] & ~out)
            paid = priced.column("paid_as_read").combine_chunks()
            self.reversed_payments += int((out & valid_of(paid) & (values_of(paid) > 0)).sum())
        site = (site[0], counted)  # IN_TOTALS: the rows the output's in_totals column says are counted
        parts = {name: (professional[0], schedule_rows(priced, column) & professional[1])
                 for name, column in SCHEDULE_PARTS}  # fmt: skip
        if self.dme_mac is not None and codes is not None:  # the DME MAC's items alone (JURIS D, PEN): not Q4021's L
            supplied = parts[DMEPOS_CLAIMS]
            parts[DMEPOS_CLAIMS] = (supplied[0], self.dme_mac.rows(priced, codes, supplied[1]))
        self.professional_off_bill += int(professional[1].sum())
        if claims is not None:  # a report's page lines are no claims (their cells are 'Claim #', 'Page 1 of 2')
            import pyarrow.compute as pc

            from rvucalc.batch.arrow_columns import string_array

            kind, blank = string_array([ErrorKind.REPORT_LINE.value, ""])  # Arrow scalars: a str imports pandas
            report = pc.equal(priced.column("error_kind").cast("string"), kind)
            self._count_claims(pc.if_else(report, blank, claims.cast("string")), site, professional, priced, out,
                               self._claim_facility(facility, site), (*marked[:2], marked[3]),
                               parts[DMEPOS_CLAIMS])  # fmt: skip
        # The chunk's totals, then each year of service's: the same buckets of the same rows, by the rows' year
        # (SERVICE_YEAR_KEY); a chunk of one year adds its totals to that year's as they are.
        buckets = {"": (site, professional, parts, facility)}
        years = _service_years(priced)
        distinct = np.unique(years)
        if len(distinct) > 1:
            for year in distinct.tolist():
                mine = years == year
                buckets[_year_key(year)] = (
                    (site[0], site[1] & mine), (professional[0], professional[1] & mine),
                    {name: (part[0], part[1] & mine) for name, part in parts.items()},
                    None if facility is None else (facility[0], facility[1] & mine),
                )  # fmt: skip
        for key, (site_rows, professional_rows, part_rows, facility_rows) in buckets.items():
            totals: dict[str, dict[str, int]] = {}
            if site_rows[1].any():
                self._count_sites(priced, *site_rows, totals)
            if professional_rows[1].any():
                self._add("professional", *professional_rows, professional_rows[1], totals)
            for name, part in part_rows.items():
                if part[1].any():
                    self._add(name, *part, part[1], totals)
            if facility_rows is not None and facility_rows[1].any():
                self._add(FACILITY_CLAIMS, *facility_rows, facility_rows[1], totals)
            if key == "":
                _merge(self.totals, totals)
                if len(distinct) == 1 and totals:  # every row of one year: its totals are the chunk's
                    _merge(self.totals_by_year.setdefault(_year_key(int(distinct[0])), {}), totals)
            elif totals:
                _merge(self.totals_by_year.setdefault(key, {}), totals)
        self._count_contract(priced, out)

    def _count_contract(self, priced: Any, out: Any = None) -> None:
        """``--percent-of-medicare``: the rows' contract amounts, overall and by site (a row's contract is its
        measure's x N%, rounded once: the total is their sum); not the rows ``out`` (``_reversed``)."""
        from rvucalc.batch.arrow_columns import valid_of, values_of

        column = priced.column("contract_amount").combine_chunks()
        valid = valid_of(column)
        if out is not None:
            valid &= ~out
        if not valid.any():
            return
        cents = values_of(column)
        for name, mine in _by_site(priced, valid):
            bucket = self.contracts.setdefault(name, {"lines": 0, "contract_amount": 0})
            bucket["lines"] += int(mine.sum())
            bucket["contract_amount"] += self._sum(cents, mine)

    def _count_sites(self, priced: Any, cents: dict[str, Any], valid: Any, totals: dict[str, Any]) -> None:
        for name, mine in _by_site(priced, valid):
            self._add(name, cents, valid, mine, totals)

    def _add(self, bucket_name: str, cents: dict[str, Any], valid: Any, mine: Any, totals: dict[str, Any]) -> None:
        """Add these rows' (``mine``) amounts to ``totals`` (a chunk's) under ``bucket_name``."""
        counts = ("lines", "cases") if self._weights is not None else ("lines",)
        bucket = totals.setdefault(bucket_name, dict.fromkeys((*counts, *MEASURES), 0))
        bucket["lines"] += int(mine.sum())
        if self._weights is not None:
            bucket["cases"] += int(self._weights[mine].sum())
        for measure in MEASURES:
            bucket[measure] += self._sum(cents[measure], mine)

    def _sum(self, cents: Any, mine: Any) -> int:
        """The rows' (``mine``) cents added up, each row's times its volume where the run has a volume column
        (``_weights``): exact (``_exact_sum``)."""
        if self._weights is None:
            return int(cents[mine].sum())
        return _weighted_sum(cents[mine], self._weights[mine])

    def _claim_facility(self, facility: tuple[dict[str, Any], Any] | None, site: tuple[dict[str, Any], Any]
                        ) -> tuple[dict[str, Any], Any] | None:  # fmt: skip
        """The facility claim's rows and amounts each claim's entry counts (FACILITY_CLAIM_MEASURES), if it counts
        them: --paid-for facility's, or without --paid-for the facility's own bill's rows (none in a chunk without
        one)."""
        import numpy as np

        if FACILITY_CLAIM_MEASURES[0] not in self.claims.measures:
            return None
        if facility is None:
            return site[0], np.zeros(len(site[1]), dtype=bool)
        return facility

    def _count_claims(
        self, claims: Any, site: tuple[dict[str, Any], Any], professional: tuple[dict[str, Any], Any], priced: Any,
        out: Any = None, facility: tuple[dict[str, Any], Any] | None = None, marked: tuple[Any, ...] | None = None,
        dmepos: tuple[dict[str, Any], Any] | None = None,
    ) -> None:  # fmt: skip
        """Per claim id (not blank): its lines priced in their setting and their amounts, and its lines without an
        allowed amount (an error, no setting, a site that does not pay): every claim of the file is listed. Then
        the professional claim's lines and amounts (``professional_*``: a physician's remit is checked by them), and
        the DME supplier claim's (``dmepos_*``, ``DMEPOS_CLAIMS``).
        The rows ``out`` (a reversal, the payment it takes back: ``_reversed``) are none of its lines."""
        import numpy as np
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import strings_of, values_of

        encoded = pc.utf8_trim_whitespace(claims.combine_chunks().cast("string")).dictionary_encode()
        every, names = values_of(encoded.indices), strings_of(encoded.dictionary)
        written = (priced.schema.metadata or {}).get(BILLING_ENTITY_KEY)
        if written:  # a claim id of several billing entities: each entity's a claim (batch.claims.billing_entities)
            every, names = _entity_claims(every, names, np.frombuffer(written, dtype=np.int8))
        sums = {}
        if dmepos is None:
            dmepos = (professional[0], np.zeros(len(every), dtype=bool))
        groups = [("", site), ("professional_", professional), ("dmepos_", dmepos)]
        if facility is not None:  # --paid-for facility: the facility claim's lines and amounts
            groups.append((FACILITY_CLAIM_PREFIX, facility))
        for prefix, (cents, valid) in groups:
            ids = every[valid]
            sums[f"{prefix}lines"] = np.bincount(ids, minlength=len(names)).astype(np.int64)
            for measure in MEASURES:
                sums[f"{prefix}{measure}"] = np.zeros(len(names), dtype=np.int64)
                np.add.at(sums[f"{prefix}{measure}"], ids, cents[measure][valid])
        unpriced = ~site[1] if out is None else ~site[1] & ~out
        sums["unpriced"] = np.bincount(every[unpriced], minlength=len(names)).astype(np.int64)
        if marked is None:
            found = _marked(priced, site[1], out)
            marked = (found[0], found[1], found[3])
        bundled, ranked, unprocessable = marked
        sums["bundled"] = np.bincount(every[bundled], minlength=len(names)).astype(np.int64)
        sums["mac_ranked"] = np.bincount(every[ranked], minlength=len(names)).astype(np.int64)
        sums["unprocessable"] = np.bincount(every[unprocessable], minlength=len(names)).astype(np.int64)
        if self.paid_column:  # the compared lines (a variance: not a reversal, not national) and their amounts
            from rvucalc.batch.arrow_columns import valid_of

            variance = priced.column("variance").combine_chunks()
            compared = valid_of(variance)
            ids = every[compared]
            sums["compared_lines"] = np.bincount(ids, minlength=len(names)).astype(np.int64)
            for measure, column in (("paid", "paid_as_read"), ("expected", "expected"), ("variance", "variance")):
                sums[measure] = np.zeros(len(names), dtype=np.int64)
                np.add.at(sums[measure], ids, values_of(priced.column(column).combine_chunks())[compared])
        if self.contract:  # --percent-of-medicare: the lines with a contract amount and its total (_count_contract's)
            from rvucalc.batch.arrow_columns import valid_of

            contract = priced.column("contract_amount").combine_chunks()
            with_contract = valid_of(contract) if out is None else valid_of(contract) & ~out
            ids = every[with_contract]
            sums["contract_lines"] = np.bincount(ids, minlength=len(names)).astype(np.int64)
            sums["contract_amount"] = np.zeros(len(names), dtype=np.int64)
            np.add.at(sums["contract_amount"], ids, values_of(contract)[with_contract])
        named = np.array([bool(name) for name in names], dtype=bool)
        self.claims.add([name for name in names if name], {key: values[named] for key, values in sums.items()})

    def as_json(self) -> dict[str, Any]:
        """The summary for ``--summary FILE.json``: counts, totals (dollars as text, exact) by site and claim (whole,
        in memory: ``write_json`` streams the claims)."""
        return {**self._document(), "claims": dict(claim_entry(name, totals) for name, totals in self.claims.items())}

    def write_json(self, out: IO[str]) -> None:
        """``as_json`` as JSON text (indented by 2, a final newline), its claims written one at a time."""
        write_summary_json(self._document(), self.claims.items(), out)

    def claims_underpaid(self) -> tuple[int, int]:
        """The claims paid less than expected (ClaimTotals.underpaid), once the run is counted."""
        return self._claims_paid_variances()[0]

    def claims_overpaid(self) -> tuple[int, int]:
        """The claims paid more than expected (ClaimTotals.overpaid), once the run is counted."""
        return self._claims_paid_variances()[1]

    def _claims_paid_variances(self) -> tuple[tuple[int, int], tuple[int, int]]:
        if self._claims_paid is None:  # the claims' blocks read once for both
            self._claims_paid = self.claims.paid_variances()
        return self._claims_paid

    def _document(self) -> dict[str, Any]:
        """``as_json`` but its claims (a placeholder where they go)."""
        claims, claims_cents = self.claims_underpaid()
        over_claims, over_cents = self.claims_overpaid()

        def dollars(values: dict[str, int]) -> dict[str, Any]:
            counts = ("lines", "cases", "unpriced", "professional_lines", "dmepos_lines")
            return {k: (v if k in counts else f"{'-' if v < 0 else ''}{abs(v) // 100}.{abs(v) % 100:02d}")
                    for k, v in values.items()}  # fmt: skip

        return {
            "rows": self.rows,
            "priced": self.rows - self.failed,
            # of them, the rows without an allowed amount (set at a place with none for them, or with no amount in any
            # site: not payable, bundled, the MAC prices it, a CMS file not installed ...; the keys below say why),
            # as stderr's headline counts them: "priced 37 rows (3 without an allowed amount: see below)"
            "priced_without_allowed": self.without_allowed,
            "errors": dict(self.errors),
            # the same counts keyed as the rows' error_kind column spells them (malformed_code), for joining
            "error_kinds": {kind.replace(" ", "_"): count for kind, count in self.errors.items()},
            "totals": {site: dollars(values) for site, values in self.totals.items()},
            # what each of those totals holds (office: the non-facility rate's rows, not POS 11 alone)
            "totals_meaning": {site: TOTALS_MEANING[site] for site in self.totals if site in TOTALS_MEANING},
            # the same totals by the calendar year of the rows' date of service (not their release's), 'undated' the
            # rows without a date; a year with no counted row left out: each bucket's years add up to totals' exactly
            # and, per year, 'not_priced': the rows a missing CMS file (or their setting) left without an allowed
            # amount, counts alone (no money: they are in no bucket), so two years' totals are not compared unawares
            "totals_by_year": {
                year: {site: dollars(values) for site, values in buckets.items()}
                | ({"not_priced": unpriced} if (unpriced := self.not_priced_of(year)) else {})
                for year, buckets in self._every_year()
                if buckets or self.not_priced_of(year)
            },
            # --percent-of-medicare: the rows' contract amounts (each rounded once), overall and by site
            "contracts": {site: dollars(values) for site, values in self.contracts.items()},
            # rows paid less than expected, line by line: a claim's lines share its reductions as rvucalc splits them
            # (a bilateral LT/RT pair's 150% on one line), which need not be the payer's split: underpaid_by_claim
            # paid_professional_allowed: of those rows, the ones at a hospital or ASC compared (no --paid-for) with the
            # site's whole allowed amount whose paid amount is exactly their professional_allowed (the physician's fee
            # alone): a physician's remittance, to be checked with --paid-for professional
            "underpaid": {
                "rows": self.underpaid,
                "amount": dollars({"a": -self.underpaid_cents})["a"],
                "paid_professional_allowed": self.underpaid_professional,
                # with --paid-is medicare and no --sequestration, of those rows the ones paid exactly their expected
                # Medicare share less 2% (_paid_sequestered), as stderr says: -q hides stderr's words
                "paid_sequestered": self.underpaid_sequestered,
            },
            # rows with a paid amount at a hospital or ASC not compared (no --paid-for): their site has no allowed
            # amount while their professional_allowed is priced (_paid_not_compared_professional), as stderr says
            "paid_not_compared_professional": self.uncompared_professional,
            # claims whose compared lines' paid total is below their expected total (the claims' entries: paid,
            # expected, variance), and rows without a claim id paid less than expected (line by line); amount: both
            "underpaid_by_claim": {
                "claims": claims,
                "rows": self.unclaimed_underpaid,
                "amount": dollars({"a": -claims_cents - self.unclaimed_underpaid_cents})["a"],
            },
            # the same the other way: rows paid more than expected (line by line), and claims whose compared lines'
            # paid total is above their expected total with the rows without a claim id (amount: positive, both)
            "overpaid": {"rows": self.overpaid, "amount": dollars({"a": self.overpaid_cents})["a"]},
            "overpaid_by_claim": {
                "claims": over_claims,
                "rows": self.unclaimed_overpaid,
                "amount": dollars({"a": over_cents + self.unclaimed_overpaid_cents})["a"],
            },
            # rows whose paid amount is negative: a reversal (a payment taken back), compared with nothing and in no
            # underpaid figure or total; amount: their paid amounts' sum (negative); reversed_rows: the earlier rows
            # of their claims whose payment they take back, out of the claim's rules and totals too
            "reversals": {
                "rows": self.reversals,
                "amount": dollars({"a": self.reversal_cents})["a"],
                "reversed_rows": self.reversed_payments,
            },
            # rows without an error and without any amount: not payable (or CMS's file not installed); notes say
            "no_amount": self.no_amount,
            # rows without an error set at a place with no allowed amount there, though they have an amount in another
            # setting or schedule (a technical-only code at POS 02: the office's), counted by no other key (not
            # no_amount, bundled, mac_ranked, facility_wage_choice, facility_not_installed, schedule_not_installed):
            # not in the totals; notes say why
            "no_amount_in_setting": self.no_amount_in_setting,
            # rows without an allowed amount the PFS bundles (status B: paid in the other services' payment, nothing
            # of their own by rule), among each claim's unpriced lines and counted there as its bundled
            "bundled": self.bundled,
            # priced rows a multiple procedure rule ranks with a line of their claim the MAC prices (its fee may be
            # the one paid in full, theirs then reduced: the note says so), and their claims (counted when the run
            # counts claims: --summary or a paid column), whose totals are therefore not priced (each claim's
            # mac_ranked); their allowed amounts are the priced lines' as ranked without the MAC's
            "mac_ranked": {"rows": self.mac_ranked, "claims": self.mac_ranked_claims()},
            # rows noted as possible duplicates of an earlier line of their claim (the same code and modifiers, the
            # same date: Medicare's claim edits deny them), and the allowed amount of those counted in the totals
            "duplicate_lines": {"rows": self.duplicate_lines, "allowed": dollars({"a": self.duplicate_cents})["a"]},
            # rows Medicare returns as unprocessable (an always-therapy code without GP/GO/GN, or an evaluation with
            # another discipline's modifier, CR 10176; a non-ESRD ESA without EA/EB/EC, engine.schedules.
            # esa_purpose_note, CR 5699; a TAVR line without Q0, engine.modifiers.tavr_without_q0_notes, MM8255):
            # priced as billed and in the totals (each claim's unprocessable); the note says what to fix
            "unprocessable": self.unprocessable,
            # rows at an RHC or FQHC (POS 50, 72) the clinic bills on its own claim at its own rate (the AIR or the FQHC
            # PPS, not installed): a visit, and venipuncture, which its payment includes (Benefit Policy Manual ch. 13
            # §40, §60.1, §100). Their allowed amounts are the PFS's or CLFS's, which no one is paid there: in no total
            "clinic_billed": self.clinic_billed,
            # rows priced with a release not in force on their date, CMS's for it not installed; notes say which
            "another_release": self.another_release,
            # the input has no date column: every row priced as of today, and another_release counts the rows whose
            # release in force today is not installed
            "undated_input": self.undated,
            # how the date column's slash dates were read, learnt from the whole input before any row was priced:
            # {"column": its name, "order": "month_first" (US: 03/11/2025 is 11 March, no date only day first),
            # "day_first" (a date only valid day first, day_first_date: 03/11/2025 is 3 November) or "both_orders"
            # (dates of each: a date valid in one order only read in it, an ambiguous one its row's bad_date error),
            # "day_first_date", "month_first_date": the first such date, or null}; null without a date column
            "date_order": self.date_order,
            # rows priced nationally (no ZIP or locality): their amounts, expected and variance are not a locality's
            "national": self.national,
            # rows at the hospital or ASC whose facility rate is national: no single wage index for their place (a
            # locality, not a ZIP; a CBSA CMS's file lists twice): not what the place's hospital is paid; notes say
            "facility_national": self.facility_national,
            # rows at the hospital or ASC with no allowed amount: CMS's wage index file lists their place's area with
            # several values and none was given (--wage-index / --asc-wage-index, or a wage_index / asc_wage_index
            # column, prices them); notes give each value's rate
            "facility_wage_choice": self.facility_wage_choice,
            # rows at the hospital or ASC with no allowed amount because the year's OPPS or ASC file is not installed,
            # per file and year ('CY2026 OPPS'): add it with rvucalc data refresh --from FILE
            "facility_not_installed": dict(sorted(self.facility_not_installed.items())),
            # rows whose lab, drug or DME item has no amount, and so no allowed amount, because CMS's CLFS, ASP or
            # DMEPOS file is not installed, per file: 'CY2025 ASP' (the year's), 'ASP 2026-07' (the quarter's, for a
            # drug the older quarter's file used does not list): add it with rvucalc data refresh --from FILE
            "schedule_not_installed": dict(sorted(self.schedule_not_installed.items())),
            # hospital rows of a bilateral procedure (50) whose OPPS amount is one side's: the bilateral payment (the
            # Outpatient Code Editor's lists) is not applied, so their totals may be low; notes say so
            "opps_one_side": self.opps_one_side,
            # hospital outpatient and ASC own-bill rows with a revenue code and no HCPCS code: packaged into the
            # claim's OPPS or ASC payment, $0.00 (among the priced rows, as a packaged code's)
            "revenue_code_only": self.revenue_code_only,
            # rows whose provider cell names no practitioner ('Individual', 'CNM'): priced as the run's --provider
            "unread_provider": self.unread_provider,
            # of them, the rows whose cell names staff who bill under no number of their own (a nurse, technologist,
            # technician, athletic trainer, surgical technologist: RN, RVT, COA, ATC, CST ...)
            "staff_provider": self.staff_provider,
            # rows whose charge (a charge column: Billed Amt, Charge Amount ...) is below the amount compared, on a
            # practitioner's or supplier's claim: Medicare allows the lower (SSA §1848(a)(1) ...), so their expected
            # is the charge (its Medicare share with --paid-is medicare); allowed stays the fee schedule's (noted)
            "charge_below_fee_schedule": self.charge_below,
            # by how much those rows' charges are below the amounts they are compared with, in all (the fee schedule
            # amounts less the charges Medicare allows instead): a money string, as the other amounts
            "charge_below_fee_schedule_amount": dollars({"a": self.charge_below_cents})["a"],
            # a contract run's (--percent-of-medicare) rows whose charge is below their contract amount, on a
            # practitioner's or supplier's claim: expected stays the contract amount (noted), and by how much in all
            "charge_below_contract": self.charge_below_contract,
            "charge_below_contract_amount": dollars({"a": self.charge_below_contract_cents})["a"],
            # without --paid-for: rows with a paid amount (or a contract) compared with their own claim's amount, as
            # --paid-for would compare them, the line saying whose claim it is (noted): professional (a practitioner's
            # line at a hospital or ASC: 26, 80/81/82/AS, AA/AD/QK/QX/QY/QZ), facility (a 13x or 83x type of bill)
            "paid_for_by_line": dict(self.paid_for_by_line),
            # rows priced whose paid (or remit allowed) cell is no amount ('12..5', 'abc'; a cell saying none, 'N/A',
            # is not one): not compared, their note says why; first_row: the first's row in the file, under the header
            "unread_paid": {"rows": self.unread_paid, "first_row": self.unread_paid_first},
            # claims whose lines of one date are not next to each other in the file, and their later lines, which
            # are priced as another encounter (the note of a row without an error says so): sort the file by claim
            # id to price them as one
            "split_claims": self.split_claims,
            "split_claim_rows": self.split_claim_rows,
            # claims whose id held a hospital's or ASC's own bill's lines (type of bill 13x, 83x; provider or billing
            # provider ASC at POS 24) and a practitioner's lines: each entity's lines priced as a claim of its own
            "two_entity_claims": self.two_entity_claims,
            # claims whose lines were apart in a file short enough to hold (batch.regroup): priced together
            "regrouped_claims": self.regrouped_claims,
            "continuation_rows": self.continuation_rows,
            "claims": {},  # as_json's, write_json's
            "notes": list(self.notes),
            # every total's source: the releases the rows were priced with (the rows' release columns)
            "releases": {name: sorted(values) for name, values in self.releases.items()},
            # what those releases say, once: installed from a file that is not CMS's published one (amounts may not
            # be CMS's), a pin (`rvucalc data use`) the rows' dates passed over
            "release_warnings": list(self.release_warnings),
            # the what-if and contract terms the totals reflect ({} for CMS's own amounts compared with allowed)
            "scenario": dict(self.scenario),
        } | self._volume_document()

    def _volume_document(self) -> dict[str, Any]:
        """--summary's ``volume`` key, in a run with a volume column alone (a file without one: the summary as
        before): the column, the cases of the rows counted in the totals, and what the totals are then."""
        if self.volume_column is None:
            return {}
        return {"volume": {"column": self.volume_column, "cases": self.cases,
                           "meaning": "each row stands for its volume of separate cases, each priced as the row says: "
                           "the rows' amounts are one case's, and totals, totals_by_year, contracts, underpaid and "
                           "overpaid count each row volume times (cents x volume, exact); each total's lines are "
                           "rows, its cases the cases"}}  # fmt: skip

    def mac_ranked_claims(self) -> int:
        """The claims with a priced line a multiple procedure rule ranks with a line the MAC prices (their totals not
        priced), once the run is counted; 0 where the run counts no claims."""
        return self.claims.claims_with("mac_ranked") if self.mac_ranked else 0

    @property
    def unread_not_staff(self) -> int:
        """The rows whose provider cell names no practitioner, a nurse's, technologist's ... aside (staff_provider)."""
        return self.unread_provider - self.staff_provider

    def _mac_ranked_whose(self) -> str:
        """' of N claims' after the rows ranked with a line the MAC prices, where the run counts claims; else ''."""
        claims = self.mac_ranked_claims()
        return f" of {claims} {'claim' if claims == 1 else 'claims'}" if claims else ""

    def _underpaid_words(self) -> str:
        """The stderr summary's underpaid part, then its overpaid part (``_paid_words``)."""
        return (self._paid_words("less", "below") + self._professional_words() + self._sequestration_words()
                + self._paid_words("more", "above"))  # fmt: skip

    def _sequestration_words(self) -> str:
        """Beside the underpaid part: the rows paid exactly their expected Medicare share less 2%
        (``underpaid_sequestered``), and what to rerun with; nothing where there is none."""
        count = self.underpaid_sequestered
        if not count:
            return ""
        which = f"{count} of those rows" if not self.claimed else f"{count} {_rows(count)} paid less than expected"
        were, their = ("was", "its") if count == 1 else ("were", "their")
        return (f"; {which} {were} paid exactly {their} Medicare share less 2%, the sequestration reduction a remit "
                "shows as CARC 253: if so, rerun with --sequestration")  # fmt: skip

    def _professional_words(self) -> str:
        """Beside the underpaid part: the rows paid less than expected at a hospital or ASC whose paid amount is exactly
        their professional_allowed (``underpaid_professional``), and what to rerun with; nothing where there is none."""
        count = self.underpaid_professional
        if not count:
            return self._uncompared_professional_words()
        uncompared = self._uncompared_professional_words(rerun="the same rerun compares them")
        which = f"{count} of those rows" if not self.claimed else f"{count} {_rows(count)} paid less than expected"
        were, their = ("was", "its") if count == 1 else ("were", "their")
        return (f"; {which} at a hospital or ASC {were} paid exactly {their} professional_allowed (the physician's fee "
                "alone, no facility payment): if the paid column is a physician's remittance, rerun with --paid-for "
                "professional" + uncompared)  # fmt: skip

    def _uncompared_professional_words(
        self,
        rerun: str = "if the paid column is a physician's remittance, rerun with --paid-for professional",
    ) -> str:
        """The rows with a paid amount at a hospital or ASC not compared (``uncompared_professional``): their site has
        no allowed amount, their practitioner's fee is priced; nothing where there is none. ``rerun``: what to do,
        said once where the underpaid rows' words before it already name --paid-for professional."""
        count = self.uncompared_professional
        if not count:
            return ""
        were, their, sites = ("was", "its", "site has") if count == 1 else ("were", "their", "sites have")
        return (f"; {count} {_rows(count)} with a paid amount at a hospital or ASC {were} not compared: {their} "
                f"{sites} no allowed amount (the facility's rate not priced: the notes say why), while {their} "
                f"professional_allowed (the physician's fee alone) is priced: {rerun}")  # fmt: skip

    def _paid_words(self, way: str, side: str) -> str:
        """The rows or claims paid ``way`` (less, more) than expected: by claim (a claim's paid total ``side`` its
        expected total) in a run whose claims are counted, with the rows without a claim id line by line; else line
        by line. Amounts said positive (what is short, what is over)."""
        less = way == "less"
        rows_paid, rows_cents = (
            (self.underpaid, -self.underpaid_cents) if less else (self.overpaid, self.overpaid_cents)
        )
        if not self.claimed:
            if not rows_paid:
                return ""
            return f"; {rows_paid} {_rows(rows_paid)} paid {way} than expected, {_money(rows_cents)} in all"
        claims, cents = self.claims_underpaid() if less else self.claims_overpaid()
        rows = self.unclaimed_underpaid if less else self.unclaimed_overpaid
        unclaimed = -self.unclaimed_underpaid_cents if less else self.unclaimed_overpaid_cents
        if not claims and not rows:
            return ""
        counted = [f"{claims} {'claim' if claims == 1 else 'claims'}"] if claims else []
        if rows:
            counted.append(f"{rows} {_rows(rows)} without a claim id")
        total = _money((-cents if less else cents) + unclaimed)
        return (
            f"; {' and '.join(counted)} paid {way} than expected, {total} in all (a claim: its lines' paid total "
            f"{side} their expected total)"
        )

    def _year_words(self, bucket: str) -> str:
        """The totals of ``bucket`` (the one the summary leads with: all, or the --paid-for party's) by year of
        service, where the counted rows' dates span two years or more (and the undated rows', if any); else ''."""
        every = self._every_year()
        # The practitioners' totals (--paid-for professional) hold no hospital or ASC payment, so a facility file not
        # installed leaves none of them unpriced: a cardiology trial's physician remit read "2026 allowed $4,408.94
        # (26 rows) (10 hospital rows not priced: CY2026 OPPS rates not installed)" of rows whose fees were counted.
        facility = bucket != "professional"
        unpriced_of = {key: self._not_priced_words(key, facility) for key, _ in every}
        years = [(key, values.get(bucket)) for key, values in every if bucket in values or unpriced_of[key]]
        if sum(1 for key, _ in years if key != UNDATED) < 2:
            return ""
        said = []
        for key, values in years:
            name = "undated (no date of service)" if key == UNDATED else key
            # Each year's rows a missing CMS file left unpriced: in no total, so a year's site missing from the other's
            # is said (a trial compared 2025's hospital total with a 2026 whose hospital rows had no OPPS file).
            unpriced = unpriced_of[key]
            if values is None:
                said.append(f"{name} none priced ({unpriced})")
                continue
            said.append(f"{name} allowed {_money(values['allowed'])}, patient {_money(values['beneficiary'])}, "
                        f"Medicare {_money(values['medicare'])} ({_lines_words(values)})"
                        + (f" ({unpriced})" if unpriced else ""))  # fmt: skip
        return "; by year of service: " + ", ".join(said)

    def _not_priced_words(self, key: str, facility: bool = True) -> str:
        """A year's rows not priced, per file (and those with no amount in their setting): '' for none. Without
        ``facility``, the hospital and ASC rows a facility file not installed left unpriced are not said."""
        entry = self.not_priced_of(key)
        if entry is None:
            return ""
        words = []
        for name, count in entry["facility_not_installed"].items() if facility else ():
            where = "hospital" if name.endswith("OPPS") else "ASC"
            words.append(f"{count} {where} {_rows(count)} not priced: {name} rates not installed")
        for name, count in entry["schedule_not_installed"].items():
            what = next((item for label, item in SCHEDULE_ITEMS.items() if label in name.split()), "line")
            words.append(f"{count} {what} {_rows(count)} not priced: CMS's {name} file not installed")
        if entry["no_amount_in_setting"]:
            count = entry["no_amount_in_setting"]
            words.append(f"{count} {_rows(count)} with no amount in {'its' if count == 1 else 'their'} setting")
        return ", ".join(words)

    def not_installed_lines(self) -> list[str]:
        """A stderr line per OPPS or ASC file and year not installed whose rows at the hospital or ASC have no allowed
        amount (in no total, not among the rows with no amount anywhere: their PFS amounts are there); then one per
        CLFS, ASP or DMEPOS file (a year's, or a quarter's for a drug) whose lab, drug or DME rows have none."""
        lines = []
        for name, count in sorted(self.facility_not_installed.items()):
            where = "hospital" if name.endswith("OPPS") else "ASC"
            # With --paid-for professional those rows' practitioner's fee is priced and compared: an ENT and a
            # pathology trial read "10 hospital rows not priced" of rows whose 26 fees were
            fee = "; their practitioner's fee (professional_allowed) is priced and compared" * self.professional
            # Without --paid-for professional: the rows' practitioner's fee (a 26 read at the hospital, a surgeon's PFS
            # facility amount) is priced and in the practitioners' claims total, which a physician group read as its
            # reads not priced (a neurology trial's 95816-26 at POS 22: professional_allowed $54.75, allowed blank).
            priced_fees = self.facility_not_installed_professional.get(name, 0)
            if priced_fees and not self.professional:
                whose = ("its practitioner's fee is" if count == 1 else "1 row's practitioner's fee is"
                         if priced_fees == 1 else f"their practitioners' fees ({priced_fees} rows) are")  # fmt: skip
                fee = f"; {whose} priced (professional_allowed), in the practitioners' claims total"
            lines.append(f"{count} {where} {_rows(count)}: {name} rates not installed, so their site has no allowed "
                         f"amount (add with rvucalc data refresh --from FILE){fee}")  # fmt: skip
        for name, count in sorted(self.schedule_not_installed.items()):
            what = next((item for label, item in SCHEDULE_ITEMS.items() if label in name.split()), "line")
            lines.append(f"{count} {what} {_rows(count)} without an allowed amount: CMS's {name} file is not installed "
                         "(add it with rvucalc data refresh --from FILE)")  # fmt: skip
        return lines

    def _charge_below_words(self) -> str:
        """What the charge_below count's words say after "Medicare allows the lower, the charge": with a paid column,
        that expected is it; without one (no expected nor variance), the charges' total and what the rows' notes say."""
        if self.paid_column:
            return (" (expected is the charge, or its Medicare share with --paid-is medicare; allowed stays the fee "
                    "schedule's: the note says each)")  # fmt: skip
        their = "its" if self.charge_below == 1 else "each row's"
        return (f", {_money(self.charge_below_charges)} in all ({their} note says what Medicare allows and the "
                "patient's and Medicare's shares of it, while allowed, beneficiary and medicare stay the fee "
                "schedule's)")  # fmt: skip

    def describe(self) -> str:
        count_words = {"when": "today (no date of service)" if self.undated else "on their date",
                       "below": _money(self.charge_below_cents), "whose": self._mac_ranked_whose(),
                       "below_contract": _money(self.charge_below_contract_cents),
                       # no expected without a paid column: the contract amount stays (batch.price.
                       # CHARGE_BELOW_CONTRACT_KEPT), where a charge-only run said "expected stays"
                       "contract_kept": "expected stays the contract amount" if self.paid_column
                       else "the contract amount stays as priced",
                       "lower": self._charge_below_words() if self.charge_below else ""}  # fmt: skip
        underpaid = "".join(
            "; " + words.format(n=count, rows=_rows(count), its="its" if count == 1 else "their",
                                place="its place" if count == 1 else "their places", **count_words)
            for name, words in _COUNTED_ROWS
            if (count := getattr(self, name))
        )  # fmt: skip
        by_line = self.paid_for_by_line
        if by_line.get("professional"):
            count = by_line["professional"]
            underpaid += (f"; {count} {_rows(count)} at a hospital or ASC on a practitioner's own claim (26, "
                          "80/81/82/AS, an anesthesia payment modifier, a split global surgical package's 54, 55 "
                          "or 56, a professional-only code such as 93010, or "
                          "another line of a claim that carries one or a facility's own bill's lines, or billed by "
                          "a practice at the ASC beside the ASC's own billing provider) compared with "
                          "professional_allowed, not the "
                          "site's whole allowed amount (the note says why; --paid-for site compares the whole)"
                          )  # fmt: skip
        if by_line.get("facility"):
            count = by_line["facility"]
            underpaid += (f"; {count} {_rows(count)} of a hospital's or ASC's own claim (type of bill 13x, 83x; "
                          "provider or billing provider ASC at POS 24) "
                          "compared with the facility's payment, as --paid-for facility compares them (no physician's "
                          "fee: the note says why; --paid-for facility totals the facility's payment too, --paid-for "
                          "site compares the whole)")  # fmt: skip
        if self.unread_paid:
            which = ("(not compared: its note says why): row" if self.unread_paid == 1
                     else "(not compared: their notes say why), the first: row")  # fmt: skip
            underpaid += (f"; {self.unread_paid} {_rows(self.unread_paid)} whose paid amount could not be read "
                          f"{which} {self.unread_paid_first} of the data")  # fmt: skip
        if self.split_claims:
            underpaid += (f"; {self.split_claim_rows} {_rows(self.split_claim_rows)} of {self.split_claims} "
                          f"{'claim' if self.split_claims == 1 else 'claims'} priced apart from their claim's earlier "
                          "lines (met after other rows: sort by claim id)")  # fmt: skip
        if self.two_entity_claims:
            count = self.two_entity_claims
            underpaid += (f"; {count} {'claim id' if count == 1 else 'claim ids'} held more than one billing "
                          "entity's lines, a hospital's or ASC's own (type of bill 13x, 83x; provider or billing "
                          "provider ASC at POS 24), a DMEPOS supplier's (provider cell DME) or an independent "
                          "lab's (its name in the provider cell) and a practitioner's: "
                          "priced as separate claims, each entity's lines as a claim of its own")  # fmt: skip
        underpaid += self._underpaid_words()
        if self.reversals:
            underpaid += (
                f"; {self.reversals} {'reversal' if self.reversals == 1 else 'reversals'} (a negative paid "
                f"amount: a payment taken back, not compared, in no total), {_money(-self.reversal_cents)} taken back"
            )
            if self.reversed_payments:
                underpaid += (f", {self.reversed_payments} of the payments taken back found earlier in their claim "
                              "(not compared, in no total: the corrected line is the service)")  # fmt: skip
        total = self.totals.get("all")
        site_words = ""
        if total:
            money = {k: _money(v) for k, v in total.items() if k in MEASURES}
            lines = _lines_words(total)
            their = "its" if total["lines"] == 1 else "their"
            weighted = ", volume-weighted" if "cases" in total else ""
            site_words = (f"{lines} priced in {their} setting{weighted}: allowed {money['allowed']}, patient "
                          f"{money['beneficiary']}, Medicare {money['medicare']}")  # fmt: skip
            office = self.totals.get("office")
            if office and office != total:  # the office bucket: not POS 11 alone (a review read it so)
                site_words += (f" (of them {_lines_words(office)} at the non-facility (office) rate: "
                               f"{OFFICE_RATE_PLACES}, allowed {_money(office['allowed'])})")  # fmt: skip
        professional = self.totals.get("professional")
        facility = self.totals.get(FACILITY_CLAIMS)
        # A remit of one party (--paid-for facility or professional): what that party is paid leads; the site totals
        # (with the other party's payment, which this one never receives) follow, labelled.
        led = (("facility claims (the hospital's or ASC's payment alone: what the facility is paid)", facility,
                "physicians' fees included") if self.facility and facility
               else (f"{PROFESSIONAL_WORDS} (no facility fee: what the physician, lab or supplier is paid)",
                     professional, "hospital and ASC payments included") if self.professional and professional
               else None)  # fmt: skip
        if led is not None:
            label, party, others = led
            money = {k: _money(v) for k, v in party.items() if k in MEASURES}
            underpaid += (f"; {label}: {_lines_words(party)}, allowed {money['allowed']}, patient "
                          f"{money['beneficiary']}, Medicare {money['medicare']}")  # fmt: skip
            # the party's totals by year, said beside them (not after the site totals, which they are not)
            underpaid += self._year_words(FACILITY_CLAIMS if self.facility else "professional")
            if site_words and party != total:
                underpaid += f"; site totals ({others}): {site_words}"
        elif site_words:
            underpaid += f"; {site_words}{self._year_words('all')}"
        contract = self.contracts.get("all")
        if contract:
            cents, count = contract["contract_amount"], contract["lines"]
            underpaid += f"; contract (--percent-of-medicare) {_money(cents)} on {count} {_rows(count)}"
        # The professional totals (every row's professional_allowed: a practitioner's PFS services, a lab's tests, a
        # supplier's drugs and DME items), said with the lab tests' and drugs' parts; none in a run of facility bills
        # alone (13x, 83x: no practitioner's, lab's or supplier's claim among them).
        if (not self.professional and professional and self.professional_off_bill
                and (not total or professional["allowed"] != total["allowed"])):  # fmt: skip
            underpaid += (f"; {PROFESSIONAL_WORDS} (no facility fee: the PFS facility amount alone at a hospital or "
                          f"ASC): allowed {_money(professional['allowed'])}")  # fmt: skip
        if facility and not self.facility:  # the rows of a facility's own bill (count_totals), said beside them
            money = {k: _money(v) for k, v in facility.items() if k in MEASURES}
            both = (f"; together with the {PROFESSIONAL_WORDS}, what the file's claims are allowed: "
                    f"{_money(facility['allowed'] + professional['allowed'])} (the site totals count a service on "
                    "both a facility's bill and a practitioner's claim twice)") if professional else ""  # fmt: skip
            underpaid += (f"; hospitals' and ASCs' own claims (a UB-04's type of bill, 13x or 83x, or provider or "
                          f"billing provider ASC at POS 24: the facility's payment alone): {_lines_words(facility)}, "
                          f"allowed {money['allowed']}, patient "
                          f"{money['beneficiary']}, Medicare {money['medicare']}{both}")  # fmt: skip
        for name, what in (((CLFS_CLAIMS, "lab tests (CLFS)"), (ASP_CLAIMS, "drugs (ASP)"))
                           if self.professional_off_bill else ()):  # fmt: skip
            part = self.totals.get(name)
            if part:  # a part of the professional totals, as the summary's totals say it (CLFS_CLAIMS, ASP_CLAIMS)
                money = {k: _money(v) for k, v in part.items() if k in MEASURES}
                underpaid += (f"; of them {what}: {_lines_words(part)}, allowed {money['allowed']}, patient "
                              f"{money['beneficiary']}, Medicare {money['medicare']}")  # fmt: skip
        supplied = self.totals.get(DMEPOS_CLAIMS)
        if supplied:  # the DME supplier claims, as the summary's totals say them (DMEPOS_CLAIMS)
            money = {k: _money(v) for k, v in supplied.items() if k in MEASURES}
            underpaid += (f"; of them DME supplier claims (DMEPOS items the DME MAC pays: JURIS D and PEN, no PFS "
                          f"service): {_lines_words(supplied)}, allowed {money['allowed']}, patient "
                          f"{money['beneficiary']}, Medicare {money['medicare']}")  # fmt: skip
        if self.duplicate_lines:
            count = self.duplicate_lines
            underpaid += (f"; {count} possible duplicate {_rows(count)} (repeating an earlier line of their claim: the "
                          f"note says so; Medicare's edits deny them), allowed {_money(self.duplicate_cents)} in the "
                          "totals")  # fmt: skip
        underpaid += self._scenario_words()
        without = (f" ({self.without_allowed} without an allowed amount: see below)" if self.without_allowed
                   else "")  # fmt: skip
        if not self.failed:
            return f"priced {self.rows} {_rows(self.rows)}{without}, no errors{underpaid}"
        # Every kind, so the counts add up to the rows with errors (there are a dozen kinds at most).
        kinds = ", ".join(f"{count} {kind}" for kind, count in self.errors.most_common())
        return (f"priced {self.rows - self.failed} of {self.rows} rows{without}; {self.failed} with errors ({kinds})"
                f"{underpaid}")  # fmt: skip


def _marked(priced: Any, allowed: Any, out: Any = None) -> tuple[Any, Any, Any, Any]:
    """Per row of a priced chunk: bundled (``BUNDLED_NOTE`` in its note, no allowed amount, no error), ranked with
    a line the MAC prices (``MAC_RANKED_NOTE``), a possible duplicate (``DUPLICATE_NOTE``) and a line Medicare returns
    as unprocessable (``UNPROCESSABLE_NOTE``); not the rows ``out``
    (``_reversed``). The priced table says which rows (its MARKED_KEY, from the notes' text ids); a table without it
    has its notes' distinct values searched."""
    import numpy as np

    rows = priced.num_rows
    if "note" not in priced.column_names or not rows:
        return (
            np.zeros(rows, dtype=bool),
            np.zeros(rows, dtype=bool),
            np.zeros(rows, dtype=bool),
            np.zeros(rows, dtype=bool),
        )
    found = []
    written = (priced.schema.metadata or {}).get(MARKED_KEY)
    if written is not None:
        flags = np.unpackbits(np.frombuffer(written, dtype=np.uint8), count=rows * len(MARKED_NOTES)).astype(bool)
        found = [flags[rows * i : rows * (i + 1)] for i in range(len(MARKED_NOTES))]
    for text in MARKED_NOTES if written is None else ():
        found.append(notes_containing(priced, text))
    bundled, ranked, duplicate, unprocessable = found
    bundled &= ~allowed
    if out is not None:
        bundled, ranked, duplicate, unprocessable = (
            bundled & ~out,
            ranked & ~out,
            duplicate & ~out,
            unprocessable & ~out,
        )
    return bundled, ranked, duplicate, unprocessable


def _by_site(priced: Any, valid: Any) -> list[tuple[str, Any]]:
    """The rows ``valid`` holds for, all of them ('all') and by the ``site`` they were priced in; empty groups left
    out."""
    from rvucalc.batch.arrow_columns import strings_of, values_of

    site = priced.column("site").combine_chunks()
    site_ids, site_names = values_of(site.indices), strings_of(site.dictionary)
    groups = [("all", valid)] + [(name, valid & (site_ids == i)) for i, name in enumerate(site_names) if name]
    return [(name, mine) for name, mine in groups if mine.any()]


def _site_ids(priced: Any) -> Any:
    """Per row of a priced chunk, its ``site`` as a SITE_NAMES id (0: none, a row with no setting)."""
    import numpy as np

    from rvucalc.batch.arrow_columns import strings_of, valid_of, values_of
    from rvucalc.batch.lines import SITE_NAMES

    column = priced.column("site").combine_chunks()
    names = np.array([SITE_NAMES.index(name) if name in SITE_NAMES else 0 for name in strings_of(column.dictionary)],
                     dtype=np.int64)  # fmt: skip
    ids = names[values_of(column.indices)] if len(names) else np.zeros(len(column), dtype=np.int64)
    return np.where(valid_of(column), ids, 0)


# --summary's totals_by_year key of the rows without a date of service (no date column, or a blank date: priced as of
# today, or as the release `rvucalc data use` pinned), beside the years ('2025')
UNDATED = "undated"


def _service_years(priced: Any) -> Any:
    """Per row of a priced chunk, the calendar year of its date of service, 0 where it has none (its
    SERVICE_YEAR_KEY; a table without it: every row 0)."""
    import numpy as np

    written = (priced.schema.metadata or {}).get(SERVICE_YEAR_KEY)
    if written is None or len(written) != 2 * priced.num_rows:
        return np.zeros(priced.num_rows, dtype=np.int16)
    return np.frombuffer(written, dtype="<i2")


def _year_key(year: int) -> str:
    """A year of service as totals_by_year keys it: '2025', or UNDATED (0)."""
    return str(year) if year else UNDATED


def _by_year(totals_by_year: dict[str, Any]) -> list[tuple[str, Any]]:
    """totals_by_year's (year, totals) in order: the years, then UNDATED."""
    return sorted(totals_by_year.items(), key=lambda item: (item[0] == UNDATED, item[0]))


def _merge(totals: dict[str, dict[str, int]], added: dict[str, dict[str, int]]) -> None:
    """Add a chunk's totals (bucket -> lines and measures) to the run's."""
    for name, values in added.items():
        bucket = totals.setdefault(name, dict.fromkeys(values, 0))
        for measure, value in values.items():
            bucket[measure] += value


# The stderr summary's counts of rows (BatchSummary.describe), in the order said, each said where it is not 0: a
# BatchSummary count and its words ({n} the count, {rows} 'row' or 'rows', {its} 'its' or 'their', {place} 'its
# place' or 'their places'; {when}, {below} and {whose} the run's: BatchSummary.describe).
_COUNTED_ROWS = (
    (
        "no_amount",
        "{n} {rows} with no amount in any site (not payable, or not priced: CMS's file not installed or the "
        "MAC prices it; the note says which)",
    ),
    (
        "no_amount_in_setting",
        "{n} {rows} with no amount in {its} setting (priced in another, not in the totals: the note says why)",
    ),
    ("bundled", "{n} bundled {rows} (PFS status B: paid as part of the other services, not a missing price)"),
    (
        "mac_ranked",
        "{n} {rows}{whose} ranked with a line the MAC prices (a multiple procedure rule: its fee may be the "
        "one paid in full, so the claim's total is not priced; the note says so)",
    ),
    (
        "unprocessable",
        "{n} {rows} Medicare returns as unprocessable (an always-therapy code without GP/GO/GN, or an "
        "evaluation with another discipline's modifier, CR 10176; a non-ESRD ESA without EA, EB or EC, CR 5699; "
        "a TAVR line without Q0, MM8255; 79 on an assistant at surgery's line, MA130): "
        "priced as billed and in the totals, "
        "the note says what to fix",
    ),
    (
        "clinic_billed",
        "{n} {rows} at an RHC or FQHC that the clinic bills at its own rate (its visits, and venipuncture, which their "
        "payment includes: the AIR or the FQHC PPS, not installed): shown at the PFS or CLFS amount, not in the totals",
    ),
    (
        "national",
        "{n} {rows} priced nationally (no ZIP or locality: Medicare pays by locality, so their amounts and "
        "any variance are not what it pays)",
    ),
    (
        "facility_national",
        "{n} {rows} at the hospital or ASC priced with the national facility rate (no single wage "
        "index for their place: the note says why and what to give)",
    ),
    (
        "facility_wage_choice",
        "{n} {rows} at the hospital or ASC not priced: CMS's wage index file gives {place} "
        "several wage indexes (--wage-index for the hospital's, --asc-wage-index for the ASC's, "
        "or a wage_index / asc_wage_index column, prices them; the note gives each value's rate)",
    ),
    (
        "opps_one_side",
        "{n} {rows} of a bilateral procedure (50) at the hospital priced at one side's OPPS amount (the "
        "bilateral payment is not applied: the note says why)",
    ),
    (
        "revenue_code_only",
        "{n} hospital or ASC {rows} with a revenue code and no HCPCS code, packaged into their claim's OPPS or ASC "
        "payment ($0.00)",
    ),
    (
        "bill_beside_own",
        "{n} {rows} whose type of bill is beside a place of service of its own site (13x beside POS 19, 22 or 23; "
        "83x beside 24) read as the hospital's or ASC's own bill, as the type of bill alone is (a UB-04 carries no "
        "POS): the facility's payment alone, among the facilities' own claims",
    ),
    (
        "bill_beside_other",
        "{n} {rows} whose type of bill is beside a place of service of another place (13x beside POS 11 or 21, 83x "
        "beside 22) read by the place of service, a practitioner's claim there: if {its} type of bill is the "
        "facility's own claim, --columns setting= naming the type of bill's column reads it",
    ),
    (
        "another_release",
        "{n} {rows} priced with a release not in force {when}: CMS's is not installed, the note says which",
    ),
    (
        "unread_not_staff",
        "{n} {rows} whose provider cell names no practitioner, priced as the run's --provider (the "
        "note says how to give NP, PA, CNS, CRNA, a CSW's, MFT's or MHC's LCSW, LMFT, LPC (75%) or a "
        "clinical psychologist's PhD, PsyD)",
    ),
    (
        # A nurse's, technologist's, technician's, athletic trainer's or surgical technologist's cell (RN, RVT, RPhS,
        # COA, ATC, CST: credentials.facility_staff_cell): the line is no Medicare practitioner's own, and the count
        # above said only how to give an NP's or PA's credential (a review)
        "staff_provider",
        "{n} {rows} whose provider cell names a nurse, technologist, technician, athletic trainer or surgical "
        "technologist (RN, RVT, RPhS, COA, ATC, CST ...), who bill Medicare under no number of their own: not a "
        "Medicare practitioner's line, priced as the run's --provider (a physician's, the full PFS amount, unless "
        "given), as the practice's, IDTF's or hospital's own line (billed incident to a practitioner's service, give "
        "that practitioner's credential instead: the note says why)",
    ),
    (
        "provider_from_name",
        "{n} {rows} with a blank provider cell priced by the credential after the practitioner's "
        "name (the note says which)",
    ),
    (
        "blank_provider",
        "{n} {rows} with no credential (a blank provider cell, and none after the practitioner's name): "
        "priced as --provider says (a physician's service, 100% of the PFS amount, unless given)",
    ),
    (
        "charge_below",
        "{n} {rows} billed below the fee schedule amount ({below} below in all): Medicare allows the lower, the "
        "charge{lower}",
    ),
    (
        "charge_below_contract",
        "{n} {rows} billed below {its} contract amount ({below_contract} below in all): {contract_kept} (a contract "
        "that pays the lesser of billed charges and its rate pays the charge: the note says each)",
    ),
)


def _charges_below(priced: Any) -> int:
    """A priced chunk's rows whose charge is below the fee schedule amount (their note's CHARGE_BELOW_WORDS): their
    charges (charge_as_read) in all, in cents: what Medicare allows of them (batch.price._lesser_of_charge)."""
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import false_where_null, valid_of, values_of

    if CHARGE_AS_READ not in priced.column_names or "note" not in priced.column_names:
        return 0
    noted = false_where_null(pc.match_substring(priced.column("note").combine_chunks().cast("string"),
                                                CHARGE_BELOW_WORDS))  # fmt: skip
    charges = priced.column(CHARGE_AS_READ).combine_chunks()
    below = values_of(noted) & valid_of(charges)
    return int(values_of(charges)[below].sum())


def _rows(count: int) -> str:
    return "row" if count == 1 else "rows"


def _lines_words(values: dict[str, int]) -> str:
    """A totals bucket's rows as stderr says them ('3 rows'), with its cases in a run with a volume column ('3 rows,
    111 cases': VOLUME)."""
    count, cases = values["lines"], values.get("cases")
    return f"{count} {_rows(count)}" + ("" if cases is None else f", {cases} {'case' if cases == 1 else 'cases'}")


def _money(cents: int) -> str:
    """Cents as the stderr summary says dollars: $1,234.56 (-$5.00)."""
    return f"{'-' if cents < 0 else ''}${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def output_format(path: str, requested: str | None) -> str:
    """The output format: ``--format`` if given, else from the file name's suffix (stdout: csv).
    An unknown suffix is a usage error, never silently CSV."""
    if requested:
        if requested.lower() not in OUTPUT_FORMATS:
            raise UsageError(f"--format {requested!r}: choose csv, json, parquet or xlsx.")
        named = SUFFIXES.get(Path(path).suffix.lower()) if path != "-" else None
        if named is not None and named != requested.lower():  # a file named for one format holding another
            raise UsageError(f"-o {path} is named for {_FORMAT_NAMES[named]}, but --format {requested} was given: "
                             "give one of them, or make them agree.")  # fmt: skip
        return requested.lower()
    if path == "-":
        return "csv"
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix:
        raise UsageError(
            f"-o {path}: rvucalc does not write {suffix} files. Name it .csv, .json, .parquet or .xlsx, "
            "or give --format."
        )
    if Path(path).exists() and not Path(path).is_file():
        return "csv"  # a device or a pipe (/dev/stdout, /dev/null): CSV, as to stdout
    raise UsageError(f"-o {path}: name the file .csv, .json, .parquet or .xlsx, or give --format.")


# -- encodings ---------------------------------------------------------------------------

_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")  # the five bytes Windows-1252 leaves undefined


def sniff_encoding(path: Path, name: str | None = None) -> str:
    """'utf-8-sig' (UTF-8, a byte-order mark or not), 'utf-16' (with its byte-order mark) or 'cp1252'.

    UsageError naming the line when the file is none of them: a byte Windows-1252 does not
    define, UTF-16 that does not decode, or UTF-8 text that turns invalid part-way (a file of
    two encodings, which no single reading would show correctly). ``name``: how the messages name the input (stdin's
    spooled copy: ``STDIN_NAME``), its path when not given."""
    shown = name or path
    with path.open("rb") as handle:
        head = handle.read(4)
        binary = {b"PAR1": "a Parquet file", b"PK\x03\x04": "a zip archive (an Excel workbook?)"}.get(head)
        if binary:
            raise UsageError(f"{shown} is {binary}: batch reads CSV text; save or export it as CSV.")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            _check_utf16(handle, shown)
            return "utf-16"
        handle.seek(0)
        if _utf16_without_bom(handle.read(4096)):
            raise UsageError(f"{shown}: {UTF16_WITHOUT_BOM}")
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        seen_non_ascii = False
        newlines = 0
        while True:
            block = handle.read(1 << 22)
            try:
                if block and not (block.isascii() and not decoder.getstate()[0]):
                    decoder.decode(block)
                    seen_non_ascii = True
                elif not block:
                    decoder.decode(b"", final=True)
            except UnicodeDecodeError as exc:
                bad = max(exc.start, 0)
                line = newlines + block[:bad].count(b"\n") + 1
                if seen_non_ascii or not block[:bad].isascii():
                    raise UsageError(
                        f"{shown}: line {line} is not UTF-8 although the lines before it are: the file mixes "
                        "encodings. Save it again as CSV UTF-8."
                    ) from None
                break
            if not block:
                return "utf-8-sig"
            newlines += block.count(b"\n")
        handle.seek(0)
        newlines = 0
        while block := handle.read(1 << 22):
            if match := _NOT_CP1252.search(block):
                line = newlines + block[: match.start()].count(b"\n") + 1
                raise UsageError(
                    f"{shown}: line {line} has the byte 0x{block[match.start()]:02X}, which is not text in UTF-8, "
                    "UTF-16 or Windows-1252 (the encodings rvucalc reads). Save the file as CSV UTF-8."
                )
            newlines += block.count(b"\n")
    return "cp1252"


# UTF-16 without its byte-order mark is every other byte 0 in a claim file's (ASCII) text: read as UTF-8 its header
# was 'c o d e ...', refused as having no code column (a trial). Which byte order it is is not guessed: said.
UTF16_WITHOUT_BOM = (
    "the file looks like UTF-16 without a byte-order mark (every other byte is 0), which rvucalc does not read: save "
    "it as CSV UTF-8, or as UTF-16 with a byte-order mark (Excel's Unicode Text)."
)


def _utf16_without_bom(head: bytes) -> bool:
    """Whether the first bytes of a file are UTF-16 text without a byte-order mark: half or more of the bytes at the
    even or at the odd places 0 (text files hold no 0 byte otherwise)."""
    pairs = len(head) // 2
    return pairs > 0 and max(head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)) * 2 >= pairs


def _check_utf16(handle: IO[bytes], path: Path | str) -> None:
    handle.seek(0)
    decoder = codecs.getincrementaldecoder("utf-16")()
    newlines = 0
    while True:
        block = handle.read(1 << 22)
        try:
            newlines += decoder.decode(block, final=not block).count("\n")
        except UnicodeDecodeError:
            raise UsageError(
                f"{path}: the text after line {newlines + 1} is not valid UTF-16 (the file starts with a UTF-16 "
                "byte-order mark). Save the file as CSV UTF-8."
            ) from None
        if not block:
            return


STDIN_NAME = "The input on stdin"  # how messages name stdin (its spooled copy's path is no name of the user's)


@contextmanager
def spooled_stdin() -> Iterator[Path]:
    """Stdin copied to a temporary file (in tempfile's folder: TMPDIR, else /tmp), given as its path and removed
    afterwards, whatever ends the run (an error, Ctrl-C, SIGTERM or SIGHUP). Batch reads it as it reads a file of the
    same bytes: scanned whole before any row is priced (``DateScan``: the date column's order, the rendering
    practitioner column's cells, a paid column blank everywhere), where read as it came it learnt them chunk by chunk (a
    review: 03/11/2025 read as 11 March in the first chunk and 3 November in later ones, once 13/11/2025 came; a
    practitioner column and a blank paid column read otherwise than from the file). Copied a block at a time (memory
    stays flat); a terminal, or a workbook, is refused, as is an empty input (the run: "The input is empty")."""
    import os
    import shutil
    import tempfile

    from rvucalc.batch.atomic import signals_as_exceptions
    from rvucalc.batch.workbook_input import ZIP_MAGIC

    stdin = sys.stdin
    if stdin is None:  # closed (rvucalc batch - <&-)
        raise UsageError("batch - reads the lines from stdin, which is closed: pipe or redirect them to it (rvucalc "
                         "batch - < claims.csv), or give the file's path (rvucalc batch claims.csv).")  # fmt: skip
    if stdin.isatty():
        raise UsageError(
            "batch - reads the lines from stdin, which is a terminal here: pipe or redirect them "
            "to it (rvucalc batch - < claims.csv), or give the file's path (rvucalc batch claims.csv)."
        )
    spool: Path | None = None
    try:
        with signals_as_exceptions():  # a SIGTERM or SIGHUP while stdin is copied: the copy is removed too
            try:
                descriptor, name = tempfile.mkstemp(prefix="rvucalc-stdin-", suffix=".csv")
                spool = Path(name)
                with os.fdopen(descriptor, "wb") as out:
                    shutil.copyfileobj(stdin.buffer, out, 1 << 20)
            except OSError as exc:
                raise temporary_file_failed("stdin", "give the input file's path", exc) from None
            with spool.open("rb") as copied:
                if copied.read(4) == ZIP_MAGIC:
                    raise UsageError("The input on stdin is a zip archive (an Excel workbook?): batch reads a "
                                     "workbook from its path (rvucalc batch claims.xlsx), not from stdin.")  # fmt: skip
            yield spool
    finally:
        if spool is not None:
            spool.unlink(missing_ok=True)


def temporary_file_failed(what: str, instead: str, exc: OSError) -> OutputFailedError:
    """The run's error when ``what`` (stdin, a workbook's rows) could not be kept in a temporary file in tempfile's
    folder (TMPDIR full, or over the file size limit): that folder named, not the output's (a review: a workbook's run
    said "could not write o.csv: Error writing bytes to file. Detail: [errno 28] No space left on device", its output's
    folder having room). The reason is the errno's words, not Arrow's sentence around them."""
    import os
    import tempfile

    reason = os.strerror(exc.errno) if exc.errno else (exc.strerror or str(exc))
    return OutputFailedError(f"could not keep {what} in a temporary file in {tempfile.gettempdir()} ({reason}): set "
                             f"TMPDIR to a folder with room, or {instead}; nothing was written")  # fmt: skip


def open_input(path: str, encoding: str | None = None) -> IO[str]:
    """The input file as text, in ``encoding`` (see ``sniff_encoding``). Stdin is read from its spooled copy
    (``spooled_stdin``), as a file."""
    source = Path(path)
    if not source.is_file():
        raise UsageError(f"{path}: no such file." if not source.exists() else f"{path} is not a file.")
    return source.open(encoding=encoding or sniff_encoding(source), newline="")


# What separates a claim file's cells: the first of these under which a header names a code column. Excel's "Unicode
# Text" and many billing-system reports are tab-separated, payer extracts often '|'-separated, and Excel's CSV in a
# locale whose decimal mark is a comma ';'-separated (a trial's Unicode Text export was refused: "no code column").
# The comma is tried first, so a CSV file is read as it always was.
SEPARATORS = (",", "\t", "|", ";")
SEPARATOR_NAMES = {",": "comma", "\t": "tab", "|": "'|'", ";": "';'"}


def header_line(path: Path, encoding: str, is_header: Callable[[list[str]], bool]) -> tuple[tuple[int, int], str]:
    """How many records, and lines, come before the header: the first of the first few records that names a
    code column (a report's title rows above it), and the separator under which it does (``SEPARATORS``);
    ((0, 0), ',') when none does (the first line is the header, and says what is wrong with it). A title cell may
    hold a line break: records and lines then differ."""
    for separator in SEPARATORS:
        try:
            with path.open(encoding=encoding, newline="") as handle:
                found = _find_header(handle, is_header, separator)
        except (csv.Error, UnicodeDecodeError):
            found = None
        if found is not None:
            return found, separator
    return (0, 0), ","


def _find_header(
    lines: Iterable[str], is_header: Callable[[list[str]], bool], separator: str
) -> tuple[int, int] | None:
    """``header_line`` on lines of text, for one separator (None when no record names a code column): it reads no
    further than the header, or the first few records."""
    from itertools import islice

    from rvucalc.batch.workbook_input import TITLE_ROWS_LOOKED_AT

    reader = csv.reader(lines, delimiter=separator)
    lines_before = 0
    found: tuple[int, int] | None = None
    for index, row in enumerate(islice(reader, TITLE_ROWS_LOOKED_AT + 1)):
        if found is not None:
            # A record under the header that names a code column too is the header (a workbook's group header
            # over "Code, Mod 1, Mod 2", saved as CSV: the modifier columns went unread, 27447-50 paid at 100%).
            under = bool(row) and is_header(row) and mostly_column_names(row)
            return (index, lines_before) if under else found
        if row and is_header(row):
            found = index, lines_before
        elif index >= TITLE_ROWS_LOOKED_AT:
            break
        lines_before = reader.line_num
    return found


class OneCellLine(str):
    """A ragged line's message (``read_chunks``) when the line is one cell: a report's page or title line written
    without the header's commas ('Page 1 of 2'). ``run_batch`` keeps it a report line when its padded cells are one
    (``columns.report_lines``), as the same line padded with commas ('Page 1 of 2,,,,') is (an OB/GYN trial: it was a
    ragged line, and its claim's lines said the rules ran without it); a ragged line otherwise."""


# A one-cell line holding a code (27447, 99213-25) or a number is a data line cut short, not a report's page line: a
# reviewer found '27447' alone on a line read as a report line (its code had landed in the claim column).
_CODE_OR_NUMBER = re.compile(
    r"\s*(?:(?:[0-9]{4}[0-9A-Z]|[A-Z][0-9]{4})(?:[- ][0-9A-Z]{2})*"  # a code, with its modifiers
    r"|[$(]?[0-9][0-9,]*(?:\.[0-9]+)?\)?)\s*"  # a number or an amount
)


def _reads_as_words(cell: str) -> bool:
    return _CODE_OR_NUMBER.fullmatch(cell.upper()) is None


def read_chunks(
    handle: Iterable[str], chunk_rows: int, skip: int = 0, empty: list[int] | None = None, separator: str = ","
) -> Iterator[tuple[pa.Table, dict[int, str]]]:
    """Chunks of text cells under the header (after ``skip`` title records), with the ragged lines' messages by row
    position. A blank line is no row, nor is a row of empty cells (counted in ``empty[0]``)."""
    reader = csv.reader(handle, delimiter=separator)
    try:
        for _ in range(skip):
            next(reader)
        header = next(reader)
    except StopIteration:
        raise UsageError("The input is empty: it needs a header row with a 'code' column.") from None
    except csv.Error as exc:
        raise UsageError(f"The input is not readable CSV ({exc}).") from None
    except UnicodeDecodeError:
        raise _undecodable(1) from None
    width = len(header)
    rows: list[list[str]] = []
    ragged: dict[int, str] = {}
    yielded = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError:
            raise _undecodable(reader.line_num + 1) from None
        except csv.Error as exc:
            row, problem = [""] * width, f"unreadable CSV line {reader.line_num} ({exc})"
            ragged[len(rows)] = problem
        else:
            if not row:
                continue  # a blank line is no row
            # nor is a row of empty cells (Excel writes its blank rows as commas), nor a line of spaces alone (a
            # trial's '   ' was a ragged line, exit 1, where ',' was skipped)
            if not any(row) or (len(row) == 1 and width > 1 and not row[0].strip()):
                if empty is not None:
                    empty[0] += 1
                continue
            if len(row) != width:
                message = f"ragged line {reader.line_num}: {len(row)} fields, the header has {width}"
                ragged[len(rows)] = OneCellLine(message) if len(row) == 1 and _reads_as_words(row[0]) else message
                row = (row + [""] * width)[:width]
        rows.append(row)
        if len(rows) >= chunk_rows:
            yield _text_table(header, rows), ragged
            rows, ragged, yielded = [], {}, True
    if rows or not yielded:  # a header and no rows still makes an (empty) output
        yield _text_table(header, rows), ragged


def swallowed_lines(table: pa.Table, code_position: int | None, separator: str = ",") -> dict[int, str]:
    """Rows (positions) with a cell that holds whole lines of the file: a stray '"' at a cell's start opens a quoted
    cell that runs on over the next lines until some other quote closes it, and those lines, rows of their own, are
    read as part of the cell (a trial's 4-line file came out as 2 rows, "no errors"). A cell's line counts as a row
    when it splits into the header's cells with a code's shape (five letters or digits) where the code column is: a
    note's prose ("Knee pain, swelling, stiffness, ...") has commas but no code there."""
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import strings_of

    found: dict[int, str] = {}
    separators = table.num_columns - 1
    if not separators:
        return found
    for name, column in zip(table.column_names, table.columns, strict=True):
        spans = pc.match_substring(column, "\n")
        if not pc.any(spans).as_py():
            continue
        for position in pc.indices_nonzero(spans).to_pylist():
            if position in found:
                continue
            (text,) = strings_of(column.slice(position, 1).combine_chunks())
            rows = [
                line for line in text.split("\n")[1:] if _looks_like_a_row(line, separators, code_position, separator)
            ]
            if rows:
                more = "a line that looks like a row" if len(rows) == 1 else f"{len(rows)} lines that look like rows"
                found[position] = (
                    f"the quoted cell in column {name!r} runs on over {more} of their own ({rows[0][:60]!r}): a "
                    "stray '\"' probably opened it, so those lines were read into this cell and not priced; remove "
                    'the quote (or double it: "") and run again'
                )
    return found


_CODE_SHAPE = re.compile(r'"?[A-Za-z0-9]{5}"?')


def _looks_like_a_row(line: str, separators: int, code_position: int | None, separator: str) -> bool:
    cells = line.split(separator)
    if len(cells) <= separators:
        return False
    return code_position is None or _CODE_SHAPE.fullmatch(cells[code_position].strip()) is not None


def without_empty_rows(
    chunks: Iterator[tuple[pa.Table, dict[int, str]]], empty: list[int]
) -> Iterator[tuple[pa.Table, dict[int, str]]]:
    """Arrow's chunks less their rows of empty cells (as ``read_chunks`` reads them), counted in ``empty[0]``."""
    import numpy as np
    import pyarrow as pa

    for table, ragged in chunks:
        if table.num_rows and table.num_columns and not ragged:
            # A cell's length from its string offsets, on numpy (an Arrow compute call with a Python 0 would
            # import pandas).
            filled = np.zeros(table.num_rows, dtype=bool)
            for column in table.columns:
                at = 0
                for chunk in column.chunks:
                    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
                    offsets = np.frombuffer(chunk.buffers()[1], dtype=width)
                    filled[at : at + len(chunk)] |= np.diff(offsets[chunk.offset : chunk.offset + len(chunk) + 1]) > 0
                    at += len(chunk)
            if not filled.all():
                empty[0] += int((~filled).sum())
                table = table.filter(bool_array(filled))  # (pa.array of numpy would import pandas)
        yield table, ragged


def _undecodable(line: int) -> UsageError:
    return UsageError(
        f"The input's line {line} holds a byte that is not text in UTF-8, UTF-16 or Windows-1252 "
        "(the encodings rvucalc reads). Save the file as CSV UTF-8."
    )


def _text_table(header: list[str], rows: list[list[str]]) -> pa.Table:
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import string_array

    columns = [string_array([row[i] for row in rows]) for i in range(len(header))]
    return pa.Table.from_arrays(columns, names=header)


_BILLING_SEEN_MOST = 10_000  # DateScan.see_billing: the billing provider cells remembered as no ASC's, at most


@dataclass
class DateScan:
    """A file's date column read before its rows are priced, so that its slash dates are read in one order
    (``DateOrder``) in every chunk: learnt chunk by chunk, a file whose first date only day first (13/11/2025) came
    after its first chunk had its earlier 03/11/2025 read as 11 March (release 2025A), its later ones as 3 November
    (2025D). Only the order's examples are kept, never the column (a 10-million-line file stays in its memory)."""

    columns: dict[str, str] | None  # --columns
    order: DateOrder = field(default_factory=lambda: DateOrder(ahead=True))
    # The distinct cells of each column named as the rendering practitioner (columns.practitioner_cells_wanted), over
    # the whole file: whether such a column is read as the provider (columns.practitioner_column) no longer depends
    # on the first chunk (a review: 100 'PATEL, ANIL MD' rows before 100 'SMITH, JANE' read the column with
    # --chunk-rows 100, its NPs at 85%, and not without it, at 100%). None: not learnt. Stdin is spooled to a file
    # (``spooled_stdin``), a workbook's rows read through first (``scanned_first``): learnt from the whole input too.
    practitioner_cells: dict[int, dict[str, None]] | None = None
    # Whether the paid column has a cell that is not blank anywhere in the file: False, every cell blank (an export's
    # 'Paid Amount' header with no values, a faculty practice trial's: told how it "is compared with allowed" before a
    # cell was read), said so instead; None: not learnt (no paid column, a file not read through).
    paid_filled: bool | None = None
    paid_position: int | None = None
    # Whether the billing provider column (columns.billing_provider_position) names an ASC in some row of the whole
    # file (credentials.asc_billing_provider): the practice's POS 24 rows are then the practitioner's claim in every
    # chunk (columns.ASC_BILLING_KEY), not only in the one that holds the ASC's own rows. The distinct cells already
    # looked at are kept up to ``_BILLING_SEEN_MOST`` (a billing provider column holds few names), none once found.
    asc_billing: bool = False
    billing_position: int | None = None
    _billing_seen: set[str] = field(default_factory=set)

    def start_billing(self, header: list[str]) -> None:
        """Before a pass over the rows: the billing provider column's position in this header, no ASC seen yet."""
        from rvucalc.batch.columns import billing_provider_position

        try:
            self.billing_position = billing_provider_position(resolve_columns(list(header), self.columns))
        except UsageError:
            self.billing_position = None
        self.asc_billing, self._billing_seen = False, set()

    def see_billing(self, cells: Callable[[int], Iterable[Any]]) -> None:
        """Learn whether the billing provider column names an ASC (``cells(position)``), until one is seen."""
        from rvucalc.lookup.credentials import asc_billing_provider

        if self.asc_billing or self.billing_position is None:
            return
        for value in cells(self.billing_position):
            text = "" if value is None else str(value)
            if text in self._billing_seen:
                continue
            if asc_billing_provider(text):
                self.asc_billing, self._billing_seen = True, set()
                return
            if len(self._billing_seen) < _BILLING_SEEN_MOST:
                self._billing_seen.add(text)

    def start_paid(self, header: list[str]) -> None:
        """Before a pass over the rows: the paid column's position in this header, none of its cells seen yet."""
        try:
            self.paid_position = resolve_columns(list(header), self.columns).position("paid")
        except UsageError:
            self.paid_position = None
        self.paid_filled = None if self.paid_position is None else False

    def see_paid(self, cells: Callable[[int], Iterable[Any]]) -> None:
        """Learn whether the paid column has a cell that is not blank (``cells(position)``), until one is seen."""
        if self.paid_filled is False and self.paid_position is not None:
            self.paid_filled = any(str(value).strip() for value in cells(self.paid_position) if value is not None)

    def see_practitioners(self, header: list[str], cells: Callable[[int], Iterable[Any]]) -> None:
        """Learn the distinct non-null cells of the practitioner-named columns (``cells(position)``)."""
        from rvucalc.batch.columns import practitioner_cells_wanted

        if self.practitioner_cells is None:
            self.practitioner_cells = {position: {} for position in practitioner_cells_wanted(header, self.columns)}
        for position, seen in self.practitioner_cells.items():
            seen.update((str(value), None) for value in cells(position) if value is not None)

    def position(self, header: list[str]) -> int | None:
        """The date column of a file with this header; None when it has none (or no code column: the run says)."""
        try:
            return resolve_columns(list(header), self.columns).position("date")
        except UsageError:
            return None

    def read(self, handle: Iterable[str], chunk_rows: int, skip: int = 0, separator: str = ",") -> None:
        """Learn from the date cells of a file read as ``read_chunks`` reads it (the csv module: a file with a ragged
        or unreadable line), their distinct texts a chunk at a time; a file it cannot read is left to the run."""
        import pyarrow as pa

        reader = csv.reader(handle, delimiter=separator)
        try:
            for _ in range(skip):
                next(reader)
            header = next(reader)
        except (StopIteration, csv.Error, UnicodeDecodeError):
            return
        position = self.position(header)
        if position is None:
            self.practitioner_cells = None
            return
        self.practitioner_cells = None
        self.start_paid(header)
        self.start_billing(header)
        texts: dict[str, None] = {}  # the distinct cells, in the file's order (the notices name the first ones)
        rows = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                continue  # the run's row error (read_chunks): no date read from it
            except UnicodeDecodeError:
                self.paid_filled = None  # not read through
                return
            if len(row) > position:
                texts[row[position]] = None
            self.see_practitioners(header, functools.partial(_row_cell, row))
            self.see_paid(functools.partial(_row_cell, row))
            self.see_billing(functools.partial(_row_cell, row))
            rows += 1
            if rows >= chunk_rows:
                self.order.see(pa.array(list(texts), pa.string()), header[position])
                texts, rows = {}, 0
        if texts:
            self.order.see(pa.array(list(texts), pa.string()), header[position])


@contextmanager
def _sheet_rows_kept() -> Iterator[None]:
    """A write to the temporary file a workbook's rows are kept in (``scanned_first``) that fails says so, naming its
    folder (``temporary_file_failed``), not as the output's ("could not write o.csv")."""
    try:
        yield
    except OSError as exc:
        raise temporary_file_failed("the workbook's rows", "save the sheet as CSV", exc) from None


@contextmanager
def _temporary_file(prefix: str) -> Iterator[Path]:
    """A new empty temporary file's path (tempfile's folder), removed when the block ends, however it ends."""
    import os
    import tempfile

    with _sheet_rows_kept():  # its one use: a workbook's rows (scanned_first)
        descriptor, name = tempfile.mkstemp(prefix=prefix)
    os.close(descriptor)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def scanned_first(
    chunks: Iterator[tuple[pa.Table, dict[int, str]]], scan: DateScan, held: Path
) -> Iterator[tuple[pa.Table, dict[int, str]]]:
    """``chunks`` (a workbook's: ``read_workbook_chunks``) read through before the first is given, so that ``scan``
    learns from all of their rows (the date column's order, the rendering practitioner column's cells, a paid column
    blank everywhere) before any row is priced, as from a CSV file's (``read_chunks_fast``); kept meanwhile as Arrow
    record batches in ``held`` (a temporary file: memory stays flat), then given back as read. Reading a sheet twice
    would have doubled a workbook's run (openpyxl's reading is most of it: 20,000 rows, 2.1 s of 2.5 s)."""
    import pyarrow as pa

    raggeds: list[dict[int, str]] = []
    header: list[str] = []
    position: int | None = None
    writer: Any = None
    with _sheet_rows_kept():
        sink = pa.OSFile(str(held), "wb")
    with sink:
        for table, ragged in chunks:  # the workbook's own read errors are not the temporary file's: outside
            if writer is None:
                header = list(table.column_names)
                position = scan.position(header)
                scan.start_paid(header)
                scan.start_billing(header)
                with _sheet_rows_kept():
                    writer = pa.ipc.new_file(sink, table.schema)
            if position is not None:
                scan.order.see(table.column(position), header[position])
            scan.see_practitioners(header, functools.partial(_distinct_cells, table))
            scan.see_paid(functools.partial(_distinct_cells, table))
            scan.see_billing(functools.partial(_distinct_cells, table))
            columns = [column.combine_chunks() for column in table.columns]
            with _sheet_rows_kept():
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=table.schema))
            raggeds.append(ragged)
        if writer is not None:
            with _sheet_rows_kept():
                writer.close()
    if writer is None:
        return
    with pa.OSFile(str(held), "rb") as source:  # read into memory, batch by batch: no table refers to the file
        reader = pa.ipc.open_file(source)
        for index, ragged in enumerate(raggeds):
            yield pa.Table.from_batches([reader.get_batch(index)]), ragged


def _distinct_cells(batch: Any, position: int) -> list[Any]:
    return list(batch.column(position).unique().to_pylist())


def _row_cell(row: list[str], position: int) -> list[str]:
    return [row[position]] if position < len(row) else []


def read_chunks_fast(
    path: Path, chunk_rows: int, encoding: str = "utf-8-sig", skip: tuple[int, int] = (0, 0), separator: str = ",",
    dates: DateScan | None = None,
) -> tuple[Iterator[tuple[pa.Table, dict[int, str]]], bool] | None:  # fmt: skip
    """Arrow's CSV reader, when the file is well-formed: every line has the header's fields.
    Also says whether the file is plain (comma-separated, no quoted cells), so the output can be too.

    A first pass counts the lines Arrow cannot take (ragged, unreadable); if there is any,
    None: the csv-module reader, which keeps and reports such lines, reads the file instead. ``dates`` learns the
    date column's order in that pass (``DateScan``), before any row is priced.
    """
    import pyarrow as pa
    import pyarrow.csv as arrow_csv

    with path.open(encoding=encoding, newline="") as handle:
        try:
            lines = csv.reader(handle, delimiter=separator)
            for _ in range(skip[0]):
                next(lines)
            header = next(lines)
            header_end = lines.line_num  # the physical lines up to the header's end
        except (StopIteration, csv.Error, UnicodeDecodeError):
            return None
    if not header:
        return None
    # A repeated name ('Modifier', 'Modifier'): Arrow reads the columns under distinct names, given back after.
    repeated = len(set(header)) != len(header)
    names = distinct_names(header) if repeated else header
    invalid: list[int] = []

    def note_invalid(row: Any) -> str:
        invalid.append(row.number)
        return "skip"

    def reader() -> Any:
        return arrow_csv.open_csv(
            path,
            read_options=arrow_csv.ReadOptions(
                block_size=1 << 20, encoding=_ARROW_ENCODING.get(encoding, encoding),
                skip_rows=header_end if repeated else skip[1], column_names=names if repeated else None,
            ),
            parse_options=arrow_csv.ParseOptions(
                delimiter=separator, newlines_in_values=True, invalid_row_handler=note_invalid
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types={name: pa.string() for name in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )  # fmt: skip

    position = dates.position(header) if dates is not None else None
    if dates is not None:
        dates.start_paid(header)
        dates.start_billing(header)
    try:
        for batch in reader():
            if position is not None and dates is not None:
                dates.order.see(batch.column(position), header[position])
            if dates is not None:
                dates.see_practitioners(header, functools.partial(_distinct_cells, batch))
                dates.see_paid(functools.partial(_distinct_cells, batch))
                dates.see_billing(functools.partial(_distinct_cells, batch))
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if invalid:
        return None
    plain = separator == "," and _has_no_quotes(path)  # a tab-separated cell may hold a comma unquoted

    def chunks() -> Iterator[tuple[pa.Table, dict[int, str]]]:
        """Chunks of exactly ``chunk_rows`` rows (the last one shorter): slices, no copies."""
        pending: list[Any] = []
        rows = 0
        schema = None
        for batch in reader():
            schema = batch.schema
            pending.append(batch)
            rows += batch.num_rows
            if rows >= chunk_rows:
                table = pa.Table.from_batches(pending)
                start = 0
                while rows - start >= chunk_rows:
                    yield table.slice(start, chunk_rows), {}
                    start += chunk_rows
                pending = table.slice(start).to_batches() if start < rows else []
                rows -= start
        if pending or schema is None:
            yield (pa.Table.from_batches(pending, schema=schema) if pending else _text_table(names, [])), {}

    def as_headed() -> Iterator[tuple[pa.Table, dict[int, str]]]:
        for table, ragged in chunks():
            yield table.rename_columns(header), ragged

    return (as_headed() if repeated else chunks()), plain


_ARROW_ENCODING = {"utf-8-sig": "utf8"}  # Arrow skips a UTF-8 byte-order mark itself


def _has_no_quotes(path: Path) -> bool:
    """No '"' anywhere in the file: then no cell holds a comma, quote or line break."""
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            if b'"' in block:
                return False
    return True


class Writer:
    """Writes priced chunks as CSV, JSON (an array of row objects), Parquet or an Excel workbook.

    ``path`` is where the bytes go: the temporary file of an ``AtomicOutput``, or '-' for
    stdout. Formatting and writing a chunk runs on a background thread (Arrow releases the
    GIL), so the next chunk is priced meanwhile; chunks are written in order.
    ``units_column``: the input column holding units, written as integers to Parquet and xlsx.
    ``order``: the file's row at each position of the chunks given (``regroup``): the chunks are held, and written
    in the file's order by ``write_held``. ``volume``: the input's volume column's position (None: none), whose cases
    the output's VOLUME column says.
    """

    def __init__(
        self, path: str, fmt: str, *, plain_input: bool = False, units_column: str | None = None,
        roles: dict[int, str] | None = None, order: Any = None, volume: int | None = None,
    ) -> None:  # fmt: skip
        from concurrent.futures import ThreadPoolExecutor

        self.fmt = fmt
        self.path = path
        self.units_column = units_column
        self.roles = roles  # input position -> the role its column plays (xlsx: the others pass through)
        self.volume = volume  # the input's volume column's position: the output's VOLUME column is read from it
        self._parquet: Any = None
        self._xlsx: Any = None
        self._first = True
        self._json_open = False  # the JSON array's "[" is written (a chunk of no rows writes none: header-only input)
        self.rows = 0
        if fmt in ("parquet", "xlsx") and path == "-":
            raise UsageError(f"{_FORMAT_NAMES[fmt]} output needs a file (-o priced.{fmt}), not stdout.")
        self.handle: IO[bytes] | None = None
        if fmt in ("csv", "json"):
            self.handle = sys.stdout.buffer if path == "-" else Path(path).open("wb")  # noqa: SIM115
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rvucalc-writer")
        self.plain_input = plain_input  # no input cell can hold a comma, quote or line break
        self._pending: Any = None
        self.order = order
        self._held: HeldOutput | None = None  # the joined chunks of a regrouped file, until write_held
        self._held_first: tuple[pa.Table, pa.Table] | None = None  # the first chunk's lines and priced (``_emit``)
        self._held_at = 0  # rows held so far: the next chunk's first position in ``order``
        self._held_plain = True  # no held chunk's priced texts need quoting

    def write(
        self, lines: pa.Table, priced: pa.Table | Callable[[], pa.Table],
        then: Callable[[pa.Table], None] | None = None,
    ) -> None:  # fmt: skip
        """Queue the input columns and the priced columns of one chunk for writing (``priced``: the table, or
        the function that builds it, called on the writer's thread); ``then`` receives the priced table once
        it is written."""
        self._wait()
        self.rows += lines.num_rows
        if self.fmt == "xlsx" and self.rows > XLSX_MAX_ROWS:
            raise OutputFailedError(
                f"an Excel sheet holds at most {XLSX_MAX_ROWS:,} rows and this input has more: "
                "write .csv or .parquet instead; nothing was written"
            )
        self._pending = self._pool.submit(self._build_and_write, lines, priced, self._first, then)
        self._first = False

    def _build_and_write(
        self, lines: pa.Table, priced: pa.Table | Callable[[], pa.Table], first: bool,
        then: Callable[[pa.Table], None] | None,
    ) -> None:  # fmt: skip
        table = priced() if callable(priced) else priced
        self._write(lines, table, first)
        if then is not None:
            then(table)

    def flush(self) -> None:
        """Wait for the chunk being built and written; its error, if any, is raised here."""
        self._wait()

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def write_held(self) -> None:
        """The held chunks (``order``), written in the file's order, in slices of ``HELD_SLICE_ROWS``."""
        self._wait()
        held, self._held = self._held, None
        if held is None or self._held_first is None:
            return
        lines, priced = self._held_first
        try:
            for start in range(0, self._held_at, HELD_SLICE_ROWS):
                part = held.between(start, min(start + HELD_SLICE_ROWS, self._held_at))
                self._emit(lines, priced, part, start == 0, self._held_plain)
        finally:
            held.close()

    def _write(self, lines: pa.Table, priced: pa.Table, first: bool) -> None:
        money_as = "decimal" if self.fmt in ("csv", "xlsx") else "float"
        table = joined_table(lines, priced, money_as=money_as, volume=self.volume)
        plain = self.fmt == "csv" and self.plain_input and plain_texts(priced)
        if self.order is not None:
            if self._held is None:
                self._held, self._held_first = HeldOutput(), (lines, priced)
            self._held.add(table, self.order[self._held_at : self._held_at + table.num_rows])
            self._held_at += table.num_rows
            self._held_plain = self._held_plain and plain
            return
        self._emit(lines, priced, table, first, plain)

    def _emit(self, lines: pa.Table, priced: pa.Table, table: pa.Table, first: bool, plain: bool) -> None:
        """Write ``table`` (``joined_table`` of ``lines`` and ``priced``) in the output's format; ``plain``: no
        cell needs quoting in CSV."""
        import pyarrow.parquet as pq

        if self.fmt == "csv":
            assert self.handle is not None
            write_arrow_csv(table, self.handle, header=first, plain=plain)
        elif self.fmt == "json":
            assert self.handle is not None
            table = table.rename_columns(distinct_names(table.column_names))  # a record's keys are distinct
            for record in table.to_pylist():
                text = json.dumps(record, ensure_ascii=False)
                self.handle.write(((",\n" if self._json_open else "[\n") + text).encode())
                self._json_open = True
        elif self.fmt == "xlsx":
            from rvucalc.batch.xlsx import XlsxWriter

            if self._xlsx is None:
                numbers, dates, days, paid = passthrough_positions(lines, priced, self.roles)
                integers = {self.units_column} if self.units_column else set()
                if self.volume is not None:  # the input's volume cells and the cases read: numbers
                    integers |= {lines.column_names[self.volume], VOLUME}
                self._xlsx = XlsxWriter(self.path, integer_columns=integers,
                                        number_columns=numbers, date_columns=dates, day_columns=days,
                                        paid_columns=paid)  # fmt: skip
            self._xlsx.write(table)
        else:
            table = integer_units(table, self.units_column)
            table = table.rename_columns(distinct_names(table.column_names))  # Parquet readers find columns by name
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, table.schema)
            self._parquet.write_table(table)

    @property
    def cut_cells(self) -> int:
        """The workbook's text cells cut to Excel's limit (0 for other formats)."""
        return self._xlsx.cut_cells if self._xlsx is not None else 0

    def close(self, *, complete: bool = True) -> None:
        """Finish the output. ``complete=False`` (the run failed): wait for the chunk being
        written, then close without the JSON array's closing bracket or the workbook, so that
        nothing incomplete looks whole (the caller removes a file target)."""
        try:
            self._wait()
        finally:
            self._pool.shutdown()
            if self._held is not None:
                self._held.close()
            if complete and self.fmt == "json" and self.handle is not None:
                self.handle.write(b"\n]\n" if self._json_open else b"[]\n")  # no rows: an empty array
            if self._parquet is not None:
                self._parquet.close()
            if complete and self.fmt == "xlsx":
                from rvucalc.batch.xlsx import XlsxWriter

                (self._xlsx or XlsxWriter(self.path, integer_columns=set())).close()
            elif self._xlsx is not None:
                self._xlsx.abort()
            if self.handle is not None:
                if self.handle is sys.stdout.buffer:
                    if complete:
                        self.handle.flush()
                else:
                    self.handle.close()


# A pass-through column named as an identifier ('Facility Zip', 'Rendering NPI', 'Patient ID', 'Dx Code', 'Account #'):
# its digits are no number in the workbook (a sum of ZIPs is nothing), whatever its cells.
_IDENTIFIER_WORDS = frozenset({"zip", "zipcode", "postal", "npi", "mrn", "ssn", "tin", "ein", "icd", "icd10", "dx",
                               "ndc", "phone", "fax", "taxonomy", "cpt", "hcpcs", "modifier", "mod"})  # fmt: skip
_IDENTIFIER_LAST_WORDS = frozenset({"id", "code", "number", "no", "num", "nbr", "account", "acct", "ref"})


def passthrough_positions(
    lines: pa.Table, priced: pa.Table, roles: dict[int, str] | None
) -> tuple[frozenset[int], frozenset[int], frozenset[int], frozenset[int]]:
    """The written table's (``joined_table``'s) positions whose cells an .xlsx output writes as numbers where they are
    plain decimals, and as dates where they are ISO dates: the input's pass-through columns (a trial's `Charge` 180
    and `Payment` 63 came back as text, its dates too: a SUM gave 0), not those named as identifiers; the paid
    column's amounts are numbers too. Third, the date of service's positions: a date wherever batch reads the cell as
    one, in any form it reads (a user's `Date of Service` 02/09/2025 was text beside pass-through ISO dates written as
    dates: the column would not sort or filter as dates); a cell it cannot read keeps its text (the row's bad_date).
    The other role columns (code, modifier, ZIP, claim ...) stay as read. Fourth, the paid column's positions: its
    amount as read (``paid_as_read``) wherever batch reads one, so that the column is one type."""
    from rvucalc.batch.columns import export_key

    if roles is None:
        return frozenset(), frozenset(), frozenset(), frozenset()
    numbers, dates, days, paid = set(), set(), set(), set()
    repriced = set(priced.column_names) <= set(lines.column_names)  # joined_table leaves out the input's own then
    at = 0
    for position, name in enumerate(lines.column_names):
        if repriced and (name in priced.column_names or name == IN_TOTALS):
            continue
        role = roles.get(position)
        words = export_key(name).split("_")
        identifier = bool(set(words) & _IDENTIFIER_WORDS) or words[-1] in _IDENTIFIER_LAST_WORDS
        if role is None and not identifier:
            numbers.add(at)
            dates.add(at)
        elif role == "paid":
            numbers.add(at)
            paid.add(at)
        elif role == "charge":  # an amount, as it was when passed through unread
            numbers.add(at)
        elif role == "date":
            days.add(at)
        at += 1
    return frozenset(numbers), frozenset(dates), frozenset(days), frozenset(paid)


def integer_units(table: pa.Table, column: str | None) -> pa.Table:
    """The units column as int64: the input's whole number where it is plain digits or digits with a fraction of
    zeros ('2.00', as ``dates.parse_units`` reads it; one out of range too, 0 or more than MAX_UNITS: the row's error
    says why, and the cell keeps what the input said, as in CSV and xlsx; a scale trial found 0 written as null),
    null where blank or not a whole number ('1.5', '2.', 'abc': the row's error quotes the cell)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if column is None or column not in table.column_names:
        return table
    from rvucalc.batch.dates import ungrouped_units

    text = ungrouped_units(pc.utf8_trim_whitespace(table.column(column).cast(pa.string())))  # '3,000': 3000
    digits = pc.match_substring_regex(text, r"^[0-9]{1,18}(\.0+)?$")  # at most 18 digits: always within int64
    whole = pc.replace_substring_regex(text, r"\.0+$", "")
    numbers = pc.cast(pc.if_else(digits, whole, pa.scalar(None, pa.string())), pa.int64())
    return table.set_column(table.column_names.index(column), column, numbers)


def distinct_names(names: list[str]) -> list[str]:
    """A header's names with a repeated one numbered ('Modifier', 'Modifier (2)'), for formats whose columns are
    found by name (JSON keys, Parquet); CSV and Excel keep the header as it was."""
    seen: dict[str, int] = {}
    taken = set(names)
    distinct = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        if seen[name] == 1:
            distinct.append(name)
            continue
        number = seen[name]
        while f"{name} ({number})" in taken:
            number += 1
        distinct.append(f"{name} ({number})")
        taken.add(distinct[-1])
    return distinct


def input_name(name: str) -> str:
    """An input column named as one of ours, as the output keeps it: 'expected (input)'."""
    return f"{name} (input)"


def joined_table(lines: pa.Table, priced: pa.Table, *, money_as: str, volume: int | None = None) -> pa.Table:
    """The input columns unchanged, then the priced columns; an input column named as one of ours is kept as
    'NAME (input)' (but a priced file priced again, which has all of ours, has them replaced); money as exact
    decimals ('decimal'), text ('text') or float64 dollars ('float'). ``volume``: the input's volume column's
    position, whose cases the VOLUME column after in_totals says (None: no such column)."""
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import dollars_of, float_array, is_money

    columns, names = [], []
    ours = {*priced.column_names, IN_TOTALS, *((VOLUME,) if volume is not None else ())}
    # a priced file priced again: its columns go (one written before in_totals, too)
    repriced = set(priced.column_names) <= set(lines.column_names)
    for name, column in zip(lines.column_names, lines.columns, strict=True):
        if name not in ours:
            columns.append(column)
            names.append(name)
        elif not repriced:  # the file's own 'expected', 'note' ...: kept beside ours, never overwritten
            columns.append(column)
            names.append(input_name(name))
    for name, column in zip(priced.column_names, priced.columns, strict=True):
        if is_money(column) and money_as == "float":
            column = float_array(dollars_of(column))
        elif is_money(column) and money_as == "text":
            column = column.cast(pa.string()).fill_null("")
        elif name in ANESTHESIA_COLUMNS and money_as == "float":
            column = anesthesia_numbers(name, column)
        elif pa.types.is_dictionary(column.type) and money_as != "decimal":
            column = column.cast(pa.string())  # Parquet and JSON readers get plain text columns
        columns.append(column)
        names.append(name)
    columns.append(bool_array(in_totals(priced)))  # last: the columns before it kept (extend, never rename)
    names.append(IN_TOTALS)
    if volume is not None:  # a volume file's cases per row (VOLUME), after every other column
        columns.append(volume_column(lines.column(volume)))
        names.append(VOLUME)
    return pa.Table.from_arrays(columns, names=names)


# JSON's and Parquet's anesthesia columns: numbers, as those formats' other numeric columns are (units an integer,
# ``integer_units``; money float64 dollars), and null on the lines without anesthesia, as an absent amount is. The
# priced table holds them as text ("" where absent), which CSV and xlsx write as they are.
ANESTHESIA_TYPES = {"anesthesia_base_units": "int64", "anesthesia_time_units": "float64",
                    "anesthesia_conversion_factor": "float64"}  # fmt: skip


def anesthesia_numbers(name: str, column: Any) -> Any:
    """An anesthesia column's text ('6', '4.0', '22.76') as its number (``ANESTHESIA_TYPES``), null where blank."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = column.cast(pa.string())
    given = pc.greater(pc.utf8_length(text), pa.scalar(0, pa.int32()))
    return pc.cast(pc.if_else(given, text, pa.scalar(None, pa.string())), ANESTHESIA_TYPES[name])


def give_back_freed_arrays() -> None:
    """Have each partition's large arrays returned to the system when they are freed. Arrow allocates from
    the system allocator, not its bundled mimalloc, which keeps what a run freed (-15% peak RSS on a
    realistic million lines, no slower). glibc keeps one heap for the pricing and writing threads and a
    fixed mmap threshold: its defaults raise the threshold to 32 MB after the first large free and keep a
    heap per thread, which a long run fragments (another ~5%, and faster). Elsewhere (macOS, musl,
    Windows) only Arrow's pool is changed."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1024 * 1024)  # M_MMAP_THRESHOLD: fixed, never raised (128 kB costs ~25% on light files)
        libc.mallopt(-8, 1)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


def run_batch(
    pricer: Pricer,
    source: str,
    target: str,
    *,
    fmt: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    progress: Callable[[int], None] | None = None,
    columns: dict[str, str] | None = None,
    report: Callable[[str], None] | None = None,
    price_chunks: PriceChunks | None = None,
    scenario: Scenario | None = None,
    per_claim: bool = False,
    summary_target: str | None = None,
    shown_as: str | None = None,
) -> BatchSummary:
    """Price ``source`` (a CSV path or '-') into ``target`` (a path or '-') chunk by chunk.

    ``columns``: role -> input column overrides (``--columns``). ``report`` receives the
    one-line notes for stderr (which column plays which role; the release used when there is
    no date column). ``price_chunks`` prices the chunks (default: here, one after another;
    the Dask engine passes its own). A file target is written whole or not at all; the
    input's chunks are cut between claims, never inside one. ``summary_target`` (a file: ``--summary``) gets the
    summary's JSON, committed with the output, right after it: both this run's, or both left as they were.
    ``shown_as``: how messages name the input (stdin's spooled copy: ``STDIN_NAME``)."""
    kind = output_format(target, fmt)
    give_back_freed_arrays()
    if target == "-" and kind in ("parquet", "xlsx"):
        raise UsageError(f"{_FORMAT_NAMES[kind]} output needs a file (-o priced.{kind}), not stdout.")
    refuse_overwriting_input(source, target)
    check_target(target)
    if source == "-":  # read from a copy of its bytes, as a file is: its output, stderr and summary (spooled_stdin)
        with spooled_stdin() as spool:
            return run_batch(pricer, str(spool), target, fmt=fmt, chunk_rows=chunk_rows, progress=progress,
                             columns=columns, report=report, price_chunks=price_chunks, scenario=scenario,
                             per_claim=per_claim, summary_target=summary_target, shown_as=STDIN_NAME)  # fmt: skip
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source}: no such file." if not path.exists() else f"{source} is not a file.")
    workbook = is_workbook(path)
    encoding = sniff_encoding(path, shown_as) if not workbook else None
    skip, separator = (0, 0), ","
    if not workbook:
        skip, separator = header_line(path, encoding or "utf-8-sig", lambda names: names_a_code(names, columns))
        _report_layout(report, skip, separator)
    # The date column's order, learnt from the whole file before any row is priced: in Arrow's first pass, or in a
    # pass of the csv module's over a file Arrow refuses (stdin too: spooled to a file); a workbook's as its rows are
    # read once, kept as Arrow's in a temporary file (``scanned_first``).
    scan = DateScan(columns)
    fast = (read_chunks_fast(path, chunk_rows, encoding or "utf-8-sig", skip, separator, scan)
            if not workbook else None)  # fmt: skip
    if fast is None and not workbook:
        scan = DateScan(columns)
        with open_input(source, encoding) as scanned:
            scan.read(scanned, chunk_rows, skip[0], separator)
    quoted = not workbook and not (fast is not None and fast[1])  # a CSV input with quotes: cells may span lines
    summary = BatchSummary(dme_mac=DmeMacItems(pricer))
    summary.set_scenario(scenario)
    state: dict[str, ColumnMap] = {}
    dme_notice: list[str | None] = []  # a run place's word on DME rows (said at the end, if a row was priced so)

    def column_map(table: pa.Table) -> ColumnMap:
        if "map" not in state:
            whole = scan.practitioner_cells  # the whole file's cells
            state["map"] = practitioner_column(resolve_columns(list(table.column_names), columns), table, columns,
                                               whole)  # fmt: skip
            if report is not None:
                report(f"columns: {state['map'].describe()}")
                if state["map"].position("date") is None and state["map"].position("year") is None:
                    release, said = pricer.select()
                    summary.undated = True
                    report(no_date_notice(release.release))
                    for message in row_warnings(said):  # CMS's PFS release in force today is not installed
                        report(f"warning: {message}")
                terms = (scenario.paid_for, scenario.percent_of_medicare) if scenario is not None else ("site", None)
                compared_with = paid_compared_with(*terms)
                medicare = scenario is not None and scenario.paid_is == "medicare"
                if scenario is not None and medicare:  # --paid-is medicare: Medicare's share (lookup.paid_for.PAID_IS)
                    compared_with = paid_for_rule.medicare_compared_with(terms[0], scenario.sequestration)
                place = _run_place(scenario)
                paid_is = scenario.paid_is if scenario is not None else "allowed"
                zip_like = zip_value_lookalikes(state["map"], table) if place is None else []
                paid = state["map"].position("paid")
                # a file's paid column blank in every row (DateScan, the whole file read): nothing compared, said so
                blank = (paid is not None and scan.paid_position == paid
                         and scan.paid_filled is False)  # fmt: skip
                declined = [role for role, column in (columns or {}).items() if not column]  # --columns zip=
                for notice in missing_role_notices(state["map"], compared_with, place, paid_is, zip_like, blank,
                                                   declined, table):  # fmt: skip
                    report(notice)
                for notice in unread_practitioner_notices(state["map"], table, columns, whole):
                    report(notice)
                if medicare and paid is not None and not blank:  # what the deductible does to its variances
                    report(f"paid ← {state['map'].names[paid]} is Medicare's payment (--paid-is medicare), compared "
                           f"with {compared_with}; {paid_for_rule.MEDICARE_PAID_DEDUCTIBLE}")  # fmt: skip
                for notice in run_place_notices(state["map"], place) if place else []:
                    report(notice)
                dme_notice[:] = [run_place_dme_notice(state["map"], place)] if place else []
                for notice in patient_zip_notices(state["map"], place):
                    report(notice)
                for notice in volume_notices(state["map"]):  # the totals volume-weighted, said once
                    report(notice)
                from rvucalc.batch.lines import OUTPUT_COLUMNS

                ours = [name for name in table.column_names if name in OUTPUT_COLUMNS]
                repriced = not set(OUTPUT_COLUMNS) - set(table.column_names)  # rvucalc's own output, priced again
                for notice in [] if repriced else contract_column_notices(state["map"], compared_with, terms[1]):
                    report(notice)
                if ours and not repriced:
                    kept = ", ".join(input_name(name) for name in ours)
                    report(f"the input's {', '.join(ours)} {'is' if len(ours) == 1 else 'are'} kept as {kept}: "
                           "rvucalc writes its own under the name")  # fmt: skip
        return state["map"]

    seen = SeenClaims()
    therapy_days = TherapyAcrossClaims(pricer)  # a patient's therapy of one day on several claims (stderr)
    imaging_days = TherapyAcrossClaims(pricer, DIAGNOSTIC_IMAGING)  # and imaging (stderr)
    esrd_months = TherapyAcrossClaims(pricer, MONTHLY_ESRD)  # a patient's monthly ESRD code on several claims
    cpo_months = TherapyAcrossClaims(pricer, CARE_PLAN_OVERSIGHT_MONTHS)  # and care plan oversight (G0181, G0182)
    said_decimal_comma = False
    dates = scan.order
    subtotals = [0]  # subtotal rows (columns.SUBTOTAL_ROW), said at the end
    said_month_first = False

    regrouped = Regrouping()
    continued = Continuations()

    def prepared(chunks: Iterator[tuple[pa.Table, dict[int, str]]]) -> Iterator[Chunk]:
        nonlocal said_decimal_comma, said_month_first
        # a grouped export's continuation rows (blank claim and date) read as their claim's lines (batch.continuation)
        chunks = continued.filled(chunks, column_map)
        for lines, ragged in whole_claims(claims_together(chunks, column_map, chunk_rows, regrouped), column_map,
                                          chunk_rows):  # fmt: skip
            view, errors = pricing_view(lines, column_map(lines), dates, asc_billing=scan.asc_billing)
            subtotals[0] += sum(1 for message in errors.values() if message == SUBTOTAL_ROW)
            if report is not None:
                for notice in dates.notices:
                    report(notice)
            dates.notices.clear()
            if separator == ";" and dates.order == "month" and dates.ambiguous and not said_month_first:
                said_month_first = True  # a day-first locale's CSV whose dates are all ambiguous: said, not guessed
                if report is not None:
                    report(f"dates such as {dates.ambiguous} are read month first (US); none in the file is only a "
                           "date day first: if they are day first, write them as ISO (2025-11-03)")  # fmt: skip
            # a comma-decimal locale's paid cells ('12,50', '1.234,56'): a ';'-separated file's, or a column's own
            view, read = decimal_comma_paid(view, separator == ";")
            if read and not said_decimal_comma and report is not None:
                report(DECIMAL_COMMA_NOTICE if separator == ";" else EUROPEAN_PAID_NOTICE)
            said_decimal_comma = said_decimal_comma or read
            view, messages = mark_claims_apart(seen, lines, view, column_map(lines).position("claim"))
            therapy_days.add(lines, column_map(lines))
            imaging_days.add(lines, column_map(lines))
            esrd_months.add(lines, column_map(lines), dates.order)
            cpo_months.add(lines, column_map(lines), dates.order)
            view = with_patients(view, lines, column_map(lines))  # postoperative visits across a patient's claims
            for message in messages:
                if report is not None:
                    report(message)
            for row, message in ragged.items():  # a ragged line's own message wins over what its padded cells say
                if isinstance(message, OneCellLine) and getattr(errors.get(row), "kind", "") == "report_line":
                    continue  # ... but a page line written as one cell ('Page 1 of 2') is one, as padded with commas
                if isinstance(message, UncalculatedCells):  # an error where its cells price the row, else notes
                    message = message.for_columns(column_map(lines))
                    if isinstance(message, RowNote) and row in errors:
                        continue  # the row's own error (a bad date ...) is what it says
                errors[row] = message
            if quoted:  # and a stray quote's, which says why the line is ragged
                errors.update(swallowed_lines(lines, column_map(lines).position("code"), separator))
            yield lines, view, errors

    targets = (target, summary_target) if summary_target is not None else (target,)
    with (nullcontext() if workbook else open_input(source, encoding) as handle,
          _temporary_file("rvucalc-sheet-") if workbook else nullcontext() as held,
          atomic_outputs(*targets) as outputs):  # fmt: skip
        output = outputs[0]
        empty = [0]  # rows of empty cells, which are no rows
        if workbook:
            assert held is not None
            chunks = scanned_first(read_workbook_chunks(path, chunk_rows, lambda names: names_a_code(names, columns),
                                                        report, empty), scan, held)  # fmt: skip
        else:
            assert handle is not None
            chunks = (without_empty_rows(fast[0], empty) if fast is not None
                      else read_chunks(handle, chunk_rows, skip[0], empty, separator))  # fmt: skip
        writer: Writer | None = None
        complete = False
        try:
            for lines, priced in (price_chunks or _priced_here(pricer, scenario))(prepared(chunks)):
                volume = column_map(lines).position("volume")
                if writer is None:
                    units = column_map(lines).position("units")
                    roles = {position: role for role, positions in column_map(lines).roles.items()
                             for position in positions}  # fmt: skip
                    writer = Writer(output.path, kind, plain_input=fast is not None and fast[1],
                                    units_column=lines.column_names[units] if units is not None else None,
                                    roles=roles, order=regrouped.order, volume=volume)  # fmt: skip
                    if volume is not None:
                        summary.volume_column = lines.column_names[volume]
                    summary.anesthesia_columns = tuple(  # type: ignore[assignment]
                        None if (at := column_map(lines).position(role)) is None else lines.column_names[at]
                        for role in ("base_units", "minutes", "units")
                    )
                    if column_map(lines).position("paid") is not None:  # claims are counted for underpaid by claim
                        summary.set_paid_column(column_map(lines).position("claim") is not None)
                counted = per_claim or summary.paid_column
                claim = column_map(lines).position("claim") if counted else None

                def count(priced: pa.Table, lines: pa.Table = lines, claim: int | None = claim,
                          volume: int | None = volume) -> None:  # fmt: skip
                    # a volume row's amounts count its volume times (VOLUME): every sum of this chunk's weighted
                    summary.weigh(volume_counts(lines.column(volume))[0] if volume is not None else None)
                    summary.count_unread_paid(priced, summary.rows, regrouped.order)
                    summary.rows += lines.num_rows
                    summary.count_errors(priced.column("error_kind"))
                    summary.count_anesthesia_inputs(priced)
                    summary.count_underpaid(priced, lines.column(claim) if claim is not None else None)
                    summary.count_no_amount(priced)
                    summary.count_notes(priced)
                    code = column_map(lines).position("code")
                    summary.count_totals(priced, lines.column(claim) if claim is not None else None,
                                         lines.column(code) if code is not None else None)  # fmt: skip

                writer.write(lines, priced, then=count)  # chunks are written, and counted, in order
                if progress:
                    progress(lines.num_rows)
            if writer is not None:
                writer.flush()  # the last chunk is built and written before the output is called complete
                writer.write_held()
            complete = True
            summary.date_order = date_order_json(state.get("map"), dates)
            _bill_type_paid_note(summary, state.get("map"))
            summary.split_claims, summary.split_claim_rows = seen.split_claims, seen.split_rows
            summary.regrouped_claims = regrouped.claims
            summary.continuation_rows = continued.rows
            if report is not None:
                for message in continued.messages(pricer.select()[0].release):
                    report(message)
            if summary.undated and report is not None:
                for message in _undated_schedule_warnings(pricer, summary.releases):
                    report(f"warning: {message}")
            # Once per run, per release the rows were priced with (its rows' notes do not repeat it)
            summary.release_warnings = run_warnings(summary.releases, pricer.catalogue.releases)
            if report is not None:
                for message in summary.release_warnings:
                    report(f"warning: {message}")
            together = regrouped.message()
            if together and report is not None:
                report(together)
            split = seen.split_message()
            if split and report is not None:
                report(split)
            for days in (therapy_days, imaging_days, esrd_months, cpo_months):
                across = days.message()
                if across and report is not None:
                    report(across)
            if empty[0] and report is not None:
                report(f"{empty[0]} {_rows(empty[0])} of empty cells skipped (blank rows: not in the output)")
            if dme_notice and dme_notice[0] and summary.releases.get("dmepos") and report is not None:
                report(dme_notice[0])  # the run's --zip's state priced its DME rows (columns.run_place_dme_notice)
            if subtotals[0] and report is not None:
                report(f"{subtotals[0]} subtotal {_rows(subtotals[0])} skipped (a claim's or report's total: kept in "
                       "the output with its error, not priced, no claim in the summary)")  # fmt: skip
        finally:
            if writer is not None:
                writer.close(complete=complete)
        if summary_target is not None:  # built and written before the output is committed: the two go in together
            write_summary(outputs[1], summary, output)
    cut = writer.cut_cells if writer is not None else 0
    if cut and report is not None:
        report(f"{cut} {'cell' if cut == 1 else 'cells'} longer than Excel's 32,767 characters cut to fit the "
               "workbook (write .csv or .parquet to keep them whole)")  # fmt: skip
    return summary


DATE_ORDER_WORDS = {"month": "month_first", "day": "day_first", "refuse": "both_orders"}


def date_order_json(columns: ColumnMap | None, dates: DateOrder) -> dict[str, Any] | None:
    """The summary's ``date_order``: the date column's name, the order its slash dates were read in (``DateOrder``:
    month_first, day_first, both_orders) and the first date only day first, and only month first (null when none);
    None when the input has no date column."""
    position = columns.position("date") if columns is not None else None
    if columns is None or position is None:
        return None
    return {"column": columns.names[position], "order": DATE_ORDER_WORDS[dates.order],
            "day_first_date": dates.day_first or None, "month_first_date": dates.month_first or None}  # fmt: skip


def _bill_type_paid_note(summary: BatchSummary, columns: ColumnMap | None) -> None:
    """The run's note on paid amounts at a hospital or ASC (the default --paid-for site compares the site's whole
    allowed amount) suggests --paid-for facility, not professional, where the site is a UB-04's type of bill column
    (``PAID_AT_FACILITY_BILL_NOTE``), or the type of bill beside the POS of its site (batch.columns._bill_beside) is
    every hospital's and ASC's row's, as that column alone would say."""
    setting = columns.position("setting") if columns is not None else None
    # A run whose chunks (--chunk-rows) said each note, one chunk's rows without a facility's revenue code and
    # another's with one, says the revenue code's alone (it says the other's, and more), as one chunk of them all
    # does (BatchPricer's paid note): a review's 100 claims of 11042 at POS 22 and a 101st with revenue code 0510,
    # --chunk-rows 100, printed both notes, the second repeating the first's sentence.
    plain, coded = (medicare_share_note(note, summary.paid_is)
                    for note in (PAID_AT_FACILITY_NOTE, PAID_AT_FACILITY_REVENUE_NOTE))  # fmt: skip
    if plain in summary.notes and coded in summary.notes:
        summary.notes = {(coded if note == plain else note): None for note in summary.notes}
    # as --paid-is says it; the note for rows with a facility's revenue code too (PAID_AT_FACILITY_REVENUE_NOTE)
    noted = next((said for said in (medicare_share_note(note, summary.paid_is)
                                    for note in (PAID_AT_FACILITY_NOTE, PAID_AT_FACILITY_REVENUE_NOTE))
                  if said in summary.notes), None)  # fmt: skip
    if columns is None or setting is None or noted is None:
        return
    name = columns.names[setting]
    bill = bill_type_position(columns)
    sited = sum(summary.totals.get(site, {}).get("lines", 0) for site in ("hopd", "asc"))
    if bill is not None and summary.bill_beside_own and sited == summary.totals.get(FACILITY_CLAIMS, {}).get("lines"):
        name = columns.names[bill]
    if export_key(name) in TYPE_OF_BILL:
        said = medicare_share_note(PAID_AT_FACILITY_BILL_NOTE, summary.paid_is).format(column=repr(name))
        summary.notes = {said if note == noted else note: None for note in summary.notes}


def _run_place(scenario: Scenario | None) -> str | None:
    """The run's --zip or --locality as given ('--zip 30309'), or None."""
    if scenario is None or (scenario.zip_code is None and scenario.locality is None):
        return None
    return f"--zip {scenario.zip_code}" if scenario.zip_code is not None else f"--locality {scenario.locality}"


def _report_layout(report: Callable[[str], None] | None, skip: tuple[int, int], separator: str) -> None:
    """The stderr lines on where the header is and what separates the cells, when it is not the first line or not
    a comma."""
    if report is None:
        return
    if separator != ",":
        report(f"the input is {SEPARATOR_NAMES[separator]}-separated: read as such")
    if skip[0]:
        report(f"the header is line {skip[1] + 1}: the title lines above it skipped")


def write_summary(destination: AtomicOutput, summary: BatchSummary, output: AtomicOutput) -> None:
    """The summary's JSON (``--summary FILE``) at ``destination``'s path (its temporary file until committed), before
    ``output`` (the priced lines) is committed."""
    try:
        with open(destination.path, "w", encoding="utf-8") as out:
            summary.write_json(out)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if output.direct:  # streamed as they were priced: they are out
            where = "stdout" if output.target == "-" else output.target
            raise OutputFailedError(f"the priced lines went to {where}, but {destination.target} could not be "
                                    f"written ({reason}): it is left as it was") from None  # fmt: skip
        raise OutputFailedError(f"could not write {destination.target}: {reason}; nothing was written (neither "
                                f"{output.target} nor the summary)") from None  # fmt: skip


def _undated_schedule_warnings(pricer: Pricer, used: dict[str, Any]) -> list[str]:
    """In a file without dates, each schedule besides the PFS whose release in force today is not installed, of those
    the rows were priced with (``used``: dataset -> release names), as their notes say: not a schedule no row used (a
    review: a file of 99213 alone was warned of the ASC, CLFS, ASP and DMEPOS files)."""
    said: list[str] = []
    for dataset in QUARTERLY_DATASETS:
        if dataset == "pfs" or not used.get(dataset):
            continue
        years = sorted({r.year for r in pricer.catalogue.releases(dataset) if r.release in used[dataset]})
        for year in years:
            said += [w for w in row_warnings(pricer.catalogue.in_force(dataset, year, None)[1]) if w not in said]
    return said


def _priced_here(pricer: Pricer, scenario: Scenario | None = None) -> PriceChunks:
    batch = BatchPricer(pricer, scenario or Scenario())

    def price(chunks: Iterator[Chunk]) -> Iterator[tuple[pa.Table, pa.Table]]:
        # What a partition leaves alive is the run's caches (its cells, rows, texts), which form no cycles while the
        # run lasts: frozen after each partition (gc.freeze), the cyclic collector never walks them again. Its passes
        # over them were ~3% of a realistic million lines' CPU (each partition's first collection walked all it had
        # made, then the older generations again), more as the caches grow. Unfrozen when the run ends (its pricer
        # is then cyclic garbage, collected as before); not done where the process froze objects of its own.
        freezing = gc.get_freeze_count() == 0
        try:
            for lines, view, errors in chunks:
                priced = batch.price_later(view, errors)  # the output is built on the writer's thread
                if freezing:
                    # Collected first: a partition's cyclic garbage frozen with its survivors would stay until the
                    # run ends (10,000,000 realistic lines: 1,034,872 KB peak RSS frozen alone, 997,204 KB collected
                    # first, 997,900 KB never frozen; issue 15's limit is 1 GiB)
                    gc.collect()
                    gc.freeze()
                yield lines, priced
        finally:
            if freezing:
                gc.unfreeze()

    return price


def _encounter_dates(view: pa.Table) -> Any:
    """Per row, what makes a claim's lines one encounter besides the claim: the date of service (ISO text), or for a
    row without one its year (a file with both columns), as ``claims.price_claims`` groups them; None without."""
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import string_array

    # Arrow scalars, not str: converting a Python value makes pyarrow import pandas (0.15 s).
    blank, bar = string_array(["", "|"])
    given = [pc.fill_null(pc.cast(view.column(name), "string"), blank) for name in ("date", "year")
             if name in view.column_names]  # fmt: skip
    if len(given) < 2:
        return given[0] if given else None
    return pc.binary_join_element_wise(given[0], given[1], bar)


def mark_claims_apart(
    seen: SeenClaims, lines: pa.Table, view: pa.Table, claim: int | None
) -> tuple[pa.Table, list[str]]:
    """The partition's pricing view with its rows of a claim met before, apart from them, marked (``SeenClaims``;
    ``claims.price_claims`` notes them), and the run's messages about them; as it is without a claim column. (A file
    short enough to hold has its claims' lines brought together first: ``regroup``.)"""
    if claim is None:
        return view, []
    claims = view.column("claim") if "claim" in view.column_names else lines.column(claim)
    messages = seen.scattered(claims, _encounter_dates(view))
    if seen.apart.size:
        view = view.replace_schema_metadata({**(view.schema.metadata or {}), CLAIM_APART_KEY:
                                             seen.apart.astype("<i8").tobytes()})  # fmt: skip
    return view, messages


class SeenClaims:
    """The (claim id, date of service) pairs of the chunks read so far (64-bit hashes, sorted in buckets: ~18 MB for
    2 million).

    An encounter is a claim's adjacent lines of one date (``claims.price_claims``). Chunks end between claims, so a
    claim's lines of a date met again after other rows (later in the chunk or in a later chunk) are not next to the
    claim's earlier lines of that date: they are priced as another encounter. Said on their rows (``apart``), and
    counted (claims and rows) for stderr and ``--summary`` at the end of the run (``split_message``: a trial's
    shuffled file had 3,814 claims split, where stderr named one). The claim's lines of another date are another
    encounter anyway: nothing to say (a trial found them warned of). A claim too long to carry whole into the next
    chunk (``whole_claims``) goes on at the start of the next one: that is said (once) for what it is."""

    NAMED = 3  # the split claims named on stderr, the first in the file
    BUCKET_BITS = 6  # the pairs' hashes are kept in 64 sorted arrays (``_seen``)

    def __init__(self) -> None:
        import numpy as np

        # sorted, in buckets by their top BUCKET_BITS bits (``_seen``)
        self.hashes = [np.empty(0, dtype=np.int64) for _ in range(1 << self.BUCKET_BITS)]
        self.said_long = False
        self.split_claims = 0  # claims some of whose lines are priced apart from their earlier lines of the date
        self.split_rows = 0  # those lines (the rows whose note says so)
        self.split_names: list[str] = []  # the first NAMED of those claims, in file order
        self._split_hashes = np.empty(0, dtype=np.int64)  # all of them (hashed, sorted)
        self.last = ""  # the previous chunk's last claim id
        self.apart = np.zeros(0, dtype=np.int64)  # the last chunk's rows of encounters met before (``scattered``)

    def scattered(self, claims: Any, dates: Any = None) -> list[str]:
        """The message for a claim too long to hold (``whole_claims``, once in the run); ``apart``, and the counts
        of ``split_message``, for the rows of claims whose lines of one date are in two places: again in this chunk
        after other rows (a blank claim cell is another row), or in an earlier chunk. ``dates``: the rows' dates of
        service as text (None: one date for all)."""
        import numpy as np
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import string_array, strings_of, values_of
        from rvucalc.batch.claims import adjacent_runs

        def encoded(column: Any) -> tuple[np.ndarray, list[str], np.ndarray]:
            # An Arrow scalar, not a str: converting a Python value makes pyarrow import pandas (0.15 s).
            text = pc.fill_null(pc.utf8_trim_whitespace(pc.cast(column, "string")), string_array([""])[0])
            found = pc.dictionary_encode(text.combine_chunks() if hasattr(text, "combine_chunks") else text)
            given = values_of(pc.utf8_length(found.dictionary)) > 0  # per distinct value: not blank
            return values_of(found.indices).astype(np.int64), strings_of(found.dictionary), given

        ids, dictionary, given = encoded(claims)
        day_ids, days, _ = encoded(dates) if dates is not None else (np.zeros(len(ids), dtype=np.int64), [""], None)
        runs = adjacent_runs(ids)
        named = given[ids] if len(ids) else np.zeros(0, bool)
        pairs, pair_of_row = np.unique(ids * len(days) + day_ids, return_inverse=True)
        pair_of_row = pair_of_row.reshape(-1)
        first_run = np.full(len(pairs), len(ids), dtype=np.int64)
        np.minimum.at(first_run, pair_of_row, runs)
        later = named & (runs > first_run[pair_of_row])  # after other rows, in this chunk
        # The previous chunk's last claim going on here was cut for its length (whole_claims), not scattered.
        cut = dictionary[int(ids[0])] if len(ids) and dictionary[int(ids[0])] == self.last else ""
        if len(ids):
            self.last = dictionary[int(ids[-1])]
        go_on = (runs == 0) & (ids == ids[0]) if cut else np.zeros(len(ids), dtype=bool)
        texts = [f"{dictionary[pair // len(days)]}\x1f{days[pair % len(days)]}" for pair in pairs.tolist()]
        known = self._seen(np.array([hash(text) for text in texts], dtype=np.int64))
        met_before = named & known[pair_of_row] & ~go_on  # in an earlier chunk
        apart = later | met_before
        self.apart = np.flatnonzero(apart)
        messages = []
        if cut and not self.said_long:
            self.said_long = True
            messages.append(
                f"claim {cut!r} has more lines than rvucalc holds at once ({MAX_CARRIED_CHUNKS} x --chunk-rows, at "
                f"least {MIN_CARRIED_ROWS:,}): its "
                "lines are priced as more than one encounter; give a larger --chunk-rows to price it as one"
            )
        if self.apart.size:
            self._count_split(ids[self.apart], dictionary)
        return messages

    def _seen(self, hashes: Any) -> Any:
        """Per hash, whether an earlier chunk's pairs have it; the new ones are added. Sorted inserts into the
        bucket of the hash's top bits (``BUCKET_BITS``), not a re-sort of all the pairs so far: the cost per chunk
        stays that of the chunk, and each insert copies one bucket, not every pair so far (one array of them was
        copied whole per chunk: ~18 MB more at the peak of ten million realistic lines, 2.2 million pairs)."""
        import numpy as np

        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        # The top bits as a bucket number, in the hashes' (signed) order: sorted hashes' buckets are ascending.
        buckets = (ordered >> (64 - self.BUCKET_BITS)) + (1 << (self.BUCKET_BITS - 1))
        bounds = np.searchsorted(buckets, np.arange((1 << self.BUCKET_BITS) + 1))
        found = np.zeros(len(hashes), dtype=bool)
        for bucket in np.flatnonzero(bounds[1:] > bounds[:-1]).tolist():
            start, end = int(bounds[bucket]), int(bounds[bucket + 1])
            part, held = ordered[start:end], self.hashes[bucket]
            at = np.searchsorted(held, part)
            if len(held):
                found[start:end] = held[np.minimum(at, len(held) - 1)] == part
            new = ~found[start:end]
            self.hashes[bucket] = np.insert(held, at[new], part[new])
        known = np.zeros(len(hashes), dtype=bool)
        known[order] = found
        return known

    def _count_split(self, split_ids: Any, dictionary: list[str]) -> None:
        """Count the claims (ids into ``dictionary``, one per row apart) met apart for the first time, and the rows."""
        import numpy as np

        self.split_rows += len(split_ids)
        found, first = np.unique(split_ids, return_index=True)
        names = [dictionary[int(index)] for index in found[np.argsort(first, kind="stable")].tolist()]  # file order
        hashes = np.array([hash(name) for name in names], dtype=np.int64)
        new = ~np.isin(hashes, self._split_hashes)
        self.split_claims += int(new.sum())
        self.split_names += [name for name, fresh in zip(names, new.tolist(), strict=True) if fresh][
            : max(0, self.NAMED - len(self.split_names))
        ]
        fresh = np.sort(hashes[new])
        self._split_hashes = np.insert(self._split_hashes, np.searchsorted(self._split_hashes, fresh), fresh)

    def split_message(self) -> str | None:
        """How many claims have lines of one date apart from each other, and their rows priced apart; None: none."""
        if not self.split_claims:
            return None
        rows = f"{self.split_rows:,} {_rows(self.split_rows)}"
        if self.split_claims == 1:
            said = (f"claim {self.split_names[0]!r} has lines of one date that are not next to each other in the "
                    f"file: its later lines ({rows}) are priced as another encounter")  # fmt: skip
        else:
            more = ", ..." if self.split_claims > len(self.split_names) else ""
            named = ", ".join(repr(name) for name in self.split_names) + more
            said = (f"{self.split_claims:,} claims ({named}) have lines of one date that are not next to each other "
                    f"in the file: their later lines ({rows}) are priced as other encounters")  # fmt: skip
        return (
            f"{said} (rvucalc reads a claim's lines where they are adjacent, as claim exports write them; the note "
            "of those rows without an error says so, --summary counts them as split_claims and split_claim_rows); "
            "sort the file by claim id to price each claim as one encounter (rvucalc does it itself in a file of up to "
            f"{regroup.REGROUP_ROWS:,} rows and {regroup.REGROUP_BYTES // 2**20} MB as read)"
        )


def whole_claims(
    chunks: Iterator[tuple[pa.Table, dict[int, str]]], column_map: Callable[[pa.Table], ColumnMap], chunk_rows: int
) -> Iterator[tuple[pa.Table, dict[int, str]]]:
    """The same rows, in order, in chunks that end between claims: the lines of the claim a
    chunk ends in move to the next chunk (lines of one claim are adjacent, as claim exports
    write them). Without a claim column the chunks pass as they are."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import string_array

    carried: pa.Table | None = None
    carried_errors: dict[int, str] = {}
    # One chunk read ahead: the file's last chunk is whole (no later chunk to carry a claim's lines into), so a
    # short file's claims are grouped the same whatever its last line is.
    ahead = iter(chunks)
    following = next(ahead, None)
    while following is not None:
        table, errors = following
        following = next(ahead, None)
        position = column_map(table).position("claim")
        if position is None:
            yield table, errors
            continue
        if carried is not None:
            errors = {**carried_errors, **{row + carried.num_rows: message for row, message in errors.items()}}
            table = pa.concat_tables([carried, table])
            carried = None
        claims = table.column(position)
        cut = table.num_rows
        if cut and following is not None and table.num_rows < carried_rows(chunk_rows):
            # A report's page lines (a repeated header, 'Page 2 of 3') are in the claim of the line before them, as
            # pricing reads them: they neither name the claim the chunk ends in nor end its lines (a review: a header
            # between a claim's two lines at a chunk's end paid 29881 in full beside 27447).
            columns = column_map(table)
            at = cut - 1
            while at > 0 and _is_report_line(table, columns, at):
                at -= 1
            last = claims[at].as_py()
            if last and last.strip():
                # An Arrow scalar, not a str: converting a Python value makes pyarrow import pandas (0.15 s).
                others = pc.not_equal(pc.utf8_trim_whitespace(claims), string_array([last.strip()])[0])
                cut = _last_true(others) + 1
                while cut > 0 and _is_report_line(table, columns, cut - 1):
                    cut = _last_true(others.slice(0, cut - 1)) + 1
        if cut < table.num_rows:
            carried = table.slice(cut)
            carried_errors = {row - cut: message for row, message in errors.items() if row >= cut}
            errors = {row: message for row, message in errors.items() if row < cut}
        if cut or not table.num_rows:
            yield table.slice(0, cut), errors
    if carried is not None:
        yield carried, carried_errors


def _is_report_line(table: pa.Table, columns: ColumnMap, row: int) -> bool:
    """Whether the table's row is a report's page line (``columns.report_lines``)."""
    from rvucalc.batch.columns import report_lines

    return bool(report_lines(table.slice(row, 1), columns))


def _last_true(mask: Any) -> int:
    """Position of the last true value of a boolean Arrow array, -1 when none."""
    import numpy as np

    from rvucalc.batch.arrow_columns import valid_of, values_of

    # Read from the buffers: fill_null(False) and to_numpy make pyarrow import pandas (0.15 s a run).
    values = values_of(mask) & valid_of(mask)
    found = np.flatnonzero(values)
    return int(found[-1]) if found.size else -1


def plain_texts(table: pa.Table) -> bool:
    """True when no text of these dictionary columns needs quoting in CSV."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column in reversed(table.columns):  # the notes (near the end) are the likeliest to need quotes
        if pa.types.is_dictionary(column.type):
            for chunk in column.chunks:
                if pc.any(pc.match_substring_regex(chunk.dictionary, _STRUCTURAL.pattern)).as_py():
                    return False
        elif pa.types.is_string(column.type):
            return False
    return True


_STRUCTURAL = re.compile(r'[",\r\n]')


def write_arrow_csv(table: Any, sink: IO[bytes], *, header: bool = True, plain: bool = False) -> None:
    """CSV through Arrow. ``plain`` (no value holds a comma, quote or line break): values
    written as they are, like pandas does; otherwise Arrow quotes every text value."""
    import pyarrow.csv as arrow_csv

    if header:
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerow(list(table.column_names))
        sink.write(text.getvalue().encode())
    quoting = "none" if plain else "needed"
    arrow_csv.write_csv(table, sink, arrow_csv.WriteOptions(include_header=False, quoting_style=quoting))
