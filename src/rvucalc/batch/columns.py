"""Which input column plays which role, under the names billing systems export.

A header cell is compared case-insensitively, with spaces and hyphens read as underscores
and an underscore before a trailing number optional (``Mod 1`` = ``mod_1`` = ``mod1``). A role
no column names that way may be found under the names of ``EXPORT_SYNONYMS`` ('/' and '.' as
underscores, '#' as 'number': ``CPT/HCPCS``, ``Pt. Zip``, ``Claim #``).
``--columns code=MyCol,date=Svc`` names a column for a role outright (``date=`` : none).
Up to four modifier columns (``mod1``..``mod4``) are combined in order: ``RT``, ``59`` ->
``RT-59``.

``pricing_view`` turns a chunk of input text into the columns the batch pricer reads,
under their role names, with dates as ISO text and units as plain digits; a date or units
cell it cannot read becomes that row's error (the row still comes out).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rvucalc.batch.arrow_columns import bool_array, false_where_null, int64_array, string_array, text_scalar
from rvucalc.batch.dates import duration_minutes, parse_service_date, parse_units
from rvucalc.engine.place_of_service import type_of_bill
from rvucalc.errors import ErrorKind, UsageError

if TYPE_CHECKING:
    import pyarrow as pa

# Role -> the header names it is recognised by (normalised: see ``header_key``).
# ``modifier`` is slot 1; slots 2-4 are ``modifier2``..``modifier4``.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("code", "cpt", "cpt_code", "hcpcs", "hcpcs_code", "procedure_code", "proc_code"),
    "modifier": ("modifier", "mod", "mod1", "modifier1"),
    "modifier2": ("mod2", "modifier2"),
    "modifier3": ("mod3", "modifier3"),
    "modifier4": ("mod4", "modifier4"),
    "date": ("date", "dos", "date_of_service", "service_date", "from_date", "svc_date"),
    "year": ("year",),
    "zip": ("zip", "zip_code", "zip5", "patient_zip", "service_zip", "postal_code"),
    "locality": ("locality",),
    "state": ("state", "state_code", "patient_state", "beneficiary_state", "member_state"),  # DMEPOS fee column
    "rural": ("rural",),  # DMEPOS: the state's rural fee (Y/N), as ``rvucalc price --rural`` (batch.lines._rural)
    # A hospital's own wage index, for the OPPS rate alone, as ``rvucalc price --wage-index`` (batch.lines._wage_index)
    "wage_index": ("wage_index", "wi"),
    # The ASC's wage index, for the ASC rate alone, as ``rvucalc price --asc-wage-index`` (batch.lines._wage_index)
    "asc_wage_index": ("asc_wage_index", "asc_wi"),
    "setting": ("setting", "pos", "place_of_service"),
    "units": ("units", "qty", "quantity", "service_units", "days_units"),
    # A behavioral health group's 'Enc ID' is its 'Encounter ID' abbreviated (hinted only, every line priced alone):
    # read as that one is, so that beside a 'Claim #' or 'Encounter #' it is chosen as 'Encounter ID' is, not refused.
    "claim": ("claim_id", "claim", "claim_number", "encounter_id", "enc_id", "encounter_number", "encounter"),
    "paid": ("paid", "paid_amount", "allowed_amount", "payment"),
    # The line's billed (submitted) charge: Medicare allows the lower of it and the fee schedule amount (SSA
    # §1848(a)(1) and the other schedules': batch.price.BatchPricer._lesser_of_charge). Not a pricing column: a row is
    # priced alike with or without it; the paid column is compared with the charge where it is lower. A primary care
    # trial's 'Billed Amt' (93000 billed $10.00) was passed through unread, its paid amount "underpaid" by the fee.
    "charge": ("charge", "charges", "billed", "billed_amount", "billed_charge", "billed_charges", "charge_amount",
               "submitted_charge", "submitted_charges", "line_charge", "line_charges"),
    "base_units": ("base_units",),  # anesthesia
    "minutes": ("minutes", "anesthesia_minutes"),
    # The rendering practitioner's type (credentials.provider_of reads its cells): an NP's, PA's or CNS's line is paid
    # 85% of the PFS amount, as ``rvucalc price --provider`` (a trial's 'Rendering Prov Type' was priced at 100%).
    # Not 'specialty': a payer's Specialty column mostly holds physicians' specialties (Cardiology, 06), which would
    # each be priced as the run's --provider with a note; it is said (_provider_type_notices) and read with --columns
    # provider=Specialty.
    "provider": ("provider_type", "rendering_provider_type", "rendering_prov_type", "prov_type", "provider_credential",
                 "credential", "credentials", "practitioner_type", "rendering_type",
                 # A telehealth trial's export: 'Rendering Provider Credential' (NP lines priced at 100% until named)
                 "rendering_provider_credential", "rendering_provider_credentials", "rendering_credential",
                 # An orthopedics trial's 'Prov_Cred' (its PA-C lines priced at 100%, nothing said): the abbreviation
                 "prov_cred", "provider_cred", "rendering_cred", "rendering_prov_cred", "rendering_provider_cred",
                 "prov_credential", "cred",
                 # An urgent care chain's export: 'Provider Credentials' (its PA-C's 99213 priced at 100% until named)
                 "provider_credentials",
                 # and its abbreviation's plural, 'Provider Creds' (a review: not read, nor said, PA-C lines at 100%)
                 "provider_creds", "prov_creds", "rendering_creds", "rendering_provider_creds", "creds",
                 # A behavioral health group's export: 'Clinician Credentials' beside 'Clinician' (its LCSW's, LMFT's,
                 # LPC's and PMHNP's lines priced at 100% until named: the 75% of 42 CFR 414.53 and the NP's 85% lost)
                 "clinician_credentials", "clinician_credential", "clinician_cred", "clinician_creds"),
    # A UB-04 line's revenue code (FL 42), read on a line without a HCPCS code alone (batch.lines.REVENUE_CODE_LINE):
    # found by its name apart (revenue_code_position: one column, or none), named with --columns revenue_code=COLUMN.
    "revenue_code": (),
    # A projection's or a cost report's count of cases (a finance analyst's 12-month volume file: 'Volume' beside CPT,
    # site and locality, priced 1 case a row without a word): the row stands for that many separate, identical cases,
    # each priced as the row says (its units as given). The row's amounts stay one case's; the totals count the row
    # volume times (BatchSummary.count_totals). Not units: units go through one claim's rules (ASC units 2..N at 50%,
    # a J1 paid once), which separate cases never share. Beside a claim column it is not read (resolve_columns).
    "volume": ("volume", "volumes", "case_count", "cases", "count", "frequency", "service_count", "annual_volume",
               "monthly_volume", "projected_volume"),
    # The patient's id, compared across claims (batch.patient_days: post-op and pre-op visits, therapy across claims),
    # never written or priced: found by its name apart (patient_days.PATIENT_IDS, a column no role reads), named with
    # --columns patient=COLUMN (a vascular trial's 'Patient Acct', a practice system's permanent patient id, could not
    # be: an account number is not read by its name, since a hospital's is per encounter).
    "patient": (),
    # The practitioner's Medicare participation (Y/N, PAR/NONPAR: batch.lines.participation_of), per row over the
    # run's --non-par: a non-participating practitioner's PFS amount is 95% (SSA §1848(a)(3); BatchPricer._non_par).
    "participation": ("participation", "par", "par_status", "participating", "participation_status", "par_flag"),
    # A contract's own rate for the line (an MA contracting analyst's 'Contract Rate'): read, and written as a
    # percentage of the row's allowed amount (contract_percent_of_medicare); not --percent-of-medicare's output
    # column contract_amount (rvucalc's N% of allowed), which is never read back.
    "contract_rate": ("contract_rate", "contracted_rate", "contract_amount", "contracted_amount", "contract_amt",
                      "contract_price", "contracted_price"),
}  # fmt: skip
# The most cases a row's volume may say; the totals' cents x volume are summed exactly however large
# (batch.files._weighted_sum: a row's cents may be units x a code's amount).
MAX_VOLUME = 1_000_000
# More names practice-management exports use, read with '/' and '.' as underscores and '#' as 'number'
# ('CPT/HCPCS', 'Pt. Zip', 'Claim #'): a column is recognised by one only when no column has one of the role's
# SYNONYMS (a file that ran before runs the same); two columns with one of these for a role are refused, as two
# columns with a usual name are.
# The CMS-1500's box 24G is "Days or Units"; a UB-04 line's date is its "Line Item" date (a trial found 'Modifiers',
# 'Units of Service' and 'Date of Service From' unread: every line priced as 1 unit, without modifiers, newest rates).
EXPORT_SYNONYMS: dict[str, tuple[str, ...]] = {
    # NextGen's 'CPT4 Code'; a neurology group's export: 'Proc' beside 'M1'..'M4' (its modifiers, never read: 95816-TC
    # priced as the global 95816, a -26 and a -TC line of one study each paid the whole)
    "code": ("cpt_hcpcs", "hcpcs_cpt", "cpt_hcpcs_code", "cpt4", "cpt4_code", "proc", "proc_cd", "cpt_cd", "hcpcs_cd",
             # A UB-04 line's FL 44, "HCPCS/Accommodation Rates/HIPPS Rate Codes" (Claims Processing Manual ch. 25
             # §75.4; the form prints 'HCPCS / RATE / HIPPS CODE'): a hospital revenue integrity trial's export named
             # it 'HCPCS/Rates' and was refused, "The input has no code column" (exit 2), beside its Revenue Code,
             # Type of Bill and Service Units, all read
             "hcpcs_rates", "hcpcs_rate", "hcpcs_rate_hipps_code", "hcpcs_rates_hipps_codes",
             "hcpcs_accommodation_rates_hipps_rate_codes"),
    # 'Modifier(s)', 'CPT Modifier(s)': a trailing '(s)' is the plural (export_key), one cell of the line's modifiers
    # ('25,GP', 'RT 59', '50/RT', 'GP;59': lookup.lines.parse_line splits them). A trial's 'Modifier(s)' was not
    # read: 20610-50 priced as 20610.
    "modifier": ("modifiers", "mods", "modifier_code", "modifier_code1", "mod_code", "procedure_modifier",
                 "procedure_modifier1", "cpt_modifier", "cpt_modifier1", "hcpcs_modifier", "hcpcs_modifier1",
                 "line_modifier", "line_modifiers", "modifier_codes", "cpt_modifiers", "hcpcs_modifiers",
                 "procedure_modifiers", "m1"),
    **{f"modifier{n}": (f"procedure_modifier{n}", f"cpt_modifier{n}", f"hcpcs_modifier{n}", f"modifier_code{n}",
                           f"m{n}") for n in (2, 3, 4)},
    "date": ("dos_from", "from_dos", "service_from_date", "service_from", "date_of_service_from", "service_date_from",
             "svc_date_from", "from_date_of_service", "from_service_date", "line_item_from_date", "line_from_date",
             "line_item_date", "line_service_date", "service_start_date", "dos_start",
             "dates_of_service", "dates_of_service_from",  # the CMS-1500's box 24A, 'Date(s) of Service'
             # a therapy practice's scheduling export: the visit's (appointment's, treatment's) date is the service's
             # (a trial's 'Visit Date' was not read; stderr said it looked like one)
             "visit_date", "date_of_visit", "appointment_date", "appt_date", "date_of_appointment", "treatment_date",
             "date_of_treatment", "encounter_date", "date_of_encounter",
             # an emergency department's export: the patient's arrival date is the visit's (an ED trial's 'Arrival
             # Date (M/D/YYYY)' was not read, every 2025 row priced with 2026's release)
             "arrival_date", "date_of_arrival", "ed_arrival_date",
             # an allergy practice's remit export: 'Svc Dt' (the service date, abbreviated: a trial's was only hinted,
             # every line priced with today's release)
             "svc_dt", "service_dt", "date_of_svc", "svc_date_of_service",
             # a Medicare Advantage plan's paid-claims export: 'Svc From Dt', the line's from date abbreviated (a
             # trial's was only hinted, every 2025 line priced with 2026's release)
             "svc_from_dt", "service_from_dt", "svc_from_date"),
    "zip": ("pt_zip", "patient_zip_code", "member_zip", "beneficiary_zip"),
    # The PFS locality as billing and contract systems name it ('Pricing Locality', 'Locality Code', 'Locality Name': a
    # trial's were not read, every row priced nationally with exit 0): its 7-digit id or its name, as --locality takes
    # it (a 2-digit locality number alone is a row error saying so, not a national price).
    "locality": ("pricing_locality", "locality_code", "locality_name", "locality_id", "locality_number", "locality_no",
                 "medicare_locality", "pfs_locality", "payment_locality", "fee_schedule_locality"),
    "setting": ("place_of_svc", "pos_code"),
    "units": ("units_of_service", "days_or_units", "units_billed", "billed_units", "number_of_units", "uos",
              "unit_count", "line_units", "svc_units", "service_unit_count", "units_qty", "billed_qty", "qty_billed",
              "quantity_billed", "billed_quantity",
              # a hospital export's service quantity ('Svc Qty', 'Service Qty': a trial's were only hinted on stderr,
              # a 2-unit 71046 priced as one)
              "svc_qty", "service_qty"),
    # A claim or encounter id as billing systems name it: a visit's, an encounter's, a ticket's (a superbill's) or an
    # invoice's number is one encounter's; a patient's account number is the 837's CLM01 in many practice systems
    # (ACCOUNT_CLAIMS: a visit, encounter or claim column beside it is the claim). A trial's 'Visit ID' was not read:
    # every line priced alone, without the encounter rules.
    "claim": ("claim_no", "claim_num", "visit_id", "visit", "visit_number", "visit_no", "visit_num", "encounter_no",
              "encounter_num", "enc_number", "enc_no", "ticket_number", "ticket_no", "invoice_number", "invoice_no",
              "account_number", "account_no", "account_num", "acct_number", "acct_no", "acct_num",
              "patient_account_number", "patient_account_no",
              # the same plan's 'Claim Nbr' ('Nbr', number, as its 'Line Nbr'): hinted only, every line priced alone
              "claim_nbr", "visit_nbr", "encounter_nbr"),
    # A remit's paid column as practice-management systems name it (a trial's `Paid Amt` was passed through silently).
    "paid": ("paid_amt", "amt_paid", "amount_paid", "payment_amount", "payment_amt", "pmt_amt", "pmt_amount",
             "net_paid", "ins_paid", "insurance_paid", "medicare_paid",
             # A primary payer's paid column (a primary care trial's 'Primary Paid' was left unread without a word)
             "primary_paid", "pri_paid", "primary_payer_paid", "prim_paid", "primary_paid_amount", "primary_paid_amt",
             # A hospital remit's line-level paid column (a UB-04 / 835 SVC03 line payment: a hospital trial's 'Line
             # Paid', 'Line Payment' and 'Payer Paid' passed through untouched, nothing said)
             "line_paid", "line_payment", "line_paid_amount", "line_paid_amt", "line_item_paid",
             "line_item_paid_amount", "line_payment_amount", "line_payment_amt", "line_item_payment",
             "line_item_payment_amount", "payer_paid", "payer_paid_amount", "payer_paid_amt",
             # A wound care trial's hospital export: 'Payments' (the line's payments posted) beside 'Gross Charges'
             "payments", "line_payments"),
    # A line's charge as billing systems name it ('Billed Amt', 'Chg Amt', 'Total Charges': a UB-04's FL 47 and the
    # 837's SV102 / SV203 are the line's total charge, all its units)
    "charge": ("billed_amt", "charge_amt", "chg_amt", "chg_amount", "amount_billed", "amt_billed", "billed_chg",
               "total_charge", "total_charges", "line_charge_amount", "line_item_charge_amount", "line_charge_amt",
               "submitted_amount", "submitted_amt", "charged_amount",
               # a hospital's gross charge is the line's full charge before contractual allowances (UB-04 FL 47)
               "gross_charge", "gross_charges", "gross_charge_amount", "gross_chg", "gross_charge_amt"),
}  # fmt: skip
# An anesthesia billing export (an anesthesia group's trial: 'Case #' and 'Anes Time' unread): its case is the claim
# of one anesthetic's lines, its anesthesia time the minutes. 'Total Minutes' is the minutes only beside a base units
# column (ANESTHESIA_MINUTES): in another file it may be a visit's or a therapy's time, which is not read.
EXPORT_SYNONYMS["claim"] += ("case_number", "case_id", "case_no", "case_num")
# A UB-04's patient control number (FL 3a; the 837's CLM01, "Claim Submitter's Identifier": the provider's own id of
# the claim, which the payer returns on its remittance) is the claim's id, as a claim number is: not an account (a
# trial's UB-04 export 'Patient Control Number' was not read: each line priced alone, without OPPS packaging). Beside
# a claim, visit, encounter, ticket or invoice number it gives way to it (``_visits_first``; a review: 'Claim #' with
# 'Patient Control Number' was refused as two claims). A bare 'PCN' is not read: a pharmacy export's PCN is the
# Processor Control Number, one value on every row (a review: a file's patients became one encounter).
PATIENT_CONTROL_CLAIMS = frozenset({"patient_control_number", "patient_control_no", "patient_control_num",
                                    "pat_control_number", "pat_control_no", "pat_control_num", "pat_ctrl_no",
                                    "patient_ctrl_no"})  # fmt: skip
EXPORT_SYNONYMS["claim"] += tuple(sorted(PATIENT_CONTROL_CLAIMS))
# Epic's hospital account record ('HAR', 'HAR #', 'Hospital Account', Clarity's HSP_ACCOUNT_ID): the account whose
# charges a Resolute Hospital Billing claim carries (Epic's RECONCILE_CLM table: "HSP_ACCOUNT_ID ... The hospital
# account ID for the claim"; one HAR may hold a recurring series' visits, billed on one claim), so read as the claim
# and ranked as a patient control number (``_visits_first``: a claim, visit or encounter number beside it wins). A
# cardiac and pulmonary rehab program's Epic HB/PB export ('HAR, Service Date, Type of Bill, ...') had it unread: each
# line priced alone, 93017 (SI Q1) beside 93798 on one hospital claim paid $311.40, not packaged.
HOSPITAL_ACCOUNT_CLAIMS = frozenset({"har", "har_number", "har_no", "har_num", "har_id", "hospital_account",
                                     "hospital_account_number", "hospital_account_no", "hospital_account_id",
                                     "hospital_account_record", "hsp_account_id", "hsp_acct_id", "hosp_acct",
                                     "hosp_acct_number", "hosp_acct_no", "hosp_account",
                                     "hosp_account_number"})  # fmt: skip
# Cerner's (Oracle Health Millennium's) 'FIN', the financial number: the encounter's identifier (Oracle Health's FHIR
# Encounter resource: "Encounter identifier (eg: FIN)", an encounter alias of code set 319), whose charges the
# hospital's claim carries (a recurring series' visits may share one), so read as the claim and ranked as Epic's HAR.
# A community hospital's Cerner billing export ('FIN, Encounter Type, Bill Type, Rev Code, HCPCS, Modifiers, ...')
# had it unread: each line priced alone, an ED claim's 12002 (SI Q1) beside its 99284 (SI J2) paid, not packaged.
# Not 'FIN Class' (the financial class, a payer group).
CERNER_FIN_CLAIMS = frozenset({"fin", "fin_number", "fin_nbr", "fin_no", "fin_num", "fin_id", "financial_number",
                               "financial_nbr", "financial_no", "financial_num", "encounter_fin",
                               "fin_encounter"})  # fmt: skip
HOSPITAL_ACCOUNT_CLAIMS |= CERNER_FIN_CLAIMS
EXPORT_SYNONYMS["claim"] += tuple(sorted(HOSPITAL_ACCOUNT_CLAIMS))
# A practice system's 'Account/Claim' (a cardiology group's export: the billing system's claim id, its account and
# claim in one) is the claim (a trial's was only hinted: each line priced alone, 93288 beside 93280 paid in full, not
# 25% off its technical component). Beside a claim, visit or encounter number that one is read (``_visits_first``).
# Spaced around the slash, abbreviated or numbered as the system writes it ('Acct/Claim #', 'Claim/Acct', 'Account /
# Claim No') too: a review found those three unread, the claim's lines priced alone as the trial's were.
# An urgent care system's 'Chart/Visit #' (the patient's chart and the visit's number in one id) is the visit's claim
# as 'Account/Claim' is (a trial's was not read nor hinted: each line priced alone, 12011-51 beside 12002 paid in
# full). A bare 'Chart #' stays the patient's id (patient_days.PATIENT_IDS).
ACCOUNT_OR_CLAIM = frozenset(
    f"{pair}{suffix}"
    for pair in ("account_claim", "acct_claim", "claim_account", "claim_acct")
    for suffix in ("", "_number", "_no", "_num")
) | frozenset({"chart_visit", "chart_visit_number", "chart_visit_no", "chart_visit_num", "chart_visit_id",
               "visit_chart_number", "visit_chart_no"})  # fmt: skip
EXPORT_SYNONYMS["claim"] += tuple(sorted(ACCOUNT_OR_CLAIM))
# A UB-04's statement period start (FL 6, 'Statement From'; the 837I's 434 statement dates): the claim's first date,
# the date of service where no column is a line's own (a line's service date, FL 45, wins: a claim's lines may span
# days and quarters). Read only then, and said (missing_role_notices).
STATEMENT_DATES = frozenset({"statement_from", "statement_from_date", "stmt_from", "stmt_from_date",
                             "statement_from_dt", "stmt_from_dt", "statement_date_from", "statement_start_date",
                             "statement_covers_from", "statement_period_from", "from_statement_date"})  # fmt: skip
# Cerner's (Oracle Health Millennium's) charge extract names a charge's service date and time CHARGE.SERVICE_DT_TM
# ('SERVICE_DT_TM', 'Service Date/Time'): the line's date of service, its time left. Read only where no other column is
# the date (a line's 'Svc Dt' beside it is not refused as a second date), before a statement's from date. A community
# hospital trial's was only hinted: its 2025 lines priced with 2026's release, their OPPS site not priced.
SERVICE_DATE_TIMES = frozenset({"service_dt_tm", "svc_dt_tm", "service_date_time", "service_datetime",
                                "svc_date_time"})  # fmt: skip
# A radiation oncology or other charge-capture export's 'Charge Date' ('Chg Date', 'Charge Dt'): the day the charge
# was captured for, its service's date in such an export, though a practice-management system may mean the day the
# charge was entered or posted. The line's date of service is what prices it ("Enter a 6-digit or 8-digit (MMDDCCYY)
# date for each procedure, service, or supply": Claims Processing Manual ch. 26 §10.4, item 24A), so a charge date is
# read as the date only where no other column is the date (a 'DOS' or 'Service Date' beside it wins, not refused as a
# second date), before a statement's from date, and said (missing_role_notices). A radiation oncology trial's
# Aria-style export ('Patient Acct, Charge Date, CPT, Modifier, Qty, Place of Svc ...') was neither read nor hinted
# ('charge' is no date look-alike's word): its 2025 lines priced with 2026's release, G6015 and G6002 each an
# unknown_code row ("deleted for 2026") where RVU25A pays G6015 $295.94 at ZIP 40207.
CHARGE_DATES = frozenset({"charge_date", "chg_date", "charge_dt", "chg_dt", "charge_dos", "charge_svc_date",
                          "charge_service_date"})  # fmt: skip
# A charge extract's item quantity (Cerner's CHARGE.ITEM_QUANTITY, 'ITEM_QUANTITY': the charge's quantity) is the units
# only where no other column is (a 'Units' or 'Svc Qty' beside it wins, not refused as a second units column); and a
# hospital export's 'Total Paid' the paid column only where no other column is the paid amount (nor a remit's allowed
# amount read as it), with a remit's paid column's checks (REMIT_PAID: Medicare's payment, --paid-is medicare said).
# A community hospital trial's were only hinted on stderr: each line priced one unit, its paid amount compared with
# nothing.
ITEM_QUANTITIES = frozenset({"item_quantity", "item_qty"})
TOTAL_PAID = frozenset({"total_paid", "total_paid_amount", "total_paid_amt"})
# A behavioral health practice's export (TherapyNotes-, Valant-style: 'Fee' beside 'Insurance Paid') names the
# session's billed charge its fee: a trial's 90847 billed $20.00, paid $15.00, was compared with the fee schedule's
# $83.56 and "underpaid" $68.56, not the $20.00 Medicare allows (SSA §1848(a)(1); 42 CFR 414.53's lesser of the actual
# charge). Read as the charge only where no other column is ('Fee' beside 'Billed Amt' may be a standard fee).
FEE_CHARGES = frozenset({"fee", "service_fee", "session_fee"})
# Nor beside a column that looks like the line's charge and is not read ('Total Chg', 'Line Chg', 'Billed $': named on
# stderr, _unread_money_lookalikes): there 'Fee' may be a unit's fee or a fee schedule's, the look-alike the line's
# charge (a review: 'Fee' 40.00 beside 'Total Chg' 120.00 on 97110 x 3 was read as the charge, expected $40.00, not
# the $75.56 the fee schedule allows, and 'Total Chg' no longer named).
# A case number is the claim only where no claim, visit or encounter number is (CASE_CLAIMS): a surgery centre's
# export carries both, and its claim is the claim (a review: 'Claim #' beside 'Case #' was refused as two claims).
CASE_CLAIMS = frozenset({"case_number", "case_id", "case_no", "case_num"})
# A laboratory's accession or requisition number (a lab's billing export: 'Accession #', 'Requisition #'): one order's
# tests, billed on one claim, read as the claim where no claim, visit or encounter number is (a lab trial's 'Accession
# #' was not read nor suggested: each test priced alone). Ranked as a case number (``_visits_first``).
ACCESSION_CLAIMS = frozenset({"accession_number", "accession_no", "accession_num", "accession_id", "accession",
                              "requisition_number", "requisition_no", "requisition_num", "requisition_id",
                              "requisition", "req_number", "req_no"})  # fmt: skip
EXPORT_SYNONYMS["claim"] += tuple(sorted(ACCESSION_CLAIMS))
# A lab test's date of service is the date its specimen was collected (42 CFR 414.510(a): "the date of service of the
# test must be the date the specimen was collected"; (b) its exceptions, stored specimens and the 14-day rule, a
# lab's export already applies): a lab export's 'Collection Date' is the line's date (a lab trial's was only hinted,
# its 2025 lines priced with 2026 rates).
EXPORT_SYNONYMS["date"] += ("collection_date", "date_of_collection", "specimen_collection_date", "specimen_date",
                            "collected_date", "date_collected", "collection_dt", "specimen_collected_date",
                            "date_specimen_collected")  # fmt: skip
# A surgeon's or surgery centre's export: the surgery's (procedure's, case's) date is the line's date of service. A
# global surgery package is billed with "the date on which the surgical procedure was performed in the 'From/To' date
# of service field" (Claims Processing Manual ch. 12 §40.4, "Date(s) of Service"). A surgery practice trial's 'Surgery
# Date' was only hinted, its 2025 cases priced with 2026 rates (exit 0). Not 'Proc Date': a remit's may be the date
# the claim was processed.
EXPORT_SYNONYMS["date"] += ("surgery_date", "date_of_surgery", "surgical_date", "surgery_dt", "procedure_date",
                            "date_of_procedure", "procedure_dt", "case_date", "date_of_case")  # fmt: skip
# A radiology information system's (RIS/PACS) export: the exam's (study's) date is the imaging service's date of
# service. A radiology trial's 'Exam Date' was only hinted, its 2025 exams priced with 2026's release (exit 0).
EXPORT_SYNONYMS["date"] += ("exam_date", "date_of_exam", "exam_dt", "study_date", "date_of_study", "study_dt",
                            "examination_date")  # fmt: skip
# An anesthesia billing system's export: the anesthesia's date is the line's date of service ("Enter a 6-digit or
# 8-digit (MMDDCCYY) date for each procedure, service, or supply": Claims Processing Manual ch. 26 §10.4, item 24A).
# An anesthesia group's trial's 'Anesthesia Date' was only hinted, its November 2025 cases priced with 2026's
# anesthesia CF (00790-AA, 7 base units and 95 minutes at ZIP 10001: $303.37 at 2026's $22.81, not $302.71 at 2025's
# $22.76; exit 0).
EXPORT_SYNONYMS["date"] += ("anesthesia_date", "date_of_anesthesia", "anesthesia_dt", "anes_date", "anes_dt",
                            "date_of_anes")  # fmt: skip
# Lettered modifier columns, 'Mod A'..'Mod D' ('Modifier A'..'D'): a podiatry trial's remit export, not read, its lines
# priced without their modifiers (73630-26 as the global test). Item 24D "has the capacity to capture up to four
# modifiers" (Claims Processing Manual ch. 26 §10.4, item 24D), in order: the letters are the slots 1-4.
MODIFIER_LETTERS = {"modifier": "a", "modifier2": "b", "modifier3": "c", "modifier4": "d"}
EXPORT_SYNONYMS.update({slot: (*EXPORT_SYNONYMS[slot], f"mod_{letter}", f"modifier_{letter}")
                        for slot, letter in MODIFIER_LETTERS.items()})  # fmt: skip
EXPORT_SYNONYMS["minutes"] = (
    "anes_minutes", "anes_mins", "anesthesia_mins", "anes_time", "anesthesia_time", "anes_time_min",
    "anesthesia_time_min", "anes_time_minutes", "anesthesia_time_minutes", "total_anesthesia_minutes",
    "total_anes_minutes", "total_anesthesia_time", "total_anes_time",
)  # fmt: skip
ANESTHESIA_MINUTES = frozenset({"total_minutes", "total_mins", "total_time_minutes", "minutes_total"})
# An anesthesia export's base units named with its anesthesia word ('Anes Base Units', 'Anesthesia Base Units', 'ASA
# Base Units'), or singular with it ('Anes Base Unit'): an orthopedic ASC's CRNA lines (01402-QZ, 7 base units beside
# 'Anes Time') were each a missing_input error, stderr saying "the file has no base-units column" and offering
# --columns units='Anes Base Units', which would have priced its cases' other lines as 7 units. 'Base Unit' alone is
# not read so: a pharmacy or supply export's 'Base Unit' is a drug's unit of measure ('MG', 'UN', 'ML'), and read as
# base units it made every row a usage error and the file an anesthesia export (its units read as minutes); beside an
# anesthesia time column it is read (resolve_columns: base_too).
EXPORT_SYNONYMS["base_units"] = (
    "anes_base_units", "anes_base_unit", "anesthesia_base_units", "anesthesia_base_unit",
    "asa_base_units", "asa_base_unit", "anes_base", "anesthesia_base", "asa_base",
)  # fmt: skip
# A header naming the code with an anesthesia word ('ASA Code / CPT', 'CPT/ASA Code'): the code column when no column
# is named as one (CODE_WORDS: the header's words are all of a code's name, one of them CPT or HCPCS). 'ASA', 'ASA
# Code' or 'ASA Class' may be the physical status, 'CPT Description' no code: never read so.
CODE_ROLE_WORDS = frozenset({"cpt", "hcpcs", "cpt4"})
CODE_WORDS = CODE_ROLE_WORDS | {"asa", "code", "codes", "or", "and", "procedure", "proc", "anesthesia", "anes"}
# Anesthesia start and stop times (clock times): not read (the minutes are the anesthesia time, ch. 12 §50.G, which a
# start and stop time give only with the date each is on: a case past midnight); said when no minutes column is read.
_CLOCK_TIME = re.compile(r"(^|_)(start|stop|end|begin|in|out)(_|$)")
# A clock time's header has a time word ('Start Time') or an anesthesia word ('Anes Start', 'Anesthesia Stop': an
# anesthesia group's trial export, passed over without a word while its Units were read as the minutes).
_TIME_WORDS = frozenset({"time", "tm", "anes", "anesthesia"})

# Where the service was furnished: Medicare's PFS locality is that of the place the service was furnished, not where
# the patient lives ("The payment locality is determined based on the location where a specific service code was
# furnished", CMS, CY2008 PFS final rule, quoted at radiologybillingcoding.com/2016/07; First Coast: "determined by
# using the ZIP code where the services were rendered", medicare.fcso.com, ZIP codes requiring +4). A column named
# for the service location is the ZIP, before a patient's or a plain one. Only names of the place the service was
# furnished (the place, site, facility or service location, the rendering location): not a billing, pay-to or
# practice address, which may be elsewhere (a radiology group's 'Place ZIP' was not read: every row priced nationally).
# The practice's ZIP ('Practice ZIP': an allergy trial's remit export, every row priced nationally): where its
# practitioners see patients, unless the practice bills from another address. On the CMS-1500 the service facility
# (item 32) may be left to the billing provider's address (item 33) when they are one: the NUCC's instructions report
# a service facility location only for "an external organization to the Billing Provider". So a practice's ZIP is read
# as the service place's, after any column named for the place itself (the facility's, place's or site's) or the
# rendering location's, and said on stderr (practice_zip_notices): a billing or pay-to ZIP is still not read.
# The patient's ZIP on a hospital's or ASC's line: its OPPS or ASC rate is wage-adjusted by the facility's area (42 CFR
# 419.43(c), 416.172(c)), which the patient's ZIP gave as well. A GI group's ASC (837I-derived, bill type 831) priced
# by 'Pt Zip' paid 45380-PT at a Morgantown, WV patient's CBSA 34060 ($594.16 on 2026-08-04) beside a Pittsburgh
# patient's CBSA 38300 ($606.28), one ASC's one procedure, while stderr spoke of the PFS locality alone.
_FACILITY_RATE_WHERE = (
    "; a hospital's or ASC's own rate (POS 19, 22, 24; bill type 13x, 83x) is likewise wage-adjusted by the area where "
    "the facility is (42 CFR 419.43(c), 416.172(c)), not where its patient lives"
)
PRACTICE_ZIPS = ("practice_zip", "practice_zip_code", "practice_postal_code", "practice_location_zip")
SERVICE_ZIPS = frozenset({
    "service_zip", "service_zip_code", "service_facility_zip", "service_facility_zip_code", "facility_zip",
    "facility_zip_code", "service_location_zip", "service_location_zip_code", "location_zip", "location_zip_code",
    "rendering_zip", "rendering_zip_code", "rendering_provider_zip", "place_of_service_zip", "pos_zip",
    "place_zip", "place_zip_code", "place_of_service_zip_code", "pos_zip_code", "service_place_zip", "svc_zip",
    "svc_zip_code", "svc_facility_zip", "svc_location_zip", "site_zip", "site_zip_code", "site_of_service_zip",
    "service_site_zip", "rendering_location_zip", "rendering_provider_zip_code", "facility_postal_code",
    "service_facility_postal_code", "service_location_postal_code",
    # 'Loc ZIP' (a primary care trial's export: every row priced nationally unless mapped), the location's ZIP
    "loc_zip", "loc_zip_code", "location_zip5", "loc_zip5",
    # 'Fac Zip' (a hospital's billing export, the facility's ZIP abbreviated: only hinted, every row priced
    # nationally), as 'Facility ZIP' is
    "fac_zip", "fac_zip_code", "fac_zip5", "fac_postal_code",
    # 'Svc Loc ZIP' (a renal practice's remit export, the service location's ZIP abbreviated: every row priced
    # nationally), as 'Svc ZIP' and 'Loc ZIP' are
    "svc_loc_zip", "svc_loc_zip_code", "svc_loc_zip5", "svc_loc_postal_code", "service_loc_zip",
    "service_loc_zip_code", "svc_location_zip_code", "service_location_zip5",
    # The clinic's or office's ZIP: the place the service was furnished in (CMS-1500 item 32 names "a hospital,
    # clinic, laboratory, or facility other than the patient's home or physician's office", Claims Processing Manual
    # ch. 26 §10.4; an audiology trial's 'Clinic Zip' and another's 'Office Zip' were not read, every row national).
    "clinic_zip", "clinic_zip_code", "clinic_postal_code", "office_zip", "office_zip_code", "office_postal_code",
    "office_location_zip", "clinic_location_zip",
    *PRACTICE_ZIPS,
})  # fmt: skip
REMIT_ALLOWED = frozenset({"allowed", "allowed_amount", "allowed_amt", "allowed_amnt", "allowable", "allowed_amt_",
                           # the insurance's (the payer's) allowed amount as a practice system's charge export names it
                           # beside the patient's: an orthopaedic group's 'Insurance Allowed' beside 'Insurance
                           # Payments' was not read, stderr offering the payments column alone, whose Medicare share
                           # read "underpaid" by the coinsurance on every line (99214-25 paid $106.04 of $135.25)
                           "insurance_allowed", "ins_allowed", "insurance_allowed_amount", "insurance_allowed_amt",
                           "ins_allowed_amount", "ins_allowed_amt",
                           # the same as other exports spell it: 'Insurance Allowable', 'Primary Insurance Allowed'
                           # (the primary payer's, Medicare's, allowed amount) were not read, nothing compared
                           "insurance_allowable", "ins_allowable", "insurance_allowable_amount",
                           "primary_insurance_allowed", "primary_ins_allowed", "pri_ins_allowed",
                           "primary_insurance_allowed_amount", "primary_insurance_allowable",
                           "primary_ins_allowable"})  # fmt: skip
# A primary payer's paid column ('Primary Paid', 'Pri Paid': a primary care trial's remit export) is Medicare's payment
# as well: said too, mapped or read (--columns paid='Primary Paid' was compared with allowed without a word).
REMIT_PAID = frozenset({"paid", "paid_amount", "paid_amt", "payment", "payment_amount", "amount_paid", "net_paid",
                        "amt_paid", "payment_amt", "pmt_amt", "pmt_amount", "ins_paid", "insurance_paid",
                        "medicare_paid", "primary_paid", "pri_paid", "primary_payer_paid", "prim_paid",
                        "primary_paid_amount", "primary_paid_amt", "line_paid", "line_payment", "line_paid_amount",
                        "line_paid_amt", "line_item_paid", "line_item_paid_amount", "line_payment_amount",
                        "line_payment_amt", "line_item_payment", "line_item_payment_amount", "payer_paid",
                        "payer_paid_amount", "payer_paid_amt", "payments", "line_payments",
                        # beside an 'Insurance Allowed' (REMIT_ALLOWED): the insurance's payments, Medicare's share
                        "insurance_payments", "insurance_payment", "ins_payments", "ins_payment",
                        # abbreviated ('Ins Pmts') and the primary insurance's ('Primary Insurance Payments')
                        "ins_pmts", "ins_pmt", "insurance_pmts", "insurance_pmt", "primary_insurance_payments",
                        "primary_insurance_payment", "primary_insurance_paid", "primary_ins_paid",
                        "primary_ins_payments", "pri_ins_paid"})  # fmt: skip
REMIT_PAID |= TOTAL_PAID  # 'Total Paid' where read as the paid column (above)
TYPE_OF_BILL = frozenset({"type_of_bill", "tob", "bill_type", "type_of_bill_code", "bill_type_code"})
PATIENT_ZIPS = frozenset({"patient_zip", "patient_zip_code", "pt_zip", "member_zip", "beneficiary_zip"})
# A ZIP+4 (ZIP9) column is its 5-digit name's ('Service Facility ZIP+4' a service place's, 'Patient ZIP+4' a patient's,
# 'ZIP+4', 'Zip Plus 4', 'ZIP9', 'Zip Code+4' a plain ZIP), read with the same precedence: a MAC prices a ZIP split
# between localities by its ZIP+4 (CMS's ZIP9 file), so claim exports carry the 9-digit ZIP (a trial's 'Service
# Facility ZIP+4' was not read: every row priced nationally, exit 0). parse_zip reads a 9-digit cell as its ZIP5 (a
# split ZIP is said). Beside its 5-digit twin of the same rank ('ZIP' and 'ZIP+4', 'Zip5' and 'Zip Plus 4', which may
# hold the 4 digits alone) the 5-digit column is read, as before.
_PLUS4 = re.compile(r"(^|_)(zip|postal)(_code)?(?:_?\+_?4|_?plus_?(?:4|four)|9)(_code)?$")
# A patient's account number, read as the claim when no other column names it: beside a visit, encounter, ticket,
# invoice or claim number (EXPORT_SYNONYMS) it is not the claim (an account holds a patient's visits).
ACCOUNT_CLAIMS = frozenset({"account_number", "account_no", "account_num", "acct_number", "acct_no", "acct_num",
                            "patient_account_number", "patient_account_no"})  # fmt: skip
MODIFIER_SLOTS = ("modifier", "modifier2", "modifier3", "modifier4")
ROLES = tuple(role for role in SYNONYMS if role not in MODIFIER_SLOTS[1:])
# Names --columns accepts for a role, besides the role's own.
ROLE_ALIASES = {"site": "setting", "pos": "setting", "mod": "modifier", "modifier1": "modifier", "mod1": "modifier",
                "mod2": "modifier2", "mod3": "modifier3", "mod4": "modifier4", "claim_id": "claim",
                "place": "zip", "provider_type": "provider", "practitioner": "provider"}  # fmt: skip

_SEPARATORS = re.compile(r"[\s\-]+")
_EXPORT_SEPARATORS = re.compile(r"[\s\-/.]+")
_NUMBER_SUFFIX = re.compile(r"_+(?=[0-9]+$)", re.ASCII)
_TRAILING_PARENTHESES = re.compile(r"\s*\(([^()%]*)\)\s*$")  # not '(%)': 'Paid (%)' is no paid amount
_PLURAL = re.compile(r"(?<=[a-z])\s*\(s\)(?![a-z0-9])")  # 'Modifier(s)', 'Unit (s)': the plural
_UNIT_WORDS = frozenset({"qty", "usd", "dollars", "mmddyyyy", "yyyymmdd", "ccyymmdd", "yyyy-mm-dd", "mm-dd-yyyy"})


def _values_or_unit(text: str) -> bool:
    """Whether a header's trailing parentheses hold its values or unit ('MD/NP/PA', 'MM/DD/YYYY', '$', '1-4', 'Qty'),
    not a word that qualifies the name ('Paid', 'Patient', 'Rendering/Referring')."""
    text = text.strip()
    tokens = [token for token in re.split(r"[/,|\s\-]+", text) if token]
    if not any(character.isalpha() for character in text):
        return True
    return text in _UNIT_WORDS or (len(tokens) >= 2 and all(len(token) <= 4 for token in tokens))


# Billing exports write names CamelCase ('ClaimID', 'DateOfService', 'ProcCode', 'CPTCode'): a lower-case letter
# before a capital, or a run of capitals before a capitalised word, is a word break, so 'ClaimID' is 'claim_id' as
# 'Claim ID' is (a trial's 'ClaimID' was not read: every line priced alone, its J1 packaging and G2211 lost). A name
# that is a known one as it stands keeps it ('HCPCs' is 'hcpcs', 'DoS' 'dos').
_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _camel_split(name: str) -> str | None:
    """'ClaimID' -> 'Claim ID', 'CPTCode' -> 'CPT Code'; None when the name has no such break."""
    split = _CAMEL_BREAK.sub(" ", name)
    return split if split != name else None


def header_key(name: str) -> str:
    """'CPT Code' -> 'cpt_code'; 'Mod 1' -> 'mod1'; 'Date-of-Service' -> 'date_of_service'; 'ClaimID' -> 'claim_id'."""
    key = _header_key(name)
    split = _camel_split(name) if key not in _KNOWN_KEYS else None
    return key if split is None else _header_key(split)


def _header_key(name: str) -> str:
    key = _SEPARATORS.sub("_", name.strip().lower()).strip("_")
    return _NUMBER_SUFFIX.sub("", re.sub("_+", "_", key))


def export_key(name: str) -> str:
    """``header_key`` with '/' and '.' read as underscores and '#' as 'number': 'CPT/HCPCS' -> 'cpt_hcpcs',
    'Pt. Zip' -> 'pt_zip', 'Claim #' -> 'claim_number' ('%', '?' and the like stay: 'Paid %' is no 'paid'); a
    trailing '(...)' left out: 'Provider Type (MD/NP/PA)' -> 'provider_type'; CamelCase split: 'PatientZip' ->
    'patient_zip'."""
    key = _export_key(name)
    split = _camel_split(name) if key not in _KNOWN_KEYS else None
    return key if split is None else _export_key(split)


def compact_key(name: str) -> str:
    """``export_key`` without its separators: 'claimid' for 'CLAIMID', 'ClaimID' and 'Claim ID' alike."""
    return export_key(name).replace("_", "")


def _export_key(name: str) -> str:
    text = _PLURAL.sub("s", name.strip().lower())  # 'Modifier(s)' -> 'modifiers', 'CPT Modifier(s)' -> 'cpt_modifiers'
    # A header that ends by listing its values or unit in parentheses is named before them: 'Provider Type (MD/NP/PA)'
    # -> 'provider_type', 'Allowed ($)' -> 'allowed', 'DOS (MM/DD/YYYY)' -> 'dos' (a remit trial's provider column
    # was not read, its NP and PA lines expected at 100%). A word in them is the name's own: 'Date (Paid)' is no date
    # of service, 'ZIP (Patient)' no service ZIP (a review found them read as such).
    found = _TRAILING_PARENTHESES.search(text)
    if found and found.start() and _values_or_unit(found.group(1)):
        text = text[: found.start()]
    text = text.replace("#", " number ")
    key = _EXPORT_SEPARATORS.sub("_", text).strip("_")
    return _NUMBER_SUFFIX.sub("", re.sub("_+", "_", key))


_ROLE_OF_KEY = {_header_key(name): role for role, names in SYNONYMS.items() for name in names}
_ROLE_OF_EXPORT_KEY = {
    _export_key(name): role for table in (SYNONYMS, EXPORT_SYNONYMS) for role, names in table.items() for name in names
}
# A CamelCase name ('ClaimID': ``header_key``) or a run-together one ('CLAIMID', 'dateofservice', 'ZIPcode': no
# separator, no CamelCase break to read, the name it spells without separators) is read as the name it spells: a
# spelling of a usual name as that usual name (_usual_spellings: 'CPTCode' and 'CPTCODE' beside 'Proc' are the code,
# as 'CPT Code' is; 'ClaimID' beside 'Claim' two claims, refused as 'Claim ID' beside 'Claim' is), the other
# spellings after the export names, for a role no column took (_spelled_roles); two such columns for one role refused
# as two usual names are. No two roles' names spell one.
_ROLE_OF_COMPACT_USUAL = {key.replace("_", ""): role for key, role in _ROLE_OF_KEY.items()}
_ROLE_OF_COMPACT = {key.replace("_", ""): role for key, role in _ROLE_OF_EXPORT_KEY.items()}
assert all(_ROLE_OF_COMPACT[key.replace("_", "")] == role for key, role in _ROLE_OF_EXPORT_KEY.items())


def _spelled_role(name: str, usual: bool) -> str | None:
    """The role a CamelCase or run-together name spells (``usual``: a SYNONYMS name, else any), None when none."""
    if usual:
        return _ROLE_OF_KEY.get(header_key(name)) or _ROLE_OF_COMPACT_USUAL.get(compact_key(name))
    return _ROLE_OF_EXPORT_KEY.get(export_key(name)) or _ROLE_OF_COMPACT.get(compact_key(name))


def _zip_rank(name: str) -> str | None:
    """A ZIP column's rank: the service place's (``SERVICE_ZIPS``), the patient's (``PATIENT_ZIPS``) or another ZIP's
    ('ZIP', 'Zip5', 'ZIPCODE'); None: a name no role reads as a ZIP."""
    key, compact = export_key(name), compact_key(name)
    if key in SERVICE_ZIPS or compact in _COMPACT_SERVICE_ZIPS:
        return "service"
    if key in PATIENT_ZIPS or compact in _COMPACT_PATIENT_ZIPS:
        return "patient"
    return "zip" if _spelled_role(name, False) == "zip" else None


_COMPACT_SERVICE_ZIPS = frozenset(key.replace("_", "") for key in SERVICE_ZIPS)
_COMPACT_PATIENT_ZIPS = frozenset(key.replace("_", "") for key in PATIENT_ZIPS)


def place_names(names: list[str]) -> list[str]:
    """``names`` with each ZIP+4 column's name read as its 5-digit name ('Service Facility ZIP+4' ->
    'service_facility_zip', 'ZIP9' -> 'zip'), unless a 5-digit column of the same rank is there (``_PLUS4``): the
    names the roles are recognised by."""
    plus4 = {}
    for position, name in enumerate(names):
        key = export_key(name)
        base = _PLUS4.sub(lambda found: f"{found[1]}{found[2]}{found[3] or found[4] or ''}", key)
        if base != key and _zip_rank(base) is not None:
            plus4[position] = base
    if not plus4:
        return names
    ranks = {_zip_rank(name) for position, name in enumerate(names) if position not in plus4} - {None}
    other_zips = any(
        position not in plus4 and ("zip" in export_key(name) or "postal" in export_key(name))
        for position, name in enumerate(names)
    )

    def read(position: int) -> bool:
        # A plain 'ZIP+4' beside another ZIP column may hold the 4 digits alone (a review: 'Billing ZIP' with 'ZIP+4'
        # read the +4 as the ZIP, every row an error): only a service place's or a patient's is read beside others.
        rank = _zip_rank(plus4[position])
        return rank not in ranks and not (rank == "zip" and other_zips)

    return [plus4[p] if p in plus4 and read(p) else name for p, name in enumerate(names)]


@dataclass(frozen=True)
class ColumnMap:
    """Input header positions by role. ``roles['modifier']`` holds up to four positions, in order."""

    names: tuple[str, ...]
    roles: dict[str, tuple[int, ...]]

    def position(self, role: str) -> int | None:
        positions = self.roles.get(role, ())
        return positions[0] if positions else None

    def positions(self, role: str) -> tuple[int, ...]:
        return self.roles.get(role, ())

    def as_positions(self) -> dict[int, str]:
        """Position -> role for the first column of each role: the shape ``normalize_columns`` returned."""
        return {positions[0]: role for role, positions in self.roles.items() if positions}

    def describe(self) -> str:
        """One line for stderr: 'code ← CPT Code, modifier ← Mod 1 + Mod 2, date ← DOS, …'."""
        return ", ".join(
            f"{role} ← {' + '.join(self.names[p] if role == 'modifier' else self._written(p) for p in positions)}"
            for role in ROLES
            if (positions := self.roles.get(role))
        )

    def _written(self, position: int) -> str:
        """A column's name as --columns names it: 'Proc Code#2' for the second of two so named (the plain name would
        say the first was read). A repeated modifier name is the modifier columns, all read, so shown as it is."""
        return _override_name(list(self.names), position)

    def modifier_column(self, table: pa.Table) -> pa.Array | None:
        """The modifier columns joined with '-' in order, blanks skipped ('RT', '', '59' -> 'RT-59')."""
        return combined_modifiers([table.column(p) for p in self.positions("modifier")])


def parse_column_overrides(text: str | None) -> dict[str, str]:
    """``code=MyCol,date=Svc`` -> {'code': 'MyCol', 'date': 'Svc'}; roles checked, aliases resolved."""
    overrides: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        role, equals, column = item.partition("=")
        key = header_key(role)
        role_name = ROLE_ALIASES.get(key, key)
        if not equals or role_name not in SYNONYMS:
            raise UsageError(
                f"--columns {item.strip()!r}: write ROLE=COLUMN, ROLE one of {', '.join(ROLES)} "
                "(modifier2..modifier4 for more modifier columns; site or pos for setting, place for zip), "
                "e.g. --columns code='CPT Code',date=DOS."
            )
        if role_name in overrides:
            raise UsageError(f"--columns names {role_name!r} twice.")
        overrides[role_name] = column.strip()
    return overrides


def resolve_columns(names: list[str], overrides: dict[str, str] | None = None) -> ColumnMap:
    """Which column plays which role. ``overrides`` (role -> column name, '' for none) win;
    other columns are recognised by ``SYNONYMS``. UsageError when there is no code column,
    when two columns could be the same role, or an override names no column."""
    names = [str(name) for name in names]
    undone = repeated_names(names)
    overrides = dict(overrides or {})
    slots: dict[str, list[int]] = {}
    taken: set[int] = set()
    for role, column in overrides.items():
        if role not in SYNONYMS:
            raise UsageError(f"--columns: {role!r} is not a role; choose from {', '.join(ROLES)}.")
        if not column:
            continue
        matches = (
            [i for i, name in enumerate(undone) if name == column]
            or [i for i, name in enumerate(names) if name == column]  # 'Modifier.1' itself
            or [i for i, name in enumerate(undone) if header_key(name) == header_key(column)]
            or _nth_of_repeated(undone, column)
        )
        if len(matches) != 1 and not (role == "modifier" and matches):  # a repeated name: its columns, in order
            what = "no column" if not matches else "more than one column"
            same = _same_name(undone, column)
            choices = " or ".join(f"'{column}#{same.index(p) + 1}'" for p in matches if p in same)
            nth = f" Say which with --columns {role}={choices} (NAME#N: the Nth column so named)." if choices else ""
            raise UsageError(
                f"--columns {role}={column}: the input has {what} named {column!r} (columns: {', '.join(names)})." + nth
            )
        slots[role] = matches
        taken.update(matches)
    # The roles are recognised by ``names`` (pandas' 'Modifier.1' as the 'Modifier' it was), said by ``written``.
    written, names = names, place_names(undone)
    for position, name in enumerate(names):
        recognised = _ROLE_OF_KEY.get(_header_key(name))
        if recognised is None or recognised in overrides or position in taken:
            continue
        slots.setdefault(recognised, []).append(position)
    # A CamelCase or run-together spelling of a usual name ('CPTCode', 'ClaimID', 'CLAIMID') is that usual name,
    # before any export name (a review: 'Proc' beside 'CPTCode' was read as the code, 'CPTCode' left, every row an
    # error for Proc's internal numbers), and beside another usual name of its role two candidates, refused below.
    _usual_spellings(names, slots, overrides, taken)
    found = set().union(*slots.values()) if slots else set()
    by_export: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        exported = _ROLE_OF_EXPORT_KEY.get(_export_key(name))
        if (
            exported is not None
            and exported not in slots
            and exported not in overrides
            and position not in found | taken
        ):
            by_export.setdefault(exported, []).append(position)
    # Two export names for one role ('Encounter #' and 'Claim #', 'Pt. Zip' and 'Patient Zip Code') are two candidates
    # like two usual names: refused below, never both dropped (a trial found a claim file priced line by line, its
    # second procedure paid in full, and every row national for two patient ZIPs). A service location's ZIP still
    # decides the ZIP over them, and a visit's, encounter's or claim's number the claim over a patient's account.
    _visits_first(by_export, names)
    slots.update(by_export)
    for usual in (True, False):  # the other CamelCase and run-together names, for the roles left
        _spelled_roles(names, slots, overrides, taken, usual)
    # A UB-04's type of bill (FL 4: 131, 0831) is the site where no column is a place of service (a revenue-cycle
    # review's 837I export had none; engine.place_of_service.type_of_bill_site reads 13x and 83x).
    bills = [p for p, name in enumerate(names) if export_key(name) in TYPE_OF_BILL and p not in found | taken]
    if "setting" not in slots and "setting" not in overrides and len(bills) == 1:
        slots["setting"] = bills
    # --columns minutes=Units on a claim export's one units column: an anesthesia line's units are its minutes
    # (Medicare's convention, batch.lines.UNITS_AS_MINUTES), and the other lines' units stay their units (a trial:
    # 64484 x 2 units was priced one unit, without a word, as the column went to the minutes alone).
    shared = slots.get("minutes", [])
    if (overrides.get("minutes") and "units" not in overrides and "units" not in slots and len(shared) == 1
            and (_ROLE_OF_KEY.get(header_key(names[shared[0]])) == "units"
                 or _ROLE_OF_EXPORT_KEY.get(export_key(names[shared[0]])) == "units")):  # fmt: skip
        slots["units"] = list(shared)
    # A remit's allowed amount is what rvucalc's allowed predicts; its paid amount is Medicare's share alone (less the
    # deductible and sequestration): with both columns, the allowed one is compared (a trial found every line of a
    # remit "underpaid" by its coinsurance). A priced file priced again (our own 'allowed') is not a remit: told by
    # many of our own columns, not one (a trial's remit with 'medicare' and 'Allowed' was left unchecked, silently).
    allowed = [position for position, name in enumerate(names) if export_key(name) in REMIT_ALLOWED]
    if "paid" not in overrides and len(allowed) == 1 and allowed[0] not in taken and not priced_before(written):
        slots["paid"] = allowed
    service = [position for position, name in enumerate(names) if export_key(name) in SERVICE_ZIPS]
    # Several names of the service place ('Service Facility ZIP', 'Place ZIP'): the place's own before a rendering
    # provider's, then the first (a review: two such columns left neither read, every row priced at the patient's ZIP).
    if len(service) > 1:
        service = [min(service, key=lambda p: (export_key(names[p]) in PRACTICE_ZIPS,
                                               export_key(names[p]).startswith("rendering"), p))]  # fmt: skip
    # Beside a locality column ('Locality', 'Pricing Locality') the service place's ZIP is read too, the ZIP first on
    # each filled cell, as a plain ZIP's is: only a ZIP gives the CBSA, so a locality alone prices the hospital and ASC
    # rates nationally (CMS's ASC rate is its national rate wage-adjusted by the CBSA's index, 42 CFR 416.172(c);
    # a trial's 'Locality', 'Facility ZIP' file priced 29881 at the ASC at Addendum AA's national $1,644.87, not
    # Seattle's $1,855.91, and said "Give the ZIP"). A locality cell that is not the ZIP's is said in the row's note;
    # --columns zip= prices by the locality column.
    if "zip" not in overrides and len(service) == 1 and service[0] not in taken:
        slots["zip"] = service
    # A locality's code beside its name ('Locality Code', 'Locality Name'): the code is read (a review: refused).
    if "locality" not in overrides and len(slots.get("locality", [])) > 1:
        coded = [p for p in slots["locality"] if export_key(names[p]) != "locality_name"]
        slots["locality"] = coded or slots["locality"]
    # A volume run's output priced again: its own 'volume' column (batch.files.VOLUME, the cases read) is not the
    # input's volume column beside it (a review: the run's output refused as two volume columns, exit 2).
    # A priced file priced again: its own 'contract_amount' (--percent-of-medicare's N% of allowed) is rvucalc's
    # contract, not the input's rate: not read as one (its contract_percent_of_medicare would be N again).
    if "contract_rate" not in overrides and slots.get("contract_rate") and priced_before(written):
        ours = [p for p in slots["contract_rate"] if written[p] == "contract_amount"]
        slots["contract_rate"] = [p for p in slots["contract_rate"] if p not in ours]
        if not slots["contract_rate"]:
            del slots["contract_rate"]
    if "volume" not in overrides and len(slots.get("volume", [])) > 1 and priced_before(written):
        slots["volume"] = [p for p in slots["volume"] if written[p] != "volume"] or slots["volume"]
    # A volume row is cases, a claim's line is one service of one encounter: both at once would have a claim's rules
    # (multiple procedures, packaging) span cases that are no encounter. A volume column found by its name beside a
    # claim column is not read (said: volume_notices), so a claim file that ran before runs the same; one named with
    # --columns volume=COLUMN beside a claim column is refused.
    if slots.get("volume") and slots.get("claim"):
        if overrides.get("volume"):
            volume, claim = written[slots["volume"][0]], written[slots["claim"][0]]
            raise UsageError(
                f"--columns volume={volume}: the input also has a claim column ({claim!r}), and a volume row stands "
                f"for that many separate cases, each priced alone, not a line of one claim. Run with --columns "
                f"volume={volume},claim= to price each row as its cases (no claim's rules), or without volume= to "
                "price the claims' lines once each."
            )
        del slots["volume"]
    for role, positions in slots.items():
        if role == "modifier" and len({header_key(names[p]) for p in positions}) == 1:
            continue  # one name repeated ('Modifier', 'Modifier'): the modifier columns, in order
        if len(positions) > 1:
            both = " and ".join(repr(written[p]) for p in positions)
            which = _override_name(written, positions[-1])
            repeated = which != written[positions[-1]]  # one name twice: the one named by its place
            raise UsageError(
                f"Columns {both} could both be the {role}: "
                f"say which with --columns {role}={which!r} (or {role}= for none)"
                + ("; NAME#N is the Nth column named NAME, from the left." if repeated else ".")
            )
    if "code" not in slots and "code" not in overrides:
        used = set().union(*slots.values()) if slots else set()
        worded = [p for p, name in enumerate(names) if p not in used | taken and _names_the_code(export_key(name))]
        anesthetic = [p for p in worded if _names_the_anesthesia_code(export_key(names[p]))]
        if len(worded) == 1:
            slots["code"] = worded
        elif len(anesthetic) == 1 and ("base_units" in slots or "minutes" in slots):
            slots["code"] = anesthetic  # an anesthesia export's anesthesia code, beside 'Surgical CPT' ('CPT/ASA')
    elif "code" not in overrides and ("base_units" in slots or "minutes" in slots):
        # An anesthesia export (base units or anesthesia minutes) with a CPT column and an anesthesia code column:
        # the anesthesia code is the line priced, the CPT the surgery it is for (said: ``_second_code_notices``).
        used = set().union(*slots.values())
        anesthetic = [p for p, name in enumerate(names)
                      if p not in used | taken and _names_the_anesthesia_code(export_key(name))]  # fmt: skip
        if len(anesthetic) == 1 and len(slots["code"]) == 1:
            slots["code"] = anesthetic
    date_times = [p for p, name in enumerate(names) if export_key(name) in SERVICE_DATE_TIMES and p not in taken]
    if "date" not in slots and "date" not in overrides and len(date_times) == 1:
        slots["date"] = date_times
    used = set().union(*slots.values()) if slots else set()
    quantities = [p for p, name in enumerate(names) if export_key(name) in ITEM_QUANTITIES and p not in used | taken]
    if "units" not in slots and "units" not in overrides and len(quantities) == 1:
        slots["units"] = quantities
    totals = [p for p, name in enumerate(names) if export_key(name) in TOTAL_PAID and p not in used | taken]
    if "paid" not in slots and "paid" not in overrides and len(totals) == 1:
        slots["paid"] = totals
    fees = [p for p, name in enumerate(names) if export_key(name) in FEE_CHARGES and p not in used | taken]
    if "charge" not in slots and "charge" not in overrides and len(fees) == 1 and not _charge_lookalikes(names, used):
        slots["charge"] = fees
    charged = [p for p, name in enumerate(names) if export_key(name) in CHARGE_DATES and p not in taken]
    if "date" not in slots and "date" not in overrides and len(charged) == 1:
        slots["date"] = charged
    statements = [p for p, name in enumerate(names) if export_key(name) in STATEMENT_DATES and p not in taken]
    if "date" not in slots and "date" not in overrides and len(statements) == 1:
        slots["date"] = statements
    # 'Base Unit' beside an anesthesia time column ('Anes Time'): the anesthesia export's base units (alone it may be a
    # drug's unit of measure: EXPORT_SYNONYMS["base_units"]).
    base_too = [p for p, name in enumerate(names) if export_key(name) == "base_unit" and p not in taken]
    if "base_units" not in slots and "base_units" not in overrides and "minutes" in slots and len(base_too) == 1:
        slots["base_units"] = base_too
    minutes_too = [p for p, name in enumerate(names) if export_key(name) in ANESTHESIA_MINUTES and p not in taken]
    if "minutes" not in slots and "minutes" not in overrides and "base_units" in slots and len(minutes_too) == 1:
        slots["minutes"] = minutes_too
    if overrides.get("revenue_code") == "":  # --columns revenue_code= : none read, not one found by its name
        slots["revenue_code"] = []
    if "code" not in slots:
        used = set().union(*slots.values()) if slots else set()
        raise UsageError(
            f"The input has no code column (columns: {', '.join(written)}). Name one CPT, HCPCS or code, "
            "or say which with --columns code=COLUMN." + code_column_hint(written, used) + _layout_hint(written)
        )
    roles: dict[str, tuple[int, ...]] = {}
    for role in ROLES:
        if role == "modifier":
            modifier = tuple(position for slot in MODIFIER_SLOTS for position in slots.get(slot, ()))
            if modifier:
                roles["modifier"] = modifier
        elif role in slots:
            roles[role] = tuple(slots[role][:1])  # () for revenue_code= (revenue_code_position)
    return ColumnMap(tuple(written), roles)


def priced_before(names: list[str]) -> bool:
    """Whether a header is rvucalc's own output (a priced file priced again): three or more of the priced columns only
    rvucalc names so ('pfs_facility_amount', 'error_kind', 'locality_priced'); 'medicare', 'allowed' or 'release'
    alone may be a remit's own."""
    from rvucalc.batch.lines import OUTPUT_COLUMNS

    return len({name for name in OUTPUT_COLUMNS if "_" in name}.intersection(names)) >= 3


def _usual_spelling(name: str) -> str | None:
    """The role whose usual name (``SYNONYMS``) a CamelCase or run-together header spells: 'CPTCode' and 'CPTCODE' are
    'CPT Code', 'ProviderType' and 'PROVIDERTYPE' 'Provider Type'. A run-together name is letters and digits alone
    ('Claim I.D.' is none: read after the export names, ``_spelled_roles``)."""
    role = _ROLE_OF_KEY.get(header_key(name))
    text = name.strip()
    if role is None and text.isalnum():
        role = _ROLE_OF_COMPACT_USUAL.get(text.lower())
    return role


def _usual_spellings(
    names: list[str], slots: dict[str, list[int]], overrides: dict[str, str], taken: set[int]
) -> None:  # fmt: skip
    """A CamelCase or run-together spelling of a usual name is that name (``resolve_columns``), read before the export
    names: 'CPTCode' or 'CPTCODE' beside 'Proc' is the code, as 'CPT Code' is; beside another usual name of its role
    ('ProviderType' beside 'Credential', 'CPTCode' beside 'CPT Code') it is a second candidate, refused as two usual
    names are (a review: 'Credential' read, the 'ProviderType' column of NP lines dropped without a word, every line
    priced at 100%). One exception, as before: a role that a column names in an export's punctuation as a usual name
    ('Claim #' is 'claim_number') and no usual name as written: that column, the spelling not read."""
    used = set().union(*slots.values()) if slots else set()
    written = {_ROLE_OF_KEY.get(_export_key(name)) for position, name in enumerate(names) if position not in taken}
    spelled: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        role = _usual_spelling(name)
        if role is None or role in overrides or position in used | taken:
            continue
        if role in slots or role not in written:
            spelled.setdefault(role, []).append(position)
    for role, positions in spelled.items():
        slots[role] = sorted([*slots.get(role, []), *positions])


def _spelled_roles(
    names: list[str], slots: dict[str, list[int]], overrides: dict[str, str], taken: set[int], usual: bool
) -> None:  # fmt: skip
    """CamelCase and run-together names (``_spelled_role``: ``usual``, a SYNONYMS name's spelling, else any) into
    ``slots``, for the roles no column took and the columns no role took."""
    used = set().union(*slots.values()) if slots else set()
    spelled: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        named = _spelled_role(name, usual)
        if named is not None and named not in slots and named not in overrides and position not in used | taken:
            spelled.setdefault(named, []).append(position)
    _visits_first(spelled, names)
    slots.update(spelled)


def _visits_first(candidates: dict[str, list[int]], names: list[str]) -> None:
    """Of the claim's candidates, a visit's, encounter's or claim's number before a UB-04's patient control number,
    that before Epic's hospital account, that before a case's (or a lab's accession), a case's before a patient's
    account (``PATIENT_CONTROL_CLAIMS``, ``HOSPITAL_ACCOUNT_CLAIMS``, ``CASE_CLAIMS``, ``ACCESSION_CLAIMS``,
    ``ACCOUNT_CLAIMS``)."""
    claims = candidates.get("claim", [])
    visits = [position for position in claims if not _is_account(names[position]) and not _is_case(names[position])
              and not _is_patient_control(names[position]) and not _is_account_or_claim(names[position])]  # fmt: skip
    either = [position for position in claims if _is_account_or_claim(names[position])]
    controls = [position for position in claims if _is_patient_control(names[position])]
    # A 'Patient Control Number' (UB-04 FL 3a: the claim's own id, which the remittance returns) before a 'HAR' (the
    # account whose charges the claim carries, which may hold more than one claim): a review found an Epic claim
    # export's 'HAR' beside it refused as two claims (exit 2), where the file ran before the HAR was read.
    hars = [position for position in controls if _is_hospital_account(names[position])]
    controls = [position for position in controls if position not in hars]
    cases = [position for position in claims if _is_case(names[position])]
    if visits or either or controls or hars or cases:
        candidates["claim"] = visits or either or controls or hars or cases


def _is_account(name: str) -> bool:
    return compact_key(name) in {key.replace("_", "") for key in ACCOUNT_CLAIMS}


def _is_account_or_claim(name: str) -> bool:
    return compact_key(name) in {key.replace("_", "") for key in ACCOUNT_OR_CLAIM}


def _is_patient_control(name: str) -> bool:
    return compact_key(name) in {key.replace("_", "") for key in PATIENT_CONTROL_CLAIMS | HOSPITAL_ACCOUNT_CLAIMS}


def _is_hospital_account(name: str) -> bool:
    return compact_key(name) in {key.replace("_", "") for key in HOSPITAL_ACCOUNT_CLAIMS}


def _is_case(name: str) -> bool:
    return compact_key(name) in {key.replace("_", "") for key in CASE_CLAIMS | ACCESSION_CLAIMS}


def _names_the_code(key: str) -> bool:
    """Whether a header (``export_key``) names the code with other words (``CODE_WORDS``): 'asa_code_cpt'."""
    words = set(key.split("_"))
    # 'ASA Code' alone is some exports' physical status (P1-P6), a review found: a CPT or HCPCS word is needed, or an
    # anesthesia word ('Anes Code', 'Anesthesia Code': ``_names_the_anesthesia_code``).
    return (words <= CODE_WORDS and bool(words & CODE_ROLE_WORDS)) or _names_the_anesthesia_code(key)


# 'Anes Code', 'Anesthesia Code' (an anesthesia billing export's anesthesia code, 00100-01999, beside the surgery's
# 'Surgical CPT'): an anesthesia trial's export had no column read as the code (exit 2). 'ASA Code' is not one of them
# ('ASA' alone may be the physical status: ``_names_the_code``).
_ANESTHESIA_WORDS = frozenset({"anes", "anesthesia"})


def _names_the_anesthesia_code(key: str) -> bool:
    words = set(key.split("_"))
    return words <= CODE_WORDS and bool(words & _ANESTHESIA_WORDS) and bool(words & {"code", "codes"} | CODE_ROLE_WORDS)


# pandas reads a repeated name ('Modifier', 'Modifier') as 'Modifier', 'Modifier.1' (then '.2', ...), and writes it
# back so: a trial's frame and its round-tripped file had their second modifier (GY, 80) dropped without a word, 99213
# paid and 27447-80 paid in full ($1,341.54 for the assistant's $214.65). Such a name is read as the repeated name.
_PANDAS_REPEAT = re.compile(r"^(.*)\.([1-9][0-9]*)$")


def repeated_names(names: list[str]) -> list[str]:
    """The header as written before pandas numbered its repeated names: 'NAME.N' is 'NAME' where a column left of it
    is named 'NAME' ('Modifier', 'Modifier.1' -> 'Modifier', 'Modifier'); any other name as it is."""
    undone = []
    for position, name in enumerate(names):
        match = _PANDAS_REPEAT.match(name)
        undone.append(match.group(1) if match and match.group(1) in names[:position] else name)
    return undone


def _nth_of_repeated(names: list[str], column: str) -> list[int]:
    """``--columns date='Date#2'``: the second column named 'Date' (a header that repeats a name); [] else."""
    name, mark, number = column.rpartition("#")
    if not mark or not number.isascii() or not number.isdigit():
        return []
    same = _same_name(names, name)
    return [same[int(number) - 1]] if 1 <= int(number) <= len(same) else []


def _override_name(names: list[str], position: int) -> str:
    """The column's name as ``--columns`` picks it: as written when no other column is written so ('CPT Code' beside
    'CPTCode': a review found it said as 'CPT Code#2', a name the file has not), else NAME#N, the Nth column so named
    as the override counts (case, spaces, hyphens and CamelCase aside: 'Date#2' of 'Date', 'Date')."""
    name = names[position]
    if names.count(name) == 1 and name == name.strip():
        return name
    same = _same_name(names, name)
    return f"{name}#{same.index(position) + 1}" if len(same) > 1 else name


def _same_name(names: list[str], name: str) -> list[int]:
    """The positions of the columns named ``name`` as an override names them (case, spaces and hyphens aside)."""
    return [i for i, other in enumerate(names) if header_key(other) == header_key(name)]


def names_a_code(names: list[str], overrides: dict[str, str] | None = None) -> bool:
    """Whether a row could be the header: a cell names the code column (``--columns code=`` or a synonym)."""
    wanted = (overrides or {}).get("code")
    if wanted:
        return any(name == wanted or header_key(name) == header_key(wanted) for name in names)
    return any(_ROLE_OF_KEY.get(header_key(name)) == "code" or _ROLE_OF_EXPORT_KEY.get(export_key(name)) == "code"
               or _names_the_code(export_key(name)) for name in names)  # fmt: skip


def mostly_column_names(names: list[str]) -> bool:
    """Whether two or more of a row's cells are column names rvucalc knows: a row under a header that names a code
    column is a header too (a group header above it) only then. A data row with a code type cell ("CPT", "HCPCS") is
    not (a review: such a row was read as the header, and the file went unpriced); a header with many pass-through
    columns (Name, Account, Provider, Payer) is (a second review: "most of its cells" refused it)."""
    roles = [
        _ROLE_OF_KEY.get(header_key(name)) or _ROLE_OF_EXPORT_KEY.get(export_key(name)) for name in place_names(names)
    ]
    return sum(1 for name, role in zip(names, roles, strict=True) if name.strip() and role) >= 2


def paid_compared_with(paid_for: str = "site", percent_of_medicare: object = None) -> str:
    """What a paid column is compared with (the rows' ``expected``), as ``missing_role_notices`` says it: a trial's
    ``--paid-for professional`` run was told "compared with allowed" while its rows compared professional_allowed."""
    measure = {"professional": "professional_allowed", "facility": "the facility's payment"}.get(paid_for, "allowed")
    if percent_of_medicare is not None:
        return f"contract_amount ({percent_of_medicare}% of {measure}: the payer's and the patient's shares together)"
    if measure == "professional_allowed":
        return "professional_allowed (the physician's claim: Medicare's and the patient's shares together)"
    if paid_for == "facility":  # batch.price.FACILITY_CLAIM
        return (
            "the facility's payment (allowed less professional_allowed at a hospital outpatient department or ASC: "
            "its OPPS or ASC payment, Medicare's and the patient's shares together)"
        )
    return "allowed (Medicare's and the patient's shares together)"


_PLACE_WORDS = ("zip", "postal", "locality")
# A cell that is a ZIP (5 digits, or a ZIP+4), for a column no name says is one ('Loc': an urgent care trial's export
# held its sites' ZIPs under it, another its sites' names).
_ZIP_CELL = re.compile(r"[0-9]{5}(?:-?[0-9]{4})?")


def zip_value_lookalikes(columns: ColumnMap, table: pa.Table) -> list[str]:
    """The columns no role reads whose cells in ``table`` (the file's first chunk) are all ZIPs (``_ZIP_CELL``, a
    blank aside, one at least): named where no ZIP or locality column is read (``missing_role_notices``), never read
    by their cells alone (a site's name or number column may hold five digits)."""
    if columns.position("zip") is not None or columns.position("locality") is not None:
        return []
    read = {position for positions in columns.roles.values() for position in positions}
    found = []
    for position, name in enumerate(columns.names):
        if position in read or position >= table.num_columns:
            continue
        cells = [str(value).strip() for value in table.column(position).unique().to_pylist() if value is not None]
        cells = [cell for cell in cells if cell]
        if cells and all(_ZIP_CELL.fullmatch(cell) for cell in cells):
            found.append(name)
    return found


def _zip_value_hint(like: list[str]) -> str:
    if not like:
        return ""
    return (f"; {', '.join(repr(name) for name in like)} {'holds' if len(like) == 1 else 'hold'} ZIPs: if "
            f"{'it' if len(like) == 1 else 'one'} is where the service was furnished, say so with --columns "
            f"zip={like[0]!r}")  # fmt: skip


# A remit's patient responsibility ('Pt Resp', 'Patient Responsibility', 'PR Amount'): the 835's claim adjustment group
# PR, "the amount that may be billed to the beneficiary", the beneficiary's deductible or coinsurance (Noridian, a CMS
# MAC: "Claim Adjustment Group Codes"). Medicare's payment plus it is the allowed amount (less the 2% sequestration
# taken from Medicare's payment, a CO-253 adjustment: Medicare FFS claims, 2% payment adjustment, CMS MLN
# "Mandatory Payment Reductions in the Medicare Fee-for-Service Program - Sequestration"). Not read: said beside a paid
# column (an urgent care trial's 'Ins Paid' beside 'Pt Resp' was "underpaid" on every line by the patient's 20%).
PATIENT_RESPONSIBILITY = frozenset({
    "pt_resp", "patient_resp", "patient_responsibility", "pr_amount", "pr_amt", "pt_portion", "patient_portion",
    "pt_responsibility", "pt_resp_amt", "pt_resp_amount", "patient_resp_amt", "patient_resp_amount",
    "patient_responsibility_amount", "patient_responsibility_amt", "pt_portion_amt", "patient_portion_amount",
    "pr_total", "total_pr", "pat_resp",
})  # fmt: skip


def _unread_of(columns: ColumnMap, keys: frozenset[str]) -> list[str]:
    """The names of the columns no role reads whose export key (``export_key``) is one of ``keys``."""
    read = {position for positions in columns.roles.values() for position in positions}
    return [name for position, name in enumerate(columns.names) if position not in read and export_key(name) in keys]


def patient_responsibility_notices(columns: ColumnMap, paid_is: str = "allowed") -> list[str]:
    """A stderr line for a patient responsibility column (``PATIENT_RESPONSIBILITY``) no role reads beside a paid
    column: what it is, that it is not read, and what the paid column is compared with (``paid_is``: --paid-is)."""
    paid = columns.position("paid")
    names = _unread_of(columns, PATIENT_RESPONSIBILITY)
    if paid is None or not names:
        return []
    which = " and ".join(repr(name) for name in names)
    allowed_read = export_key(columns.names[paid]) in REMIT_ALLOWED
    # The remit's payment plus it is the allowed amount: the paid column read when it is a payment, not when it is the
    # remit's allowed amount already (a contract analyst's 'Allowed Amount' read "Allowed Amount plus it is the allowed
    # amount").
    payment = "the remit's paid amount" if allowed_read else columns.names[paid]
    what = (f"{which} {'is' if len(names) == 1 else 'are'} the patient's responsibility (the remit's PR: deductible "
            f"and coinsurance), not read: {payment} plus it is the allowed amount (less the 2% "
            "sequestration of Medicare's payment, if the remit shows one)")  # fmt: skip
    if paid_is == "medicare":
        return [f"{what}, and {columns.names[paid]} is compared with Medicare's share (--paid-is medicare): a line "
                "whose patient responsibility is more than its coinsurance had deductible taken from it"]  # fmt: skip
    if allowed_read:
        return [f"{what}: {columns.names[paid]} is the allowed amount already, compared as it is"]
    return [f"{what}: if {columns.names[paid]} is Medicare's payment alone, rerun with --paid-is medicare to compare "
            "it with Medicare's share, not with allowed"]  # fmt: skip


# A remit's paid amount beside its allowed amount, the allowed one read (resolve_columns): the paid amount is
# Medicare's share alone, what is left of the allowed amount once the deductible and the coinsurance are applied, less
# the 2% sequestration ("The reduction is taken from the calculated payment amount, after the approved amount is
# determined and the deductible and coinsurance are applied": First Coast, a CMS MAC, "Federal sequestration payment
# reductions"; CARC 253 on the remit). An infusion trial's 'Paid Amount' (and 'Paid') beside 'Allowed Amount' was
# passed through without a word, though README says such a column is said.
def unread_remit_paid_notices(columns: ColumnMap, paid_is: str = "allowed") -> list[str]:
    """A stderr line for a remit's paid column (``REMIT_PAID``: 'Paid Amount', 'Paid') no role reads beside the
    remit's allowed amount read as paid (``REMIT_ALLOWED``): what it is, that it is not read, and how to compare it
    (``paid_is``: the run's --paid-is)."""
    paid = columns.position("paid")
    if paid is None or export_key(columns.names[paid]) not in REMIT_ALLOWED:
        return []
    names = _unread_of(columns, REMIT_PAID)
    if not names:
        return []
    which = " and ".join(repr(name) for name in names)
    what = (
        f"{which} {'is' if len(names) == 1 else 'are'} not read: the remit's paid amount, Medicare's share alone "
        "(the allowed amount less the deductible and coinsurance applied, less the 2% sequestration)"
    )
    if paid_is == "medicare":
        return [
            f"{what}; paid ← {columns.names[paid]}, the remit's allowed amount, is compared with Medicare's share "
            f"(--paid-is medicare): to compare the paid amount with it instead, --columns paid={names[0]!r}"
        ]
    return [f"{what}; paid ← {columns.names[paid]}, the remit's allowed amount, is compared with allowed: to compare "
            f"the paid amount with Medicare's share instead, rerun with --columns paid={names[0]!r} --paid-is "
            "medicare"]  # fmt: skip


def _unread_place_hint(columns: ColumnMap) -> str:
    """Where no ZIP or locality column is read: the columns whose name holds 'zip', 'postal' or 'locality' (a billing
    or pay-to ZIP, 'ZIP Ext', 'Locality Desc'), named with the --columns that reads one, as a CBSA or Specialty column
    is said (a trial's 'Service Facility ZIP+4' went unsaid beside "no ZIP or locality column")."""
    read = {position for positions in columns.roles.values() for position in positions}
    like = [name for position, name in enumerate(columns.names)
            if position not in read and any(word in compact_key(name) for word in _PLACE_WORDS)]  # fmt: skip
    if not like:
        return ""
    role = "locality" if "locality" in compact_key(like[0]) else "zip"
    return (f"; {', '.join(repr(name) for name in like)} {'is' if len(like) == 1 else 'are'} not read (a billing or "
            f"pay-to address may be elsewhere): if {'it' if len(like) == 1 else 'one'} is where the service was "
            f"furnished, say so with --columns {role}={like[0]!r}")  # fmt: skip


def contract_column_notices(columns: ColumnMap, compared_with: str, percent_of_medicare: object = None) -> list[str]:
    """Stderr lines for an input column of contract terms (contract_amount, Contracted Rate, Expected): rvucalc reads
    none, and a trial's contract_amount 110.00 beside paid 105.00 was told only that its column "is kept", while its
    expected was Medicare's allowed $96.71 ("paid more than expected", +$8.29). Said plainly: what expected is, that the
    column is not used for it, and --percent-of-medicare for a contract's terms."""
    mapped = {position for positions in columns.roles.values() for position in positions}
    names = [
        name
        for position, name in enumerate(columns.names)
        if position not in mapped and re.search(r"contract(?!or)|expected", name, re.IGNORECASE)
    ]
    rate = columns.position("contract_rate")
    read = (
        [f"the input's {columns.names[rate]} is read as the line's contract rate: contract_percent_of_medicare is it "
         f"as a percentage of the row's allowed amount (at a hospital or ASC, of the part the row is compared with: "
         f"professional_allowed or the facility's payment, as --paid-for or the row's claim picks; 2 decimals; blank "
         f"where it is blank or $0.00); expected "
         f"is still {compared_with}"]
        if rate is not None else []
    )  # fmt: skip
    if not names:
        return read
    which = ", ".join(names)
    if percent_of_medicare is not None:
        return [*read, f"the input's {which} {'is' if len(names) == 1 else 'are'} not read: expected is rvucalc's "
                f"{compared_with}, not the input's column"]  # fmt: skip
    paid = "" if columns.position("paid") is None else " (what the paid column is compared with)"
    return [*read, f"the input's {which} {'is' if len(names) == 1 else 'are'} not read: expected{paid} is Medicare's "
            f"amount: {compared_with}, not the input's contract; for a contract's terms give --percent-of-medicare N "
            "(contract_amount and expected: N% of Medicare's amount)"]  # fmt: skip


def volume_notices(columns: ColumnMap) -> list[str]:
    """Stderr lines for a volume column: read, what the totals then are (each row volume times); or, named as one
    beside a claim column and so not read (resolve_columns), how to read it."""
    position = columns.position("volume")
    if position is not None:
        return [f"volume ← {columns.names[position]}: each row stands for that many separate cases, each priced as "
                "the row says alone (no claim's rules); the row's amounts are one case's, and the totals (here and "
                "--summary's) are volume-weighted, each row counted volume times (the output's volume column: the "
                "cases read)"]  # fmt: skip
    claim = columns.position("claim")
    read = {p for positions in columns.roles.values() for p in positions}
    unread = [name for p, name in enumerate(columns.names) if p not in read and _spelled_role(name, True) == "volume"]
    if claim is None or not unread:
        return []
    return [f"{unread[0]!r} is not read as a volume (cases a row stands for): the file has a claim column "
            f"({columns.names[claim]!r}), whose rows are one claim's lines, each priced once; to price each row as "
            f"its cases, run with --columns volume={unread[0]},claim="]  # fmt: skip


# An account number read by no role, in a file with no patient id column: a physician practice's system gives each
# patient one account (a vascular trial's 'Patient Acct'), a hospital's an encounter or a recurring series of visits
# one (Epic's HAR, HOSPITAL_ACCOUNT_CLAIMS), so it is not read as the patient by its name; said, with the fix. Only a
# column that can hold an id is offered: its other words are the patient's or an id's ('Patient Acct', 'Acct #',
# 'Guarantor Account ID'), not a hospital account's, nor a name, class, type or status (a trial's 'HAR' beside 'Hosp
# Acct Class' offered the class as the patient's id). A patient's other names and record are a patient's words too: a
# behavioral health practice's 'Client Acct #', a facility's 'Resident Account', a plan's 'Member Account', an
# 'Acct/MRN' (a review found them no longer offered).
_ACCOUNT_WORDS = frozenset({"acct", "account"})
_ACCOUNT_ID_WORDS = frozenset({"patient", "pt", "pat", "client", "member", "resident", "mrn", "chart", "guarantor",
                               "guar", "number", "num", "no", "nbr", "id"})  # fmt: skip


def _patient_account_notices(columns: ColumnMap) -> list[str]:
    from rvucalc.batch.patient_days import patient_id_position

    if columns.position("claim") is None or patient_id_position(columns) is not None:
        return []
    read = {position for positions in columns.roles.values() for position in positions}
    words = {position: set(export_key(name).split("_")) for position, name in enumerate(columns.names)}
    accounts = [name for position, name in enumerate(columns.names)
                if position not in read and _ACCOUNT_WORDS & words[position]
                and words[position] - _ACCOUNT_WORDS <= _ACCOUNT_ID_WORDS]  # fmt: skip
    if not accounts:
        return []
    return [f"{accounts[0]!r} is not read as the patient's id (an account may be the patient's, or one visit's or "
            "series of visits', as a hospital's is): if it is the patient's, say so with --columns patient="
            + repr(accounts[0]) + ", and post-op and pre-op visits and therapy on the patient's other claims are "
            "looked for"]  # fmt: skip


def missing_role_notices(
    columns: ColumnMap,
    compared_with: str | None = None,
    place: str | None = None,
    paid_is: str = "allowed",
    zip_like: list[str] | None = None,
    paid_blank: bool = False,
    declined: Collection[str] = (),
    table: pa.Table | None = None,
) -> list[str]:
    """Stderr lines for the roles a file has no column for that change its amounts: where (national amounts),
    the place of service (no allowed amount chosen) and the claim (no encounter rules); and a patient's ZIP priced as
    the place of service. The date's is ``no_date_notice``. ``compared_with``: ``paid_compared_with``'s words for the
    run (allowed by default). ``place``: the run's ``--zip``/``--locality`` (its own notice: ``run_place_notices``),
    which no ZIP or locality column changes. ``paid_is``: the run's --paid-is (lookup.paid_for.PAID_IS): 'medicare'
    compares a remit's paid column with Medicare's share already (batch.files says so, and what a deductible does).
    ``zip_like``: the unread columns whose cells look like ZIPs (``zip_value_lookalikes``), named where no ZIP is.
    ``paid_blank``: the paid column is blank in every row of the file (``batch.files.DateScan``): said so, not what it
    would be compared with. ``declined``: the roles --columns named empty (``zip=``, ``setting=``): the user left
    that column out, so no column is offered for it (a trial's `--columns zip=` was told its 'Zip Code' "is not
    read"). ``table``: the file's first chunk, whose cells say whether a bare 'Side' is the body's
    (``_laterality_notices``)."""
    notices = []
    if place is None and columns.position("zip") is None and columns.position("locality") is None:
        paid = (
            "" if columns.position("paid") is None else " (so a PFS, hospital or ASC row's paid amount is not compared)"
        )
        if left_out := [f"{role}=" for role in ("zip", "locality") if role in declined]:
            notices.append(f"no ZIP or locality column, as asked (--columns {','.join(left_out)}): every row priced "
                           f"with national amounts{paid}; give --zip ZIP to price every row at one place")  # fmt: skip
        else:
            hint = _unread_place_hint(columns) or _zip_value_hint(zip_like or [])
            notices.append(f"no ZIP or locality column: every row priced with national amounts{paid}; add the ZIP "
                           "where the service was furnished (or --columns zip=COLUMN), or give it for every row with "
                           f"--zip ZIP{hint}")  # fmt: skip
    paid_column = columns.position("paid")
    if paid_column is not None and paid_blank:
        notices.append(f"paid ← {columns.names[paid_column]} is blank in every row: no paid amount to compare, so "
                       "variance is left blank")  # fmt: skip
    elif paid_column is not None and paid_is != "medicare" and export_key(columns.names[paid_column]) in REMIT_PAID:
        contract = (compared_with or "").startswith("contract_amount")
        payer = "the payer's" if contract else "Medicare's"
        # Medicare's share is what --paid-is medicare compares (not a contract's payer share: the plan's cost sharing)
        share = "" if contract else "rerun with --paid-is medicare to compare it with Medicare's share, or "
        notices.append(f"paid ← {columns.names[paid_column]} is compared with {compared_with or paid_compared_with()}; "
                       f"a remittance's paid amount is {payer} share alone, so a line paid in full shows as underpaid "
                       f"by its coinsurance: {share}give the remit's allowed amount instead (--columns paid=COLUMN) if "
                       "it has one")  # fmt: skip
    notices.extend(patient_responsibility_notices(columns, paid_is))
    notices.extend(unread_remit_paid_notices(columns, paid_is))
    zip_column = columns.position("zip")
    if place is None and zip_column is not None and export_key(columns.names[zip_column]) in PRACTICE_ZIPS:
        notices.append(f"zip ← {columns.names[zip_column]}, the practice's, read as where the service was furnished "
                       "(Medicare pays the PFS by that place's locality): if the practice bills from an address other "
                       "than where it sees patients, give the service location's ZIP (--columns zip=COLUMN) or --zip "
                       "ZIP")  # fmt: skip
    if place is None and zip_column is not None and zip_column == patient_zip_position(columns):
        notices.append(f"zip ← {columns.names[zip_column]}, the patient's: Medicare pays the PFS by the locality "
                       "where the service was furnished, so a patient from another locality is priced where they "
                       "live; give the service location's ZIP (--columns zip=COLUMN) if the file has it, or the "
                       "practice's place for every row with --zip ZIP (or --locality). A DME item's fee is the "
                       "patient's state's: for DMEPOS rows the patient's ZIP is the right one, and so it is for a "
                       "visit in the patient's home or residence (POS 12, 13, 14, 33), furnished where the "
                       "patient lives (not telehealth at home, POS 10: paid where the practitioner is)"
                       f"{_FACILITY_RATE_WHERE if columns.position('setting') is not None else ''}")  # fmt: skip
    if columns.position("setting") is None:
        paid = "" if columns.position("paid") is None else " and their paid amounts not compared"
        like = _setting_lookalikes(columns)
        add = (f"{', '.join(repr(name) for name in like)} {'looks' if len(like) == 1 else 'look'} like one: if it "
               f"holds the place of service (11, 22, 24 or office, hopd, asc), say so with --columns "
               f"setting={like[0]!r}") if like else "add POS (or --columns setting=COLUMN)"  # fmt: skip
        # --columns setting= (the user left the column out): said left out as asked, no column offered back, as zip=
        asked, add = (", as asked (--columns setting=)", "") if "setting" in declined else ("", f"; {add}")
        notices.append(f"no place of service column{asked}: but for DME items (priced as used at the patient's home, "
                       "their DMEPOS fee), allowed, beneficiary and medicare are left blank (each site's amounts are "
                       f"in the office_, hopd_ and asc_ columns){paid}{add}")  # fmt: skip
    bill = bill_type_position(columns)
    if bill is not None:
        setting = columns.names[columns.position("setting") or 0]
        notices.append(f"setting ← {setting}, or {columns.names[bill]} (a UB-04 type of bill: 13x hospital outpatient, "
                       f"83x ASC) where {setting} is blank or names the bill's own site (13x beside POS 19, 22 or 23, "
                       "83x beside 24: the facility's own bill, as the type of bill alone); a bill type rvucalc does "
                       "not price (85x critical access hospital, 71x/77x clinic, 11x/12x/14x, a void) is its row's "
                       "error whatever its place of service")  # fmt: skip
    billing = billing_provider_position(columns)
    if billing is not None:  # read beside the roles (batch.lines.parse_lines): said as the type of bill is
        notices.append(f"billing provider ← {columns.names[billing]}, read at the ASC (POS 24) alone: a row whose "
                       "billing provider names an ASC ('... ASC', '... Ambulatory Surgery Center', '... Surgery "
                       "Center, LLC', 'Surgery Center of ...', '... SURG CTR', '... Endoscopy Center') is the ASC's "
                       "own claim line, a physician rendering it (the totals count its ASC payment among the "
                       "facilities' own claims, no physician's fee); an anesthesia code's line or one an NP, PA or "
                       "CRNA rendered stays the practitioner's claim")  # fmt: skip
    date = columns.position("date")
    if date is not None and export_key(columns.names[date]) in STATEMENT_DATES:
        read = {position for positions in columns.roles.values() for position in positions}
        like = [name for position, name in enumerate(columns.names) if position not in read
                and _looks_like("date", _LOOKALIKE_WORDS["date"], set(export_key(name).split("_")), False)
                and not re.search(r"(^|_)(to|thru|through|end|statement|stmt)(_|$)", export_key(name))]  # fmt: skip
        line = f": {like[0]!r} looks like one, --columns date={like[0]!r}" if like else " (--columns date=COLUMN)"
        notices.append(f"date ← {columns.names[date]}, the claim's statement period start (the UB-04's FL 6): every "
                       "line is priced with the release in force on it, and a claim's lines as of one date; give the "
                       f"line's own service date (FL 45) if the file has it{line}")  # fmt: skip
    if date is not None and export_key(columns.names[date]) in CHARGE_DATES:
        # An unread column that looks like the date ('Srv Date', 'Line DOS', 'Svc From') is named, as a statement
        # date's notice names it (a review: 'Charge Date' beside 'Srv Date' was read, 'Srv Date' no longer named and
        # the notice saying no other column is the date)
        read = {position for positions in columns.roles.values() for position in positions}
        like = [name for position, name in enumerate(columns.names) if position not in read
                and _looks_like("date", _LOOKALIKE_WORDS["date"], set(export_key(name).split("_")), False)
                and not re.search(r"(^|_)(to|thru|through|end)(_|$)", export_key(name))]  # fmt: skip
        other = (f"; {like[0]!r} looks like the date of service too and is not read: if it is, say so with "
                 f"--columns date={like[0]!r}") if like else ""  # fmt: skip
        notices.append(f"date ← {columns.names[date]}, read as each line's date of service (no other column is read "
                       "as the date): if it is the day the charge was entered or posted, not the day of the service, "
                       f"give the service date's column with --columns date=COLUMN{other}")  # fmt: skip
    units, minutes = columns.position("units"), columns.position("minutes")
    if units is not None and (minutes == units or (minutes is None and columns.position("base_units") is not None)):
        notices.append(f"units ← {columns.names[units]} on an anesthesia code (00100-01999) is read as its minutes, "
                       "as Medicare's claims report anesthesia time (Claims Processing Manual ch. 12 §50.G); the "
                       "other lines' units stay units (a minutes column of its own: --columns minutes=COLUMN)"
                       )  # fmt: skip
    notices.extend(_second_code_notices(columns))
    notices.extend(_unread_lookalikes(columns))
    notices.extend(_unread_money_lookalikes(columns))
    notices.extend(_clock_time_notices(columns))
    notices.extend(_anesthesia_units_notices(columns))
    notices.extend(_provider_type_notices(columns))
    notices.extend(_patient_account_notices(columns))
    notices.extend(_cbsa_notices(columns))
    notices.extend(_institutional_code_notices(columns))
    notices.extend(_laterality_notices(columns, table))
    if columns.position("paid") is not None and not paid_blank:
        notices.extend(_payer_notices(columns))
    claim = columns.position("claim")
    if claim is None and columns.position("volume") is None:  # a volume row is cases, no claim's line: volume_notices
        like = _claim_lookalikes(columns)
        hint = (f"; {', '.join(repr(name) for name in like)} {'looks' if len(like) == 1 else 'look'} like one: if it "
                f"is the claim or visit id, say so with --columns claim={like[0]!r}") if like else ""  # fmt: skip
        notices.append("no claim column: each line priced alone, without the encounter rules (multiple procedures, "
                       "endoscopy families, imaging, therapy, OPPS packaging); add the claim id (or --columns "
                       f"claim=COLUMN){hint}")  # fmt: skip
    elif claim is not None and _is_account(columns.names[claim]):
        notices.append(f"claim ← {columns.names[claim]}, an account number: its lines of one date of service are "
                       "one encounter; if an account holds several claims, a hospital line's comprehensive APC (J1) "
                       "packages the account's hospital lines of its other dates too: give the claim or visit id "
                       "(--columns claim=COLUMN) if the file has one")  # fmt: skip
    return notices


# Words of a header that may be the claim: a claim's, a visit's, an encounter's, a ticket's, an invoice's or an
# account's id (no claim column read: the notice names it), with no other word than an id's ('Visit Key', 'Claim Ref',
# 'Enc Nbr'): 'Visit Type', 'Claim Status', 'Invoice Date' and 'Account Balance' are none.
_CLAIM_WORDS = frozenset({"claim", "claims", "visit", "encounter", "enc", "ticket", "invoice", "account", "acct"})
_ID_WORDS = frozenset({"id", "number", "no", "num", "nbr", "key", "ref", "reference", "control", "identifier",
                       "patient", "pt", "payer", "original", "internal", "icn", "pcn"})  # fmt: skip


def _claim_lookalikes(columns: ColumnMap) -> list[str]:
    """The columns no role took whose header names a claim, visit, encounter, ticket, invoice or account id."""
    read = {position for positions in columns.roles.values() for position in positions}
    like = []
    for position, name in enumerate(columns.names):
        tokens = set(export_key(name).split("_"))
        if position not in read and tokens & _CLAIM_WORDS and tokens <= _CLAIM_WORDS | _ID_WORDS:
            like.append(name)
    if like:
        return like
    # Else a name with 'claim' or 'encounter' in it, whatever its other words ('CLAIMNBR', 'Claim Ctrl', 'EncSeqKey'
    # aside), unless one says it is no id ('Claim Status', 'Claim Amount', 'Encounter Date').
    return [name for position, name in enumerate(columns.names)
            if position not in read and any(word in compact_key(name) for word in ("claim", "encounter"))
            and not any(word in re.sub("claim|encounter", "_", compact_key(name)) for word in _NOT_CLAIM_ID)
            ]  # fmt: skip


# Parts of a name with 'claim' or 'encounter' in it that make it no claim id: a claim's status, amount, date or type.
_NOT_CLAIM_ID = ("status", "stat", "type", "date", "dt", "amount", "amt", "balance", "bal", "charge", "chg", "paid",
                 "payment", "pmt", "total", "count", "line", "desc", "reason", "frequency", "freq", "note", "comment",
                 "days", "time", "place", "provider", "payer", "diag", "icd", "code", "form")  # fmt: skip


def run_place_notices(columns: ColumnMap, place: str) -> list[str]:
    """Stderr lines for a run's ``--zip``/``--locality`` (``place``, as given: '--zip 30309'): the file's ZIP or
    locality column it leaves unread. Where DME rows then take their DMEPOS state from is ``run_place_dme_notice``'s,
    said once the run has priced a DME row."""
    notices = []
    for role in ("zip", "locality"):
        position = columns.position(role)
        if position is not None:
            notices.append(f"{place} prices every row where the service was furnished: the {role} column "
                           f"{columns.names[position]!r} is not used")  # fmt: skip
    return notices


# Said at the run's end, and only where a row was priced with the DMEPOS fee schedule (batch.files.run_batch: the
# summary's DMEPOS releases): said with the columns, before any row was read, it told every run with --zip and no
# state column "a DME row, if the file has any, is priced ..." (a trial's office visits and labs alone).
def run_place_dme_notice(columns: ColumnMap, place: str) -> str | None:
    """The stderr line of a run's ``--zip``/``--locality`` (``place``) whose file has no patient's state or ZIP
    column: its DME rows are priced with the DMEPOS fee of the place's state; None where the file has either."""
    if columns.position("state") is None and patient_zip_position(columns) is None:
        return (f"the DME rows are priced with the DMEPOS fee of {place}'s state (CMS sets it per state, the "
                "patient's): give a state column for the patient's state")  # fmt: skip
    return None


# The DMEPOS fee of a DME row is its patient's state's: the DME MACs price a claim by "The beneficiary's permanent
# address on file with the Social Security Administration (SSA), rather than the location of the DMEPOS supplier"
# (Noridian JD DME, "How Pricing Is Identified for Certain Products", 2022; NGS JB DME Supplier Manual ch. 11: DMEPOS
# claim jurisdiction "is based on the beneficiary's address"). A file with the service place's ZIP and the patient's
# (a DME supplier's export: 'Service ZIP', 'Patient ZIP') read the service ZIP alone, and its DME rows took that
# state's fee (E0601-RR rural: NY's $97.02 for a NJ patient's $89.86) or, with it blank, failed. The PFS, OPPS, ASC
# and CLFS rows stay priced where the service was furnished (SERVICE_ZIPS).
def patient_zip_position(columns: ColumnMap) -> int | None:
    """The column of the patient's ZIP (``PATIENT_ZIPS``: 'Patient ZIP', 'Pt. Zip', 'Member ZIP'), which a DME row's
    DMEPOS state is taken from (``batch.schedules``), whether or not it is the zip column too; None: none, or several
    with none read as the zip (whose would be a guess)."""
    keys = place_names(list(columns.names))  # 'Patient ZIP+4' too
    found = [position for position, name in enumerate(keys) if export_key(name) in PATIENT_ZIPS]
    if len(found) > 1:
        found = [position for position in found if position == columns.position("zip")]
    return found[0] if len(found) == 1 else None


# The claim's billing provider ('Billing Provider', a practice system's export: Gmed's, beside 'Rendering Provider'),
# read for one thing: a Medicare ASC bills its facility services on the 837P / CMS-1500 with place of service 24 as
# the surgeon bills his, and the MAC tells the ASC's lines from the surgeon's by the billing provider, an ASC
# (specialty 49: Claims Processing Manual ch. 14 §50, ch. 26 §10.7, type of service F "from an ASC (specialty 49)").
# A group that owns its ASC exports the ASC's lines beside its physicians', the rendering provider the surgeon on
# both (a GI trial's 'ORLANDO ENDOSCOPY CENTER ASC' lines with 'PATEL, ANIL MD' rendering were priced as his second
# claim: each colonoscopy's physician fee counted twice among the practitioners' claims, the ASC's own bill none).
# A row at the ASC whose billing provider names an ASC (credentials.asc_provider) is the ASC's own claim line
# (batch.lines.parse_lines), as its provider cell naming the ASC makes it. Not a provider role: the practitioner's
# type is the rendering provider's.
BILLING_PROVIDERS = frozenset({"billing_provider", "billing_provider_name", "billing_prov", "billing_prov_name"})


# A line's side of the body as an EHR or practice system exports it beside the code ('Laterality': 'Bilateral',
# 'Left', 'Right', 'LT', 'RT', 'B'): no role reads it. It is the chart's side, not the claim's: Medicare pays a
# procedure on both sides as one bilateral procedure only when the claim says so, "by the presence on the claim form
# or electronic submission of the '-50' modifier or of the same code on separate lines reported once with modifier
# '-LT' and once with modifier '-RT'" (Claims Processing Manual ch. 12 §40.7.C.1), and at the amount the MPFS
# bilateral surgery indicator gives (PPRRVU's BILAT SURG: 1 150%, 2 the code is bilateral already, 3 100% each side,
# 0 and 9 no bilateral payment). So the column is not read as modifiers (a 'Bilateral' beside a code of indicator 0,
# 2 or 9 would be paid wrongly as 50, and the claim as billed pays one side): it is said on stderr, and a line it
# calls bilateral whose modifiers do not (no 50, LT or RT; 1 unit) is noted where its code's indicator is 1 or 3,
# the two under which 50 pays more than one line billed once (batch.lines._laterality_notes). A review
# found a 'Laterality' column of 'Bilateral' beside 69436 without 50 priced once, at one side's amount, without a word.
LATERALITY = frozenset({"laterality", "laterality_code", "laterality_cd", "side", "body_side",
                        "procedure_side", "proc_side", "procedure_laterality", "proc_laterality", "surgical_side",
                        "surgery_side", "site_laterality", "anatomic_side"})  # fmt: skip


def laterality_position(columns: ColumnMap) -> int | None:
    """The one column no role reads named as the line's side of the body (``LATERALITY``), or None (none, or
    several)."""
    read = {position for positions in columns.roles.values() for position in positions}
    found = [position for position, name in enumerate(columns.names)
             if position not in read and export_key(name) in LATERALITY]  # fmt: skip
    return found[0] if len(found) == 1 else None


def _laterality_notices(columns: ColumnMap, table: pa.Table | None = None) -> list[str]:
    """The stderr line naming a laterality column (``LATERALITY``): not read as modifiers, and why. A column named
    only 'Side' whose cells in ``table`` (the file's first chunk) are not all the body's sides ('Pro', 'Tech', 'Both':
    a hospital export's billing side, batch.lines.body_side_cells) is said only to be not read (a review: its stderr
    line called a column of billing sides "the side of the body", its lines no longer noted as laterality)."""
    from rvucalc.batch.lines import body_side_cells

    read = {position for positions in columns.roles.values() for position in positions}
    found = [(position, name) for position, name in enumerate(columns.names) if position not in read
             and export_key(name) in LATERALITY]  # fmt: skip
    if not found:
        return []
    other = [name for position, name in found if table is not None and export_key(name) == "side"
             and position < table.num_columns and not body_side_cells(
                 str(value) for value in table.column(position).unique().to_pylist() if value is not None)
             ]  # fmt: skip
    like = [name for _, name in found if name not in other]
    said = [f"ignored: {name} (not read: each line is priced by the modifiers billed on it)" for name in other]
    if not like:
        return said
    noted = ("; a line it calls bilateral without 50, LT or RT is noted where its code's bilateral indicator is 1 or 3"
             if len(found) == 1 else "")  # fmt: skip
    return [f"ignored: {', '.join(like)} (the side of the body is not read as modifiers: each line is priced by the "
            "modifiers billed on it, and Medicare pays a procedure on both sides as one bilateral procedure only "
            "when the claim carries 50, the code on two lines with LT and RT, or 2 units (Claims Processing Manual "
            f"ch. 12 §40.7), at the MPFS bilateral indicator's amount){noted}", *said]  # fmt: skip


def billing_provider_position(columns: ColumnMap) -> int | None:
    """The one column no role reads named as the claim's billing provider (``BILLING_PROVIDERS``), or None (none, or
    several: whose would be a guess)."""
    read = {position for positions in columns.roles.values() for position in positions}
    found = [position for position, name in enumerate(columns.names)
             if position not in read and export_key(name) in BILLING_PROVIDERS]  # fmt: skip
    return found[0] if len(found) == 1 else None


def patient_zip_notices(columns: ColumnMap, place: str | None = None) -> list[str]:
    """The stderr line (once a run) saying a DME row's DMEPOS state is its patient's ZIP's, where that is not the ZIP
    the run's other rows are priced at: a service ZIP column beside it, or the run's ``--zip``/``--locality``
    (``place``)."""
    position = patient_zip_position(columns)
    if position is None or (place is None and columns.position("zip") == position):
        return []
    name = columns.names[position]
    other = place or (f"zip ← {columns.names[p]}" if (p := columns.position("zip")) is not None else "")
    where = f" (other rows: {other}, where the service was furnished)" if other else ""
    state = columns.position("state")
    given = f"; a {columns.names[state]} cell, where filled, wins" if state is not None else ""
    return [f"DMEPOS rows take their state's fee from {name}, the patient's ZIP: the DME MAC prices by the patient's "
            f"permanent address, not the supplier's place{where}; a row with it blank takes its own place's "
            f"state{given}"]  # fmt: skip


# Words in a header that no role took but which would change the amounts if read: without a modifier column every
# line is priced without modifiers (71046-26 as the global test), without units as 1 unit (J9271 x 100 as x 1).
_LOOKALIKE_WORDS = {"modifier": ("mod",), "units": ("unit", "qty", "quantity", "uos"), "date": ("date", "dos", "dt")}
# A radiology 'Modality', a drug's 'Dosage', 'Last Modified By', 'Unit Price', 'Patient Birth Date', 'Posted Date'
# are no such column: a column with one of these words is never named as one.
_NOT_LOOKALIKE = ("modal", "model", "modified", "dosage", "dose")
_NOT_LOOKALIKE_WORDS = frozenset({
    "birth", "dob", "admit", "admission", "discharge", "posted", "post", "entry", "paid", "created", "updated",
    "received", "check", "remit", "processed", "process", "adjudicated", "billed", "submitted", "price", "cost",
    "charge", "charges", "amount", "amt", "fee", "rate",
    # the day a charge was posted, entered or deposited is no date of service (a review: 'Posting Date' was named as
    # one, beside a 'Charge Date' read as the date too)
    "posting", "entered", "deposit", "deposited",
})  # fmt: skip


# A quantity is a quantity whatever it counts ('Qty Billed', 'Charge Qty'); only an amount's words make it no units.
_QUANTITY_WORDS = ("qty", "quantity", "uos")
_NOT_QUANTITY_WORDS = frozenset({"price", "cost", "amount", "amt", "fee", "rate", "paid"})
# Beside a modifier or units column that is read, another is named only if it has no word of a description.
_DESCRIPTION_WORDS = frozenset({"desc", "description", "descr", "name", "text", "label", "meaning"})
# The roles whose unread look-alikes are named even when a column is read for the role: a second modifier or units
# column ('Modifiers' beside 'Modifier 1', 'Units Billed' beside a blank 'Units') changes the money if it is the one.
_ALSO_WHEN_READ = ("modifier", "units")


# A column that looks like the rendering practitioner's type but is not read as the provider role (no column is, or
# another one is): lines are priced as the provider column (or --provider) says, where an NP, PA or CNS billing under
# their own number is paid 85% (engine.policy). A trial's NP lines in a 'Rendering Provider Type' column were priced
# at 100% without a word; that name is read now (SYNONYMS), a taxonomy or another name is said.
_PROVIDER_TYPE = re.compile(r"(^|_)(provider_type|provider_specialty|specialty|credential|credentials|"
                            r"practitioner_type|rendering_type|provider_credential|prov_type|cred|creds|"
                            r"taxonomy)(_|$)")  # fmt: skip


# A column that names the rendering practitioner ('Rendering Provider', 'Provider', 'Rendering Provider Name'): its
# cells are mostly names, read as the provider role only when --columns says so (a name is read by the credential at
# its end, credentials.provider_of; a name without one is priced as --provider says, with a note on each row), so it is
# said, not read. A referring, ordering, supervising or billing provider is not the one who rendered the service.
_PRACTITIONER_WORDS = frozenset({"rendering", "provider", "prov", "practitioner", "clinician", "servicing",
                                 "performing", "therapist", "treating"})  # fmt: skip
# Epic's charge and export 'Service Provider' (the provider who performed the service, beside its 'Billing Provider')
# is the rendering practitioner as 'Servicing Provider' is: a rehab program's Epic export left it unread and unsaid,
# its NP's G0422 in the office priced at a physician's 100%. Not a physician's column ('Physician Service'). Epic's
# abbreviation 'Svc Provider' is the same column (a review found it unread, as 'Svc Date' is the service date).
_SERVICE_WORDS = frozenset({"service", "svc"})
_PRACTITIONER_NAME_WORDS = _PRACTITIONER_WORDS | {"name", "full"} | _SERVICE_WORDS


def _service_last(positions: list[int], names: Sequence[str]) -> list[int]:
    """``positions`` less its 'Service Provider' ('Svc Provider') columns (none where it has no other): beside a
    'Rendering Provider' of credentials a 'Service Provider' is not read, as before 'Service Provider' was (a review
    found neither read there, its NP's 99213 priced at a physician's 100%)."""
    return [
        position
        for position in positions
        if not _SERVICE_WORDS & set(_spelled_key(export_key(names[position])).split("_"))
    ]


# A physician's title in that place ('Rendering Physician', 'Rendering Radiologist', 'Reading Radiologist',
# 'Interpreting Physician', 'Physician Name'): the column names the practitioner too. An imaging center's trial had a
# 'Rendering Radiologist' column neither read nor said, and a 'Rendering Physician' column of 'SMITH, JANE NP' priced
# her 99213 at a physician's 100% ($101.79 in Miami, not 85%: $86.52) without a word. An ordering, referring,
# attending or supervising physician is not one (their word is none of these), nor is a taxonomy column named so
# (``_names_the_taxonomy`` keeps its words: 'Primary Physician Taxonomy' is a PCP's). Where both kinds of name are
# columns, the provider's word wins (``practitioner_column``). 'Physician' or 'Physician Name' alone says not whose
# (an imaging center's, lab's or DME supplier's export names the ordering or referring physician so: a review's IDTF
# file of 'SMITH, JANE NP' as the referring practitioner had its 70450-TC priced at 85%): said, not read (``bare``).
_PHYSICIAN_WORDS = frozenset({"physician", "radiologist"})
_PHYSICIAN_NAME_WORDS = (_PRACTITIONER_NAME_WORDS - _SERVICE_WORDS) | _PHYSICIAN_WORDS | {"reading", "interpreting"}
_BARE_PHYSICIAN_WORDS = frozenset({"physician", "name", "full"})


# A run-together name ('RENDERINGPROVIDER', 'SvcProvider' is CamelCase and split already): athenaOne's report exports
# write their headers so (CLAIMID, PROCCODE, RENDERINGPROVIDER, SUPERVISINGPROVIDER). The other roles' run-together
# names are read (``_spelled_role``); the rendering practitioner's was neither read nor said, a hospitalist trial's NP
# 99232 at POS 21 priced at a physician's 100%. Its words are read as the words it spells, each one of these names'
# words ('SUPERVISINGPROVIDER' spells none: 'supervising' is no such word, and stays unread as 'Supervising Provider'),
# a taxonomy column's words among them ('RENDERINGPROVIDERTAXONOMY': ``_names_the_taxonomy``).
_RUN_TOGETHER_WORDS = _PRACTITIONER_NAME_WORDS | _PHYSICIAN_NAME_WORDS | {"taxonomy", "code", "cd", "primary"}


def _spelled_words(key: str) -> list[str] | None:
    """A one-word key's words (``_RUN_TOGETHER_WORDS``), longest first: 'renderingprovider' -> ['rendering',
    'provider']; None where it spells none of them."""
    if not key:
        return []
    for end in range(len(key), 0, -1):
        if key[:end] in _RUN_TOGETHER_WORDS and (rest := _spelled_words(key[end:])) is not None:
            return [key[:end], *rest]
    return None


def _spelled_key(key: str) -> str:
    """A run-together key read as the words it spells ('renderingprovider' -> 'rendering_provider',
    'renderingprovidertaxonomy' -> 'rendering_provider_taxonomy', 'svcprovider' -> 'svc_provider'); any other as it
    stands. Each reader of these names reads it so: a review found 'RENDERINGPROVIDER' beside 'SVCPROVIDER' (both
    columns of credentials) neither read, where 'Rendering Provider' beside 'Svc Provider' is read (``_service_last``),
    and 'RENDERINGPROVIDERTAXONOMY' neither read nor said, an NP's 99232 (363LF0000X) at POS 21 priced at 100%."""
    if "_" not in key and key not in _RUN_TOGETHER_WORDS and (words := _spelled_words(key)):
        return "_".join(words)
    return key


def _names_the_practitioner(key: str, physician: bool = True, bare: bool = True) -> bool:
    """Whether a header names the rendering practitioner: by a provider's word, or (``physician``) a physician's,
    'Physician' alone among them where ``bare``. A run-together name is read by the words it spells."""
    key = _spelled_key(key)
    tokens = set(key.split("_"))
    if tokens & _PRACTITIONER_WORDS and tokens <= _PRACTITIONER_NAME_WORDS:
        return True
    if not bare and tokens <= _BARE_PHYSICIAN_WORDS:
        return False
    return physician and bool(tokens & _PHYSICIAN_WORDS) and tokens <= _PHYSICIAN_NAME_WORDS


# A column of the rendering practitioner's NUCC taxonomy code ('Rendering Provider Taxonomy', 'Rendering Taxonomy',
# 'Taxonomy Code'; not a billing or referring provider's): read as the provider column, as a 'Rendering Provider' of
# credentials is, where its cells are taxonomy codes alone and one names a practitioner rvucalc reads
# (``credentials.taxonomies_alone``). A Medicare Advantage plan's payment-integrity export's 'Rendering Provider
# Taxonomy' was said unread: its NPs' and PAs' lines (363LF0000X, 363A00000X) were priced at a physician's 100%, its
# clinical social workers' (1041C0700X) too, and its chiropractors' 97140 (111N00000X) paid. 'Primary' is the
# rendering practitioner's primary taxonomy only beside a word that names that practitioner ('Rendering Provider
# Primary Taxonomy'): a 'Primary Provider Taxonomy' is the patient's primary (care) provider's, a plan's or EHR's PCP,
# not who rendered the line (a review: an NP PCP's 363L00000X priced every line of the file at 85%), and a 'Primary
# Taxonomy' names no one; both are said, not read. Epic's 'Service Provider Taxonomy' ('Svc Provider Taxonomy') is the
# taxonomy of its 'Service Provider', the rendering practitioner (_PRACTITIONER_NAME_WORDS): read likewise, a service's
# word only beside a provider's ('Service Taxonomy' names no one), after another taxonomy column (``_service_last``).
_TAXONOMY_NAME_WORDS = _PRACTITIONER_WORDS | {"taxonomy", "code", "cd", "primary"}
_RENDERING_WORDS = _PRACTITIONER_WORDS - {"provider", "prov"}


# A charge export's 'Attending' ('Attending Physician', 'Attending MD', 'Attending Provider'): a radiation oncology
# system's (Aria, Mosaiq) names the patient's attending radiation oncologist on every charge, with the credential after
# the name. Not read (an attending physician is the physician of record, on a hospital's UB-04 its FL 76, not always
# who rendered the line), but said where no column is the provider's: a radiation oncology trial's 'Attending' of
# 'NGUYEN, LAN NP' beside 'SMITH, JOHN MD' was neither read nor said, the NP's 99205 at POS 11 in ZIP 40207
# (2025-03-03) priced at a physician's 100% ($203.53) where with --columns provider=Attending it is 85% ($173.00).
_ATTENDING_NAME_WORDS = frozenset({"attending", "physician", "provider", "prov", "md", "dr", "doctor", "name",
                                   "full", "oncologist"})  # fmt: skip


def _names_the_attending(key: str) -> bool:
    tokens = set(key.split("_"))
    return "attending" in tokens and tokens <= _ATTENDING_NAME_WORDS


def _names_the_taxonomy(key: str) -> bool:
    tokens = set(_spelled_key(key).split("_"))
    if tokens & _SERVICE_WORDS and tokens & {"provider", "prov"}:
        tokens -= _SERVICE_WORDS
    return (
        "taxonomy" in tokens
        and tokens <= _TAXONOMY_NAME_WORDS
        and ("primary" not in tokens or bool(tokens & _RENDERING_WORDS))
    )


# The behavioral health credentials the notices name (lookup.credentials.PROVIDER_WORDS reads them): a behavioral health
# trial's stderr advice named only NP, PA, CNS or CRNA.
_BH_75 = "LCSW, LICSW, LMFT, LPC, LMHC"
_BH_PSYCHOLOGIST = "PhD, PsyD, LP"
# A chiropractor (DC; CMS specialty 35, "Chiropractic") is a physician for the manual manipulation of the spine alone
# (SSA §1861(r)(5); Benefit Policy Manual ch. 15 §240.1.1): credentials.PROVIDER_WORDS reads DC and 35, and denies the
# chiropractor's other lines (engine.modifiers.chiropractic_denial). A chiropractor's trial: its 'Specialty' column of
# 35 was said unread with NP, PA, CNS, CSW and psychologist named, never the chiropractor.
_CHIROPRACTOR = "DC or 35; spinal manipulation 98940-98942 with AT paid as a physician's, every other line denied"


# A header that may be the place of service though no setting name read it ('Place', 'Place Code', 'Site', 'Service
# Place', 'Location Type', 'Care Setting'): a contracting trial's 'Place' of POS codes was not read, stderr said only
# "no place of service column", while an unread 'Effective Date' was named as a date look-alike. A word of the place
# and the rest words of a code or type; a place's name, address or ZIP ('Place Name', 'Place ZIP', 'City') is none.
_SETTING_WORDS = frozenset({"place", "site", "location", "loc", "setting", "pos"})
_SETTING_QUALIFIERS = frozenset({"service", "svc", "srv", "serv", "of", "code", "cd", "type", "care", "treatment"})


def _setting_lookalikes(columns: ColumnMap) -> list[str]:
    """The unread columns that look like the place of service (``_SETTING_WORDS``), named where no setting is read."""
    read = {position for positions in columns.roles.values() for position in positions}
    return [name for position, name in enumerate(columns.names) if position not in read
            and (tokens := set(export_key(name).split("_"))) & _SETTING_WORDS
            and tokens <= _SETTING_WORDS | _SETTING_QUALIFIERS]  # fmt: skip


# A referring, ordering or supervising practitioner's credential, type or taxonomy ('Ordering Cred', 'Referring Provider
# Credential', 'Supervising Provider Specialty'): not the practitioner who furnished the line, so not offered as the
# provider column, as their names are not ('Referring Provider', ``_names_the_practitioner``). A DME supplier's
# export's 'Ordering Cred' (the prescriber's MD, NP) was said unread with "say so with --columns provider='Ordering
# Cred'", which would price the lines by the prescriber's type. A billing provider's stays offered (a practitioner
# billing under their own number is the one who rendered: tests/test_batch_taxonomy_column_read_as_provider.py). A
# prescriber is the ordering practitioner by another name (a DME supplier's 'Prescriber Cred', 'Prescribing Physician
# Specialty': the DMEPOS standard written order's "treating practitioner"), not offered either.
# Its word may be abbreviated ('Supv Provider Credentials') or stand in parentheses after the name ('Provider
# Credentials (Supervising)', 'Provider Credentials (Ordering)'): a review found both offered as the provider column.
_OTHER_PROVIDERS = frozenset({"referring", "ref", "referral", "referred", "ordering", "ord", "ordered", "order",
                              "supervising", "supv", "supervisor", "prescriber", "prescribing",
                              "prescribed"})  # fmt: skip
_KEY_WORDS = re.compile(r"[^a-z0-9]+")


def _provider_type_notices(columns: ColumnMap) -> list[str]:
    """A stderr line for a column that looks like the practitioner's type and is not read."""
    read = {position for positions in columns.roles.values() for position in positions}
    like = [name for position, name in enumerate(columns.names)
            if position not in read and _PROVIDER_TYPE.search(key := _spelled_key(export_key(name)))
            and not set(_KEY_WORDS.split(key)) & _OTHER_PROVIDERS]  # fmt: skip
    if not like and columns.position("provider") is None:
        named = [name for position, name in enumerate(columns.names)
                 if position not in read and _names_the_practitioner(export_key(name))]  # fmt: skip
        if named:
            # 'Physician' alone may be the ordering or referring physician (_BARE_PHYSICIAN_WORDS): the hint says so
            whose = ("" if _names_the_practitioner(export_key(named[0]), bare=False)
                     else "who rendered the line (not who ordered or referred it) ")  # fmt: skip
            return [f"{named[0]!r} is not read: every line is priced as --provider says (a physician's service, 100% "
                    "of the PFS amount, unless given); a nurse practitioner, physician assistant or clinical nurse "
                    "specialist billing under their own number is paid 85% of it: if its cells name the practitioner "
                    f"{whose}with their credential ('LEE, SAM PA-C') or type (NP, PA, CNS, CRNA, MD; a clinical "
                    f"social worker, marriage and family therapist or mental health counselor, at 75%: {_BH_75}; a "
                    f"clinical psychologist: {_BH_PSYCHOLOGIST}; a therapy assistant: PTA, OTA, COTA, at 85% with "
                    f"CQ/CO; a chiropractor: {_CHIROPRACTOR}), say so with "
                    f"--columns provider={named[0]!r}"]  # fmt: skip
        setting = columns.position("setting")
        hospital = setting is not None and export_key(columns.names[setting]) in TYPE_OF_BILL  # a UB-04's FL 76
        attending = [name for position, name in enumerate(columns.names)
                     if position not in read and not hospital and _names_the_attending(export_key(name))]  # fmt: skip
        if attending:
            return [f"{attending[0]!r} is not read: every line is priced as --provider says (a physician's service, "
                    "100% of the PFS amount, unless given); an attending physician is the patient's physician of "
                    "record, not always who rendered the line, but where its cells name the practitioner who "
                    "rendered each line with their credential ('NGUYEN, LAN NP', 'SMITH, JOHN MD'), a nurse "
                    "practitioner, physician assistant or clinical nurse specialist billing under their own number "
                    "is paid 85%: say so with "
                    f"--columns provider={attending[0]!r}"]  # fmt: skip
    if not like:
        return []
    provider = columns.position("provider")
    if provider is not None:
        return [f"provider ← {columns.names[provider]}; {like[0]!r} is not read: if it is the practitioner's type, "
                f"say so with --columns provider={like[0]!r}"]  # fmt: skip
    return [f"{like[0]!r} is not read: every line is priced as --provider says (a physician's service, 100% of the "
            "PFS amount, unless given); a nurse practitioner, physician assistant or clinical nurse specialist billing "
            "under their own number is paid 85% of it, a clinical social worker, marriage and family therapist or "
            f"mental health counselor 75% ({_BH_75}), a clinical psychologist ({_BH_PSYCHOLOGIST}) the full amount, "
            f"a chiropractor ({_CHIROPRACTOR}): if it is the practitioner's type or CMS specialty code (NP, PA, CNS, "
            "CRNA, MD, LCSW, PhD, DC, 50, 35 ...), say so with "
            f"--columns provider={like[0]!r}"]  # fmt: skip


# A file with both a provider column ('Credentials') and a column naming the practitioner ('Rendering Provider': NGUYEN,
# LINH LICSW): a row whose provider cell is blank is read by the credential after the name (batch.lines.parse_lines'
# provider_name, its note saying so), as a billing specialist reads the row (a behavioral health trial's blank
# Credentials cell beside 'NGUYEN, LINH LICSW' was priced as a physician's line, 100%, without a word). The names of
# both columns ride in the pricing view's schema metadata, for that note.
PROVIDER_NAME_COLUMNS_KEY = b"rvucalc.provider_name_columns"
# A pricing view's schema metadata: the whole file's billing provider column names an ASC in some row
# (files.DateScan.asc_billing, read before any row is priced): the practice's POS 24 rows are the practitioner's claim
# in every chunk, not only in the chunk that holds the ASC's own rows (batch.lines.parse_lines, Lines.practice_billed)
ASC_BILLING_KEY = b"rvucalc.asc_billing_in_file"
LATERALITY_COLUMN_KEY = b"rvucalc.laterality_column"  # the laterality column's name (batch.lines._laterality_notes)


def practitioner_name_position(columns: ColumnMap) -> int | None:
    """The column naming the rendering practitioner (``_names_the_practitioner``: 'Rendering Provider') that no role
    reads, beside the provider column; None without a provider column, or with no such column or several."""
    provider = columns.position("provider")
    if provider is None:
        return None
    read = {position for positions in columns.roles.values() for position in positions}
    found = [position for position, name in enumerate(columns.names)
             if position not in read and _names_the_practitioner(export_key(name), bare=False)]  # fmt: skip
    found = _service_last(found, columns.names) or found
    return found[0] if len(found) == 1 else None


def practitioner_cells_wanted(header: list[str], overrides: dict[str, str] | None = None) -> list[int]:
    """The columns of a file with this header whose cells ``practitioner_column`` reads (named as the rendering
    practitioner, no role read): none where a column is the provider's or --columns names it, or no code column."""
    try:
        columns = resolve_columns(list(header), overrides)
    except UsageError:
        return []
    if columns.position("provider") is not None or "provider" in (overrides or {}):
        return []
    read = {position for positions in columns.roles.values() for position in positions}
    return [position for position, name in enumerate(columns.names) if position not in read
            and (_names_the_practitioner(key := export_key(name), bare=False) or _names_the_taxonomy(key))]  # fmt: skip


def practitioner_column(
    columns: ColumnMap,
    table: pa.Table,
    overrides: dict[str, str] | None = None,
    whole: dict[int, dict[str, None]] | None = None,
) -> ColumnMap:
    """``columns`` with the provider role given to the one column named as the rendering practitioner ('Provider',
    'Rendering Provider': ``_names_the_practitioner``) whose cells in ``table`` (the file's first chunk) are
    practitioner types or credentials alone (``credentials.credentials_alone``: NP, MD, 'MS, RD'), or names each ending
    in one (``lookup.credentials.credentials_after_names``: 'PATEL, ANIL MD'), where no column is
    the provider's and --columns does not name it (``overrides``, 'provider=' for none). A column of names, or of
    numbers, stays unread and said (``_provider_type_notices``), as before. ``whole``: each such column's distinct cells
    over the whole file (``batch.files.DateScan``), read instead of the first chunk's, so that --chunk-rows does not
    decide it."""
    if columns.position("provider") is not None or "provider" in (overrides or {}):
        return columns
    from rvucalc.lookup.credentials import credentials_after_names, credentials_alone, taxonomies_alone

    read = {position for positions in columns.roles.values() for position in positions}

    def cells(position: int) -> list[str]:
        if whole is not None and position in whole:
            return list(whole[position])
        return [str(value) for value in table.column(position).unique().to_pylist() if value is not None]

    def named(physician: bool) -> list[int]:
        return [position for position, name in enumerate(columns.names)
                if position not in read and position < table.num_columns
                and _names_the_practitioner(export_key(name), physician, bare=False)
                and (values := cells(position))
                and (credentials_alone(values) or credentials_after_names(values))]  # fmt: skip

    # A provider's word first ('Rendering Provider' beside 'Physician'), a 'Service Provider' after both
    providers = named(False)
    found = _service_last(providers, columns.names) or _service_last(named(True), columns.names) or providers
    if not found:  # a taxonomy column (``_names_the_taxonomy``), where no column names the practitioner so
        found = [position for position, name in enumerate(columns.names)
                 if position not in read and position < table.num_columns and _names_the_taxonomy(export_key(name))
                 and taxonomies_alone(cells(position))]  # fmt: skip
        found = _service_last(found, columns.names) or found
    if len(found) != 1:
        return columns
    return ColumnMap(columns.names, {**columns.roles, "provider": (found[0],)})


def unread_practitioner_notices(
    columns: ColumnMap,
    table: pa.Table,
    overrides: dict[str, str] | None = None,
    whole: dict[int, dict[str, None]] | None = None,
) -> list[str]:
    """A stderr line naming the cells that kept a column of names with a credential from being read as the provider
    (``practitioner_column``; ``credentials.names_keeping_the_column_unread``): a post-acute trial's 'Provider Name' of
    credentialed names was said "not read ... if its cells name the practitioner with their credential", its cells
    doing so but for one 'NOWAK ANNA', without saying which cell kept it unread. ``whole`` as there."""
    if columns.position("provider") is not None or "provider" in (overrides or {}):
        return []
    from rvucalc.lookup.credentials import names_keeping_the_column_unread

    read = {position for positions in columns.roles.values() for position in positions}
    for position, name in enumerate(columns.names):
        if position in read or position >= table.num_columns or not _names_the_practitioner(export_key(name),
                                                                                           bare=False):  # fmt: skip
            continue
        if whole is not None and position in whole:
            values = list(whole[position])
        else:
            values = [str(value) for value in table.column(position).unique().to_pylist() if value is not None]
        if cells := names_keeping_the_column_unread(values):
            shown = ", ".join(repr(cell) for cell in cells[:3]) + (f" and {len(cells) - 3} more" if len(cells) > 3
                                                                   else "")  # fmt: skip
            return [
                f"{name!r} is not read for {shown}, {'which names' if len(cells) == 1 else 'which name'} no "
                "practitioner by a credential rvucalc reads, beside names that do: correct the cell, or read the "
                f"column with --columns provider={name!r} (such a cell's row priced as --provider says, noted)"
            ]
    return []


# A practice's export names each line's payer ('Payer': 'Medicare', 'Humana Medicare Advantage', 'Aetna'): no role
# reads it, every row being priced by Original Medicare's fee schedules, so a paid amount of a Medicare Advantage plan
# or another payer is compared with Original Medicare's amount. An allergy group's trial: a 'Payer' column of
# 'Medicare' and 'Humana Medicare Advantage' rows beside 'Allowed' had its plan's J2357 and 99214 compared with
# Medicare's amounts, and stderr said nothing of the column. An MA plan pays a contracted practice its contract's
# amounts; a practice with no contract "must accept, as payment in full, the amounts that the provider could collect
# if the beneficiary were enrolled in original Medicare" (42 CFR 422.214(a)(1)).
_PAYER = frozenset({"payer", "payor", "payer_name", "payor_name", "primary_payer", "primary_payor", "payer_class",
                    "insurance", "insurance_name", "primary_insurance", "ins_name", "insurance_plan", "plan_name",
                    "financial_class", "fin_class", "insurance_company", "ins_company", "primary_ins",
                    # the payer's name, carrier or plan as practice management exports spell it beside the above
                    # ('Primary Payer Name', 'Primary Insurance Carrier', 'Payer Type'): a review found them unnamed
                    "primary_payer_name", "primary_payor_name", "primary_insurance_name", "insurance_carrier",
                    "primary_insurance_carrier", "ins_carrier", "payer_type", "payor_type", "insurance_type",
                    "primary_insurance_plan", "payer_plan", "payor_plan", "health_plan"})  # fmt: skip


def _payer_notices(columns: ColumnMap) -> list[str]:
    """The stderr line naming an unread payer column (``_PAYER``) of a file whose paid amounts are compared."""
    read = {position for positions in columns.roles.values() for position in positions}
    like = [name for position, name in enumerate(columns.names) if position not in read and export_key(name) in _PAYER]
    if not like:
        return []
    return [f"ignored: {', '.join(like)} (the payer is not read: every row is priced by Original Medicare's fee "
            "schedules and its paid amount compared with them; a Medicare Advantage plan pays a contracted practice "
            "its contract's amounts, one without a contract what Original Medicare would (42 CFR 422.214(a)(1)), and "
            "another payer its own: compare those rows in a file of their own, with --percent-of-medicare N for a "
            "contract's terms)"]  # fmt: skip


_CBSA = frozenset({"cbsa", "cbsa_code", "cbsa_number", "wage_area", "wage_index_cbsa", "core_based_statistical_area"})
# The names read as they stand (a CamelCase break in them is no word break: 'HCPCs', 'DoS'; see ``header_key``).
_KNOWN_KEYS = frozenset(_ROLE_OF_EXPORT_KEY) | SERVICE_ZIPS | REMIT_ALLOWED | REMIT_PAID | TYPE_OF_BILL | PATIENT_ZIPS
_KNOWN_KEYS |= ACCOUNT_CLAIMS | CASE_CLAIMS | ACCESSION_CLAIMS | ANESTHESIA_MINUTES | _CBSA | STATEMENT_DATES
_KNOWN_KEYS |= SERVICE_DATE_TIMES | ITEM_QUANTITIES | CHARGE_DATES


def _cbsa_notices(columns: ColumnMap) -> list[str]:
    """A CBSA column is not read (a revenue-cycle review's UB-04 export had one, silently ignored): said, with where
    batch takes the facility's wage index from (the ZIP's county's CBSA) and the PFS's locality (the ZIP)."""
    read = {position for positions in columns.roles.values() for position in positions}
    like = [name for position, name in enumerate(columns.names) if position not in read and export_key(name) in _CBSA]
    if not like:
        return []
    return [f"{like[0]!r} is not read: batch takes a hospital's or ASC's wage index from the ZIP (its county's CBSA) "
            "and the PFS locality from the ZIP or locality column, so a row without one is priced nationally; give "
            "the ZIP where the service was furnished, or the hospital's own wage index for its OPPS rate (a "
            "wage_index column, or --wage-index N for every row)"]  # fmt: skip


# A UB-04's revenue code (FL 42), condition codes (FL 18-28), occurrence and value codes: no role reads them (a line is
# priced by its HCPCS code, modifiers and place), and a review found them left out of stderr's column mapping.
_INSTITUTIONAL_CODES = re.compile(r"(^|_)(rev|revenue|cond|condition|occurrence|occ|value)_?(code|codes|cd|center|"
                                  r"ctr)s?([0-9_]|$)|^(revcode|revcd|conditioncode|condcode)[0-9]*$")  # fmt: skip


def _institutional_code_notices(columns: ColumnMap) -> list[str]:
    """The stderr line naming the revenue, condition, occurrence and value code columns, which are not read; the
    revenue code column read on lines without a HCPCS code (``revenue_code_position``) is said apart."""
    read = {position for positions in columns.roles.values() for position in positions}
    revenue = revenue_code_position(columns)
    unread = [(position, name) for position, name in enumerate(columns.names) if position not in read | {revenue}]
    like = [name for _, name in unread if _INSTITUTIONAL_CODES.search(export_key(name))]
    notices = []
    if revenue is not None:
        notices.append(f"revenue code ← {columns.names[revenue]}, read on a line without a HCPCS code alone: at the "
                       "hospital outpatient department (type of bill 13x, POS 19 or 22) and on an ASC's own bill "
                       "(83x, or POS 24 with the ASC as provider or billing provider) it is packaged, $0.00 (no "
                       "separate OPPS or ASC payment); elsewhere (a practitioner's line at the ASC too) such a line is "
                       "an error" + (
                           "" if "revenue_code" in columns.roles else " (another column: --columns "
                           "revenue_code=COLUMN; none: revenue_code=)"))  # fmt: skip
    if like:
        notices.append(f"ignored: {', '.join(like)} (a UB-04's revenue, condition, occurrence and value codes are not "
                       "read: a line is priced by its HCPCS code, modifiers, place of service or type of bill, and "
                       "date" + ("" if revenue is not None else "; --columns revenue_code=COLUMN reads a line's "
                                 "revenue code where it has no HCPCS code") + ")"
                       + (PROGRAM_DAY_BY_LINES if any(_CONDITION_CODES.search(export_key(name)) for name in like)
                          else ""))  # fmt: skip
    return notices


# A hospital's partial hospitalization or intensive outpatient bill (13x with condition code 41 or 92) is paid one
# per-diem APC a day (Claims Processing Manual ch. 4 §260.1, as engine.facility.PER_DIEM_REASON cites it), but no
# condition code is read: a day is known as the program's by an SI P line alone (G0410, G0129 ...). A behavioral health
# trial's PHP day of 90834, 90853 and 90847 (SI Q3) under condition code 41 (TOB 131, ZIP 80220, 2025-03-10) was priced
# line by line, $407.79 for the hospital, the stderr saying only that the condition code was ignored.
_CONDITION_CODES = re.compile(r"(^|_)(cond|condition)_?(code|codes|cd)s?([0-9_]|$)|^(conditioncode|condcode)[0-9]*$")
PROGRAM_DAY_BY_LINES = (
    "; a partial hospitalization or intensive outpatient day (condition code 41 or 92) is known only by an SI P line "
    "on the claim (G0410, G0411, G0129 ...), whose day is not priced (its per-diem APC is in Addendum A, not "
    "installed): a day of the program's psychotherapy codes (SI Q3: 90832-90838, 90853 ...) alone is priced line by "
    "line, not as the day's per diem"
)


# A UB-04's revenue code (FL 42) column, as exports name it ('Rev Code', 'Revenue Code', 'RevCd', 'Rev Center'): read
# only on a line without a HCPCS code, a hospital's revenue-code line (batch.lines.REVENUE_CODE_LINE).
_REVENUE_CODE_NAME = re.compile(r"^(rev|revenue)_?(code|cd|center|ctr|cntr)(_code|_cd)?$")


def revenue_code_position(columns: ColumnMap) -> int | None:
    """The column of a line's revenue code: --columns revenue_code=COLUMN's (``revenue_code=``: none), else the one
    column so named no role reads; None: none, or several (whose would be a guess)."""
    if "revenue_code" in columns.roles:
        return columns.position("revenue_code")
    read = {position for positions in columns.roles.values() for position in positions}
    found = [position for position, name in enumerate(columns.names)
             if position not in read and _REVENUE_CODE_NAME.fullmatch(export_key(name))]  # fmt: skip
    return found[0] if len(found) == 1 else None


def _span_end_beside_date(columns: ColumnMap, like: list[str]) -> list[str]:
    """A span's end ('To DOS', 'Thru Date') not read beside the date of service read (a nephrology trial's 'To DOS'
    beside 'From DOS', said nowhere, its 90970 of 14 days billed as 1 unit)."""
    ends = [name for name in like if re.search(r"(^|_)(to|thru|through|end)(_|$)", export_key(name))]
    if not ends:
        return []
    return [f"date ← {columns.names[columns.positions('date')[0]]}; {ends[0]!r}, a span's end, is not read: each line "
            "is priced once, with the release in force on its date of service, whatever its span (a monthly service "
            "such as ESRD capitation 90951-90966 once a month, a per-day code's days are its units), and rvucalc "
            "applies no frequency edit to a span"]  # fmt: skip


def _second_code_notices(columns: ColumnMap) -> list[str]:
    """An anesthesia export's other code columns ('Surgical CPT', 'CPT Code' beside 'Anes Code'): not read, said with
    the column priced and how to price the other (an anesthesia trial: which of two code columns was priced was not
    said)."""
    code = columns.position("code")
    if code is None:
        return []
    read = {position for positions in columns.roles.values() for position in positions}
    others = [name for position, name in enumerate(columns.names) if position not in read
              and (_ROLE_OF_KEY.get(header_key(name)) == "code" or _ROLE_OF_EXPORT_KEY.get(export_key(name)) == "code"
                   or bool(set(export_key(name).split("_")) & CODE_ROLE_WORDS)
                   or _names_the_anesthesia_code(export_key(name)))]  # fmt: skip
    anesthetic = _names_the_anesthesia_code(export_key(columns.names[code]))
    # 'ASA Code' beside 'CPT' in an anesthesia export (base units or minutes read): not read by its name (some exports'
    # physical status), but an anesthesia group's trial's held 01402 beside the surgery's 27447 under 'CPT', every row
    # refused "anesthesia modifiers go with anesthesia codes" (exit 1) with no word of the column.
    anesthesia_export = columns.position("base_units") is not None or columns.position("minutes") is not None
    asa = [name for position, name in enumerate(columns.names)
           if position not in read and export_key(name) == "asa_code"]  # fmt: skip
    if asa and anesthesia_export and not anesthetic:
        return [f"code ← {columns.names[code]} is the code priced; {asa[0]!r} is not read (some exports' physical "
                f"status): if it holds the anesthesia codes (00100-01999), --columns code={asa[0]!r}"]  # fmt: skip
    if not others or not (anesthetic or any(_names_the_anesthesia_code(export_key(name)) for name in others)):
        return []
    shown = ", ".join(repr(name) for name in others)
    what = " (the anesthesia code, 00100-01999, paid by base and time units)" if anesthetic else ""
    whose = " (the surgery's code, in an anesthesia export)" if anesthetic else ""
    return [
        f"code ← {columns.names[code]}{what} is the code priced; {shown} "
        f"{'is' if len(others) == 1 else 'are'} not read{whose}: to price "
        f"{'it' if len(others) == 1 else 'one'} instead, --columns code={others[0]!r}"
    ]


def _unread_lookalikes(columns: ColumnMap) -> list[str]:
    """A stderr line per role with no column when a column no role took looks like it ('Mod Code X'); for a modifier
    or units role that has columns, a line per look-alike beside them ('Modifiers' beside 'Modifier 1')."""
    read = {position for positions in columns.roles.values() for position in positions}
    # Keyed as --columns names the column: of two columns named 'Units', the unread one is 'Units#1' (a claim export's
    # repeated 'Units' was said as "units ← Units; 'Units' also looks like a units column", naming neither).
    unread = {columns._written(position): export_key(name).split("_")
              for position, name in enumerate(columns.names) if position not in read}  # fmt: skip
    notices = []
    for role, words in _LOOKALIKE_WORDS.items():
        if role == "date" and columns.position("year") is not None:
            continue
        has_column = columns.position(role) is not None
        if has_column and role == "date":
            notices += _span_end_beside_date(columns, [name for name, tokens in unread.items()
                                                       if _looks_like(role, words, set(tokens), True)])  # fmt: skip
        if has_column and role not in _ALSO_WHEN_READ:
            continue
        like = [
            name
            for name, tokens in unread.items()
            if _looks_like(role, words, set(tokens), has_column)
            and not (role == "units" and _names_anesthesia_units(set(tokens), _anesthesia_export(columns)))
        ]
        if role == "date":  # a 'Date To' is the end of a span, not the date of service
            ends = [name for name in like if re.search(r"(^|_)(to|thru|through|end)(_|$)", export_key(name))]
            like = [name for name in like if name not in ends]
            if not like and not has_column:
                notices += _span_end_and_month_hints(ends, unread)

        if not like:
            continue
        looks = "looks" if len(like) == 1 else "look"
        shown = ", ".join(repr(n) for n in like)
        if has_column and role == "modifier":
            # --columns modifier= reads it instead of the modifiers read (a trial was told only that for a second
            # modifier column): the next slot reads it beside them.
            read_positions = columns.positions(role)
            read_names = " + ".join(columns.names[p] for p in read_positions)
            slot = MODIFIER_SLOTS[min(len(read_positions), len(MODIFIER_SLOTS) - 1)]
            notices.append(
                f"{role} ← {read_names}; {shown} also {looks} like a {role} column and "
                f"{'is' if len(like) == 1 else 'are'} not read: if {'it holds' if len(like) == 1 else 'one holds'} "
                f"more modifiers, read it too with --columns {slot}={like[0]!r} (or instead, if it holds them all: "
                f"--columns modifier={like[0]!r})"
            )
        elif has_column:
            read_names = " + ".join(columns._written(p) for p in columns.positions(role))
            notices.append(
                f"{role} ← {read_names}; {shown} also {looks} like a {role} column and "
                f"{'is' if len(like) == 1 else 'are'} not read: if {'it is' if len(like) == 1 else 'one is'} the "
                f"one, say so with --columns {role}={like[0]!r}"
            )
        elif role == "modifier" and len(like) > 1:
            # Several modifier look-alikes ('Mod X', 'Mod Y'): one --columns value reads them all, modifier 1-4 in
            # order (a podiatry trial's 'Mod A'..'Mod C' were hinted as modifier='Mod A' alone, its second dropped)
            named = ",".join(f"{slot}={name!r}" for slot, name in zip(MODIFIER_SLOTS, like, strict=False))
            more = "" if len(like) <= len(MODIFIER_SLOTS) else f" (up to {len(MODIFIER_SLOTS)} modifier columns)"
            notices.append(f"no {role} column read, though {shown} {looks} like one: if they hold the line's "
                           f"modifiers, say so with --columns {named}{more}, read in that order")  # fmt: skip
        else:
            notices.append(f"no {role} column read, though {shown} {looks} like one: "
                           f"say so with --columns {role}={like[0]!r}")  # fmt: skip
    return notices


# Words of a header that may be the line's paid amount or its charge (a role with no column read: a wound care trial's
# 'Payments' and 'Gross Charges' were passed through without a word, nothing compared); a header with a word of
# another money or a non-money meaning is none ('Patient Paid', 'Copay', 'Adjustments', 'Paid Date', 'Charge Code').
_MONEY_LOOKALIKE_WORDS = {
    "paid": frozenset({"paid", "payment", "payments", "pmt", "pmts", "reimbursement", "reimb", "remit"}),
    # 'Chrg Amt', 'Amount Charged' too (a review: unnamed, and 'Fee' beside them read as the charge)
    "charge": frozenset({"charge", "charges", "chg", "chgs", "billed", "chrg", "chrgs", "charged"}),
}
_NOT_MONEY_LOOKALIKE_WORDS = frozenset({
    "patient", "pt", "pat", "copay", "coins", "coinsurance", "deductible", "ded", "adj", "adjustment", "adjustments",
    "balance", "bal", "date", "dt", "writeoff", "write", "status", "code", "type", "count", "qty", "units", "unit",
    "refund", "expected", "contract", "contracted", "posted", "method", "number", "no", "id", "nbr", "batch",
    "check", "eft", "trace", "denial", "denied", "reason", "plan", "secondary", "sec", "allowed", "allowable",
})  # fmt: skip


def _charge_lookalikes(names: Sequence[str], read: Collection[int]) -> list[int]:
    """The columns no role read whose names look like the line's charge ('Total Chg', 'Billed $'), as
    ``_unread_money_lookalikes`` names them."""
    words = _MONEY_LOOKALIKE_WORDS["charge"]
    return [position for position, name in enumerate(names) if position not in read
            and (tokens := set(export_key(name).split("_"))) & words
            and not tokens & (_NOT_MONEY_LOOKALIKE_WORDS | _DESCRIPTION_WORDS)]  # fmt: skip


def _unread_money_lookalikes(columns: ColumnMap) -> list[str]:
    """A stderr line for the paid or charge role with no column read when a column no role took looks like it: its
    values are passed through, compared with nothing, unless --columns says so."""
    read = {position for positions in columns.roles.values() for position in positions}
    notices = []
    # Two or more remit allowed amounts ('Allowed' beside 'Insurance Allowed': REMIT_ALLOWED) leave the paid role
    # unread (resolve_columns reads one alone): said, not passed over (a review: an export with 'Allowed' and
    # 'Insurance Allowed' compared nothing without a word, where 'Allowed' had been read before 'Insurance Allowed' was
    # known as the remit's).
    allowed = [name for position, name in enumerate(columns.names)
               if position not in read and export_key(name) in REMIT_ALLOWED]  # fmt: skip
    if columns.position("paid") is None and len(allowed) > 1 and not priced_before(list(columns.names)):
        shown = " and ".join(repr(name) for name in allowed)
        notices.append(f"no paid column read, though {shown} each look like the remit's allowed amount: they are "
                       "passed through, compared with nothing; say which is Medicare's allowed amount with "
                       f"--columns paid={allowed[0]!r}")  # fmt: skip
    for role, words in _MONEY_LOOKALIKE_WORDS.items():
        if columns.position(role) is not None:
            continue
        like = [name for position, name in enumerate(columns.names) if position not in read
                and (tokens := set(export_key(name).split("_"))) & words
                and not tokens & _NOT_MONEY_LOOKALIKE_WORDS]  # fmt: skip
        if like:
            what = "the payer's paid amount" if role == "paid" else "the line's billed charge"
            shown = ", ".join(repr(name) for name in like)
            notices.append(f"no {role} column read, though {shown} {'looks' if len(like) == 1 else 'look'} like "
                           f"one: it is passed through, compared with nothing; if it is {what}, say so with "
                           f"--columns {role}={like[0]!r}")  # fmt: skip
    return notices


def _span_end_and_month_hints(ends: list[str], unread: dict[str, list[str]]) -> list[str]:
    """With no date column read and no other look-alike: a span's end ('Thru Date', 'Thru Dt', 'Service To Date') or
    a month column ('Service Month') named with the --columns that reads it (README: a column that looks like a date
    column is named on stderr). A trial's file of such a column alone was priced with the newest release, said only
    'no date column'. A month cell (03/2025, 2025-03) is not read as a date: the day is not guessed (its row would be a
    bad_date), so a month column is named with what to give instead."""
    notices = [
        f"no date column read, though {name!r} looks like one, the end of each line's service dates: if the "
        f"line is one day's (its date of service), say so with --columns date={name!r}"
        for name in ends
    ]
    months = [name for name, tokens in unread.items()
              if "month" in tokens and not _NOT_LOOKALIKE_WORDS & set(tokens)]  # fmt: skip
    notices += [f"no date column read, though {name!r} looks like one, a month: --columns date={name!r} reads it "
                "only where its cells are days (2025-03-14, 03/14/2025), not a month alone (03/2025, 2025-03 are "
                "bad_date): give the date of service column if the file has it" for name in months]  # fmt: skip
    return notices


def _looks_like(role: str, words: tuple[str, ...], tokens: set[str], beside_read: bool) -> bool:
    if beside_read and _DESCRIPTION_WORDS & tokens:
        return False
    if role == "units" and not _NOT_QUANTITY_WORDS & tokens:
        if any(t.startswith(_QUANTITY_WORDS) for t in tokens):
            return True
        if beside_read:  # beside a units column, 'Units Billed' (plural) is one; 'Nursing Unit' is not
            return "units" in tokens
    return not _NOT_LOOKALIKE_WORDS & tokens and any(
        t.startswith(words) and not t.startswith(_NOT_LOOKALIKE) for t in tokens
    )


# An anesthesia export's 'Time Units' ('Anes Time Units', 'Anesthesia Time Units'; 'Anes Units', 'Total Anes Units':
# base plus time units): "Actual anesthesia time in minutes is reported on the claim ... the A/B MAC computes time
# units by dividing reported anesthesia time by 15 minutes. Round the time unit to one decimal place" (Claims
# Processing Manual, Pub. 100-04, ch. 12 §50.G), so a time units cell of 2 is 30 minutes, not 2. A GI group's
# anesthesia export ('Base Units', 'Time Units' 2.1, CRNA 00811-QZ) was told "no units column read, though 'Time
# Units' looks like one: say so with --columns units='Time Units'", and that reading priced its 00812-QZ-33 of 3 base
# units and 2 time units at ZIP 15213 (2026-08-04) as 3 base units and 2 minutes (0.1 time unit): $62.56, not (3 + 2)
# x $20.18 = $100.90. Such a column is no units column: named as what it is, with the minutes rvucalc prices by.
# 'Time Units' alone is so only in an anesthesia export (a base units or minutes column read): a therapy export's may
# be its timed codes' units (97110 x 3), and is offered as the units as before.
_ANESTHESIA_UNIT_WORDS = frozenset({"anes", "anesthesia", "asa"})


def _anesthesia_export(columns: ColumnMap) -> bool:
    return columns.position("base_units") is not None or columns.position("minutes") is not None


def _names_anesthesia_units(tokens: set[str], anesthesia_export: bool) -> bool:
    """A header's words ('Anes Units'; 'Time Units' in an anesthesia export) name anesthesia time units or base plus
    time units, not a line's units."""
    words = _ANESTHESIA_UNIT_WORDS | ({"time", "tm"} if anesthesia_export else set())
    return bool(tokens & words) and any(t in ("unit", "units") for t in tokens)


def _anesthesia_units_notices(columns: ColumnMap) -> list[str]:
    """A stderr line for an unread anesthesia time units column ('Time Units'), and for one read as the minutes
    (--columns minutes='Time Units', or units='Time Units' read as an anesthesia line's minutes)."""
    read = {position for positions in columns.roles.values() for position in positions}
    what = ("anesthesia time units (the minutes divided by 15, to one decimal: Claims Processing Manual ch. 12 §50.G) "
            "or base plus time units")  # fmt: skip
    notices = []
    unread = [columns._written(position) for position, name in enumerate(columns.names)
              if position not in read
              and _names_anesthesia_units(set(export_key(name).split("_")), _anesthesia_export(columns))]  # fmt: skip
    if unread:
        shown = " and ".join(repr(name) for name in unread)
        notices.append(f"{shown} not read: {'it looks' if len(unread) == 1 else 'they look'} like {what}, not a "
                       "line's units or minutes: rvucalc prices an anesthesia line from its base units and its "
                       "minutes; give the minutes as a column and name it with --columns minutes=COLUMN")  # fmt: skip
    minutes = columns.position("minutes")
    if minutes is None and columns.position("base_units") is not None:
        minutes = columns.position("units")  # an anesthesia line's units are read as its minutes
    if minutes is not None and _names_anesthesia_units(set(export_key(columns.names[minutes]).split("_")), True):
        notices.append(f"minutes ← {columns.names[minutes]}: its header names {what}; rvucalc reads the cells as "
                       "minutes, so a cell of 2 time units (30 minutes) is priced as 2 minutes: give the minutes "
                       "instead (--columns minutes=COLUMN)")  # fmt: skip
    return notices


def _clock_time_notices(columns: ColumnMap) -> list[str]:
    """Start and stop time columns (an anesthesia export's 'Start Time', 'Stop Time') where no minutes column is read:
    not read, and said (the anesthesia minutes are what is priced)."""
    if columns.position("minutes") is not None or columns.position("base_units") is None:
        return []
    read = {position for positions in columns.roles.values() for position in positions}
    clocks = [name for position, name in enumerate(columns.names)
              if position not in read and _CLOCK_TIME.search(export_key(name))
              and set(export_key(name).split("_")) & _TIME_WORDS]  # fmt: skip
    if not clocks:
        return []
    return [f"{' and '.join(repr(name) for name in clocks)} not read: rvucalc prices an anesthesia line by its "
            "minutes (the anesthesia time, Claims Processing Manual ch. 12 §50.G), not by clock times (a case past "
            "midnight needs the date of each); add the minutes (stop minus start) as a column and name it with "
            "--columns minutes=COLUMN"]  # fmt: skip


# Headers some practice-management exports write their CPT/HCPCS code under, and others a description under (a trial's
# 'Procedure' column held 66984, 92014; the test files' exports hold "Office visit, est." there): never read as the
# code by their name, but named in the "no code column" message, with the --columns that reads them. A laboratory
# system's requisition export names its column 'Test Code' (a lab trial's held 80053, 85025) or 'Order Code', and others
# write the lab's own test number or the test's name there: named, not read, the same way. A radiology information
# system's 'Exam Code' ('Study Code') holds the CPT code in some exports (an imaging center's trial: 70553, 74177) and
# the RIS's own exam number in others ('CTHDWO'): named, not read, as well (the trial's file was told only "Name one
# CPT, HCPCS or code"). An anesthesia billing export's 'ASA Code' held 00790, 01967 (an anesthesia group's trial,
# told only that) and is some exports' physical status (``_names_the_code``): named, not read. A behavioral health
# practice's TherapyNotes-style export writes the CPT code under 'Service Code' (a trial's 90837, 90791 beside 'Date of
# Service', 'Clinician', 'Credentials'), which a hospital's or agency's system may use for its own service number: it
# was refused with no column named; named, not read, the same way, as is a SimplePractice-style 'Billing Code'.
MAYBE_CODE_NAMES = frozenset({"procedure", "procedures", "proc", "service", "services", "svc",
                              "test_code", "test", "test_cd", "order_code",
                              "exam_code", "exam_cd", "study_code", "asa_code",
                              "service_code", "service_cd", "svc_code", "svc_cd", "billing_code"})  # fmt: skip


def code_column_hint(names: list[str], used: set[int] | frozenset[int] = frozenset()) -> str:
    """The sentence a "no code column" message ends with when a column named as ``MAYBE_CODE_NAMES`` (not read in
    another role) may hold the codes: " If 'Procedure' holds the codes, add --columns code=Procedure."; else ''."""
    candidates = [p for p, name in enumerate(names) if p not in used and export_key(name) in MAYBE_CODE_NAMES]
    if not candidates:
        return ""
    named = " or ".join(repr(names[p]) for p in candidates)
    written = [_override_name(list(names), p) for p in candidates]
    options = " or ".join(f"--columns code={_shell_word(name)}" for name in written)
    return f" If {named} holds the codes, add {options}."


def _shell_word(text: str) -> str:
    """A column's name as typed after --columns code= in a shell: quoted when it holds a space or a shell mark."""
    return text if re.fullmatch(r"[A-Za-z0-9_.#/+:-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _layout_hint(names: list[str]) -> str:
    """When the header is one cell: another separator (a file separated by one of ``files.SEPARATORS`` is read so
    when its header names a code column), or a title row."""
    if len(names) != 1:
        return ""
    separator = next((mark for mark in (";", "\t", "|") if mark in names[0]), None)
    if separator is not None:
        return (f" The header is one cell holding {separator!r}: split at it, no cell names a code column either "
                "(rvucalc reads files separated by commas, tabs, '|' or ';').")  # fmt: skip
    return (
        " The first line is one cell: a title above the header is skipped once the header names its code column "
        "(a synonym above, or --columns code=COLUMN)."
    )


def no_date_notice(release: str) -> str:
    """The stderr line for an input without a date (or year) column."""
    return (
        f"no date column: every row priced with release {release}; add a date of service column "
        "(or --columns date=COLUMN) to price each line with the release in force on its date"
    )


# -- the pricer's view of a chunk ----------------------------------------------------------


class RowError(str):
    """A row's error message that also carries its kind (an ``ErrorKind`` value such as
    'bad_date' or 'bad_units'), so that whoever counts errors by kind need not read the text."""

    kind: str
    cell: str  # the cell as written, where one cell is the error ('0.5' of a bad units cell), else ''

    def __new__(cls, message: str, kind: str, cell: str = "") -> RowError:
        error = super().__new__(cls, message)
        error.kind = kind
        error.cell = cell
        return error

    def __reduce__(self) -> tuple[Any, ...]:  # pickled to Dask workers with its kind
        return (RowError, (str(self), self.kind, self.cell))


class RowNote(str):
    """A row's notes known before it is priced, carried where its error would be (a row's messages by position): the
    row is priced, and each part, a (``batch.lines.NOTE_SLOTS`` slot, text) pair, is added to its notes
    (``batch.lines.parse_lines``). A workbook's formula with no saved value outside the columns that price the row
    (``batch.workbook_input``). ``paid``: the row's paid cell was not read (not compared, counted as unread)."""

    parts: tuple[tuple[str, str], ...]
    paid: bool

    def __new__(cls, parts: tuple[tuple[str, str], ...], paid: bool = False) -> RowNote:
        note = super().__new__(cls, " ".join(text for _, text in parts))
        note.parts, note.paid = parts, paid
        return note

    def __reduce__(self) -> tuple[Any, ...]:  # pickled to Dask workers with its parts
        return (RowNote, (self.parts, self.paid))


def pricing_positions(columns: ColumnMap) -> set[int]:
    """The positions of the columns whose cells price a row: every role's but the paid and charge columns' (which are
    only compared with the amount), and the columns read beside them (a type of bill, a patient's ZIP, a revenue
    code)."""
    compared = {columns.position("paid"), columns.position("charge")}
    read = {position for positions in columns.roles.values() for position in positions if position not in compared}
    beside = (bill_type_position(columns), patient_zip_position(columns), revenue_code_position(columns))
    return read | {position for position in beside if position is not None}


def combined_modifiers(columns: list[Any]) -> Any:
    """Arrow string columns joined with '-' row by row, blank cells skipped; None when no column."""
    import pyarrow.compute as pc

    if not columns:
        return None
    cleaned = [pc.utf8_trim_whitespace(_as_text(column)) for column in columns]
    if len(cleaned) == 1:
        return cleaned[0]
    # Joined with blanks kept, then the separators of blank cells dropped. (With nulls for blanks and
    # null_handling='skip', pyarrow 26 drops the rows where every cell is null: a shorter column.)
    joined = pc.binary_join_element_wise(*cleaned, text_scalar("-"))  # an Arrow scalar: a str imports pandas
    return pc.utf8_trim(pc.replace_substring_regex(joined, "-{2,}", "-"), "-")


# A year written with a fraction of zeros ('2025.0': Excel's number cell exported to CSV, a trial's bad_date while its
# minutes '95.0' read as 95); any other text is the pricer's to read or refuse (batch.price.BatchPricer._release_for).
_YEAR_WITH_ZERO_FRACTION = re.compile(r"([0-9]{4})\.0+", re.ASCII)


def year_cell(text: str) -> str:
    """A year cell: '2025.0' -> '2025'; any other text as it is."""
    whole = _YEAR_WITH_ZERO_FRACTION.fullmatch(text.strip())
    return whole.group(1) if whole else text


_SLASH_DATE = re.compile(r"\s*([0-9]{1,2})/([0-9]{1,2})/[0-9]{4}\b", re.ASCII)


@dataclass
class DateOrder:
    """How a file's slash dates are read, over its chunks: month first (US, the default) until a date only valid day
    first (13/11/2025) is seen, day first from then on; 'refuse' once the column holds dates of both orders (its
    ambiguous dates are row errors naming them). A review: 03/11/2025 beside 13/11/2025 in a ';'-separated file was
    read as 11 March (release 2025A), silently. ``notices``: the stderr lines, taken by whoever reports them."""

    order: str = "month"
    day_first: str = ""  # the first date seen that is one only day first, and only month first
    month_first: str = ""
    ambiguous: str = ""  # an ambiguous date read month first before the column's order was known
    notices: list[str] = field(default_factory=list)
    # learnt from the whole column before any of its rows was read (batch.files.DateScan): no date was read in
    # another order before the column's was known
    ahead: bool = False

    def see(self, column: Any, name: str) -> None:
        """Learn from a chunk's date column (its distinct cells)."""
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import strings_of

        day = month = ambiguous = ""
        for value in strings_of(pc.unique(_as_text(column))):
            match = _SLASH_DATE.match(value)
            if match is None:
                continue
            first, second = int(match[1]), int(match[2])
            if first > 12 and 1 <= second <= 12:
                day = day or value.strip()
            elif second > 12 and 1 <= first <= 12:
                month = month or value.strip()
            elif first != second and first and second:
                ambiguous = ambiguous or value.strip()
        self.day_first, self.month_first = self.day_first or day, self.month_first or month
        if self.order != "refuse" and self.day_first and self.month_first:
            self.order = "refuse"
            self.notices.append(f"{name} holds dates day first ({self.day_first}) and month first "
                                f"({self.month_first}): a date valid in one order only is read in it, an ambiguous "
                                "one (both parts 12 or less) is its row's error, not guessed; write the dates as ISO "
                                "(2025-11-03)")  # fmt: skip
        elif self.order == "month" and self.day_first:
            self.order = "day"
            before = (f"; {self.ambiguous} and other dates in rows before it were read month first (the order was "
                      "not known yet): give ISO dates (2025-11-03), or a larger --chunk-rows" if self.ambiguous
                      and not self.ahead else "")  # fmt: skip
            self.notices.append(f"{name} holds {self.day_first}, a date only day first: its dates are read day first "
                                f"(dd/mm/yyyy: 03/11/2025 is 3 November 2025){before}")  # fmt: skip
        if self.order == "month":
            self.ambiguous = self.ambiguous or ambiguous


def _iso_date(order: str) -> Callable[[str], str]:
    """A date cell's ISO text, its slash dates read in ``order`` (``DateOrder``)."""
    return lambda text: parse_service_date(text, order).isoformat()


# A provider column named as the practitioner's CMS specialty ('Rendering Prov Specialty', Blue Button's
# 'PRVDR_SPCLTY', 'Spec Cd'): its one-digit cells are its two-digit codes whose zero a spreadsheet dropped
# (``lookup.credentials.specialty_code_padded``), read cell by cell, whatever chunk they are in.
_SPECIALTY_WORDS = frozenset({"specialty", "speciality", "specialties", "spec", "spclty", "spcl", "splty"})


def pricing_view(
    table: pa.Table, columns: ColumnMap, dates: DateOrder | None = None, *, asc_billing: bool = False
) -> tuple[pa.Table, dict[int, str]]:
    """The columns the pricer reads, under their role names (modifiers combined, dates as ISO
    text, units as plain digits), and the rows whose date or units cell is unreadable, with why
    (``RowError``: the message, and its kind in ``.kind``).

    Each distinct cell value is parsed once. ``dates``: the file's order of slash dates, kept over its chunks (none:
    this table's own). ``asc_billing``: the whole file's billing provider names an ASC in some row
    (``ASC_BILLING_KEY``)."""
    import pyarrow as pa

    arrays: dict[str, Any] = {}
    errors: dict[int, str] = report_lines(table, columns)  # first: a repeated header's 'Svc Date' is no bad date
    for role in ROLES:
        position = columns.position(role)
        if position is None:
            continue
        if role == "modifier":
            arrays[role] = columns.modifier_column(table)
        elif role == "date":
            order = dates if dates is not None else DateOrder()
            order.see(table.column(position), columns.names[position])
            arrays[role] = _per_distinct(table.column(position), _iso_date(order.order), errors, "bad_date")
        elif role == "units" and columns.position("minutes") in (None, position):
            # Units read as an anesthesia line's minutes (batch.lines.UNITS_AS_MINUTES) may be written h:mm ('1:35'),
            # as a minutes column's are: passed on as written, read as minutes on an anesthesia line and refused on
            # any other (batch.lines.parse_lines), whose code is not known here.
            before = set(errors)
            arrays[role] = _per_distinct(table.column(position), _units_or_duration, errors, "bad_units")
            _anesthesia_units_hint(table, columns, errors, before)
        elif role == "units":
            before = set(errors)
            arrays[role] = _per_distinct(table.column(position), lambda t: str(parse_units(t)), errors, "bad_units")
            _anesthesia_units_hint(table, columns, errors, before)
        elif role == "year":
            arrays[role] = _per_distinct(table.column(position), year_cell, errors, "bad_date")
        elif role == "volume":  # not the pricer's (a row is priced as one case): the totals' (BatchSummary)
            _volume_errors(table.column(position), columns.names[position], errors)
        elif role == "patient":  # compared across claims (batch.patient_days.with_patients), not priced
            continue
        elif role == "minutes" and position == columns.position("units"):
            continue  # one column for both: an anesthesia code's units are its minutes (batch.lines.parse_lines)
        elif role == "setting" and export_key(columns.names[position]) in TYPE_OF_BILL:
            arrays[role] = _per_distinct(table.column(position), type_of_bill, errors, "bad_setting")
        elif role == "provider" and _SPECIALTY_WORDS.intersection(export_key(columns.names[position]).split("_")):
            from rvucalc.lookup.credentials import specialty_code_padded  # '8' -> '08': Excel's lost zero

            arrays[role] = _per_distinct(table.column(position), specialty_code_padded, errors, "bad_provider")
        else:
            arrays[role] = _as_text(table.column(position))
    bill = bill_type_position(columns)
    if bill is not None and "setting" in arrays:
        places = arrays["setting"]
        arrays["setting"], beside = _place_or_bill(places, table.column(bill), errors)
        if beside is not None:  # a facility's own bill beside a POS, counted (batch.lines.Lines.bill_beside)
            arrays["bill_beside"] = beside
            import pyarrow.compute as pc

            # and the POS of the rows read as the bill, its department (PO, PN: batch.lines._bill_department_notes)
            own = false_where_null(pc.equal(beside, text_scalar(BILL_BESIDE_OWN)))
            arrays["bill_department"] = pc.if_else(own, places, text_scalar(""))
    patient = patient_zip_position(columns)
    if patient is not None:  # a DME row's DMEPOS state (batch.schedules), beside the zip its other rows are priced at
        arrays["patient_zip"] = _as_text(table.column(patient))
    billing = billing_provider_position(columns)
    if billing is not None:  # an ASC's own claim line at POS 24 by its billing provider (batch.lines.parse_lines)
        arrays["billing_provider"] = _as_text(table.column(billing))
    metadata: dict[bytes, bytes] = {ASC_BILLING_KEY: b"1"} if asc_billing and billing is not None else {}
    laterality = laterality_position(columns)
    if laterality is not None:  # not read as modifiers: a line it calls bilateral is noted (batch.lines)
        arrays["laterality"] = _as_text(table.column(laterality))
        metadata[LATERALITY_COLUMN_KEY] = columns.names[laterality].encode()
    revenue = revenue_code_position(columns)
    if revenue is not None:  # read on a line without a HCPCS code alone (batch.lines.REVENUE_CODE_LINE)
        arrays["revenue_code"] = _as_text(table.column(revenue))
    if "claim" in arrays and any(getattr(message, "kind", "") == "report_line" for message in errors.values()):
        arrays["claim"] = _claims_across_report_lines(arrays["claim"], errors)
    name = practitioner_name_position(columns)
    if name is not None and name < table.num_columns:  # read where the provider cell is blank (batch.lines)
        import json

        arrays["provider_name"] = _as_text(table.column(name))
        provider = columns.names[columns.position("provider") or 0]
        metadata[PROVIDER_NAME_COLUMNS_KEY] = json.dumps({"name": columns.names[name], "provider": provider}).encode()
    if metadata and arrays:
        return pa.table(arrays).replace_schema_metadata(metadata), errors
    return pa.table(arrays) if arrays else table.select([]), errors


# A volume cell: a whole number in plain digits, a fraction of zeros allowed ('37', '37.00': a spreadsheet's number),
# at most MAX_VOLUME; blank is no volume (the row's error: a count is needed to total it).
_VOLUME_CELL = r"^[0-9]{1,7}(\.0+)?$"


def volume_counts(column: Any) -> tuple[Any, Any]:
    """A volume column's cases per row (numpy int64, 0 where the cell is no volume) and where the cell is one (numpy
    bool): whole columns (arrow compute), no per-row Python."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import values_of

    text = pc.utf8_trim_whitespace(_as_text(column))
    whole = values_of(false_where_null(pc.match_substring_regex(text, _VOLUME_CELL)))
    digits = pc.replace_substring_regex(text, r"\.0+$", "")
    numbers = values_of(pc.cast(pc.if_else(bool_array(whole), digits, text_scalar("0")), pa.int64()))
    valid = whole & (numbers <= MAX_VOLUME)
    return np.where(valid, numbers, 0).astype(np.int64), valid


def volume_column(column: Any) -> Any:
    """The output's ``volume`` column: the cases read from each cell (int64), null where the cell is no volume (its
    row's error says why)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    counts, valid = volume_counts(column)
    return pc.if_else(bool_array(valid), int64_array(counts), pa.nulls(len(counts), pa.int64()))


def _volume_errors(column: Any, name: str, errors: dict[int, str]) -> None:
    """Each row whose volume cell is no whole number from 0 to MAX_VOLUME (blank too): a bad_volume error naming the
    cell and the column. Only the bad rows' cells are read in Python."""
    import numpy as np

    from rvucalc.batch.arrow_columns import strings_of

    bad = np.flatnonzero(~volume_counts(column)[1])
    if not len(bad):
        return
    cells = strings_of(_as_text(column).take(int64_array(bad)))
    for row, cell in zip(bad.tolist(), cells, strict=True):
        if cell.strip():
            message = (f"volume {cell.strip()!r} (column {name!r}) must be a whole number of cases from 0 to "
                       f"{MAX_VOLUME:,} in plain digits (37, or 37.00)")  # fmt: skip
        else:
            message = (f"volume blank (column {name!r}): give the row's number of cases, a whole number from 0 to "
                       f"{MAX_VOLUME:,} (0: priced, counted in no total)")  # fmt: skip
        errors.setdefault(row, RowError(message, ErrorKind.BAD_VOLUME.value))


# A units cell (beside a minutes column, or read as one) that holds an anesthesia line's total units ('13.3': base
# plus time units, as some payers and practice systems take them) was told only that units are whole numbers (an
# anesthesia group's trial). Medicare's claim reports an anesthesia line's time in minutes in its units field
# (Claims Processing Manual, Pub. 100-04, ch. 12 §50.G; lookup.pricer.UNITS_ARE_MINUTES): said on such a row whose
# code cell is an anesthesia code. Only the rows refused are looked at (the code is not yet parsed here: its cell's
# first five characters).
ANESTHESIA_UNITS_HINT = (
    ": on an anesthesia line Medicare's units are its time in minutes (Claims Processing Manual ch. 12 §50.G), not "
    "base plus time units: give the minutes (or 1)"
)


# A units cell such as '13.3' (units '0' or 'x' have their own words).
_FRACTION = re.compile(r"[0-9]+\.[0-9]+", re.ASCII)


def _anesthesia_units_hint(table: Any, columns: ColumnMap, errors: dict[int, str], before: set[int]) -> None:
    """Adds ``ANESTHESIA_UNITS_HINT`` to the bad_units errors just found (rows not in ``before``) on rows whose code
    cell is an anesthesia code (00100-01999, engine.pfs.is_anesthesia_code)."""
    code = columns.position("code")
    rows = [row for row, message in errors.items() if row not in before and getattr(message, "kind", "") == "bad_units"]
    if code is None or not rows:
        return
    from rvucalc.engine.pfs import is_anesthesia_code

    # Cell by cell (the few refused rows): pyarrow's take converts its indices, a list or a numpy array, by way of
    # pandas (imported: +0.1 s and +33 MB a run, test_schedules_pricing's import check)
    column = _as_text(table.column(code))
    cells = [column[row].as_py() or "" for row in rows]
    for row, cell in zip(rows, cells, strict=True):
        message = errors[row]
        if _FRACTION.fullmatch(getattr(message, "cell", "")) and is_anesthesia_code(cell.strip()[:5].upper()):
            errors[row] = RowError(f"{message}{ANESTHESIA_UNITS_HINT}", "bad_units", getattr(message, "cell", ""))


def _units_or_duration(text: str) -> str:
    """A units cell's whole number, or a time written h:mm as it is (``duration_minutes``)."""
    return text if duration_minutes(text) is not None else str(parse_units(text))


def bill_type_position(columns: ColumnMap) -> int | None:
    """The one type-of-bill column (``TYPE_OF_BILL``) beside a place-of-service column read as the setting; None when
    there is none, several, or the setting is itself the type of bill."""
    setting = columns.position("setting")
    if setting is None or export_key(columns.names[setting]) in TYPE_OF_BILL:
        return None
    read = {position for positions in columns.roles.values() for position in positions}
    found = [p for p, name in enumerate(columns.names) if export_key(name) in TYPE_OF_BILL and p not in read]
    return found[0] if len(found) == 1 else None


def _place_or_bill(places: Any, bills: Any, errors: dict[int, str]) -> tuple[Any, Any]:
    """The setting column of a file with a POS and a type of bill: the POS cell, or the type of bill where the POS is
    blank (a review: TOB 851 with a blank POS was priced at the OPPS, G0463 $153.13) or names the bill's own site
    (``_bill_beside``: 13x beside POS 19, 22 or 23, 83x beside 24, the facility's own bill). A bill type that
    ``resolve_site`` refuses (85x a CAH's, 71x/77x a clinic's, 11x/12x/14x, a void) is the setting whatever the POS:
    its row gets price's own error for ``--setting <TOB>``, never a facility's money (the UB-04 says whose claim it
    is; Pub. 100-04 ch. 25 §75.1, FL 4). A bad bill cell is an error only where it is read (a blank POS). With it, per
    row, ``_bill_beside``'s 'own' or 'other' (None where no row has a 13x or 83x bill beside a POS)."""
    import numpy as np
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import strings_of
    from rvucalc.engine.place_of_service import resolve_site

    unread: dict[int, str] = {}
    bill = _per_distinct(bills, type_of_bill, unread, "bad_setting")
    refused = []
    for value in strings_of(pc.unique(bill)):
        try:
            if value:
                resolve_site(value)
        except UsageError:
            refused.append(value)
    blank = pc.equal(pc.utf8_trim_whitespace(places), text_scalar(""))
    read = pc.or_(pc.and_(blank, pc.not_equal(bill, text_scalar(""))), pc.is_in(bill, value_set=string_array(refused)))
    beside = _bill_beside(places, bill, refused)
    if beside is not None:  # the facility's own bill beside a POS of its site: the bill, as alone
        read = pc.or_(read, pc.equal(beside, text_scalar(BILL_BESIDE_OWN)))
    if unread:
        at_blank = np.asarray(blank.to_numpy(zero_copy_only=False), dtype=bool)
        errors.update({row: message for row, message in unread.items() if at_blank[row] and row not in errors})
    return pc.if_else(read, bill, places), beside


# ``_bill_beside``'s words: a row's 13x or 83x type of bill beside a POS of that bill's site (read as the bill), and
# beside a POS of another place (the POS read, as before): counted on stderr (batch.files.BatchSummary)
BILL_BESIDE_OWN, BILL_BESIDE_OTHER = "own", "other"


def _bill_beside(places: Any, bills: Any, refused: Collection[str]) -> Any:
    """Per row whose type of bill (checked, ``type_of_bill``) is a facility's own (13x the hospital's, 83x the ASC's:
    engine.place_of_service.facility_bill) beside a POS cell: ``BILL_BESIDE_OWN`` where the POS names that bill's site
    (19, 22, 23 the hospital outpatient department; 24 the ASC), ``BILL_BESIDE_OTHER`` where it names another place
    (131 beside 11 or 21, 831 beside 22), else '' (no POS, a POS cell no setting, a bill ``refused``: a void or a
    non-payment bill, read whatever the POS); None where no row is either. Per distinct pair of cells.

    The POS is a professional claim's (CMS's Place of Service Code Set: "two-digit codes placed on health care
    professional claims", the CMS-1500 / 837P), the type of bill the institutional claim's (UB-04 FL 4, Pub. 100-04
    ch. 25 §75.1; the 837I carries no POS): a row with both is an export's, not a claim's. Where they name one site
    the row is a line of the facility's own UB-04, its POS the department (an Epic HB export writes 'Type of Bill'
    131 and 'Place of Service' 22 on each line of the hospital's claim): priced as the bill alone is, money, notes
    and totals (a review found its 93798 counted among the practitioners' claims at the PFS facility amount, $12.35,
    and a POS 22 therapist's 97110-GP denied as a private practice's). Where they disagree no CMS text says which the
    export meant: the POS stays read, as before, and stderr counts the rows."""
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import strings_of
    from rvucalc.engine.place_of_service import facility_bill, resolve_site

    def kind(pair: str) -> str:
        place, bill = pair.split("\x1f", 1)
        if not bill or not place.strip() or bill in refused or not facility_bill(bill):
            return ""
        try:
            site = resolve_site(place).site
        except UsageError:  # the POS cell's own error
            return ""
        return BILL_BESIDE_OWN if site == resolve_site(bill).site else BILL_BESIDE_OTHER

    blank = text_scalar("")
    pairs = pc.binary_join_element_wise(pc.fill_null(places, blank), pc.fill_null(bills, blank), text_scalar("\x1f"))
    distinct = strings_of(pc.unique(pairs))
    kinds = [kind(pair) for pair in distinct]
    if not any(kinds):
        return None
    return pc.take(string_array(kinds), pc.index_in(pairs, value_set=string_array(distinct)))


# A paid cell of a ';'-separated file (a comma-decimal locale's Excel CSV) with one comma and one or two digits after
# it ('12,50', '(12,50)', '$ 12,50', '12,50-'): a decimal comma (batch.files.run_batch says so once on stderr); with
# dots between thousands before it ('1.245,78', as that locale writes 1245.78) too: a review found it a bad_paid row
# error. '1,250' stays 1250.00 (no dot and three digits after the comma: as parse_paid reads it).
DECIMAL_COMMA_PAID = r"^\s*[-(]?\s*\$?\s*[-(]?\s*[0-9]+,[0-9]{1,2}\s*\)?\s*-?\s*$"
THOUSANDS_DOT_PAID = r"^\s*[-(]?\s*\$?\s*[-(]?\s*[0-9]{1,3}(\.[0-9]{3})+,[0-9]{1,2}\s*\)?\s*-?\s*$"
# The US form with both marks ('1,245.78'): a column holding it is no comma-decimal locale's.
_US_THOUSANDS_PAID = r"^\s*[-(]?\s*\$?\s*[-(]?\s*[0-9]{1,3}(,[0-9]{3})+\.[0-9]{1,2}\s*\)?\s*-?\s*$"
DECIMAL_COMMA_NOTICE = (
    "the input is ';'-separated (a comma-decimal locale's CSV): a paid cell with one comma and one or two digits "
    "after it (12,50), dots between thousands before it or not (1.234,56), is read with a decimal comma (1234.56)"
)
EUROPEAN_PAID_NOTICE = (
    "the paid column's amounts are written 1.234,56 (a comma-decimal locale's), none 1,234.56: its cells with a "
    "decimal comma are read so (1.234,56 is 1234.56; 12,50 is 12.50)"
)


def decimal_comma_paid(view: pa.Table, semicolon: bool = True) -> tuple[pa.Table, bool]:
    """``view`` (``pricing_view``'s) with its paid cells that match ``DECIMAL_COMMA_PAID`` or ``THOUSANDS_DOT_PAID``
    read with a decimal point, and whether there was one: in a ';'-separated file (``semicolon``), or in a column with
    a '1.234,56' cell and no '1,234.56' one (the form is then the column's: unambiguous). Whole columns (arrow
    compute), no per-row Python."""
    import pyarrow.compute as pc

    if "paid" not in view.column_names:
        return view, False
    paid = view.column("paid")
    dotted = false_where_null(pc.match_substring_regex(paid, THOUSANDS_DOT_PAID))
    if not semicolon:
        us = pc.any(pc.match_substring_regex(paid, _US_THOUSANDS_PAID)).as_py()
        if us or not pc.any(dotted).as_py():
            return view, False
    comma = false_where_null(pc.match_substring_regex(paid, DECIMAL_COMMA_PAID))
    if not pc.any(pc.or_(comma, dotted)).as_py():
        return view, False
    read = pc.if_else(dotted, pc.replace_substring(paid, ".", ""), paid)
    read = pc.if_else(pc.or_(comma, dotted), pc.replace_substring(read, ",", "."), read)
    return view.set_column(view.column_names.index("paid"), "paid", read), True


def _claims_across_report_lines(claims: Any, errors: dict[int, str]) -> Any:
    """The claim column with a report's page lines given the claim of the line before them (a leading one: none): a
    page break inside a claim does not cut it in two (a review: 29881 after a page break was priced apart from 27447,
    $4,482.17 instead of $313.33). The page lines are errors, no claim's lines (``claims.price_claims``)."""
    import numpy as np
    import pyarrow as pa

    report = np.zeros(len(claims), dtype=bool)
    report[[row for row, message in errors.items() if getattr(message, "kind", "") == "report_line"]] = True
    before = np.maximum.accumulate(np.where(report, -1, np.arange(len(claims))))
    filled = claims.take(int64_array(np.maximum(before, 0)))  # (pa.array of numpy would import pandas)
    return pa.chunked_array([filled]) if not isinstance(filled, pa.ChunkedArray) else filled


# A report exported with its page layout repeats its header at each page break and has page, title and total lines
# where the claim column is ('Page 1 of 2', 'Charge Detail Report', 'Total Charges:'): no service lines. A trial found
# the repeated header's 'Svc Date' a bad date and those cells listed as claims in --summary, which leaves them out.
REPEATED_HEADER = "the header repeated (a report's page break): not a service line"
REPORT_LINE = "no code, no date and no units: a report's page, title or total line, not a service line"


def report_lines(table: pa.Table, columns: ColumnMap) -> dict[int, str]:
    """The rows that are a repeated header (the code cell is the code column's name) or, in a file with a date
    column, have neither a code nor a date: ``RowError`` of kind 'report_line'. Whole columns; Python for found rows."""
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import string_array

    found: dict[int, str] = {}
    position = columns.position("code")
    if position is None:
        return found
    code = pc.utf8_trim_whitespace(_as_text(table.column(position)))
    # Arrow scalars, not str: converting a Python value makes pyarrow import pandas (0.15 s).
    header, empty = string_array([columns.names[position].strip(), ""])
    for row in pc.indices_nonzero(pc.equal(code, header)).to_pylist():
        found[row] = RowError(REPEATED_HEADER, "report_line")
    date = columns.position("date")
    # A totals row written in the code column ("Total", "Grand Total", "Subtotal": TOTAL_CELL) with no date: a
    # report's total line, as the same row with "Total" in the claim column is (a spine trial's ',,,,Total,,1' was a
    # malformed code). A row with a date is a service line's, and its 'TOTAL' code an error; so is it in a file
    # without a date column (test_a_blank_row_is_no_row_and_a_totals_row_says_what_it_looks_like: "a totals row?").
    if date is not None:
        totals = pc.and_(pc.match_substring_regex(code, TOTAL_CELL, ignore_case=True),
                         pc.equal(pc.utf8_trim_whitespace(_as_text(table.column(date))), empty))  # fmt: skip
        for row in pc.indices_nonzero(totals).to_pylist():  # nulls are not nonzero (a Python False imports pandas)
            found.setdefault(row, RowError(CODE_CELL_TOTAL, "report_line"))
        # No code and a total's label in the date column ('Total Charges:' beside the units' total): a report's total
        # line (a trial's charge detail report had it a bad date). A date cell never begins with the word.
        labelled = pc.and_(pc.equal(code, empty), pc.match_substring_regex(
            _as_text(table.column(date)), DATE_CELL_TOTAL, ignore_case=True))  # fmt: skip
        for row in pc.indices_nonzero(labelled).to_pylist():
            found.setdefault(row, RowError(REPORT_DATE_TOTAL, "report_line"))
        blank = pc.and_(pc.equal(code, empty), pc.equal(pc.utf8_trim_whitespace(_as_text(table.column(date))), empty))
        units = columns.position("units")
        if units is not None:  # a line with units is a service line (a UB-04 revenue-code line without HCPCS or date)
            counted = pc.indices_nonzero(pc.and_(blank, pc.not_equal(
                pc.utf8_trim_whitespace(_as_text(table.column(units))), empty))).to_pylist()  # fmt: skip
            blank = pc.and_(blank, pc.equal(pc.utf8_trim_whitespace(_as_text(table.column(units))), empty))
            # ... unless a cell says it is a total ("Total", "Grand Total": a report's sum of the units; a trial's
            # was a malformed code, and a claim named "Total" in --summary).
            for row in _total_rows(table, counted):
                found[row] = RowError(REPORT_TOTAL, "report_line")
        for row in pc.indices_nonzero(blank).to_pylist():
            found[row] = RowError(REPORT_LINE, "report_line")
    for row in _subtotal_rows(table, columns, code):
        if found.get(row) != REPEATED_HEADER:
            found[row] = RowError(SUBTOTAL_ROW, "report_line")
    return found


# A claim report's subtotal row: its claim's amounts summed under its lines ("S1 Total", "Claim Total", "Total for
# S1" in the claim or code cell, or no code, no units and an amount). A review found them malformed-code rows and
# claims of their own in --summary. Not a line: not priced, no claim's (they take the claim above, as page lines do).
SUBTOTAL_ROW = "subtotal row, not a line: a claim's or report's total (an amount and no code of a service), skipped"
_TOTAL_WORD = r"(^|[^a-z0-9])(sub\s*-?\s*)?totals?($|[^a-z0-9])"
_AMOUNT_WORDS = frozenset({"charge", "charges", "chg", "billed", "amount", "amt", "paid", "payment", "pmt", "allowed",
                           "balance", "fee", "fees"})  # fmt: skip


# A revenue code cell (3-4 digits) is a service line's, but for 0001, the UB-04's total charges line (FL 42 line 23),
# which stays a subtotal row.
_REVENUE_CODE_CELL = r"^[0-9]{3,4}$"
_CLAIM_TOTAL_REVENUE_CODE = r"^0?001$"


def _subtotal_rows(table: pa.Table, columns: ColumnMap, code: Any) -> list[int]:
    """The rows (``SUBTOTAL_ROW``) with an amount (the paid column, or a charge's or amount's by its name), whose code
    cell is blank or a total's label, and which say they are a total (in the claim or code cell) or have no units and
    no revenue code of a line (``_REVENUE_CODE_CELL``, not 0001: such a row is a hospital's revenue-code line, whose
    remit carries its charges and paid amount, batch.lines.REVENUE_CODE_LINE)."""
    import pyarrow.compute as pc

    amounts = [p for p, name in enumerate(columns.names) if p < table.num_columns and (
        p == columns.position("paid") or set(export_key(name).split("_")) & _AMOUNT_WORDS)]  # fmt: skip
    if not amounts:
        return []
    labelled = pc.match_substring_regex(code, _TOTAL_WORD, ignore_case=True)
    blank = text_scalar("")
    candidates = pc.or_(pc.equal(code, blank), labelled)
    if not pc.any(candidates).as_py():
        return []
    amount = None
    for position in amounts:
        given = pc.not_equal(pc.utf8_trim_whitespace(_as_text(table.column(position))), blank)
        amount = given if amount is None else pc.or_(amount, given)
    said = labelled
    claim = columns.position("claim")
    if claim is not None:
        said = pc.or_(said, pc.match_substring_regex(_as_text(table.column(claim)), _TOTAL_WORD, ignore_case=True))
    units = columns.position("units")
    unitless = pc.equal(code, blank) if units is None else pc.and_(
        pc.equal(code, blank), pc.equal(pc.utf8_trim_whitespace(_as_text(table.column(units))), blank))  # fmt: skip
    revenue = revenue_code_position(columns)
    if revenue is not None:  # a hospital's revenue-code line: charges and paid on every line of a remit, no units
        cell = pc.utf8_trim_whitespace(_as_text(table.column(revenue)))
        line = pc.and_(pc.match_substring_regex(cell, _REVENUE_CODE_CELL),
                       pc.invert(pc.match_substring_regex(cell, _CLAIM_TOTAL_REVENUE_CODE)))  # fmt: skip
        unitless = pc.and_(unitless, pc.invert(false_where_null(line)))
    subtotal = pc.and_(pc.and_(candidates, amount), pc.or_(said, unitless))
    return list(pc.indices_nonzero(subtotal).to_pylist())


REPORT_TOTAL = "no code and no date, and a cell says it is a total: a report's total line, not a service line"
CODE_CELL_TOTAL = "the code cell says it is a total and there is no date: a report's total line, not a service line"
REPORT_DATE_TOTAL = "no code, and the date cell says it is a total: a report's total line, not a service line"
DATE_CELL_TOTAL = r"^\s*(grand\s+|sub\s*-?\s*)?totals?\b"  # 'Total Charges:', 'Totals', 'Grand Total'
# The whole cell: a description that begins "Total knee implant" is a service line's (a review).
TOTAL_CELL = r"^\s*(grand\s+|sub\s*-?\s*)?totals?\s*:?\s*$"


def _total_rows(table: pa.Table, rows: list[int]) -> list[int]:
    """Of these rows, those with a cell that is "Total", "Grand Total" or "Subtotal" (a colon after it too)."""
    import pyarrow.compute as pc

    if not rows:
        return []
    picked = table.take(int64_array(rows))
    said = [False] * len(rows)
    for column in picked.columns:
        matches = pc.match_substring_regex(_as_text(column), TOTAL_CELL, ignore_case=True).to_pylist()
        said = [a or bool(b) for a, b in zip(said, matches, strict=True)]
    return [row for row, total in zip(rows, said, strict=True) if total]


def _as_text(column: Any) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not pa.types.is_string(column.type):
        column = pc.cast(column, pa.string())
    return pc.fill_null(column, text_scalar("")) if column.null_count else column


def _per_distinct(column: Any, parse: Callable[[str], str], errors: dict[int, str], kind: str) -> Any:
    """``parse`` applied once per distinct (stripped) value; blank stays blank; a ValueError
    blanks the cell and records its message for every row holding that value."""
    import numpy as np
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import string_array, strings_of, values_of

    encoded = _as_text(column).dictionary_encode()
    outputs: list[str] = []
    messages: list[RowError | None] = []
    for value in strings_of(encoded.dictionary):
        text = value.strip()
        try:
            outputs.append(parse(text) if text else "")
            messages.append(None)
        except ValueError as exc:
            outputs.append("")
            messages.append(RowError(str(exc), kind, text))
    indices = values_of(encoded.indices)
    bad = np.array([m is not None for m in messages], dtype=bool)
    if bad.any():
        for row in np.flatnonzero(bad[indices]).tolist():
            message = messages[indices[row]]
            assert message is not None
            errors.setdefault(row, message)
    return pc.take(string_array(outputs), encoded.indices)
