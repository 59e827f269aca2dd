// Exploratory queries for coaches and analysts: paste one into Neo4j Browser after setting its
// parameters, e.g.
//   :param role => 'data-engineer'
//   :param source => 'data-analyst'
//   :param target => 'head-of-data'
//   :param max_steps => 3
//   :param limit => 10
// They read the current catalog generation only (the one :CatalogMeta points to) and only the
// transitions stored in the catalog; the service's route search also adds derived transitions
// computed from role profiles (docs/model.md), so its answers can differ.
// Variable-length bounds cannot be parameters in Cypher: paths are bounded at 6 steps in the
// text and $max_steps (1-6) filters them.

// name: direct_transitions
// The transitions out of one role, best fit first, with the points to develop per trait.
MATCH (m:CatalogMeta {key: 'catalog'})
MATCH (r:Role {gen: m.generation, id: $role})-[t:TRANSITION]->(next:Role)
RETURN next.id AS to, next.name AS name, t.fit AS fit, t.origin AS origin,
       t.strengths AS strengths,
       {openness: coalesce(t.develop_openness, 0),
        conscientiousness: coalesce(t.develop_conscientiousness, 0),
        extraversion: coalesce(t.develop_extraversion, 0),
        agreeableness: coalesce(t.develop_agreeableness, 0),
        emotional_stability: coalesce(t.develop_emotional_stability, 0),
        relational_engagement: coalesce(t.develop_relational_engagement, 0)} AS develop
ORDER BY fit DESC, to;

// name: incoming_transitions
// The roles that lead into one role, best fit first.
MATCH (m:CatalogMeta {key: 'catalog'})
MATCH (previous:Role)-[t:TRANSITION]->(r:Role {gen: m.generation, id: $role})
RETURN previous.id AS from, previous.name AS name, t.fit AS fit, t.origin AS origin
ORDER BY fit DESC, from;

// name: routes_by_fit
// Routes of up to $max_steps steps from $source to $target that visit no role twice, ranked
// by cumulative fit (the product of the step fits, computed here with reduce), then by
// fewer steps and development points; the best $limit of them.
MATCH (m:CatalogMeta {key: 'catalog'})
MATCH (a:Role {gen: m.generation, id: $source}), (b:Role {gen: m.generation, id: $target})
MATCH p = (a)-[:TRANSITION*1..6]->(b)
WHERE length(p) <= $max_steps
  AND all(n IN nodes(p) WHERE single(x IN nodes(p) WHERE x = n))
WITH p,
     reduce(fit = 1.0, t IN relationships(p) | fit * t.fit) AS cumulative_fit,
     reduce(low = 1.0, t IN relationships(p) | CASE WHEN t.fit < low THEN t.fit ELSE low END)
       AS weakest_step,
     reduce(points = 0, t IN relationships(p) |
       points + coalesce(t.develop_openness, 0) + coalesce(t.develop_conscientiousness, 0)
              + coalesce(t.develop_extraversion, 0) + coalesce(t.develop_agreeableness, 0)
              + coalesce(t.develop_emotional_stability, 0)
              + coalesce(t.develop_relational_engagement, 0)) AS effort
RETURN [n IN nodes(p) | n.id] AS roles, length(p) AS steps,
       round(cumulative_fit, 4) AS cumulative_fit, weakest_step, effort
ORDER BY cumulative_fit DESC, steps, effort, roles
LIMIT $limit;

// name: routes_by_objective
// Routes of up to $max_steps steps from $source to $target that visit no role twice, ranked by
// the service's scalar objective computed here: per step $fit_weight * -ln(fit) plus
// $effort_weight * (development points) / 100, summed; ties go to fewer steps, then role ids.
// The best $limit of them (the benchmark's Cypher-only baseline, bench/cypher_baseline.py).
MATCH (m:CatalogMeta {key: 'catalog'})
MATCH (a:Role {gen: m.generation, id: $source}), (b:Role {gen: m.generation, id: $target})
MATCH p = (a)-[:TRANSITION*1..6]->(b)
WHERE length(p) <= $max_steps
  AND all(n IN nodes(p) WHERE single(x IN nodes(p) WHERE x = n))
WITH p,
     reduce(cost = 0.0, t IN relationships(p) |
       cost - $fit_weight * log(t.fit)
            + $effort_weight * (coalesce(t.develop_openness, 0)
              + coalesce(t.develop_conscientiousness, 0) + coalesce(t.develop_extraversion, 0)
              + coalesce(t.develop_agreeableness, 0) + coalesce(t.develop_emotional_stability, 0)
              + coalesce(t.develop_relational_engagement, 0)) / 100.0) AS cost
RETURN [n IN nodes(p) | n.id] AS roles, length(p) AS steps, cost
ORDER BY cost, steps, roles
LIMIT $limit;

// name: reachable_within
// Every role reachable from $role in at most $max_steps steps: the fewest steps it takes and
// the best cumulative fit of a route that gets there within the limit.
MATCH (m:CatalogMeta {key: 'catalog'})
MATCH (a:Role {gen: m.generation, id: $role})
MATCH p = (a)-[:TRANSITION*1..6]->(r:Role)
WHERE length(p) <= $max_steps AND r <> a
  AND all(n IN nodes(p) WHERE single(x IN nodes(p) WHERE x = n))
WITH r, length(p) AS steps, reduce(fit = 1.0, t IN relationships(p) | fit * t.fit) AS fit
RETURN r.id AS role, r.name AS name, min(steps) AS fewest_steps,
       round(max(fit), 4) AS best_cumulative_fit
ORDER BY fewest_steps, best_cumulative_fit DESC, role;

// name: roles_by_family
// The roles of one family (e.g. 'data'), by level and id, with their OCEAN+ profile.
MATCH (m:CatalogMeta {key: 'catalog'})
MATCH (r:Role {family: $family})
WHERE r.gen = m.generation
RETURN r.id AS id, r.name AS name, r.level AS level,
       [r.openness, r.conscientiousness, r.extraversion, r.agreeableness,
        r.emotional_stability, r.relational_engagement] AS profile
ORDER BY level, id;
