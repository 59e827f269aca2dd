"""The JSON shapes of the HTTP API, one module per router.

Answers are the use cases' own models (:mod:`usecases`); these modules hold
what only HTTP needs: strict request bodies built from the domain's query
models (:mod:`api.models.strict`), write bodies, problems, probes and the
examples of the OpenAPI document.
"""
