# The Rumbo API image: `docker compose up` runs it next to Neo4j (docs/neo4j.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A non-editable install of the packages, with requirements.lock's versions (the pins CI
# tests with). The bundled catalog, the web page and the Cypher files are package data,
# so the installed packages hold everything the service needs: the source copy is
# deleted and the service runs from site-packages, as from any wheel (scripts/check-wheel).
WORKDIR /src
COPY pyproject.toml README.md requirements.lock ./
COPY graph/ graph/
COPY loaders/ loaders/
COPY api/ api/
COPY rumbo_cli/ rumbo_cli/
COPY cypher/ cypher/
COPY usecases/ usecases/
COPY stores/ stores/
RUN pip install -c requirements.lock . \
    && cd / && rm -rf /src \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin rumbo \
    && install -d -o rumbo -g rumbo /home/rumbo/projection

USER rumbo
WORKDIR /home/rumbo

ENV RUMBO_NEO4J_URI=bolt://neo4j:7687 \
    RUMBO_NEO4J_USER=neo4j \
    RUMBO_NEO4J_DATABASE=neo4j

EXPOSE 8000

# Create the schema (idempotent), load the bundled catalog (package data) only into an
# empty database, then serve the API and the web page. Connection problems stop the
# container with one line naming the URI.
CMD ["sh", "-c", "rumbo db init && rumbo db load --if-empty && exec rumbo serve --host 0.0.0.0 --port 8000"]
