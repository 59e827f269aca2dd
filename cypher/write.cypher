// What the store writes. Every write transaction starts with lock_meta or bump_version on the
// :CatalogMeta node: that takes its write lock, so writers are serialised and the version check
// (optimistic concurrency) happens inside the transaction that writes.
// Rows go in as $rows lists (UNWIND), in batches; nothing is formatted into the text.

// name: bump_version
// Lock the meta node and move to the next version; returns it and the current generation.
// (SET reads m.version under the node's write lock: no lost updates.)
MATCH (m:CatalogMeta {key: 'catalog'})
SET m.version = m.version + 1, m.updated_at = datetime()
RETURN m.version AS version, m.generation AS generation;

// name: allocate_generation
// A fresh generation number for a whole-catalog load (written before it becomes current).
MATCH (m:CatalogMeta {key: 'catalog'})
SET m.last_generation = coalesce(m.last_generation, m.generation) + 1
RETURN m.last_generation AS generation;

// name: switch_generation
// Make a loaded generation the current catalog (in the transaction that ran bump_version),
// with its career rules ($rules, JSON): they change with the generation, atomically.
MATCH (m:CatalogMeta {key: 'catalog'})
SET m.generation = $generation, m.rules = $rules
RETURN m.version AS version, m.generation AS generation;

// name: create_roles
// A batch of roles of a new generation (see stores/neo4j.py for the properties); returns
// each new node's elementId, in row order, for create_transitions.
UNWIND $rows AS row
CREATE (r:Role {gen: $generation})
SET r += row
RETURN elementId(r) AS node;

// name: create_transitions
// A batch of transitions between roles of a new generation, as columns (one list per
// property, the i-th transition at index i): the end nodes by the elementIds create_roles
// returned (a seek, not an index lookup by id), checked to be of this generation. A null
// develop_<trait> (no points) sets no property.
UNWIND range(0, size($source) - 1) AS i
MATCH (s) WHERE elementId(s) = $source[i] AND s.gen = $generation
MATCH (d) WHERE elementId(d) = $target[i] AND d.gen = $generation
CREATE (s)-[:TRANSITION {
  fit: $fit[i], strengths: $strengths[i], origin: $origin[i],
  develop_openness: $develop_openness[i],
  develop_conscientiousness: $develop_conscientiousness[i],
  develop_extraversion: $develop_extraversion[i],
  develop_agreeableness: $develop_agreeableness[i],
  develop_emotional_stability: $develop_emotional_stability[i],
  develop_relational_engagement: $develop_relational_engagement[i]
}]->(d);

// name: create_actions
// A batch of development actions of a new generation (position = order in the table).
UNWIND $rows AS row
CREATE (a:DevelopmentAction {gen: $generation})
SET a += row;

// name: delete_generation_batch
// Delete up to $batch_size roles of a generation, with their transitions.
MATCH (r:Role)
WHERE r.gen = $generation AND r.id IS NOT NULL
WITH r LIMIT $batch_size
DETACH DELETE r
RETURN count(*) AS deleted;

// name: delete_generation_actions
// Delete the development actions of a generation.
MATCH (a:DevelopmentAction)
WHERE a.gen = $generation
DETACH DELETE a
RETURN count(*) AS deleted;

// name: upsert_roles
// Create or replace roles of the current generation; their transitions are kept. `existed`
// counts the roles that were there already: decided in the writing transaction (which holds
// the meta node's lock), so of concurrent creates of one role exactly one finds none.
UNWIND $rows AS row
OPTIONAL MATCH (old:Role {gen: $generation, id: row.id})
WITH row, count(old) AS found
MERGE (r:Role {gen: $generation, id: row.id})
SET r = row {.*, gen: $generation}
RETURN count(r) AS written, sum(found) AS existed;

// name: delete_roles
// Delete roles of the current generation and every transition that touches them.
UNWIND $ids AS id
MATCH (r:Role {gen: $generation, id: id})
DETACH DELETE r
RETURN count(*) AS deleted;

// name: upsert_transitions
// Create or replace transitions between existing roles of the current generation; `existed`
// counts those that were there already (see upsert_roles).
UNWIND $rows AS row
MATCH (s:Role {gen: $generation, id: row.source})
MATCH (d:Role {gen: $generation, id: row.target})
OPTIONAL MATCH (s)-[old:TRANSITION]->(d)
WITH row, s, d, count(old) AS found
MERGE (s)-[t:TRANSITION]->(d)
SET t = row.properties
RETURN count(t) AS written, sum(found) AS existed;

// name: delete_transitions
// Delete transitions of the current generation.
UNWIND $rows AS row
MATCH (:Role {gen: $generation, id: row.source})-[t:TRANSITION]->(:Role {gen: $generation, id: row.target})
DELETE t
RETURN count(*) AS deleted;

// name: replace_actions
// Replace the development-action table of the current generation with $rows.
OPTIONAL MATCH (a:DevelopmentAction)
WHERE a.gen = $generation
DETACH DELETE a
WITH count(*) AS cleared
UNWIND $rows AS row
CREATE (b:DevelopmentAction {gen: $generation})
SET b += row
RETURN count(b) AS written;
