"""A trabecular meshwork drainage device without cataract removal (0671T) billed beside a cataract removal of the same
eye: a note, the amounts unchanged.

CPT 2022 replaced 0191T/0376T with three codes, as Ophthalmology Management's "Coding and Reimbursement" (March 2022)
prints their descriptors:

- 66991: "Extracapsular cataract removal with insertion of intraocular lens prosthesis (1-stage procedure) ...; with
  insertion of intraocular (eg, trabecular meshwork, supraciliary, suprachoroidal) anterior segment aqueous drainage
  device, without extraocular reservoir, internal approach, one or more" (66984's routine cataract removal and the
  device in one code);
- 66989: the same with the complex cataract removal (66982's);
- 0671T: "Insertion of anterior segment aqueous drainage device into the trabecular meshwork, without external
  reservoir, and without concomitant cataract removal, one or more".

So 0671T beside a cataract removal of the same eye is miscoded: the device with 66984 is 66991, with 66982 66989, and
66989/66991 already include it. A MAC's billing and coding article for its MIGS LCD (CMS Medicare Coverage Database,
A57863) restates that the device "must be inserted on the same date of service as the cataract surgery and billed
accordingly on the same claim". An ophthalmology trial's ASC claim of 66984-RT + 0671T-RT (ZIP 33136, March 2026) was
priced as two procedures, 0671T's device-intensive $4,371.62 in full and 66984 at 50% ($617.48), where 66991 is
$3,992.16, with no word. The 0671T line is noted where one practitioner's (or the ASC's) claim and date has it beside a
cataract removal whose side may be its own (the same side, 50 on either, or a line without LT, RT or 50). Priced as
given (rvucalc does not apply NCCI edits). Batch: ``batch.claims._migs_with_cataract`` on a practitioner's lines of a
claim and date, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

STAND_ALONE_DEVICE = "0671T"
# The cataract removal -> the one code for it with the device (None: the code already includes the device)
WITH_DEVICE: dict[str, str | None] = {"66982": "66989", "66984": "66991", "66989": None, "66991": None}
NOTED = frozenset(WITH_DEVICE) | {STAND_ALONE_DEVICE}
_SIDES = {"LT": frozenset({"LT"}), "RT": frozenset({"RT"}), "50": frozenset({"LT", "RT"})}
_SOURCE = "CPT's descriptor, as Ophthalmology Management (March 2022) prints it"


def _sides(modifiers: Sequence[str]) -> frozenset[str]:
    """The eyes a line names (LT, RT, both with 50); both when it names none (it may be either)."""
    named = frozenset().union(*(_SIDES.get(modifier, frozenset()) for modifier in modifiers))
    return named or frozenset({"LT", "RT"})


def device_note(cataract: str) -> str:
    """The note on a 0671T line billed with ``cataract`` (66982, 66984, 66989 or 66991) on the same eye. No "; " in it
    (batch joins notes with it)."""
    combined = WITH_DEVICE[cataract]
    instead = (
        f"a device inserted with {cataract}'s cataract removal is reported with {combined} alone, one code for both"
        if combined
        else f"{cataract} already includes inserting the device"
    )
    return (
        f"0671T (aqueous drainage device into the trabecular meshwork) billed with {cataract} on this claim and date, "
        f"without LT and RT on different eyes: 0671T is 'without concomitant cataract removal' ({_SOURCE}), and "
        f"{instead}. Priced as given (rvucalc does not apply NCCI edits): two procedures here."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``device_note`` on a 0671T line beside a cataract
    removal (66982, 66984, 66989, 66991) whose eye may be its own (the first such line in the claim's order); else
    None."""
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if code == STAND_ALONE_DEVICE:
            beside = next(
                (other for other, others in lines if other in WITH_DEVICE and _sides(modifiers) & _sides(others)),
                None,
            )
            if beside is not None:
                said = device_note(beside)
        notes.append(said)
    return notes
