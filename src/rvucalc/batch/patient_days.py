"""A patient's therapy of one day on several claims: said on stderr, not repriced.

CMS's therapy multiple procedure payment reduction (CR 7050, Transmittal 826; ``engine.policy``) pays in full the
unit or procedure with the highest practice expense "furnished to the same patient on the same day" and reduces the
others, across the disciplines (PT, OT, SLP) and whoever billed them. rvucalc groups a file's lines by claim (an
encounter: a claim's lines of one date, ``claims.price_claims``), so a patient's therapy of one day billed on two claims
(a PT's and an OT's) gets the full first unit on each (a PT practice's trial: 97110-GP x 2 on C2001 and 97530-GO x 2
on C2002, one patient, one day: $109.63 where one encounter is $102.99). A file's patient id column (``PATIENT_IDS``:
an id, never a name column's header) is read by no role; when some patient's always-therapy lines of a date (the RVU
file's multiple procedure indicator 5) are on two claims or more, stderr says how many patient-days, and that
``--columns claim=<that column>`` prices each patient's day as one encounter. The column's values are compared, never
written anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rvucalc.batch.columns import export_key

if TYPE_CHECKING:
    from rvucalc.batch.columns import ColumnMap
    from rvucalc.lookup.pricer import Pricer

# Headers of a patient's id: a patient's, a member's, a medical record's or a Medicare beneficiary's number. Not a
# patient's account number (columns.ACCOUNT_CLAIMS: read as the claim where no other column is one), nor a patient's
# name ('Patient Name': rvucalc reads no names).
PATIENT_IDS = frozenset({"patient", "patient_id", "patient_no", "patient_number", "patient_num", "pt_id", "pat_id",
                         "member_id", "member_no", "member_number", "mrn", "medical_record_number", "med_rec_no",
                         "beneficiary_id", "bene_id", "mbi", "medicare_id", "subscriber_id",
                         # A urology trial's export said "Patient MRN" (and read nothing): the record number's names
                         # as practice systems write them ("MRN #", "Chart #" are export_key's mrn_number, ...).
                         # Not an account number: a hospital's is per encounter.
                         "patient_mrn", "pt_mrn", "pat_mrn", "patient_mrn_number", "mrn_number", "mrn_no", "mrn_num",
                         "medical_record_no", "chart", "chart_number", "chart_no", "chart_num", "patient_chart_number",
                         "pt_number", "pt_no"})  # fmt: skip
ALWAYS_THERAPY = "5"  # the RVU file's multiple procedure indicator of an always-therapy code (engine.pfs)
# Diagnostic imaging's indicator (RVU file: "reported in the same session on the same day as another procedure with the
# same family indicator"; engine.policy): a radiology trial's RIS export gave each exam its own accession, read as the
# claim, so a patient's CT and MRI of one visit were paid in full ($65.50 above the reduced pair). A patient-day's
# imaging on several claims may be one session or two (the RVU file's rule is per session, which no file column says),
# so it is said, with how to price them as one encounter, not repriced.
DIAGNOSTIC_IMAGING = "4"
# Which parts of imaging lines a day's claims must share for one encounter to price them otherwise: the reduction is of
# the technical components among themselves (a global or TC line's) and of the professional components among
# themselves (a global or 26 line's; RVU file, multiple procedure indicator 4). An IDTF's claim of the TC lines and
# the reading radiologist's of their 26 lines (Claims Processing Manual ch. 35 §10.2: the IDTF bills the TC, the
# interpreting physician the PC) are each already reduced as a whole: one encounter would change nothing, so an IDTF
# trial's day of 70553-TC, 72148-TC on one claim and 70553-26, 72148-26 on another is not said (it was, with advice to
# merge them that changed no amount). A day is said where a part is on two claims or more.
_TECHNICAL, _PROFESSIONAL = "T", "P"
# A patient's monthly ESRD-related services code (90951-90966, engine.visits.is_monthly_esrd) on two claims of one
# calendar month: "Only one MCP service in CPT range 90951-90966 is permitted per calendar month, even if multiple
# physicians are involved in the patient's care" (Palmetto GBA on Claims Processing Manual ch. 8 §140). A nephrology
# trial's 90960 by the MD on one claim and 90961 by the NP on another, one patient and month, said nothing, as the
# month's rule (batch.claims._monthly_esrd_in_month) reads a claim's lines. Said on stderr, the lines priced as billed.
MONTHLY_ESRD = "ESRD"
# A patient's care plan oversight code (G0181 home health, G0182 hospice: engine.care_management.CARE_PLAN_OVERSIGHT) on
# two claims of one calendar month: CPO is "submitted (and paid) only for one unit of service", never "billed across
# calendar months" (Claims Processing Manual ch. 12 §180.1.A, as athenahealth's CPO FAQ quotes it), and "no other
# physician can be paid for CPO within that calendar month" (Medicare's CPO criteria, as Relias Media's "Medicare
# guidelines on physician billing" restates them; an intermediary's letter: "payment to one physician per patient per
# month"). A house-call group's trial: one patient's G0181 of March on claims HC1003 and HC1007 was paid twice
# ($107.82 each) without a word, as a claim's lines alone are read (a line's units: visits.per_diem_units_rule).
# Said on stderr, as MONTHLY_ESRD (a patient-month of one code; G0181 beside G0182 not: a home health patient may elect
# hospice within the month), the lines priced as billed.
CARE_PLAN_OVERSIGHT_MONTHS = "CPO"
_BY_MONTH = (MONTHLY_ESRD, CARE_PLAN_OVERSIGHT_MONTHS)
_COMPONENT = r"(^|[^0-9A-Z]){}($|[^0-9A-Z])"  # a modifier in a code cell's remainder or the modifier cells, upper case
# A pricing view's schema metadata: each row's patient, its patient id cell hashed (little-endian int64s, 0 blank;
# ``with_patients``). Hashed in the run's own process, so a Dask worker compares the same numbers.
PATIENT_KEY = b"rvucalc.patient"


def patient_id_position(columns: ColumnMap) -> int | None:
    """The column --columns patient= names, else the first column no role reads whose header names a patient's id
    (``PATIENT_IDS``), or None."""
    named = columns.position("patient")
    if named is not None:
        return named
    read = {position for positions in columns.roles.values() for position in positions}
    return next((position for position, name in enumerate(columns.names)
                 if position not in read and export_key(name) in PATIENT_IDS), None)  # fmt: skip


def with_patients(view: Any, table: Any, columns: ColumnMap) -> Any:
    """The pricing view (``view``) of the lines as read (``table``) with each row's patient in its schema metadata
    (``PATIENT_KEY``: the patient id column's value hashed, 0 blank; ``batch.global_period``'s postoperative visits
    across a patient's claims), or as it is without a patient id column (``patient_id_position``) or claim column."""
    import numpy as np
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import strings_of, valid_of, values_of

    patient = patient_id_position(columns)
    if patient is None or columns.position("claim") is None or not table.num_rows:
        return view
    column = pc.utf8_trim_whitespace(pc.cast(table.column(patient), "string"))
    found = pc.dictionary_encode(column.combine_chunks() if hasattr(column, "combine_chunks") else column)
    distinct = np.array([(hash(value) or 1) if value else 0 for value in strings_of(found.dictionary)] + [0],
                        dtype=np.int64)  # fmt: skip
    indices = np.where(valid_of(found.indices), values_of(found.indices), len(found.dictionary))  # null: no patient
    hashed = distinct[indices.astype(np.int64)]
    return view.replace_schema_metadata({**(view.schema.metadata or {}), PATIENT_KEY: hashed.astype("<i8").tobytes()})


def patients_of(table: Any) -> Any:
    """Per row of a pricing view, its patient (``with_patients``), or None."""
    import numpy as np

    written = (table.schema.metadata or {}).get(PATIENT_KEY)
    if written is None or len(written) != 8 * table.num_rows:  # a partition's rows priced again: not theirs
        return None
    return np.frombuffer(written, dtype="<i8").astype(np.int64)


class TherapyAcrossClaims:
    """The run's patient-days (patient id and date of service, hashed) with always-therapy lines (or the lines of
    another multiple procedure ``indicator``: ``DIAGNOSTIC_IMAGING``), each with its first claim (hashed), and whether
    another claim of the day has some too. Fed chunk by chunk (``add``); said once at the end (``message``). Nothing is
    kept for a file without a patient id column."""

    def __init__(self, pricer: Pricer, indicator: str = ALWAYS_THERAPY) -> None:
        import numpy as np

        self.pricer = pricer
        self.indicator = indicator
        self.codes: Any = None  # the always-therapy codes (an Arrow array), read once when a file has the column
        self.name = ""
        self.days = np.empty(0, dtype=np.int64)  # sorted
        self.base = np.empty(0, dtype=np.int64)  # each day's patient-day (imaging: ``days`` are per part, _TECHNICAL)
        self.first_claim = np.empty(0, dtype=np.int64)
        self.several = np.empty(0, dtype=bool)

    def _therapy_codes(self) -> Any:
        if self.codes is None and self.indicator == MONTHLY_ESRD:
            from rvucalc.batch.arrow_columns import string_array
            from rvucalc.engine.visits import MONTHLY_ESRD_FIRST, MONTHLY_ESRD_LAST

            self.codes = string_array([str(code) for code in range(MONTHLY_ESRD_FIRST, MONTHLY_ESRD_LAST + 1)])
        if self.codes is None and self.indicator == CARE_PLAN_OVERSIGHT_MONTHS:
            from rvucalc.batch.arrow_columns import string_array
            from rvucalc.engine.care_management import CARE_PLAN_OVERSIGHT

            self.codes = string_array(sorted(CARE_PLAN_OVERSIGHT))
        if self.codes is None:
            from rvucalc.batch.arrow_columns import string_array

            release = self.pricer.select()[0]
            table = self.pricer.store(release).columns("rvu", ["hcpcs", "mult_proc"])
            codes = sorted({str(h) for h, p in zip(table["hcpcs"], table["mult_proc"], strict=True)
                            if str(p) == self.indicator})  # fmt: skip
            self.codes = string_array(codes)
        return self.codes

    def add(self, table: Any, columns: ColumnMap, date_order: str = "month") -> None:
        """Count the chunk's (``table``, the lines as read) patient-days with always-therapy lines (``MONTHLY_ESRD``:
        patient-months, each date read in the run's ``date_order``, a date that does not read left out)."""
        import numpy as np
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import bool_array, false_where_null, strings_of, text_scalar, values_of

        patient = patient_id_position(columns)
        claim, date, code = columns.position("claim"), columns.position("date"), columns.position("code")
        if patient is None or claim is None or date is None or code is None or not table.num_rows:
            return
        self.name = self.name or columns.names[patient]

        def text(column: Any) -> Any:
            return pc.fill_null(pc.utf8_trim_whitespace(pc.cast(column, "string")), text_scalar(""))

        cells = pc.utf8_upper(text(table.column(code)))
        codes = pc.utf8_slice_codeunits(cells, 0, 5)  # '97110-GP', '97110' alike
        kept = values_of(false_where_null(pc.is_in(codes, value_set=self._therapy_codes())))
        if not kept.any():
            return
        mask = bool_array(kept)
        who, claims, dates = (text(pc.filter(table.column(position), mask)) for position in (patient, claim, date))
        kept_codes = pc.filter(codes, mask)
        # The line's modifiers as written: the code cell's after the code, and the modifier columns' (_COMPONENT)
        said = pc.utf8_slice_codeunits(pc.filter(cells, mask), 5)
        modifiers = columns.modifier_column(table)
        if modifiers is not None:
            said = pc.binary_join_element_wise(said, pc.utf8_upper(text(pc.filter(modifiers, mask))), text_scalar("-"))
        named = (values_of(pc.utf8_length(who)) > 0) & (values_of(pc.utf8_length(claims)) > 0)
        if not named.all():
            named_mask = bool_array(named)
            who, claims, dates, said, kept_codes = (pc.filter(column, named_mask)
                                                    for column in (who, claims, dates, said, kept_codes))  # fmt: skip

        def hashed(column: Any) -> Any:
            found = pc.dictionary_encode(column.combine_chunks() if hasattr(column, "combine_chunks") else column)
            distinct = np.array([hash(value) for value in strings_of(found.dictionary)], dtype=np.int64)
            return distinct[values_of(found.indices).astype(np.int64)]

        if not len(who):
            return
        if self.indicator in _BY_MONTH:  # the calendar month of the date ('' where it does not read: left out)
            dates = _months(dates, date_order)
            dated = values_of(pc.utf8_length(dates)) > 0
            if not dated.all():
                who, claims, dates, kept_codes = (pc.filter(column, bool_array(dated))
                                                  for column in (who, claims, dates, kept_codes))  # fmt: skip
            if not len(who):
                return
        day_keys = pc.binary_join_element_wise(who, dates, text_scalar("\x1f"))
        days = base = hashed(day_keys)
        if self.indicator == CARE_PLAN_OVERSIGHT_MONTHS:  # a patient-month of one code (G0181 or G0182), counted as
            # its patient-month (``base``): G0181 and G0182 each on two claims of one month are one patient-month
            days = hashed(pc.binary_join_element_wise(day_keys, kept_codes, text_scalar("\x1f")))
        claim_of = hashed(claims)
        if self.indicator == DIAGNOSTIC_IMAGING:  # each part of the day apart (_TECHNICAL, _PROFESSIONAL)
            has = {
                m: values_of(false_where_null(pc.match_substring_regex(said, _COMPONENT.format(m))))
                for m in ("26", "TC")
            }
            parts = [(~has["26"], _TECHNICAL), (~has["TC"], _PROFESSIONAL)]
            separator = text_scalar("\x1f")
            keyed = [pc.binary_join_element_wise(day_keys, text_scalar(part), separator) for _, part in parts]
            days = np.concatenate([hashed(pc.filter(keys, bool_array(rows)))
                                   for keys, (rows, _) in zip(keyed, parts, strict=True)])  # fmt: skip
            base = np.concatenate([base[rows] for rows, _ in parts])
            claim_of = np.concatenate([claim_of[rows] for rows, _ in parts])
            if not len(days):
                return
        # The chunk's days: their first claim, and whether another claim has some of their therapy too.
        order = np.lexsort((claim_of, days))
        days, claim_of, base = days[order], claim_of[order], base[order]
        starts = np.flatnonzero(np.concatenate([[True], days[1:] != days[:-1]]))
        chunk_days, chunk_claim, chunk_base = days[starts], claim_of[starts], base[starts]
        chunk_several = np.minimum.reduceat(claim_of, starts) != np.maximum.reduceat(claim_of, starts)
        at = np.searchsorted(self.days, chunk_days)
        known = np.zeros(len(chunk_days), dtype=bool)
        if len(self.days):
            place = np.minimum(at, len(self.days) - 1)
            known = self.days[place] == chunk_days
            self.several[place[known]] |= chunk_several[known] | (self.first_claim[place[known]] != chunk_claim[known])
        new = ~known
        self.days = np.insert(self.days, at[new], chunk_days[new])
        self.first_claim = np.insert(self.first_claim, at[new], chunk_claim[new])
        self.base = np.insert(self.base, at[new], chunk_base[new])
        self.several = np.insert(self.several, at[new], chunk_several[new])

    def message(self) -> str | None:
        """The stderr line: how many patient-days have therapy on several claims, or None."""
        import numpy as np

        count = len(np.unique(self.base[self.several]))  # patient-days (an imaging day's two parts are one)
        if not count:
            return None
        if self.indicator == MONTHLY_ESRD:
            months = "1 patient-month has" if count == 1 else f"{count:,} patient-months have"
            return (f"{months} monthly ESRD-related services codes (90951-90966) on several claims ({self.name!r} "
                    "read as the patient): Medicare pays one a patient a calendar month, whoever bills it (Claims "
                    "Processing Manual ch. 8 §140); each line is priced as billed")  # fmt: skip
        if self.indicator == CARE_PLAN_OVERSIGHT_MONTHS:
            months = "1 patient-month has" if count == 1 else f"{count:,} patient-months have"
            return (f"{months} one care plan oversight code (G0181 home health, G0182 hospice) on several claims "
                    f"({self.name!r} read as the patient): Medicare pays one unit a patient a calendar month, to one "
                    "practitioner (Claims Processing Manual ch. 12 §180.1.A and Medicare's CPO criteria); each line is "
                    "priced as billed")  # fmt: skip
        days = "1 patient-day has" if count == 1 else f"{count:,} patient-days have"
        if self.indicator == DIAGNOSTIC_IMAGING:
            return (f"{days} diagnostic imaging on several claims ({self.name!r} read as the patient): CMS's imaging "
                    "multiple procedure reduction (technical part 50%; professional part 5% when one physician or "
                    "group reads them, CY2012 PFS final rule, 76 FR 73071) applies to studies of the same patient in "
                    "the same session on the same day (RVU file, multiple procedure indicator 4), whatever their "
                    "accession or claim numbers; if they were one session, give "
                    f"--columns claim={self.name!r} to price each patient's day as one encounter")  # fmt: skip
        return (f"{days} therapy on several claims ({self.name!r} read as the patient): CMS's therapy multiple "
                "procedure reduction applies per patient per day across claims (CR 7050); to price them as one "
                f"encounter give --columns claim={self.name!r}")  # fmt: skip


def _months(dates: Any, order: str) -> Any:
    """Each date text's calendar month ('2026-03'), '' where it does not read (``batch.dates.parse_service_date`` in
    the run's ``order``), each distinct text parsed once."""
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import string_array, strings_of
    from rvucalc.batch.dates import parse_service_date

    found = pc.dictionary_encode(dates.combine_chunks() if hasattr(dates, "combine_chunks") else dates)
    months = []
    for text in strings_of(found.dictionary):
        try:
            day = parse_service_date(text, order) if text else None
        except ValueError:  # a date that does not read (date_from_text's error): left out; anything else is a bug
            day = None
        months.append("" if day is None else f"{day.year:04d}-{day.month:02d}")
    return string_array(months).take(found.indices)
