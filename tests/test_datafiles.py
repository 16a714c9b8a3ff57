"""The shared YAML data-file loader: an error names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from chuhai.datafiles import DataFileError, load_model, parse_model


class Limits(BaseModel):
    name: str
    hours: dict[str, int]


class CustomError(DataFileError):
    """A caller's own error type."""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nhours:\n  breach: 72\n  notice: soon\n", "f.yaml:4: hours.notice: Input should"),
        ("name: x\nhours: [\n", "f.yaml:3: not valid YAML"),
        ("- a\n- b\n", "f.yaml:1: must be a mapping of fields"),
        ("hours: {}\n", "f.yaml:1: name: Field required"),
    ],
)
def test_errors_say_where(text: str, message: str) -> None:
    with pytest.raises(CustomError) as caught:
        parse_model("f.yaml", text, Limits, error=CustomError)
    assert str(caught.value).startswith(message)


def test_a_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("name: cn\nhours:\n  breach: 72\n", encoding="utf-8")
    assert load_model(path, Limits) == Limits(name="cn", hours={"breach": 72})
