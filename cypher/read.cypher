// What the service reads: the catalog version and the projection the route search runs on.
// Every read names the generation :CatalogMeta points to ($generation), so a load in
// progress (a newer generation being written) is never seen.

// name: read_version
// The cheap check every snapshot() makes: has the catalog changed?
OPTIONAL MATCH (m:CatalogMeta {key: 'catalog'})
RETURN coalesce(m.version, 0) AS version, coalesce(m.generation, 0) AS generation,
       m.uid AS uid;

// name: ping
// Does the database answer (used when connecting)?
RETURN 1 AS ok;

// name: read_projection
// Every role of the generation (all properties, decoded by stores/neo4j.py) with its
// outgoing transitions as lists of values, not maps (no key repeated a million times):
// [target id, fit, strengths, origin, then the develop_<trait> points in OCEAN+ order,
// null where absent]. One record per role, streamed: a grouping aggregation over all
// transitions would hold them all in transaction memory.
MATCH (s:Role)
WHERE s.gen = $generation AND s.id IS NOT NULL
RETURN properties(s) AS role,
       [(s)-[t:TRANSITION]->(d:Role) |
        [d.id, t.fit, t.strengths, t.origin,
         t.develop_openness, t.develop_conscientiousness, t.develop_extraversion,
         t.develop_agreeableness, t.develop_emotional_stability,
         t.develop_relational_engagement]] AS transitions;

// name: read_actions
// The development-action table, in table order.
MATCH (a:DevelopmentAction)
WHERE a.gen = $generation
RETURN a.trait AS trait, a.es AS es, a.en AS en
ORDER BY a.position;

// name: read_rules
// The current generation's career rules (JSON; null in a database loaded before they existed).
OPTIONAL MATCH (m:CatalogMeta {key: 'catalog'})
RETURN m.rules AS rules;

// name: count_generation
// How many roles and transitions a generation holds.
MATCH (r:Role)
WHERE r.gen = $generation AND r.id IS NOT NULL
RETURN count(r) AS roles, sum(COUNT { (r)-[:TRANSITION]->() }) AS transitions;

// name: count_actions
// How many development actions a generation holds.
MATCH (a:DevelopmentAction)
WHERE a.gen = $generation
RETURN count(a) AS actions;

// name: other_generations
// Generations other than the current one: a load in progress or left over by a failed one.
CALL () {
  MATCH (r:Role) WHERE r.gen <> $generation RETURN r.gen AS generation
  UNION ALL
  MATCH (a:DevelopmentAction) WHERE a.gen <> $generation RETURN a.gen AS generation
}
RETURN generation, count(*) AS nodes
ORDER BY generation;
