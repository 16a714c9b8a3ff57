"""Evaluation of PII detection: presidio-research's synthetic set beside Presidio, and the
project's own identifier set of every market."""

from pathlib import Path

from chuhai_tools.evaluation.pii.identifiers import evaluate_identifiers, identifier_cases
from chuhai_tools.evaluation.pii.presidio_set import PiiEvaluation, evaluate_presidio_set
from chuhai_tools.evaluation.run import EvaluationResult

__all__ = [
    "PiiEvaluation",
    "add_pii_sections",
    "evaluate_identifiers",
    "evaluate_presidio_set",
    "identifier_cases",
]


def add_pii_sections(result: EvaluationResult, root: Path) -> None:
    """The PII tables, added to a ``chuhai eval`` result."""
    presidio = evaluate_presidio_set(root)
    result.sections["pii presidio"] = presidio.rows
    result.sections["pii speed"] = presidio.speed
    result.sections["pii identifiers"] = evaluate_identifiers()
