"""Catalogs validated in bulk read exactly as record by record: the same catalog, or the
same problems (file, line, record, field and message), for CSV tables and YAML role files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.catalog import Catalog
from graph.errors import CatalogError, Problem
from graph.traits import TRAITS as TRAIT_ENUMS
from loaders import csv_catalog, yaml_catalog

TRAITS = [trait.value for trait in TRAIT_ENUMS]
_ROLES_HEADER = "id,name,name_en,family,level,job_zone," + ",".join(TRAITS) + "\n"
_TRANSITIONS_HEADER = "source,target,fit," + ",".join(TRAITS) + ",strengths,origin\n"
_good_scores = st.sampled_from([0, 50, 62.5, 100])
_any_scores = st.sampled_from([0, 50, 62.5, 100, 101, -1, "x", True, None])
_transitions = st.lists(
    st.fixed_dictionaries(
        {"to": st.sampled_from(["a", "b", "c"]), "fit": st.sampled_from([0.5, 1, 0.62])},
        optional={"develop": st.fixed_dictionaries({"openness": st.sampled_from([0, 5])})},
    )
    | st.fixed_dictionaries(
        {"to": st.sampled_from(["a", "b", "Z!"]), "fit": st.sampled_from([0.5, 0, 2, "x"])},
        optional={
            "develop": st.fixed_dictionaries({"openness": st.sampled_from([5, 2.5, 101, "x"])}),
            "origin": st.sampled_from(["onet", "derived", "other"]),
            "extra": st.just(1),
        },
    ),
    max_size=3,
)
_roles = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["a", "b", "c"]),
            "name": st.sampled_from(["A", "Ana"]),
            "profile": st.fixed_dictionaries(dict.fromkeys(TRAITS, _good_scores)),
        },
        optional={"transitions": _transitions, "job_zone": st.sampled_from([1, 5])},
    )
    | st.fixed_dictionaries(
        {
            "id": st.sampled_from(["a", "b", "Z!", 7]),
            "name": st.sampled_from(["A", ""]),
            "profile": st.fixed_dictionaries(dict.fromkeys(TRAITS, _any_scores)),
        },
        optional={
            "transitions": _transitions | st.just("none"),
            "job_zone": st.sampled_from([0, 3.0, "x"]),
            "colour": st.just("red"),
        },
    ),
    max_size=4,
)


def _outcome(read: Callable[[Path], Catalog], folder: Path) -> Catalog | tuple[Problem, ...]:
    try:
        return read(folder)
    except CatalogError as exc:
        return exc.problems


def _both_ways(
    loader: ModuleType, read: Callable[[Path], Catalog], folder: Path
) -> tuple[Catalog | tuple[Problem, ...], Catalog | tuple[Problem, ...]]:
    """What ``read`` gives in bulk, and with every record validated on its own."""
    bulk = _outcome(read, folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "validated_roles", lambda records: [None] * len(records))
        patch.setattr(loader, "validated_transitions", lambda records: [None] * len(records))
        one_by_one = _outcome(read, folder)
    event("a catalog" if isinstance(bulk, Catalog) else "problems")
    return bulk, one_by_one


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_roles)
def test_yaml_in_bulk_reads_as_record_by_record(
    tmp_path: Path, documents: list[dict[str, Any]]
) -> None:
    roles = tmp_path / "roles"
    roles.mkdir(exist_ok=True)
    for old in roles.iterdir():
        old.unlink()
    for index, document in enumerate(documents):
        (roles / f"r{index}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    bulk, one_by_one = _both_ways(yaml_catalog, yaml_catalog.read_yaml_catalog, tmp_path)
    assert bulk == one_by_one


# Cells of every kind (valid, out of range, not numbers, blank; ids valid and not), and
# rows whose cells are all valid, so that many examples read into a catalog.
_ids = st.sampled_from(["a", "b", "c", "B!", ""])
_numbers = st.sampled_from(["50", "62.5", "0", "100", "101", "-1", "x", "", " 7 ", "nan", "3.0"])
_fits = st.sampled_from(["0.5", "1", "0", "1.5", "x", "", "0.62"])
_points = st.sampled_from(["", "0", "5", "2.5", "101", "x"])
_zones = st.sampled_from(["", "1", "5", "6", "2.5", "x"])
_origins = st.sampled_from(["", "curated", "onet", "derived", "other"])
_good_ids = st.sampled_from(["a", "b", "c"])


def _sixes(cells: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(cells, min_size=6, max_size=6)


_role_rows = st.lists(
    st.tuples(_ids, st.sampled_from(["A", "", "Ana, B"]), _zones, _sixes(_numbers))
    | st.tuples(
        _good_ids,
        st.sampled_from(["A", "Ana, B"]),
        st.sampled_from(["", "3"]),
        _sixes(st.sampled_from(["50", "62.5", "0", "100", "3.0"])),
    ),
    max_size=5,
)
_transition_rows = st.lists(
    st.tuples(_ids, _ids, _fits, _sixes(_points), st.sampled_from(["", "x|y", " | "]), _origins)
    | st.tuples(
        _good_ids,
        _good_ids,
        st.sampled_from(["0.5", "1", "0.62"]),
        _sixes(st.sampled_from(["", "0", "5"])),
        st.sampled_from(["", "x|y"]),
        st.sampled_from(["", "curated", "onet"]),
    ),
    max_size=6,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_role_rows, _transition_rows)
def test_csv_in_bulk_reads_as_record_by_record(
    tmp_path: Path,
    roles: list[tuple[str, str, str, list[str]]],
    transitions: list[tuple[str, str, str, list[str], str, str]],
) -> None:
    """Every row validated on its own gives the same catalog, or the same problems."""
    (tmp_path / "roles.csv").write_text(
        _ROLES_HEADER + "".join(f'{i},"{n}",,f,senior,{z},{",".join(s)}\n' for i, n, z, s in roles)
    )
    (tmp_path / "transitions.csv").write_text(
        _TRANSITIONS_HEADER
        + "".join(f"{a},{b},{f},{','.join(d)},{s},{o}\n" for a, b, f, d, s, o in transitions)
    )
    bulk, one_by_one = _both_ways(csv_catalog, csv_catalog.read_csv_catalog, tmp_path)
    assert bulk == one_by_one
    if isinstance(bulk, Catalog) and isinstance(one_by_one, Catalog):
        for a, b in zip(bulk.transitions.values(), one_by_one.transitions.values(), strict=True):
            assert a.model_fields_set == b.model_fields_set
