"""Oxygen contents billed beside a rented stationary oxygen system on one claim and date: a note, the amounts unchanged.

The monthly fee schedule amount for stationary oxygen equipment is one for "Stationary oxygen equipment and oxygen
contents (stationary and portable oxygen contents)" (42 CFR 414.226, the monthly fee schedule amounts), and the DME
MACs restate it per code: "Payment for both oxygen contents used with stationary oxygen equipment and oxygen contents
used with portable oxygen equipment is included in the 36 monthly payments for oxygen and oxygen equipment
(stationary oxygen equipment payment) made for codes E0424, E0439, E1390, or E1391" (Noridian JD DME, "Oxygen and
Oxygen Equipment"). The contents fee is paid where the patient owns the equipment or rents a portable system with no
rented stationary one (Claims Processing Manual ch. 20 §30.6.3, "Contents Only Fee", as its restatements print it).
A claim and date with such a rental (the code with RR, a monthly payment) and a contents line (E0441 stationary
gaseous, E0442 stationary liquid, E0443 portable gaseous, E0444 portable liquid, E0447 portable liquid over 4 LPM) is
the rental period, whose payment includes them.

A DME supplier trial's rural Montana claim, E1390-RR, E0431-RR and E0443 x 4, priced E0443 at MT's rural $72.41 a
unit ($289.64) with no word. The note is on the contents line; priced as billed (rvucalc does not see the rental
month: after the 36 months no stationary rental is billed). Batch: ``batch.claims._oxygen_contents`` on a claim and
date's lines, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

# Stationary oxygen equipment whose monthly rental includes the contents (the codes Noridian names).
STATIONARY_OXYGEN_RENTALS = frozenset({"E0424", "E0439", "E1390", "E1391"})
# Oxygen contents, one month's supply a unit (HCPCS).
OXYGEN_CONTENTS = frozenset({"E0441", "E0442", "E0443", "E0444", "E0447"})
NOTED = STATIONARY_OXYGEN_RENTALS | OXYGEN_CONTENTS
RENTAL = "RR"


def contents_note(code: str, rentals: Sequence[str]) -> str:
    """The note on an oxygen contents line (``code``) billed with the stationary oxygen ``rentals`` (E1390-RR ...) on
    one claim and date. No "; " in it (batch joins notes with it)."""
    return (
        f"{code} (oxygen contents) billed with the stationary oxygen rental {' and '.join(rentals)} on this claim and "
        "date: the monthly rental of stationary oxygen equipment (E0424, E0439, E1390, E1391) includes the contents, "
        "stationary and portable (42 CFR 414.226, Noridian JD DME 'Oxygen and Oxygen Equipment'), so the DME MAC pays "
        "no contents fee beside it (a contents fee is paid where the patient owns the equipment: Claims Processing "
        "Manual ch. 20 §30.6.3). Priced as billed: leave it out of what Medicare is expected to pay."
    )


def is_stationary_rental(code: str, modifiers: Sequence[str]) -> bool:
    """Whether a line is a stationary oxygen system's monthly rental (``STATIONARY_OXYGEN_RENTALS`` billed RR)."""
    return code in STATIONARY_OXYGEN_RENTALS and RENTAL in modifiers


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one claim and date's lines (code, modifiers): ``contents_note`` on a contents line
    (``OXYGEN_CONTENTS``) beside a stationary oxygen rental (``STATIONARY_OXYGEN_RENTALS`` with RR); else None."""
    rentals = sorted({f"{code}-{RENTAL}" for code, modifiers in lines if is_stationary_rental(code, modifiers)})
    if not rentals:
        return [None] * len(lines)
    return [contents_note(code, rentals) if code in OXYGEN_CONTENTS else None for code, _ in lines]
