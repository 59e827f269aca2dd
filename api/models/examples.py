"""Examples for component schemas whose models (domain ones, mostly) carry none.

Added to the OpenAPI document by :func:`api.app.problem_media_types`.
"""

from __future__ import annotations

from typing import Any

from api.models.routes import ROUTE_ANSWER_EXAMPLE

_PROFILE_EXAMPLE: dict[str, float] = {
    "openness": 70,
    "conscientiousness": 80,
    "extraversion": 45,
    "agreeableness": 55,
    "emotional_stability": 74,
    "relational_engagement": 50,
}


SCHEMA_EXAMPLES: dict[str, dict[str, Any]] = {
    "Archetype": {
        "name": "Ejecutor",
        "description": "Asegura que los modelos de ML lleguen a producción.",
    },
    "InterviewQuestion": {
        "question": "Contame sobre una vez que un modelo degradó en producción.",
        "evaluates": "Responsabilidad y Estabilidad Emocional",
    },
    "Profile": _PROFILE_EXAMPLE,
    "AssessedProfile": {**_PROFILE_EXAMPLE, "openness": 66, "extraversion": 40},
    "Health": {"status": "ok"},
    "RouteAnswer": ROUTE_ANSWER_EXAMPLE,
    "ExplainedRoute": ROUTE_ANSWER_EXAMPLE["routes"][0],
    "Totals": ROUTE_ANSWER_EXAMPLE["routes"][0]["totals"],
    "RouteObjective": {"fit_weight": 1.0, "effort_weight": 0.5},
    "RouteConstraints": {
        "max_steps": 4,
        "min_step_fit": 0.5,
        "avoid": ["ai-researcher"],
        "via": [],
        "max_step_effort": 30,
        "curated_only": False,
    },
    "RoutePerson": {
        "scores": {**_PROFILE_EXAMPLE, "openness": 66, "extraversion": 40},
        "current_role": "mlops-engineer",
        "tolerance": 10,
        "development_rate": 2,
        "min_months_in_role": 6,
    },
}
