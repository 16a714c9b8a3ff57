"""The fast tier's embedding: a static multilingual embedding distilled from the shipped e5.

model2vec-style (see docs/ARCHITECTURE.md, "Enrichment"): every e5 vocabulary piece of the
scripts our markets write in was passed through e5 once (``chuhai models distill``), reduced
with PCA and weighted by how rare the piece is. A text is then cut into the same
SentencePiece-unigram pieces e5 reads (Viterbi over the piece scores, cached per word) and its
vector is the mean of its pieces' vectors: numpy only, tens of thousands of texts a second.

``coverage`` says how much of a text the vocabulary knows (a script we did not distil, a run
of unknown symbols): the analyzer sends poorly covered text to the transformer.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import ClassVar, Final

import numpy as np
import numpy.typing as npt

from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.heads import FloatArray
from chuhai.errors import ConfigError

__all__ = ["STATIC_FILE", "StaticEmbedder", "StaticVocabulary"]

log = logging.getLogger(__name__)

STATIC_FILE: Final = "static-e5.npz"
META: Final = "\u2581"  # SentencePiece's word-start marker
_MAX_CHARS: Final = 2000  # a review is judged on its first 2,000 characters
_WORDS: Final = re.compile(r"\S+")
_WORD_CACHE: Final = 50_000  # distinct words kept segmented (live chat repeats its words)


@dataclass(frozen=True)
class StaticVocabulary:
    """Pieces, their unigram scores and their vectors (rows of ``vectors``)."""

    pieces: tuple[str, ...]
    scores: npt.NDArray[np.float32]
    vectors: npt.NDArray[np.float16]  # (pieces, dim), rarity weights folded in
    refined: bool = False  # fitted to e5's vectors of training texts after distilling

    def save(self, path: Path) -> None:
        """Vectors as int8 with one scale per row: a quarter of float32, no measurable loss."""
        blob = "\n".join(self.pieces).encode("utf-8")
        vectors = self.vectors.astype(np.float32)
        scale = np.maximum(np.abs(vectors).max(axis=1), 1e-12) / 127.0
        np.savez_compressed(
            path,
            pieces=np.frombuffer(blob, dtype=np.uint8),
            scores=self.scores.astype(np.float32),
            vectors=np.round(vectors / scale[:, None]).astype(np.int8),
            scale=scale.astype(np.float32),
            refined=np.array(self.refined),
        )

    @classmethod
    def load(cls, path: Path) -> StaticVocabulary:
        if not path.is_file():
            raise ConfigError(f"static embedding {path} is missing; run `chuhai models distill`")
        with np.load(path) as data:
            pieces = tuple(bytes(data["pieces"]).decode("utf-8").split("\n"))
            scores = data["scores"].astype(np.float32)
            vectors = (data["vectors"] * data["scale"][:, None]).astype(np.float16)
            refined = bool(data["refined"]) if "refined" in data.files else False
        if not (len(pieces) == len(scores) == len(vectors)):
            raise ConfigError(f"{path}: pieces, scores and vectors differ in length")
        return cls(pieces, scores, vectors, refined)


def _default_path() -> Path:
    return Path(str(resources.files("chuhai.enrich").joinpath("models", STATIC_FILE)))


class StaticEmbedder(Embedder):
    """``embed(texts)``: mean of the texts' piece vectors, L2-normalised."""

    name: ClassVar[str] = "static-e5"

    def __init__(self, vocabulary: StaticVocabulary | Path | None = None) -> None:
        if not isinstance(vocabulary, StaticVocabulary):
            vocabulary = StaticVocabulary.load(vocabulary or _default_path())
        self.vocabulary = vocabulary
        self.dim = int(vocabulary.vectors.shape[1])
        self._ids = {piece: i for i, piece in enumerate(vocabulary.pieces)}
        self._scores = vocabulary.scores.tolist()
        # the longest piece starting with each character: Han and Thai runs try few lengths
        self._longest: dict[str, int] = {}
        for piece in vocabulary.pieces:
            if piece and len(piece) > self._longest.get(piece[0], 0):
                self._longest[piece[0]] = len(piece)
        # an unknown character costs more than any piece (as in SentencePiece)
        self._unknown = float(vocabulary.scores.min()) - 10.0
        self._words: dict[str, tuple[tuple[int, ...], int]] = {}
        self._vectors = vocabulary.vectors  # float16: half the memory of float32

    # -- pieces ------------------------------------------------------------------------------

    def pieces(self, text: str) -> tuple[list[int], int, int]:
        """Piece ids of ``text``, and how many of its characters were known / in all."""
        ids: list[int] = []
        known = total = 0
        normal = unicodedata.normalize("NFKC", text[:_MAX_CHARS])
        for word in _WORDS.findall(normal):
            found = self._words.get(word)
            if found is None:
                found = self._segment(META + word)
                if len(self._words) >= _WORD_CACHE:
                    self._words.clear()  # cheap bound; hot words come back at once
                self._words[word] = found
            ids.extend(found[0])
            known += found[1]
            total += len(word)
        return ids, known, total

    def _segment(self, word: str) -> tuple[tuple[int, ...], int]:
        """Best-scoring split of one word into pieces (unknown characters dropped), and the
        number of characters of the word (not the marker) the pieces cover."""
        n = len(word)
        best = [0.0] + [-math.inf] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        ids, scores, longest = self._ids, self._scores, self._longest
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + longest.get(word[i], 1)) + 1):
                piece = ids.get(word[i:end])
                if piece is not None and here + scores[piece] > best[end]:
                    best[end] = here + scores[piece]
                    back[end] = (i, piece)
            if here + self._unknown > best[i + 1]:
                best[i + 1] = here + self._unknown
                back[i + 1] = (i, -1)
        out: list[int] = []
        known = 0
        end = n
        while end > 0:
            start, piece = back[end]
            if piece >= 0:
                out.append(piece)
                known += end - start
            end = start
        out.reverse()
        # the word-start marker is not a character of the text
        return tuple(out), max(0, known - 1) if word.startswith(META) else known

    # -- vectors -----------------------------------------------------------------------------

    def embed(self, texts: Sequence[str]) -> FloatArray:
        return self.embed_with_coverage(texts)[0]

    def embed_with_coverage(self, texts: Sequence[str]) -> tuple[FloatArray, FloatArray]:
        """Vectors and, per text, the share of its characters the vocabulary knows."""
        n = len(texts)
        coverage = np.ones(n, dtype=np.float32)
        counts = np.zeros(n, dtype=np.int64)
        all_ids: list[int] = []
        for row, text in enumerate(texts):
            ids, known, total = self.pieces(text)
            all_ids.extend(ids)
            counts[row] = len(ids)
            if total:
                coverage[row] = known / total
        out = np.zeros((n, self.dim), dtype=np.float32)
        filled = counts > 0
        if all_ids:
            # pieces are in text order: one reduceat sums each text's run of rows
            starts = np.concatenate([[0], np.cumsum(counts)[:-1]])[filled]
            vectors = self._vectors[np.asarray(all_ids, dtype=np.int64)].astype(np.float32)
            out[filled] = np.add.reduceat(vectors, starts, axis=0)
        return self._normalised(out), coverage
