"""Route, reachable and leverage answers say which roles have an imputed profile.

On the O*NET 30.x fixture release: Computer Occupations, All Other (15-1299.00) has
no work-style ratings, so its profile is imputed from Software Developers and Data
Scientists, which are rated.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graph.personal import Person
from graph.search import Constraints
from graph.store import CatalogSnapshot
from graph.traits import Profile
from loaders.onet import import_onet
from usecases.leverage import leverage_answer
from usecases.reachable import ReachableQuery, reachable_answer
from usecases.routes import RouteQuery, answer_routes

RELEASE = Path(__file__).resolve().parents[2] / "fixtures" / "onet" / "onet-30x"
DEVELOPERS, OTHER, SCIENTISTS = "onet-15-1252-00", "onet-15-1299-00", "onet-15-2051-00"
MANAGERS = "onet-11-3021-00"


@cache
def snapshot() -> CatalogSnapshot:
    return CatalogSnapshot(1, import_onet(RELEASE).catalog)


def test_the_fixture_has_the_imputed_role_these_tests_need() -> None:
    roles = snapshot().catalog.roles
    assert roles[OTHER].imputed and not roles[DEVELOPERS].imputed
    assert not roles[SCIENTISTS].imputed and not roles[MANAGERS].imputed


def test_a_route_through_an_imputed_role_names_it() -> None:
    query = RouteQuery(source=DEVELOPERS, target=SCIENTISTS, mode="alternatives", k=5)
    answer = answer_routes(snapshot(), query, "es")
    through = [r for r in answer.routes if OTHER in r.roles]
    assert through and all(r.imputed == (OTHER,) for r in through)
    assert all(r.imputed == () for r in answer.routes if OTHER not in r.roles)
    assert answer.model_dump(mode="json")["routes"][0]["imputed"] == list(answer.routes[0].imputed)


def test_reachable_roles_name_the_imputed_ones_on_their_routes() -> None:
    answer = reachable_answer(snapshot(), ReachableQuery(source=DEVELOPERS), "en")
    by_id = {entry.id: entry.route for entry in answer.roles}
    assert by_id[OTHER].imputed == (OTHER,)
    assert by_id[MANAGERS].imputed == ()
    for route in by_id.values():
        assert route.imputed == tuple(r for r in route.roles if r == OTHER)

    # From the imputed role itself: every route starts at it.
    answer = reachable_answer(snapshot(), ReachableQuery(source=OTHER), "en")
    assert answer.roles and all(e.route.imputed[:1] == (OTHER,) for e in answer.roles)


def test_leverage_routes_name_imputed_roles_too() -> None:
    person = Person(scores=Profile.from_scores([55] * 6), current_role=DEVELOPERS)
    answer = leverage_answer(snapshot(), person, OTHER, 10, Constraints(), None, "es")
    assert answer.baseline is not None and answer.baseline.imputed == (OTHER,)
