"""``POST /v1/routes``: the route request (the domain's query, strict) and its examples."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict

from api.models.strict import RouteConstraints, RouteObjective, RoutePerson, strict_scalars
from usecases.routes import RouteQuery

#: The request every example and test uses: MLOps Engineer to Chief Data Officer.
MLOPS_TO_CDO: dict[str, Any] = {
    "from": "mlops-engineer",
    "to": "chief-data-officer",
    "mode": "alternatives",
    "k": 5,
}

if TYPE_CHECKING:
    _StrictRouteQuery = RouteQuery
else:
    _StrictRouteQuery = strict_scalars(
        RouteQuery,
        "_StrictRouteQuery",
        nested={
            "objective": RouteObjective,
            "constraints": RouteConstraints,
            "person": RoutePerson | None,
        },
    )


class RouteRequest(_StrictRouteQuery):
    __doc__ = RouteQuery.__doc__

    model_config = ConfigDict(json_schema_extra={"examples": [MLOPS_TO_CDO]})


#: A real answer (MLOps Engineer to Chief Data Officer in one step, in English).
ROUTE_ANSWER_EXAMPLE: dict[str, Any] = {
    "catalog_version": 1,
    "lang": "en",
    "mode": "best",
    "routes": [
        {
            "roles": ["mlops-engineer", "chief-data-officer"],
            "steps": [
                {
                    "from": "mlops-engineer",
                    "to": "chief-data-officer",
                    "fit": 0.48,
                    "strengths": [
                        "Visión operacional de ML",
                        "Gestión de infraestructura de datos",
                    ],
                    "develop": {"extraversion": 20, "relational_engagement": 18},
                    "origin": "curated",
                }
            ],
            "totals": {
                "cumulative_fit": 0.48,
                "weakest_step": 0.48,
                "mean_step_fit": 0.48,
                "effort": 38,
                "develop": {"extraversion": 20, "relational_engagement": 18},
                "steps": 1,
                "score": 1.1139691750802005,
            },
            "explanation": "1 step: MLOps Engineer → Chief Data Officer. Cumulative fit 48%, "
            "weakest step 48%. Development: 38 points (Extraversion +20, "
            "Relational Engagement +18).",
            "imputed": [],
        }
    ],
    "reason": None,
    "names": {
        "mlops-engineer": "MLOps Engineer",
        "chief-data-officer": "Chief Data Officer",
    },
}
