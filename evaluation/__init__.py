"""Evaluation scripts that read ../shared (never imported by the library)."""
