"""Rumbo's domain model and route search over the OCEAN+ role graph.

This package imports neither the HTTP layer nor the Neo4j driver.
"""
