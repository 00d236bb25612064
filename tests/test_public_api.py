"""The facade: every public name imports and is documented; ``__all__`` is sorted."""

from __future__ import annotations

import importlib
import inspect
import types

import pytest

import badgekit


def _group(name: str) -> int:
    # ruff RUF022's isort-style order: CONSTANTS, then Classes, then everything else.
    if name.isupper():
        return 0
    if name[:1].isupper():
        return 1
    return 2


def test_all_is_sorted_and_unique() -> None:
    names = list(badgekit.__all__)
    assert len(names) == len(set(names))
    assert names == sorted(names, key=lambda n: (_group(n), n))


@pytest.mark.parametrize("name", badgekit.__all__)
def test_public_name_imports_and_has_a_docstring(name: str) -> None:
    module = importlib.import_module("badgekit")
    obj = getattr(module, name)  # raises if the name is listed but missing
    if isinstance(obj, types.ModuleType | type) or callable(obj):
        doc = obj.__doc__ if isinstance(obj, types.ModuleType) else inspect.getdoc(obj)
        assert doc, f"badgekit.{name} has no docstring"
        assert doc.strip()
        if isinstance(obj, type) and obj.__doc__ is None:
            pytest.fail(f"badgekit.{name} only inherits its docstring")


def test_facade_names_are_the_real_objects() -> None:
    # ``badgekit.bake`` is the function; the subpackage of the same name is reached by path.
    # The facade's bake chooses the carrier from the credential (above the bake layer).
    bake = importlib.import_module("badgekit.bake")
    errors = importlib.import_module("badgekit.errors")
    assert badgekit.bake is importlib.import_module("badgekit.issue").bake
    assert badgekit.unbake is bake.unbake
    assert badgekit.BadgekitError is errors.BadgekitError
    assert badgekit.MAX_PAYLOAD_BYTES == bake.MAX_PAYLOAD_BYTES


def test_version() -> None:
    assert isinstance(badgekit.__version__, str)
    assert badgekit.__version__.count(".") >= 1
