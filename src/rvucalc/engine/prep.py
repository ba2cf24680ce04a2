"""An injectable HIV PrEP drug given with 96372 in place of G0012: a note, the amounts unchanged.

Medicare covers HIV pre-exposure prophylaxis as an additional preventive service from 2024-09-30 (NCD 210.15): the
PrEP drug and, for an injectable one, its injection, without deductible or coinsurance (medicare.gov "Pre-exposure
prophylaxis (PrEP) for HIV prevention": "If you're getting an injectable drug, Part B also covers the fee for injecting
the drug"; "you'll also pay nothing out of pocket for injectable PrEP drugs"). The injection's code is G0012,
"Injection of pre-exposure prophylaxis (PrEP) drug for HIV prevention, under skin or into muscle" (CY2025 PFS; the MACs'
PrEP payment lists name it as the administration of J0739: CGS, "Payment Allowances for PrEP Using Antiretroviral
Therapy to Prevent HIV Infection"; NGS, "Reimbursement for Pre-exposure Prophylaxis"), which rvucalc prices without
cost sharing (``engine.preventive``). An infectious disease clinic's trial billed J0739 (cabotegravir for PrEP) with
96372, CPT's therapeutic injection, whose 20% coinsurance the patient then owes: said on the 96372 line where the
practitioner's claim and date has an injectable PrEP drug (J0739; J0738, lenacapavir for PrEP) and no G0012. Priced as
given (another drug on the claim may be 96372's). Batch: ``batch.claims._prep_injection`` on a practitioner's lines of
a claim and date, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

PREP_INJECTABLES = {"J0739": "cabotegravir", "J0738": "lenacapavir"}
PREP_INJECTION = "G0012"
INJECTION = "96372"
NOTED = frozenset(PREP_INJECTABLES) | {PREP_INJECTION, INJECTION}


def injection_note(drug: str) -> str:
    """The note on a 96372 line beside the PrEP drug ``drug``, no G0012. No "; " in it (batch joins notes with it)."""
    return (
        f"96372 billed with {drug} ({PREP_INJECTABLES[drug]} for HIV PrEP) on this claim and date: Medicare's code for "
        f"injecting a PrEP drug is G0012, a preventive service without deductible or coinsurance (NCD 210.15), where "
        f"96372 keeps the 20% coinsurance. Priced as given: bill G0012 if 96372 is the PrEP injection."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``injection_note`` on 96372 where the encounter has
    an injectable PrEP drug and no G0012; else None."""
    codes = [code for code, _ in lines]
    drug = next((code for code in codes if code in PREP_INJECTABLES), None)
    if drug is None or PREP_INJECTION in codes:
        return [None] * len(lines)
    return [injection_note(drug) if code == INJECTION else None for code in codes]
