"""Examples for component schemas whose models (domain ones, mostly) carry none.

Added to the OpenAPI document by :func:`api.app.problem_media_types`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from api.models.catalog import PROFILE_EXAMPLE
from api.models.routes import ROUTE_ANSWER_EXAMPLE
from usecases.routes import RouteQuery


def _first_example(model: type[BaseModel], field: str) -> dict[str, Any]:
    """The first example a model's field documents."""
    examples = model.model_fields[field].examples
    assert examples, f"{model.__name__}.{field} has no example"
    example: dict[str, Any] = examples[0]
    return example


SCHEMA_EXAMPLES: dict[str, dict[str, Any]] = {
    "Archetype": {
        "name": "Ejecutor",
        "description": "Asegura que los modelos de ML lleguen a producción.",
    },
    "InterviewQuestion": {
        "question": "Contame sobre una vez que un modelo degradó en producción.",
        "evaluates": "Responsabilidad y Estabilidad Emocional",
    },
    "Profile": PROFILE_EXAMPLE,
    "AssessedProfile": {**PROFILE_EXAMPLE, "openness": 66, "extraversion": 40},
    "Health": {"status": "ok"},
    "RouteAnswer": ROUTE_ANSWER_EXAMPLE,
    "ExplainedRoute": ROUTE_ANSWER_EXAMPLE["routes"][0],
    "Totals": ROUTE_ANSWER_EXAMPLE["routes"][0]["totals"],
    "RouteObjective": {"fit_weight": 1.0, "effort_weight": 0.5, "months_weight": 0.0},
    "RouteConstraints": {
        **_first_example(RouteQuery, "constraints"),
        # The career defaults, spelled out: each one can be changed per query.
        "max_level_rise": 1,
        "allow_step_down": False,
        "allow_credential_gates": False,
    },
    "RoutePerson": {
        "scores": {**PROFILE_EXAMPLE, "openness": 66, "extraversion": 40},
        "current_role": "mlops-engineer",
        "tolerance": 10,
        # Null: the catalog's development rate and time in role of each level.
        "development_rate": None,
        "min_months_in_role": None,
    },
}
