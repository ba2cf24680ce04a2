"""Pricing rules. Pure functions of the reference rows; no I/O, no CLI."""
