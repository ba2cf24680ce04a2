"""What a code nothing installed pays is said to be paid from: by its exact code before its HCPCS range."""

from __future__ import annotations

from rvucalc.lookup.pricer import other_schedule_note
from test_cms_payment_files import PAYMENT_FILES, payment_rows


def test_the_telehealth_originating_site_fee_is_not_called_an_asp_drug(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: Q3014 was "paid from Medicare's temporary codes (drugs, biologicals and others), and the installed
    ASP files do not list Q3014" (its first letter's range). It is the originating site's national fee."""
    said = " ".join(pricer.price("Q3014", zip_code="02139").notes)
    assert "telehealth originating site facility fee" in said and "ASP" not in said
    assert "ASP files do not list Q9999" in other_schedule_note("Q9999")[0]  # the rest of Q: as before


def test_an_unlisted_biosimilar_is_said_to_be_paid_from_the_asp_limits_not_from_a_code_set(pricer) -> None:  # type: ignore[no-untyped-def]
    """An ophthalmology trial: Q5149 (a biosimilar the January 2026 ASP file does not list) was "paid from Medicare's
    temporary codes (drugs, biologicals and others)", a code set, not a schedule."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    done = CliRunner().invoke(app, ["price", "Q5149", "--units", "2", "--zip", "75231", "--date", "2026-08-03"])
    said = " ".join(done.output.split())
    assert done.exit_code == 1
    assert "paid from the Part B drug payment limits (ASP: Q5 codes are biosimilar biologicals)" in said
    assert "the installed ASP files do not list Q5149 (ask your MAC)" in said
    assert "paid from Medicare's temporary codes" not in said
    assert "paid from the schedule of their kind" in other_schedule_note("Q9999")[0]


def test_a_2025_skin_substitute_is_an_asp_file_not_installed_not_excluded(pricer) -> None:  # type: ignore[no-untyped-def]
    """A wound care trial: Q4101 on a 2025 date was "not payable" by the PFS's status E; in 2025 skin substitutes were
    biologicals on the ASP file (not installed for 2025): price and batch say so. In 2026 the PFS pays them."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    single = pricer.price("Q4101", units=25, zip_code="33612", date_of_service="2025-07-15")
    assert single.drug is not None and not single.drug.payable
    assert "ASP CY2025 not installed" in (single.drug.reason or "") and "skin substitutes" in single.drug.reason
    rows = [{"code": "Q4101", "units": "25", "zip": "33612", "date": "2025-07-15", "setting": "11"},
            {"code": "Q4158", "units": "25", "zip": "33612", "date": "2026-07-15", "setting": "11"}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert "ASP CY2025 not installed" in out[0]["note"] and out[0]["allowed"] is None
    later = pricer.price("Q4158", units=25, zip_code="33612", date_of_service="2026-07-15")
    assert out[1]["allowed"] == later.pfs.non_facility.amount * 25 and "ASP" not in (out[1]["note"] or "")


def test_a_vaccine_the_asp_file_does_not_price_says_so_not_status_x(pricer) -> None:  # type: ignore[no-untyped-def]
    """A primary-care trial: `price 90686` on 2025-01-13 said "not payable in any site ... status X: Statutory
    exclusion" while 90656 said "ASP CY2025 not installed". Vaccines are paid from the ASP file's vaccine pricing (95%
    of AWP): with no ASP file for 2025 both say so; in 2026 90686 is not in the installed file (January 2026), which
    prices 90656 at its limit (CMS's 23.215 per 0.5 ML: $23.22, no coinsurance). Price and batch alike."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    place = {"zip_code": "50501", "setting": "11"}
    for code in ("90686", "90656"):
        single = pricer.price(code, date_of_service="2025-01-13", **place)
        assert single.drug is not None and "ASP CY2025 not installed" in (single.drug.reason or "")
        assert "Statutory exclusion" not in (single.sites[0].reason or "")
    later = pricer.price("90686", date_of_service="2026-10-10", **place)
    assert later.drug is not None and not later.drug.payable
    assert "90686 is not in the installed ASP file (2026-01)" in (later.drug.reason or "")
    assert "Statutory exclusion" not in (later.sites[0].reason or "")
    paid = pricer.price("90656", date_of_service="2026-10-10", **place)
    assert (paid.sites[0].total, paid.sites[0].beneficiary) == (Decimal("23.22"), Decimal("0.00"))
    rows = [{"code": "90686", "date": "2025-01-13", "zip": "50501", "setting": "11"},
            {"code": "90686", "date": "2026-10-10", "zip": "50501", "setting": "11"}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert "ASP CY2025 not installed" in out[0]["note"] and out[0]["allowed"] is None
    assert "90686 is not in the installed ASP file (2026-01)" in out[1]["note"] and out[1]["allowed"] is None


def test_vaccine_administration_is_left_out_of_the_office_total_for_its_own_reason(pricer) -> None:  # type: ignore[no-untyped-def]
    """The trial's `price 99214-25 G2211 G0008 90656`: G0008's line said it is paid from Medicare's vaccine
    administration payment, but the office total left it out as "status X: Statutory exclusion: not a physician
    service". One reason in both places; the total is still the other lines' (batch's claim total too)."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.engine.facility import OFFICE_PRICED_APART

    codes = ["99214-25", "G2211", "G0008", "90656"]
    encounter = pricer.price_encounter(codes, zip_code="75901", date_of_service="2026-10-10", setting="11")
    g0008 = encounter.lines[2]
    said = "G0008 is paid from Medicare's vaccine administration payment"
    assert said in (g0008.sites[0].reason or "") and any(said in note for note in g0008.notes)
    office = encounter.totals["office"]
    assert office.reason and OFFICE_PRICED_APART in office.reason and said in office.reason
    assert "Statutory exclusion" not in office.reason
    paid = [line.sites[0].total for n, line in enumerate(encounter.lines) if n != 2]
    assert office.total == sum(paid)  # type: ignore[arg-type]
    rows = [{"claim": "X", "code": code, "date": "2026-10-10", "zip": "75901", "setting": "11"} for code in codes]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert out[2]["allowed"] is None and said in out[2]["note"]
    assert [row["allowed"] for n, row in enumerate(out) if n != 2] == paid


def test_a_vaccine_the_asp_file_does_not_price_is_not_priced_and_left_out_of_the_office_total(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: `price 99213 90686 --zip 75901 --setting 11` made the office total "not payable" for 90686 (its
    reason: Part B pays the vaccine), where batch's claim paid 99213, and `price 90686` said "not payable in any
    site". The vaccine's line is not priced (the ASP file that prices it is not installed, or does not list it), and
    the office total is 99213's, naming 90686 as it names G0008: CMS's 2025 amount for 99213 in Alabama (PFAL25A,
    locality 10112-00: $81.86), the ASP CY2025 file not installed; in 2026 the installed ASP file does not list
    90686."""
    from decimal import Decimal

    import pyarrow as pa
    from typer.testing import CliRunner

    from rvucalc.batch.price import BatchPricer
    from rvucalc.cli import app
    from rvucalc.engine.facility import OFFICE_PRICED_APART
    from rvucalc.models import NOT_PRICED, PRICED

    cms_99213 = Decimal(next(row for path in PAYMENT_FILES if path.name.startswith("PFAL25A")
                             for row in payment_rows(path) if row["hcpcs"] == "99213" and not row["modifier"]
                             and row["carrier"] + row["locality"] == "1011200")["non_facility"])  # fmt: skip
    assert cms_99213 == Decimal("81.86")
    for day, zip_code, visit in (("2025-01-15", "35203", cms_99213), ("2026-10-10", "75901", None)):
        encounter = pricer.price_encounter(["99213", "90686"], zip_code=zip_code, date_of_service=day, setting="11")
        vaccine = encounter.lines[1].sites[0]
        assert (vaccine.setting, vaccine.status, vaccine.payable) == ("office", NOT_PRICED, False)
        office = encounter.totals["office"]
        alone = pricer.price("99213", zip_code=zip_code, date_of_service=day, setting="11").sites[0].total
        assert (office.status, office.total) == (PRICED, visit or alone)
        assert office.reason and OFFICE_PRICED_APART in office.reason and "90686" in office.reason
        rows = [{"claim": "A", "code": code, "date": day, "zip": zip_code, "setting": "11"}
                for code in ("99213", "90686")]  # fmt: skip
        out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
        assert [row["allowed"] for row in out] == [office.total, None]
        said = CliRunner().invoke(app, ["price", "90686", "--zip", zip_code, "--date", day])
        assert said.exit_code == 1 and "90686 cannot be priced in any site" in said.stderr
        assert "not payable" not in said.stderr


def test_batch_notes_of_codes_paid_outside_the_pfs_end_as_price_says(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: batch's notes for 90686 (a vaccine the installed ASP file, January 2026, does not list), G0008,
    G0009 (vaccine administration) and Q3014 (the originating site fee) still ended with "No PFS payment: status X:
    Statutory exclusion", which `price` no longer says for them: its office reason is the vaccine's or the payment
    apart. Batch's row note ends with price's office reason; a vaccine the ASP file prices (90656, CMS's 23.215 per
    0.5 ML) is paid, as before."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    place = {"zip_code": "75901", "date_of_service": "2026-03-02", "setting": "11"}
    codes = ["90686", "G0008", "G0009", "Q3014", "90686", "G0008"]  # repeated: per code cell
    rows = [{"code": code, "date": "2026-03-02", "zip": "75901", "setting": "11"} for code in codes]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for code, row in zip(codes, out, strict=True):
        office = pricer.price(code, **place).sites[0]
        assert office.reason and "Statutory exclusion" not in office.reason
        assert row["allowed"] is None and row["note"].endswith(office.reason), (code, row["note"])
        assert "Statutory exclusion" not in row["note"]
    paid = BatchPricer(pricer).price_table(pa.Table.from_pylist([{**rows[0], "code": "90656"}])).to_pylist()[0]
    assert Decimal(str(paid["allowed"])) == Decimal("23.22")


def test_batch_notes_of_codes_the_mac_prices_end_as_price_says(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: batch's notes for a not otherwise classified drug (J3490, PFS status E) and an unlisted lab test
    (81099, 81479: status X), which CMS's ASP and CLFS files do not list, still ended with "No PFS payment: status E/X
    ...", where `price`'s office reason is that the MAC prices them. Batch's row note ends with price's office reason,
    in every setting (the code cell's, repeated rows alike); C9399 (no RVU row) no longer says the PFS does not list
    it either."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    codes = ["J3490", "81099", "81479", "C9399", "J3490", "81099"]  # repeated: per code cell
    for setting in ("11", "22"):
        place = {"zip_code": "75901", "date_of_service": "2026-03-02", "setting": setting}
        rows = [{"code": code, "date": "2026-03-02", "zip": "75901", "setting": setting} for code in codes]
        out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
        for code, row in zip(codes, out, strict=True):
            office = pricer.price(code, **{**place, "setting": "11"}).sites[0]
            assert office.reason and "MAC prices it" in office.reason and "No PFS payment" not in office.reason
            assert row["note"].endswith(office.reason) or setting != "11", (code, row["note"])
            assert "No PFS payment: status" not in row["note"], (code, setting, row["note"])
            assert "the RVU file does not list it" not in row["note"], (code, setting, row["note"])


def test_a_shingles_vaccine_is_said_to_be_covered_under_part_d(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: 90750 (Shingrix) was told "Medicare Part B pays influenza, pneumococcal, hepatitis B and COVID-19
    vaccines"; Medicare covers shingles vaccines under Part D (CMS MLN908764). A flu vaccine keeps the Part B wording,
    and the range's message no longer implies that Part B pays every vaccine; batch's note says as price does."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    place = {"zip_code": "75901", "date_of_service": "2026-03-02", "setting": "11"}
    for code in ("90750", "90736"):
        reason = pricer.price(code, **place).sites[0].reason or ""
        assert "covers it under Part D" in reason and "not Part B" in reason, reason
        assert "Medicare Part B pays" not in reason
    flu = pricer.price("90686", **place).sites[0].reason or ""
    assert "Medicare Part B pays influenza, pneumococcal, hepatitis B and COVID-19 vaccines" in flu
    assert "Other vaccines are covered under Part D" in flu
    rows = [{"code": code, "date": "2026-03-02", "zip": "75901", "setting": "11"} for code in ("90750", "90686")]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert out[0]["note"].endswith(pricer.price("90750", **place).sites[0].reason or "?"), out[0]["note"]
    assert "covers it under Part D" not in out[1]["note"]


# The RHC/FQHC-only codes other than the FQHC visits (G0466-G0470), each year's RVU file naming them "by rhc/fqhc"
# (CMS's short descriptor: the evidence they are the clinic's codes), with the section of Claims Processing Manual ch. 9
# their note names.
RHC_FQHC_CODES = [("G2025", 2026, "distant site telehealth rate"), ("G0490", 2026, "RHC all-inclusive rate"),
                  ("G0511", 2025, "care management"), ("G0512", 2025, "care management"),
                  ("G0071", 2025, "virtual communication")]  # fmt: skip


def test_rhc_and_fqhc_only_codes_name_the_clinic_s_payment_not_status_x(pricer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A rural trial: G2025 (POS 72), G0490, G0511, G0512 and G0071 were "not payable: status X: Statutory exclusion:
    not a physician service for PFS payment (e.g. ambulance, clinical lab)", where G0466-G0470 named the FQHC PPS.
    CMS's RVU file lists them "by rhc/fqhc" (status X); the clinic is paid for them on its own claim (ch. 9 §70.7,
    §70.8, §80): price, batch and compare say so, and none is "not payable"."""
    import pyarrow as pa
    from typer.testing import CliRunner

    from rvucalc.batch.price import BatchPricer
    from rvucalc.cli import app
    from rvucalc.lookup.compare import compare
    from rvucalc.models import NOT_PRICED

    for code, year, said in RHC_FQHC_CODES:
        day = f"{year}-03-03"
        single = pricer.price(code, zip_code="59301", date_of_service=day)
        assert single.pfs.status == "X" and "rhc/fq" in single.description.lower(), (code, single.description)
        office = single.sites[0]
        assert office.status == NOT_PRICED and said in (office.reason or ""), (code, office.reason)
        assert "ambulance" not in (office.reason or "") and "on the clinic's own claim" in (office.reason or "")
        rows = [{"claim": "RHC1", "code": code, "date": day, "zip": "59301", "setting": pos} for pos in ("11", "72")]
        out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
        for row in out:
            assert row["allowed"] is None and said in row["note"] and "ambulance" not in row["note"], row["note"]
        cli = CliRunner().invoke(app, ["price", code, "--zip", "59301", "--date", day, "--setting", "72"])
        assert cli.exit_code == 1 and said in cli.stderr and "ambulance" not in cli.stderr, cli.stderr
    compared = compare(pricer, ["G0466", "G2025", "G0490"], from_=2025, to=2026, zip_code="59301")
    changes = {c.code: c for c in compared.codes}
    for code in ("G0466", "G2025", "G0490"):
        assert changes[code].change == "not_comparable", (code, changes[code].change)
