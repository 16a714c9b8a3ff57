"""Data files shipped as YAML (rule packs, the gist's lexicons, the messenger list) read into
pydantic models. An error names the file, the line and what is wrong
("cn.yaml:41: breach.regulator_hours: Input should be a valid integer")."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from chuhai.errors import ConfigError

__all__ = ["DataFileError", "line_in", "load_model", "parse_model"]

M = TypeVar("M", bound=BaseModel)
LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built


class DataFileError(ConfigError):
    """A data file is broken; ``path`` and ``line`` say where."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.line = line


def parse_model(
    name: str | Path, text: str, model: type[M], *, error: type[DataFileError] = DataFileError
) -> M:
    """``text`` (the file ``name``) parsed and validated as ``model``; problems raise
    ``error`` with the line."""
    try:
        data: Any = yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(name, mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise error(name, 1, "must be a mapping of fields")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        where = ".".join(str(p) for p in loc) or "(top)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise error(name, line_in(text, loc), f"{where}: {first['msg']}{more}") from None


def load_model(path: Path, model: type[M], *, error: type[DataFileError] = DataFileError) -> M:
    """The file at ``path`` parsed and validated as ``model``."""
    return parse_model(path, path.read_text(encoding="utf-8"), model, error=error)


def line_in(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest entry of ``loc`` that exists in the YAML ``text``: the
    line of its key in a mapping (a section's values start on the lines below), of the item in
    a list. The text is composed again only when there is an error to place."""
    node = yaml.compose(text, Loader=LOADER)
    if node is None:
        return None
    line = node.start_mark.line
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if str(k.value) == str(key)), None)
            if found is None:
                break
            line, node = found[0].start_mark.line, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return int(line) + 1
