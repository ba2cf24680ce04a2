"""Readers for CMS files: each returns a validated DataFrame."""
