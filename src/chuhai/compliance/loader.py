"""Loading pack files: YAML validated with pydantic; an error names the file, the line and
what is wrong ("cn.yaml:41: breach.regulator_hours: Input should be a valid integer")."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from chuhai.errors import ConfigError

__all__ = ["RulePackError", "load_model"]

M = TypeVar("M", bound=BaseModel)


class RulePackError(ConfigError):
    """A rule pack or claim file is broken."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


def _line_of(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The 1-based line of the YAML node at ``loc`` (the deepest one that exists)."""
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node.start_mark.line + 1


def load_model(path: Path, model: type[M], text: str | None = None) -> M:
    """``path`` parsed and validated as ``model``."""
    source = text if text is not None else path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark else None
        raise RulePackError(path, line, f"not valid YAML: {problem}") from None
    if root is None or not isinstance(data, dict):
        raise RulePackError(path, 1, "must be a mapping of fields")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        where = ".".join(str(p) for p in loc) or "(top)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise RulePackError(path, _line_of(root, loc), f"{where}: {first['msg']}{more}") from None
