"""The data files of the threshold reader (``units.yaml``, ``quantities.yaml``), read once at
import and checked as they are read.

A table that does not have the shape its header comment describes raises :class:`TableError`
at import, naming the file and the entry: a unit or keyword read wrongly would otherwise change
the thresholds found without a word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

_PACKAGE = __name__.rpartition(".")[0]
#: A factor written as numbers and "pi" joined by "*" and "/": "459.67 * 5.0 / 9.0".
_PRODUCT_RE = re.compile(r"\s*([*/])\s*")


class TableError(ValueError):
    """A data file of the threshold reader is malformed."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key written twice (PyYAML would keep the last one silently)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class Table:
    """One data file: its sections, and checks that name the file and the entry on failure."""

    file: str
    sections: dict[str, object]

    def error(self, where: str, problem: str) -> TableError:
        return TableError(f"{self.file}: {where}: {problem}")

    def mapping(self, where: str, value: object) -> dict[str, object]:
        """``value`` as a mapping with text keys."""
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise self.error(where, "not a mapping of names")
        return value

    def text(self, where: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(where, f"{value!r} is not a non-empty text")
        return value

    def texts(self, where: str, value: object) -> list[str]:
        """``value`` as a list of non-empty texts."""
        if not isinstance(value, list):
            raise self.error(where, "not a list")
        return [self.text(f"{where}[{i}]", item) for i, item in enumerate(value)]

    def number(self, where: str, value: object) -> float:
        """A number, or numbers and "pi" joined by "*" and "/", worked out left to right."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            parts = _PRODUCT_RE.split(value.strip())
            try:
                result = _operand(parts[0])
                for operator, operand in zip(parts[1::2], parts[2::2], strict=True):
                    if operator == "*":
                        result *= _operand(operand)
                    else:
                        result /= _operand(operand)
            except (ValueError, ZeroDivisionError):
                pass
            else:
                if math.isfinite(result):
                    return result
        raise self.error(where, f"{value!r} is not a number")

    def fields(
        self, where: str, value: object, required: Collection[str], optional: Collection[str]
    ) -> dict[str, object]:
        """An entry written as a mapping of the given fields."""
        entry = self.mapping(where, value)
        missing = [f for f in required if f not in entry]
        unknown = [f for f in entry if f not in required and f not in optional]
        if missing or unknown:
            raise self.error(where, f"missing fields {missing}, unknown fields {unknown}")
        return entry

    def section(self, name: str) -> dict[str, object]:
        return self.mapping(name, self.sections[name])

    def words(self, name: str) -> list[str]:
        """A section that lists words."""
        return self.texts(name, self.sections[name])

    def names(
        self, name: str, among: Collection[str] | None = None, known_as: str = ""
    ) -> dict[str, str]:
        """A section that maps names to names, each ``among`` the known ones if given."""
        table = {
            self.text(name, key): self.text(f"{name}: {key}", value)
            for key, value in self.section(name).items()
        }
        for key, value in table.items():
            if among is not None and value not in among:
                raise self.error(f"{name}: {key}", f"{value!r} is no {known_as}")
        return table


def _operand(text: str) -> float:
    return math.pi if text == "pi" else float(text)


def read_table(name: str, sections: Collection[str]) -> Table:
    """The data file ``name`` of this package, which holds exactly ``sections``."""
    file = f"{_PACKAGE.replace('.', '/')}/{name}"
    text = resources.files(_PACKAGE).joinpath(name).read_text("utf-8")
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # safe: a SafeLoader
    except yaml.MarkedYAMLError as exc:
        line = f", line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise TableError(f"{file}{line}: {problem}") from exc
    except yaml.YAMLError as exc:  # a character YAML does not allow
        raise TableError(f"{file}: {exc}") from exc
    if not isinstance(data, dict) or set(data) != set(sections):
        found = sorted(map(str, data)) if isinstance(data, dict) else type(data).__name__
        raise TableError(f"{file}: holds {found}, not the sections {sorted(sections)}")
    return Table(file, data)
