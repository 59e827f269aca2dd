"""Rumbo's application layer: one module per use case, shared by every adapter.

The CLI (:mod:`rumbo_cli`) and the HTTP API (:mod:`api`) are thin adapters over
these modules: they parse their own input, call a use case, and render what it
returns, so the two cannot disagree. Use cases work on a catalog snapshot from a
store (:mod:`usecases.store`), run the domain's searches (:mod:`graph`) and
word their answers from one es/en message table (:mod:`usecases.messages`).
"""
