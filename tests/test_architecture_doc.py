"""The layer picture in docs/ARCHITECTURE.md is the contract make lint checks: the same
packages, top to bottom, in the same order."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [layers] = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers"]
    return [name.strip() for layer in layers["layers"] for name in re.split(r"[|:]", layer)]


def _pictured_layers() -> list[str]:
    """The names in the picture's layer column (from column 16 to the description)."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Layers: who may import whom", 1)[1]
    picture = section.split("```", 2)[1]
    names = []
    for line in picture.splitlines():
        if line.startswith(" chuhai_tools"):  # chuhai's own layers come first
            break
        column = re.split(r"\s{3,}", line[16:].strip())[0]
        names += [n.strip() for n in re.split(r"[|:]", column) if re.fullmatch(r"\s*[a-z_]+\s*", n)]
    return names


def test_the_picture_names_every_layer_in_contract_order() -> None:
    assert _pictured_layers() == _contract_layers()


def test_every_layer_is_a_package_or_module() -> None:
    for name in _contract_layers():
        src = ROOT / "src" / "chuhai"
        assert (src / name / "__init__.py").is_file() or (src / f"{name}.py").is_file(), name


def test_every_package_and_module_has_a_layer() -> None:
    src = ROOT / "src" / "chuhai"
    children = {p.stem for p in src.glob("*.py")} | {
        p.parent.name for p in src.glob("*/__init__.py")
    }
    assert children - {"__init__", "__main__"} == set(_contract_layers())
