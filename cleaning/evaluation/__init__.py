"""Evaluation of the cleaner against ground truth, with bare trafilatura as the baseline.

`python -m cleaning.evaluate CORPUS_DIR ...` is the command; this package holds
its parts: `metrics` (scoring primitives), `corpora` (readers of the fixture and
real corpora), `systems` (the cleaner and the baseline behind one call shape),
`scoring` (per-page scores, per-group sums), `runner` and `report`.
"""
from __future__ import annotations

from cleaning.evaluation.corpora import Case, CorpusError, load
from cleaning.evaluation.runner import OVERALL, Evaluation, evaluate

__all__ = ["Case", "CorpusError", "Evaluation", "OVERALL", "evaluate", "load"]
