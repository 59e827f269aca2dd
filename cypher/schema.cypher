// Rumbo's schema: constraints, indexes and the catalog's meta node.
// Every statement is idempotent (IF NOT EXISTS / MERGE): `rumbo db init` runs them all, and a
// store runs them before its first write. Schema statements each run in their own transaction.
//
// Roles are loaded in generations (see docs/neo4j.md): a whole-catalog load writes a new
// generation next to the current one and then points :CatalogMeta at it, so the role id is
// unique within a generation, i.e. the pair (gen, id) is unique.

// name: constraint_role_key
// One role per id in each generation; also the index every lookup by id uses.
CREATE CONSTRAINT role_generation_id IF NOT EXISTS
FOR (r:Role) REQUIRE (r.gen, r.id) IS UNIQUE;

// name: index_role_family
// Browse roles by family (e.g. 'data', 'ml', 'product').
CREATE INDEX role_family IF NOT EXISTS
FOR (r:Role) ON (r.family);

// name: index_role_level
// Browse roles by level (e.g. 'junior', 'senior', 'lead').
CREATE INDEX role_level IF NOT EXISTS
FOR (r:Role) ON (r.level);

// name: index_action_generation
// The development actions of one generation.
CREATE INDEX development_action_generation IF NOT EXISTS
FOR (a:DevelopmentAction) ON (a.gen);

// name: constraint_meta_key
// :CatalogMeta is a singleton; the constraint makes concurrent MERGEs safe.
CREATE CONSTRAINT catalog_meta_key IF NOT EXISTS
FOR (m:CatalogMeta) REQUIRE m.key IS UNIQUE;

// name: await_indexes
// Wait until every index is online (new indexes are populated in the background).
CALL db.awaitIndexes($timeout_seconds);

// name: ensure_meta
// Create the meta node of an empty catalog (version 0, generation 0) unless it exists; uid
// tells this catalog apart from one in a wiped and re-created database.
MERGE (m:CatalogMeta {key: 'catalog'})
  ON CREATE SET m.version = 0, m.generation = 0, m.last_generation = 0,
                m.uid = randomUUID(), m.updated_at = datetime()
RETURN m.version AS version, m.generation AS generation;
