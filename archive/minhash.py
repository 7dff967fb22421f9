"""MinHash signatures and LSH band keys over character shingles.

Signatures are datasketch's "affine32" MinHash (same permutations, same
MurmurHash3 pre-mix), computed in one numpy pass instead of a Python loop per
shingle; `tests/test_archive_dedup.py` checks they equal `MinHash.update_batch`.
Band keys are 63-bit integers so the LSH index is an ordinary indexed SQLite
column: a lookup is one `IN (...)` query and nothing is rebuilt at start-up.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from archive.textnorm import normalize

SEED = 20240611

# MurmurHash3's finaliser constants (shift, multiply, shift, multiply, shift) per
# width, the same pre-mix datasketch's affine32 scheme applies; written here
# because datasketch keeps its own copy private.
_FMIX = {
    32: (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16)),
    64: (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(33), np.uint64(0xC4CEB9FE1A85EC53), np.uint64(33)),
}


def fmix(hv: np.ndarray, width: int) -> np.ndarray:
    """MurmurHash3's avalanching finaliser, element-wise over an array (wraps modulo 2**width).

    A new array (`hv` is left as it was), then worked on in place: these run on
    32-element arrays per band key, where each temporary and `np.errstate` cost
    as much as the arithmetic. Unsigned arrays wrap without a warning.
    """
    s1, m1, s2, m2, s3 = _FMIX[width]
    hv = hv ^ (hv >> s1)
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    return hv


@dataclass(frozen=True)
class LshParams:
    shingle: int = 5  # characters per shingle (after normalisation)
    num_perm: int = 96
    bands: int = 32
    rows: int = 3  # bands * rows == num_perm
    threshold: float = 0.5  # Jaccard needed to merge, checked exactly after LSH
    max_candidates: int = 20


PARAMS = LshParams()


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    # datasketch's affine32 permutations (MinHash._init_permutations, datasketch >= 2.0):
    # odd multipliers and offsets mod 2**32 drawn from RandomState(SEED). Drawn here with
    # numpy alone because importing datasketch pulls in scipy: +47 MB and 0.7 s in every
    # crawl process that prepares a page. tests/test_archive_dedup.py checks the
    # signatures still equal datasketch's.
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_SHINGLE_PRIME = np.uint64(1000003)


def shingle_hashes(text: str, k: int = PARAMS.shingle) -> np.ndarray:
    """Sorted unique 32-bit hashes of the k-character shingles of normalised text."""
    return normal_shingle_hashes(normalize(text), k)


def normal_shingle_hashes(norm: str, k: int = PARAMS.shingle) -> np.ndarray:
    """`shingle_hashes` of a text already in normal form."""
    if not norm:
        return np.zeros(0, dtype=np.uint32)
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cps) < k:  # a very short text is one shingle
        k = len(cps)
    n = len(cps) - k + 1
    h = cps[:n].copy()  # the first step of the loop below from h = 0
    for j in range(1, k):
        h *= _SHINGLE_PRIME
        h += cps[j : j + n]
    h = fmix(h, 64)
    # Sorted unique; sort + neighbour mask is ~15x faster than np.unique's hash path here.
    # astype keeps the low 32 bits.
    s = np.sort(h.astype(np.uint32))
    return s[np.concatenate(([True], s[1:] != s[:-1]))]


def signature(hashes: np.ndarray, num_perm: int = PARAMS.num_perm) -> np.ndarray:
    """datasketch affine32 MinHash of pre-hashed shingles (uint32[num_perm])."""
    a, b = _permutations(num_perm)
    if len(hashes) == 0:
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    hv = fmix(hashes.astype(np.uint32), 32)
    # One row per permutation: the minimum runs along contiguous memory (1.4x faster).
    # The offsets are added in place: one num_perm x n temporary instead of two
    # (0.18 -> 0.12 ms for 1,700 shingles). uint32 arrays wrap silently, as affine32 wants.
    products = np.multiply(a[:, None], hv[None, :])
    products += b[:, None]
    return products.min(axis=1)


_BAND_PRIME = np.uint64(0x100000001B3)


@lru_cache(maxsize=4)
def _band_seeds(bands: int) -> np.ndarray:
    """The band numbers mixed into the keys (read only: band_keys never writes into it)."""
    with np.errstate(over="ignore"):
        return np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def band_keys(sig: np.ndarray, params: LshParams = PARAMS) -> list[int]:
    """One signed 63-bit key per band (band number mixed in)."""
    rows = sig[: params.bands * params.rows].astype(np.uint64).reshape(params.bands, params.rows)
    h = _band_seeds(params.bands)
    for j in range(params.rows):
        h = fmix(h ^ rows[:, j], 64)
        h *= _BAND_PRIME
    h = fmix(h, 64)
    h >>= np.uint64(1)  # fits a signed SQLite INTEGER
    return h.tolist()


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted unique shingle-hash arrays."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)
