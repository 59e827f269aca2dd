"""Catalog text that looks like terminal markup, Cypher or emoji codes is printed as is.

The CLI prints with rich, which reads ``[bold]``, ``[/x]`` and ``:warning:`` as markup: a
role whose fields hold such text once crashed ``rumbo role`` with a traceback
(``MarkupError``) or printed it altered. Every free-text field of one role and one
transition carries it here, and each query command must print it verbatim.
"""

from __future__ import annotations

from pathlib import Path

from graph.catalog import Catalog
from graph.model import Archetype, InterviewQuestion
from graph.traits import TRAITS
from loaders import read_catalog, write_catalog
from tests.unit.cli.cli_batch import REPO, rumbo_batch

HOSTILE = "[/x] [bold]b[/bold] :warning: x'}) DETACH DELETE n // $param `tick` MATCH (n) RETURN n"


def hostile_catalog(folder: Path) -> Catalog:
    """The bundled catalog, with hostile text in every free-text field of mlops-engineer
    and of its transition to ai-researcher (its level is a name on the catalog's scale)."""
    bundled = read_catalog(REPO / "loaders" / "bundled")
    role = bundled.roles["mlops-engineer"].model_copy(
        update={
            "name": f"N {HOSTILE}",
            "name_en": f"NE {HOSTILE}",
            "family": f"F {HOSTILE}",
            "description": f"D {HOSTILE}",
            "profile_notes": dict.fromkeys(TRAITS, f"P {HOSTILE}"),
            "strengths": (f"S {HOSTILE}",),
            "red_flags": (f"R {HOSTILE}",),
            "interview_questions": (InterviewQuestion(question=f"Q {HOSTILE}", evaluates=HOSTILE),),
            "archetypes": (Archetype(name=f"A {HOSTILE}", description=HOSTILE),),
            "attribution": f"T {HOSTILE}",
        }
    )
    edges = dict(bundled.transitions)
    key = ("mlops-engineer", "ai-researcher")
    edges[key] = edges[key].model_copy(update={"strengths": (f"E {HOSTILE}",)})
    roles = [role if r.id == role.id else r for r in bundled.roles.values()]
    catalog = Catalog.build(roles, edges.values()).with_actions(bundled.actions)
    write_catalog(catalog, folder, "yaml")
    return catalog


def test_every_query_command_prints_hostile_text_verbatim(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    hostile_catalog(folder)
    cat = str(folder)
    commands = [
        ["validate", cat],
        ["role", "mlops-engineer", "--catalog", cat],
        ["role", "mlops-engineer", "--catalog", cat, "--lang", "en"],
        ["role", "ai-researcher", "--catalog", cat],
        ["roles", "--catalog", cat, "--search", "mlops"],
        ["route", "mlops-engineer", "ai-researcher", "--catalog", cat, "--curated-only"],
        ["route", "data-engineer", "mlops-engineer", "--catalog", cat, "--k", "2"],
        ["reachable", "mlops-engineer", "--steps", "1", "--catalog", cat],
        ["fit-now", "--scores", "O=70,C=80,E=45,A=55,ES=74,RE=50", "--catalog", cat],
    ]
    results = rumbo_batch(commands)
    for result in results:
        assert result.returncode == 0, (result.args, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
    role_es, role_en, peer, roles, route_out, route_in, reachable, fit_now = (
        r.stdout for r in results[1:]
    )
    for label in ("N", "F", "D", "S", "R", "Q", "T"):
        assert f"{label} {HOSTILE}" in role_es, label
    assert f"NE {HOSTILE}" in role_en
    assert f"N {HOSTILE}" in peer  # as the peer of an incoming transition
    assert f"N {HOSTILE}" in roles
    assert f"N {HOSTILE}" in route_out and f"E {HOSTILE}" in route_out
    assert f"N {HOSTILE}" in route_in
    assert f"N {HOSTILE}" in reachable
    assert f"N {HOSTILE}" in fit_now
