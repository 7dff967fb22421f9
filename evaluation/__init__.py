"""Evaluation of the cleaner against ground truth, run by hand (never imported by the library).

Commands, from the repository root:

    python -m evaluation.evaluate CORPUS_DIR ...   fixtures or real corpora, bare trafilatura as the baseline
    python -m evaluation.fanwen_text               line-labelled real 范文 page texts
    python -m evaluation.leaks FIXTURE_DIR         leaked junk strings by kind

Parts of `evaluate`: `metrics` (scoring primitives), `corpora` (readers of the
fixture and real corpora), `systems` (the cleaner and the baseline behind one
call shape), `scoring` (per-page scores, per-group sums), `runner` and `report`.
Only these scripts and benchmarks/ may read the shared corpora outside the project.
"""
from __future__ import annotations

from evaluation.corpora import Case, CorpusError, load
from evaluation.runner import OVERALL, Evaluation, evaluate

__all__ = ["Case", "CorpusError", "Evaluation", "OVERALL", "evaluate", "load"]
