"""The notice of routes that step down agrees in number with the routes answered.

A four-role catalog with no derived moves: from the analyst (mid) two moves lead
down to a junior role each, and both lead back up to the scientist (mid), so
every route between the two mid roles steps down.
"""

from __future__ import annotations

import pytest

from graph.career import CareerRules, DerivedRules
from graph.catalog import Catalog
from graph.model import Role, Transition
from graph.store import CatalogSnapshot
from graph.traits import Language, Profile
from usecases.routes import RouteQuery, answer_routes

ONE_ROUTE: dict[Language, str] = {
    "es": "Esta ruta baja de nivel en algún paso: dentro de estos límites (pasos, "
    "restricciones) ninguna ruta hacia este rol lo evita.",
    "en": "This route steps down a level somewhere: within these limits (steps, "
    "constraints) no route into this role avoids it.",
}
SEVERAL_ROUTES: dict[Language, str] = {
    "es": "Estas rutas bajan de nivel en algún paso: dentro de estos límites (pasos, "
    "restricciones) ninguna ruta hacia este rol lo evita.",
    "en": "These routes step down a level somewhere: within these limits (steps, "
    "constraints) no route into this role avoids it.",
}


def step_down_snapshot() -> CatalogSnapshot:
    levels = {"analyst": "mid", "assistant": "junior", "intern": "junior", "scientist": "mid"}
    roles = [
        Role(id=i, name=i.title(), level=level, profile=Profile.from_scores([50] * 6))
        for i, level in levels.items()
    ]
    moves = [("analyst", "assistant"), ("analyst", "intern")]
    moves += [("assistant", "scientist"), ("intern", "scientist")]
    transitions = [Transition(source=a, target=b, fit=0.7) for a, b in moves]
    rules = CareerRules(derived=DerivedRules(enabled=False))
    return CatalogSnapshot(1, Catalog.build(roles, transitions, rules=rules))


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(("k", "notice"), [(1, ONE_ROUTE), (5, SEVERAL_ROUTES)])
def test_the_notice_names_one_route_or_several(
    k: int, notice: dict[Language, str], lang: Language
) -> None:
    query = RouteQuery(source="analyst", target="scientist", mode="alternatives", k=k)
    answer = answer_routes(step_down_snapshot(), query, lang)
    assert len(answer.routes) == min(k, 2)  # two routes exist, both stepping down
    assert answer.notice == notice[lang]


def test_routes_that_need_not_step_down_have_no_notice() -> None:
    query = RouteQuery(source="assistant", target="scientist")
    assert answer_routes(step_down_snapshot(), query, "es").notice is None
