"""Rumbo's HTTP API (FastAPI): see :func:`api.app.create_app` and :func:`api.server.serve`."""
