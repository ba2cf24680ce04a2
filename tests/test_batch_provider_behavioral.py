"""Behavioral health practitioners in a provider column and ``--provider``: a clinical social worker, a marriage and
family therapist or a mental health counselor (csw: 75% of the PFS amount, as AJ prices it; 42 CFR 414.53, SSA
§1833(a)(1)(F)) and a clinical psychologist (the full PFS amount, as AH; Claims Processing Manual ch. 12 §160), both
paid on assignment only (SSA §1842(b)(18)(C)): no limiting charge.

A behavioral health group's trial: LCSW and LMFT lines (90837-95, POS 10, ZIP 10001) were "not read as a
practitioner" and priced at 100% with a limiting charge ($181.97 where the AJ line is $136.48); PhD and PsyD lines kept
a limiting charge. The amounts are checked against CMS's published RVUs, GPCIs and conversion factor (75% of the fee,
rounded once half-up) and against the single lookup's AJ and AH lines, line by line and in seeded encounters.
"""

from __future__ import annotations

import csv
import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import PROVIDER_BITS, provider_not_read_note, provider_of
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app
from rvucalc.errors import RvucalcError, UsageError
from rvucalc.lookup.lines import PROVIDERS
from rvucalc.lookup.pricer import Pricer
from test_batch_claims import _check_row as check_row

ZIP, DATE = "02139", "2026-08-03"
SOCIAL_WORKERS = ["LCSW", "LICSW", "CSW", "LCSW-C", "lcsw", "Clinical Social Worker", "SMITH, JO LCSW"]
THERAPISTS_AND_COUNSELORS = ["LMFT", "MFT", "Marriage and Family Therapist", "LMHC", "MHC", "LPC", "LCPC", "LPCC",
                             "Mental Health Counselor", "DOE, SAM LMFT"]  # fmt: skip
PSYCHOLOGISTS = ["PhD", "Ph.D.", "PsyD", "Psy.D.", "Psychologist", "Clinical Psychologist", "68", "LEE, ANN PSYD"]


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _fee(pfs: Any, pe: str) -> Fraction:
    """CMS's formula on its published figures: (work x GPCI + PE x GPCI + MP x GPCI) x CF, unrounded."""
    row, gpci, cf = pfs.rvu, pfs.gpci, pfs.conversion_factor
    return (Fraction(row.work) * Fraction(gpci.work) + Fraction(getattr(row, pe)) * Fraction(gpci.pe)
            + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(cf)  # fmt: skip


def _cents(amount: Fraction) -> Decimal:
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


# -- the cells ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "provider"),
    [*((cell, "csw") for cell in SOCIAL_WORKERS + THERAPISTS_AND_COUNSELORS),
     *((cell, "psychologist") for cell in PSYCHOLOGISTS),
     # a physician with a research doctorate stays a physician
     ("MD, PHD", "physician"), ("MD PhD", "physician"), ("DO/PhD", "physician"), ("SMITH, JO MD, PHD", "physician")],
)  # fmt: skip
def test_behavioral_health_provider_cells(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


def test_provider_names_are_extended_never_renamed() -> None:
    assert PROVIDERS[:8] == ("physician", "np", "pa", "cns", "crna", "csw", "psychologist", "chiropractor")
    assert len(PROVIDERS) <= 1 << PROVIDER_BITS  # batch keeps a cell's provider in PROVIDER_BITS bits
    assert Scenario.parse(provider="CSW").provider == "csw"
    assert Scenario.parse(provider="psychologist").provider == "psychologist"


def test_the_not_read_note_and_the_error_name_them() -> None:
    note = " ".join(provider_not_read_note("Individual", "physician").split())
    for word in ("LCSW", "LMFT", "LMHC", "PsyD", "PhD", "75%"):
        assert word in note, word
    with pytest.raises(ValueError) as raised:
        provider_of("Individual")
    for word in ("LCSW", "LMFT", "LMHC", "PsyD", "psychologist", "CSW"):
        assert word in str(raised.value), word


# -- the money ---------------------------------------------------------------------------------------------------


def test_a_csw_line_is_the_aj_line_75_percent_of_cms_s_fee(pricer: Pricer) -> None:
    plain = pricer.price("90837", zip_code=ZIP, date_of_service=DATE).pfs
    with_aj = pricer.price("90837", modifier="AJ", zip_code=ZIP, date_of_service=DATE).pfs
    expected = {"non_facility": _cents(_fee(plain, "pe_non_facility") * Fraction(3, 4)),
                "facility": _cents(_fee(plain, "pe_facility") * Fraction(3, 4))}  # fmt: skip
    assert expected["non_facility"] == Decimal("134.91")
    for modifier in (None, "AJ"):  # AJ on a csw's line: 75% once, not 56.25%
        social = pricer.price("90837", modifier=modifier, zip_code=ZIP, date_of_service=DATE, provider="csw").pfs
        for setting, amount in expected.items():
            assert getattr(social, setting).amount == getattr(with_aj, setting).amount == amount, (modifier, setting)
            assert getattr(social, setting).limiting_charge is None, (modifier, setting)


def test_batch_prices_a_csw_or_psychologist_cell_as_the_aj_or_ah_line(pricer: Pricer) -> None:
    cells = [(cell, "") for cell in SOCIAL_WORKERS + THERAPISTS_AND_COUNSELORS] + [("LCSW", "AJ"), ("LMFT", "95")]
    psych = [(cell, "") for cell in PSYCHOLOGISTS] + [("PsyD", "AH")]
    rows = [{"code": "90837", "modifier": modifier, "zip": ZIP, "date": DATE, "setting": "11", "provider": cell}
            for cell, modifier in cells]  # fmt: skip
    rows += [{"code": "96130", "modifier": modifier, "zip": ZIP, "date": DATE, "setting": "11", "provider": cell}
             for cell, modifier in psych]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in rows[0]}))
    aj = pricer.price("90837", modifier="AJ", zip_code=ZIP, date_of_service=DATE).pfs
    ah = pricer.price("96130", modifier="AH", zip_code=ZIP, date_of_service=DATE).pfs
    physician = pricer.price("96130", zip_code=ZIP, date_of_service=DATE).pfs
    for row, priced in zip(rows, out.to_pylist(), strict=True):
        assert priced["error"] == "" and "not read" not in priced["note"], (row, priced["note"])
        expected = aj if row["code"] == "90837" else ah
        for setting in ("non_facility", "facility"):
            assert _money(priced[f"pfs_{setting}_amount"]) == getattr(expected, setting).amount, (row, setting)
            assert priced[f"pfs_{setting}_limiting_charge"] is None, (row, setting)
        assert "must accept assignment" in priced["note"], row
        if row["code"] == "96130":  # the psychologist's: the physician's amount, 100%
            assert _money(priced["pfs_non_facility_amount"]) == physician.non_facility.amount
            assert physician.non_facility.limiting_charge is not None


def test_a_psychologist_is_paid_the_full_amount_on_assignment(pricer: Pricer) -> None:
    physician = pricer.price("96130", zip_code=ZIP, date_of_service=DATE).pfs
    expected = _cents(_fee(physician, "pe_non_facility"))
    for modifier in (None, "AH"):
        psych = pricer.price("96130", modifier=modifier, zip_code=ZIP, date_of_service=DATE, provider="psychologist")
        assert psych.pfs.non_facility.amount == physician.non_facility.amount == expected, modifier
        assert psych.pfs.non_facility.limiting_charge is None and psych.pfs.facility.limiting_charge is None
        assert any("must accept assignment" in note for note in psych.notes), modifier
    doctor = BatchPricer(pricer).price_table(pa.table({"code": ["96130"], "zip": [ZIP], "date": [DATE],
                                                       "provider": ["MD, PHD"]})).to_pylist()[0]  # fmt: skip
    assert _money(doctor["pfs_non_facility_limiting_charge"]) == physician.non_facility.limiting_charge is not None


@pytest.mark.parametrize(("modifier", "provider"), [("AH", "csw"), ("AJ", "psychologist"), ("AJ", "np")])
def test_a_line_is_one_practitioner_s(pricer: Pricer, modifier: str, provider: str) -> None:
    with pytest.raises(UsageError, match="name the practitioner"):
        pricer.price("90837", modifier=modifier, zip_code=ZIP, provider=provider)


def test_the_trial_s_file(tmp_path: Path, pricer: Pricer) -> None:
    """The trial's lines: LCSW and LMFT 90837-95 at POS 10 priced as the AJ line ($136.48 in ZIP 10001, July 2026),
    the AJ line with LCSW not reduced twice; none with a limiting charge."""
    source = tmp_path / "csw.csv"
    source.write_text("Claim ID,DOS,CPT Code,Mod 1,Units,POS,ZIP,Provider Type\n"
                      "C5,07/06/2026,90837,95,1,10,10001,LCSW\nC6,07/06/2026,90837,95,1,10,10001,LMFT\n"
                      "C7,07/06/2026,90837,AJ,1,10,10001,LCSW\n"
                      "C8,07/06/2026,90837,95,1,10,10001,\"SMITH, JO LCSW\"\n")  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    plain = pricer.price("90837", zip_code="10001", date_of_service="2026-07-06").pfs
    expected = _cents(_fee(plain, "pe_non_facility") * Fraction(3, 4))
    assert expected == pricer.price("90837-AJ", zip_code="10001", date_of_service="2026-07-06").pfs.non_facility.amount
    for row in csv.DictReader(out.open()):
        assert _money(row["pfs_non_facility_amount"]) == expected == Decimal("136.48"), row
        assert row["pfs_non_facility_limiting_charge"] == "" and row["pfs_facility_limiting_charge"] == "", row


def test_the_cli_provider_options_take_them(tmp_path: Path) -> None:
    runner = CliRunner()
    for command in (["price", "--help"], ["batch", "--help"]):
        said = " ".join(runner.invoke(app, command, terminal_width=200).output.split())
        assert "csw" in said and "psychologist" in said, command
    done = runner.invoke(app, ["price", "90837", "--zip", ZIP, "--date", DATE, "--provider", "csw", "-f", "json"])
    assert done.exit_code == 0, done.output
    assert '"134.91"' in done.stdout or "134.91" in done.stdout


# -- seeded encounters: batch against price_encounter with --provider --------------------------------------------

CELLS = {"csw": ["LCSW", "LMFT", "LMHC", "LPC", "csw"], "psychologist": ["PhD", "PsyD", "68", "Psychologist"]}
ENCOUNTERS = [["90837"], ["90834", "90785"], ["90791"], ["96130", "96131"], ["90847"], ["99213"], ["90837", "80053"],
              ["96136", "96137"], ["90832-95"], ["90853"], ["27447", "20610-51"], ["G0444"]]  # fmt: skip
ZIPS = ["10001", "02139", "75901", "99501", "30303"]
DATES = ["2025-02-11", "2026-01-20", "2026-09-14"]


def test_batch_prices_their_encounters_as_price_with_provider(pricer: Pricer) -> None:
    rng = random.Random(20261203)
    claims: list[dict[str, Any]] = []
    for _ in range(200):  # a bounded draw: price_encounter refusing every one fails below, never loops
        if len(claims) == 40:
            break
        codes = rng.choice(ENCOUNTERS)
        provider = rng.choice(list(CELLS))
        date, zip_code = rng.choice(DATES), rng.choice(ZIPS)
        try:
            expected = pricer.price_encounter(codes, zip_code=zip_code, date_of_service=date, provider=provider).lines
        except RvucalcError:
            continue
        claims.append({"id": f"B{len(claims):03d}", "codes": codes, "provider": provider, "date": date,
                       "zip": zip_code, "expected": expected, "cell": rng.choice(CELLS[provider])})  # fmt: skip
    rows = [{"claim": claim["id"], "code": cell.partition("-")[0], "modifier": cell.partition("-")[2],
             "date": claim["date"], "zip": claim["zip"], "provider": claim["cell"]}
            for claim in claims for cell in claim["codes"]]  # fmt: skip
    priced = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in rows[0]}))
    out = iter(priced.to_pylist())
    for claim in claims:
        for line in claim["expected"]:
            check_row(next(out), line, None, (claim["id"], claim["codes"], claim["cell"], claim["date"], claim["zip"]))
    assert len(claims) == 40 and {claim["provider"] for claim in claims} == set(CELLS)
