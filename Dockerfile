# The Rumbo API image: `docker compose up` runs it next to Neo4j (docs/neo4j.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first (cached while only the code changes), then the code itself; the
# versions are requirements.lock's (the same pins CI tests with).
COPY pyproject.toml README.md requirements.lock ./
COPY graph/ graph/
COPY loaders/ loaders/
COPY api/ api/
COPY rumbo_cli/ rumbo_cli/
COPY cypher/ cypher/
RUN pip install -c requirements.lock . \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin rumbo

# The bundled catalog, loaded into an empty database on the first start.
COPY --chown=rumbo:rumbo data/ /app/data/

USER rumbo

ENV RUMBO_NEO4J_URI=bolt://neo4j:7687 \
    RUMBO_NEO4J_USER=neo4j \
    RUMBO_NEO4J_DATABASE=neo4j \
    RUMBO_BUNDLED_CATALOG=/app/data

EXPOSE 8000

# Create the schema (idempotent), load the bundled catalog only into an empty database,
# then serve. Connection problems stop the container with one line naming the URI.
CMD ["sh", "-c", "rumbo db init && rumbo db load \"$RUMBO_BUNDLED_CATALOG\" --if-empty && exec rumbo serve --host 0.0.0.0 --port 8000"]
