"""The Python API's arguments as an integrator's program passes them (a trial's repro, api27): a ``datetime`` or a
pandas ``Timestamp`` as the date of service, numpy's integers or an integral float or ``Decimal`` as units, a year as
text, a provider in capitals, a list of modifiers. Each is read as what it unambiguously is, giving the same result
as its plain form, or refused with a ``UsageError`` naming the parameter and its ``kind``: never a bare
``TypeError``/``AttributeError`` from deep inside (every one of the refused cases below leaked one)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import rvucalc
from rvucalc.batch.price import BatchPricer
from rvucalc.errors import ErrorKind, UsageError
from rvucalc.lookup.pricer import Pricer


def _same(result: Any, plain: Any) -> None:
    assert result.model_dump_json() == plain.model_dump_json()


@pytest.mark.parametrize(
    ("code", "given", "plain"),
    [
        ("99213", {"zip_code": "10001", "date_of_service": dt.datetime(2026, 8, 3, 9, 30)},
         {"zip_code": "10001", "date_of_service": dt.date(2026, 8, 3)}),
        ("99213", {"zip_code": "10001", "date_of_service": pd.Timestamp("2025-03-01 14:00")},
         {"zip_code": "10001", "date_of_service": "2025-03-01"}),
        ("J9271", {"units": np.int64(100)}, {"units": 100}),
        ("J9271", {"units": 100.0}, {"units": 100}),
        ("J9271", {"units": Decimal("100")}, {"units": 100}),
        ("J9271", {"units": None}, {"units": 1}),  # None is batch's blank units cell: 1
        ("00400", {"base_units": 3, "minutes": np.int32(45)}, {"base_units": 3, "minutes": 45}),
        ("00400", {"base_units": 3, "minutes": 45.0}, {"base_units": 3, "minutes": 45}),
        ("99213", {"year": "2025"}, {"year": 2025}),
        ("99213", {"year": np.int64(2025)}, {"year": 2025}),
        ("99213", {"provider": "NP"}, {"provider": "np"}),
        ("99213", {"provider": " Physician "}, {"provider": "physician"}),
        ("71046", {"modifier": ["26"]}, {"modifier": "26"}),
        ("27447", {"modifier": ("50", "59")}, {"modifier": "50-59"}),
    ],
)  # fmt: skip
def test_an_unambiguous_value_is_read_as_its_plain_form(
    pricer: Pricer, code: str, given: dict[str, Any], plain: dict[str, Any]
) -> None:
    _same(pricer.price(code, **given), pricer.price(code, **plain))


def test_a_datetime_selects_the_release_in_force_on_its_day(pricer: Pricer) -> None:
    """It raised TypeError (datetime compared with date) in the release choice; Pricer.select reads it too."""
    late_2025 = pricer.price("99213", date_of_service=dt.datetime(2025, 11, 2, 8, 0))
    assert late_2025.release == pricer.select(None, dt.date(2025, 11, 2))[0].release == "2025D"
    assert pricer.select(None, dt.datetime(2025, 11, 2, 8, 0))[0].release == "2025D"


def test_units_per_code_may_be_numpy_integers(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["27447", "20610"], units=np.array([1, 2]))
    plain = pricer.price_encounter(["27447", "20610"], units=[1, 2])
    assert encounter.model_dump_json() == plain.model_dump_json()


@pytest.mark.parametrize(
    ("code", "given", "kind", "words"),
    [
        (None, {}, ErrorKind.MALFORMED_CODE, "code None: give a HCPCS/CPT code as text"),
        (400, {}, ErrorKind.MALFORMED_CODE, "leading zeros: 00400 is 400"),
        ("J9271", {"units": 1.5}, ErrorKind.BAD_UNITS, "units 1.5 is not a whole number"),
        ("J9271", {"units": "2"}, ErrorKind.BAD_UNITS, "units '2' is text: give a whole number, e.g. units=2"),
        ("J9271", {"units": True}, ErrorKind.BAD_UNITS, "units True is not a whole number"),
        ("J9271", {"units": np.int64(0)}, ErrorKind.BAD_UNITS, "a whole number from 1 to 1,000,000"),
        ("99213", {"zip_code": 10001}, ErrorKind.BAD_ZIP, "zip_code 10001 (int) is not text"),
        ("99213", {"locality": 1320201}, ErrorKind.UNKNOWN_LOCALITY, "locality 1320201 (int) is not text"),
        ("99213", {"date_of_service": 20260803}, ErrorKind.BAD_DATE, "date_of_service 20260803 (int) is not a date"),
        ("99213", {"date_of_service": pd.NaT}, ErrorKind.BAD_DATE, "date_of_service is NaT (a missing date)"),
        ("71046", {"modifier": 26}, ErrorKind.BAD_MODIFIER, "modifier 26 (int): give a modifier as text"),
        ("71046", {"modifier": [26]}, ErrorKind.BAD_MODIFIER, "give a modifier as text"),
        ("00400", {"base_units": 3, "minutes": "45"}, ErrorKind.USAGE, "minutes '45' is text"),
        ("00400", {"base_units": 3, "minutes": 4.5}, ErrorKind.USAGE, "minutes 4.5 is not a whole number"),
        ("99213", {"year": "2025A"}, ErrorKind.BAD_DATE, "year '2025A' is not a year"),
        ("99213", {"year": 2025.5}, ErrorKind.BAD_DATE, "year 2025.5 is not a year"),
        ("99213", {"provider": None}, ErrorKind.USAGE, "provider None: choose physician, np, pa, cns"),
        ("E0601", {"state": 6}, ErrorKind.BAD_STATE, "state 6 (int): give the two-letter postal code"),
    ],
)  # fmt: skip
def test_a_value_of_the_wrong_type_is_a_usage_error_naming_it(
    pricer: Pricer, code: Any, given: dict[str, Any], kind: ErrorKind, words: str
) -> None:
    with pytest.raises(UsageError) as caught:
        pricer.price(code, **given)
    assert caught.value.kind is kind and words in str(caught.value), str(caught.value)


def test_price_encounter_refuses_one_text_for_its_list_of_codes(pricer: Pricer) -> None:
    with pytest.raises(UsageError, match=r"codes '99213' is one text: give a list of codes \(\['99213'\]\)"):
        pricer.price_encounter("99213")  # type: ignore[arg-type]  # it priced the codes 9, 9, 2, 1, 3


def test_a_year_as_text_prices_that_years_release(pricer: Pricer) -> None:
    """It said 'No PFS release for 2025 is installed. Installed: 2025A ...' (the text never equalled the int)."""
    assert pricer.price("99213", year="2025").release == pricer.price("99213", year=2025).release == "2025D"
    assert pricer.select(" 2025 ")[0].release == "2025D"


# -- an empty ZIP or locality: refused, as `rvucalc price --zip ""` is, never priced nationally -----------------------


@pytest.mark.parametrize(
    ("given", "kind"),
    [({"zip_code": ""}, ErrorKind.BAD_ZIP), ({"zip_code": "  "}, ErrorKind.BAD_ZIP),
     ({"locality": ""}, ErrorKind.UNKNOWN_LOCALITY), ({"locality": " "}, ErrorKind.UNKNOWN_LOCALITY)],
)  # fmt: skip
def test_an_empty_zip_or_locality_is_refused_not_priced_nationally(
    pricer: Pricer, given: dict[str, str], kind: ErrorKind
) -> None:
    name = next(iter(given))
    for call in (lambda: pricer.price("99213", **given), lambda: rvucalc.price("99213", **given)):
        with pytest.raises(
            UsageError, match=rf"{name} '\s*' is empty: .* or leave it out \(None\) to price nationally"
        ):
            call()
    with pytest.raises(UsageError) as caught:
        pricer.price_encounter(["99213", "G2211"], **given)
    assert caught.value.kind is kind and caught.value.exit_code == 2


def test_locality_all_points_to_the_apis_every_locality_function(pricer: Pricer) -> None:
    """It said "locality 'all' fits 2 localities: VALLEJO; DALLAS" (a name search for 'all')."""
    with pytest.raises(UsageError) as caught:
        pricer.price("99213", locality="All")
    message = str(caught.value)
    assert caught.value.kind is ErrorKind.UNKNOWN_LOCALITY and "fits" not in message, message
    assert "rvucalc.lookup.localities.price_everywhere(Pricer(), code)" in message
    rows = BatchPricer(pricer).price_table(pa.table({"code": ["99213"], "locality": ["All"]})).to_pylist()
    assert rows[0]["error"] == message and rows[0]["error_kind"] == "unknown_locality"  # a batch row says the same
    from rvucalc.lookup.localities import price_everywhere  # the function it names, as it names it

    everywhere = price_everywhere(pricer, "99213", state="CA")
    assert len(everywhere.localities) > 1
