"""Every text the server side shows to people, in Spanish and English: one table.

The CLI, the API's explanations and reasons, and the use cases all word their
answers from :data:`MESSAGES` through :func:`say`, so a sentence is translated
once and the two adapters cannot word the same answer differently. (The web
page has its own table, ``api/static/i18n.js``; trait labels are domain
vocabulary and live with the traits, :meth:`graph.traits.Trait.label`.)

>>> say("explain.duration", "en", duration=duration_text(8, "en"))
'About 8 months.'
>>> say("explain.duration", "es", duration=duration_text(95, "es"))
'Unos 7 años y 11 meses.'
"""

from __future__ import annotations

from typing import Final

from graph.traits import TRAITS, Language, Trait

#: Message key -> language -> ``str.format`` template.
MESSAGES: Final[dict[str, dict[Language, str]]] = {
    # Route explanations (one paragraph per route).
    "explain.one_step": {"es": "1 paso: {names}.", "en": "1 step: {names}."},
    "explain.steps": {"es": "{steps} pasos: {names}.", "en": "{steps} steps: {names}."},
    "explain.fit": {
        "es": "Ajuste acumulado {fit}, paso más débil {weakest}.",
        "en": "Cumulative fit {fit}, weakest step {weakest}.",
    },
    "explain.develop": {
        "es": "Desarrollo: {points} puntos ({traits}).",
        "en": "Development: {points} points ({traits}).",
    },
    "explain.no_develop": {"es": "Sin desarrollo.", "en": "No development."},
    "explain.duration": {"es": "Unos {duration}.", "en": "About {duration}."},
    "duration.months": {"es": "{months} meses", "en": "{months} months"},
    "duration.one_month": {"es": "1 mes", "en": "1 month"},
    "duration.years": {"es": "{years} años", "en": "{years} years"},
    "duration.one_year": {"es": "1 año", "en": "1 year"},
    "duration.years_months": {"es": "{years} y {months}", "en": "{years} {months}"},
    # Why a query found no route.
    "no_route.person": {
        "es": "Ninguna ruta hacia {target} cumple estas restricciones para esta persona.",
        "en": "No route into {target} meets these constraints for this person.",
    },
    "no_route.no_path": {
        "es": "Ninguna secuencia de transiciones lleva de {source} a {target}.",
        "en": "No sequence of transitions leads from {source} to {target}.",
    },
    "no_route.too_far": {
        "es": "{target} está a {hops} pasos como mínimo de {source}; el máximo es {max_steps}.",
        "en": "{target} is at least {hops} steps from {source}; at most {max_steps} are allowed.",
    },
    "no_route.constraints": {
        "es": "Hay rutas de {source} a {target}, pero ninguna cumple estas restricciones.",
        "en": "Routes from {source} to {target} exist, but none meets these constraints.",
    },
    # Why the routes given step down a level (one route, or several).
    "notice.route_steps_down": {
        "es": "Esta ruta baja de nivel en algún paso: dentro de estos límites (pasos, "
        "restricciones) ninguna ruta hacia este rol lo evita.",
        "en": "This route steps down a level somewhere: within these limits (steps, "
        "constraints) no route into this role avoids it.",
    },
    "notice.routes_step_down": {
        "es": "Estas rutas bajan de nivel en algún paso: dentro de estos límites (pasos, "
        "restricciones) ninguna ruta hacia este rol lo evita.",
        "en": "These routes step down a level somewhere: within these limits (steps, "
        "constraints) no route into this role avoids it.",
    },
    # Leverage.
    "leverage.none": {
        "es": "Ningún rasgo por sí solo mejora la ruta.",
        "en": "No single trait improves the route.",
    },
    # Where a transition comes from.
    "origin.curated": {"es": "curada", "en": "curated"},
    "origin.derived": {"es": "derivada", "en": "derived"},
    "origin.onet": {"es": "O*NET", "en": "O*NET"},
    "origin.entry": {"es": "entrada", "en": "entry"},
    # Route listings (CLI).
    "route.title": {"es": "Ruta {number}", "en": "Route {number}"},
    "route.you": {"es": "tú", "en": "you"},
    "route.months": {"es": "{months:.0f} meses", "en": "{months:.0f} months"},
    "route.level": {"es": "nivel {change}", "en": "level {change}"},
    "route.timeline": {"es": "≈ {duration}", "en": "≈ {duration}"},
    "route.carries_over": {"es": "fortalezas", "en": "carries over"},
    "route.develop": {"es": "a desarrollar", "en": "develop"},
    "route.totals": {
        "es": "ajuste {fit} · paso mínimo {weakest} · esfuerzo {effort}",
        "en": "fit {fit} · weakest step {weakest} · effort {effort}",
    },
    # Role listings and guides (CLI).
    "role.id": {"es": "id", "en": "id"},
    "role.name": {"es": "nombre", "en": "name"},
    "role.family": {"es": "familia", "en": "family"},
    "role.level": {"es": "nivel", "en": "level"},
    "role.trait": {"es": "rasgo", "en": "trait"},
    "role.score": {"es": "puntaje", "en": "score"},
    "role.strengths": {"es": "Fortalezas", "en": "Strengths"},
    "role.red_flags": {"es": "Señales de alerta", "en": "Red flags"},
    "role.questions": {"es": "Preguntas de entrevista", "en": "Interview questions"},
    "role.evaluates": {"es": "evalúa", "en": "evaluates"},
    "role.archetypes": {"es": "Arquetipos", "en": "Archetypes"},
    "role.outgoing": {"es": "Transiciones salientes", "en": "Outgoing transitions"},
    "role.incoming": {"es": "Transiciones entrantes", "en": "Incoming transitions"},
    # The command line's own text (rumbo_cli): listings, hints and errors.
    "cli.step": {"es": "ajuste {fit}", "en": "fit {fit}"},
    "cli.same_step": {"es": "(ver ruta {number})", "en": "(see route {number})"},
    "cli.how_to_develop": {"es": "Cómo desarrollar cada rasgo", "en": "How to develop each trait"},
    "cli.no_route": {
        "es": "No hay ruta con estas restricciones.",
        "en": "No route under these constraints.",
    },
    "cli.no_route_hint": {
        "es": "Prueba a permitir más pasos (--max-steps), bajar el ajuste mínimo por paso "
        "(--min-step-fit), quitar roles de --avoid o de --via, permitir transiciones derivadas "
        "(sin --curated-only) o subir más niveles por paso (--max-level-rise).",
        "en": "Try allowing more steps (--max-steps), lowering the min step fit "
        "(--min-step-fit), removing roles from --avoid or --via, allowing derived transitions "
        "(without --curated-only) or a higher level rise per step (--max-level-rise).",
    },
    "cli.col.fit": {"es": "ajuste", "en": "fit"},
    "cli.col.role": {"es": "rol (id)", "en": "role (id)"},
    "cli.col.strengths": {"es": "fortalezas", "en": "strengths"},
    "cli.col.gaps": {"es": "a desarrollar", "en": "to develop"},
    "cli.col.trait": {"es": "rasgo", "en": "trait"},
    "cli.col.trait_raised": {"es": "rasgo → sube a", "en": "trait → raised to"},
    "cli.col.route_fit": {"es": "ajuste acumulado", "en": "cumulative fit"},
    "cli.col.months": {"es": "meses", "en": "months"},
    "cli.col.change": {"es": "cambio", "en": "change"},
    "cli.col.effort": {"es": "esfuerzo", "en": "effort"},
    "cli.roles.none": {
        "es": "Ningún rol coincide con la búsqueda.",
        "en": "No role matches the search.",
    },
    "cli.did_you_mean": {"es": "¿Quisiste decir: {ids}?", "en": "Did you mean: {ids}?"},
    "cli.leverage.now": {"es": "Ruta actual: {totals}", "en": "Current route: {totals}"},
    "cli.leverage.best": {
        "es": "Subir {trait} {points} puntos es lo que más mejora la ruta.",
        "en": "Raising {trait} by {points} points improves the route most.",
    },
    "cli.leverage.tie": {
        "es": "Empatan (mejoran la ruta por igual): {traits}.",
        "en": "Tied (they improve the route equally): {traits}.",
    },
    "cli.leverage.no_route": {"es": "sin ruta", "en": "no route"},
    "cli.leverage.opens": {
        "es": "Subir {trait} {points} puntos abre la mejor ruta.",
        "en": "Raising {trait} by {points} points opens the best route.",
    },
    "cli.leverage.pp": {"es": "{points} p. p.", "en": "{points} pp"},
    "cli.leverage.tie_opens": {
        "es": "Empatan (abren la mejor ruta por igual): {traits}.",
        "en": "Tied (they open the best route equally): {traits}.",
    },
    "cli.leverage.hint_opens": {
        "es": "Cada fila: la mejor ruta si sube solo ese rasgo {points} puntos (hoy no hay "
        "ninguna).",
        "en": "Each row: the best route if only that trait rises by {points} points (there is "
        "none today).",
    },
    "cli.leverage.hint": {
        "es": "Cada fila: la mejor ruta si sube solo ese rasgo {points} puntos, frente a la "
        "ruta actual; «cambio»: del ajuste acumulado en puntos porcentuales (p. p.) y de la "
        "duración en meses; «=»: sin cambio.",
        "en": "Each row: the best route if only that trait rises by {points} points, against "
        "the current route; “change”: of the cumulative fit in percentage points (pp) and of "
        "the duration in months; “=”: no change.",
    },
    "cli.roles.imputed": {
        "es": "* perfil imputado: la media de roles afines, sin puntuaciones propias",
        "en": "* imputed profile: the mean of related roles, no ratings of its own",
    },
    "cli.role.imputed_from": {
        "es": "Perfil imputado de: {roles} (no tiene puntuaciones propias).",
        "en": "Profile imputed from: {roles} (no ratings of its own).",
    },
    "cli.role.imputed": {
        "es": "Perfil imputado (no tiene puntuaciones propias).",
        "en": "Imputed profile (no ratings of its own).",
    },
    "cli.role.guide_lang": {
        "es": "Los textos de la guía están en {language}: el catálogo no los tiene en español.",
        "en": "The guide's texts are in {language}: the catalog has none in English.",
    },
    "cli.language.es": {"es": "español", "en": "Spanish"},
    "cli.language.en": {"es": "inglés", "en": "English"},
    "cli.error": {"es": "error", "en": "error"},
    "cli.error.unknown_role": {"es": "Rol desconocido: {role}.", "en": "Unknown role: {role}."},
    "cli.error.catalog": {
        "es": "{count} problemas en el catálogo:",
        "en": "{count} problems in the catalog:",
    },
    "cli.error.catalog_one": {
        "es": "1 problema en el catálogo:",
        "en": "1 problem in the catalog:",
    },
    "cli.error.aborted": {"es": "interrumpido", "en": "aborted"},
    "cli.source.both": {
        "es": "da --catalog o --neo4j, no ambos",
        "en": "give --catalog or --neo4j, not both",
    },
    "cli.source.no_neo4j": {
        "es": "falta la URI de Neo4j: da --neo4j o define RUMBO_NEO4J_URI",
        "en": "no Neo4j URI: give --neo4j or set RUMBO_NEO4J_URI",
    },
    "cli.error.not_empty": {
        "es": "no está vacía; añade --replace para escribir el catálogo encima (se borran los "
        "archivos de los roles que no estén en el catálogo nuevo)",
        "en": "is not empty; add --replace to write the catalog over what it holds (role "
        "files of roles not in the new catalog are deleted)",
    },
    "cli.error.budget": {
        "es": "La búsqueda superó su límite de tiempo; acota la consulta (--max-steps, --k).",
        "en": "The search ran out of its time budget; narrow the query (--max-steps, --k).",
    },
    "cli.error.usage": {"es": "{message} (rumbo --help)", "en": "{message} (rumbo --help)"},
    "cli.error.no_such_option": {
        "es": "opción desconocida: {option}",
        "en": "no such option: {option}",
    },
    "cli.error.missing": {"es": "falta {param}", "en": "missing {param}"},
    "cli.error.bad_value": {
        "es": "valor no válido: {value}; {expected}",
        "en": "invalid value: {value}; {expected}",
    },
    "cli.expect.int": {"es": "se espera un número entero", "en": "expected a whole number"},
    "cli.expect.float": {"es": "se espera un número", "en": "expected a number"},
    "cli.expect.ge": {"es": "debe ser ≥ {limit}", "en": "must be ≥ {limit}"},
    "cli.expect.gt": {"es": "debe ser > {limit}", "en": "must be > {limit}"},
    "cli.expect.le": {"es": "debe ser ≤ {limit}", "en": "must be ≤ {limit}"},
    "cli.expect.lt": {"es": "debe ser < {limit}", "en": "must be < {limit}"},
    "cli.expect.text": {"es": "se espera un texto", "en": "expected text"},
    "cli.expect.lang": {"es": "usa es o en", "en": "use es or en"},
    "cli.expect.format": {"es": "usa yaml o csv", "en": "use yaml or csv"},
    "cli.expect.import_from": {
        "es": "usa onet, catalog o guide",
        "en": "use onet, catalog or guide",
    },
    "cli.expect.one_folder": {
        "es": "da una sola carpeta, o páginas de guía",
        "en": "give one folder, or guide pages",
    },
    "cli.expect.writable_catalog": {
        "es": "necesita una carpeta de catálogo (--catalog DIR)",
        "en": "needs a catalog folder (--catalog DIR)",
    },
    "cli.expect.one_worker": {
        "es": "una carpeta escribible se sirve con un solo worker (cada uno tendría su copia)",
        "en": "a writable folder is served by one worker (each would hold its own copy)",
    },
    "cli.expect.bundled_read_only": {
        "es": "el catálogo incluido es de solo lectura: cópialo a una carpeta propia",
        "en": "the bundled catalog is read-only: copy it to a folder of your own",
    },
    "cli.expect.level_rise": {
        "es": "usa un número entero ≥ 0, o 'any'",
        "en": "use a whole number ≥ 0, or 'any'",
    },
    "cli.expect.percent": {
        "es": "se espera un porcentaje entre 0 y 100, p. ej. 50",
        "en": "expected a percent between 0 and 100, e.g. 50",
    },
    "cli.expect.percent_not_fraction": {
        "es": "es un porcentaje: ¿quisiste decir {percent}?",
        "en": "this is a percent: did you mean {percent}?",
    },
    "cli.expect.one_mode": {
        "es": "elige solo una de --k, --pareto y --shortest-gap",
        "en": "choose one of --k, --pareto and --shortest-gap",
    },
    "cli.expect.person_start": {
        "es": "empezar por la persona necesita --person o --scores",
        "en": "starting from the person needs --person or --scores",
    },
    "cli.person.one_source": {
        "es": "da una sola de --person ARCHIVO y --scores",
        "en": "give exactly one of --person FILE and --scores",
    },
    "cli.person.unreadable": {
        "es": "no se puede leer el archivo: {reason}",
        "en": "cannot read the file: {reason}",
    },
    "cli.person.no_file": {"es": "no existe el archivo", "en": "no such file"},
    "cli.person.yaml": {"es": "YAML no válido: {detail}", "en": "invalid YAML: {detail}"},
    "cli.person.not_mapping": {
        "es": "se espera un mapa con la clave «scores» (ver docs/cli.md)",
        "en": "expected a mapping with a 'scores' key (see docs/cli.md)",
    },
    "cli.person.unknown_key": {
        "es": "clave desconocida {key!r}; se esperan: {keys}",
        "en": "unknown key {key!r}; expected: {keys}",
    },
    "cli.person.pair": {
        "es": "se espera RASGO=PUNTAJE, llegó {part!r}",
        "en": "expected TRAIT=SCORE, got {part!r}",
    },
    "cli.person.unknown_trait": {
        "es": "rasgo desconocido {key!r}; usa O, C, E, A, ES, RE o el nombre del rasgo",
        "en": "unknown trait {key!r}; use O, C, E, A, ES, RE or the trait's name",
    },
    "cli.person.twice": {"es": "rasgo repetido: {trait}", "en": "trait given twice: {trait}"},
    "cli.person.missing": {"es": "faltan rasgos: {traits}", "en": "missing traits: {traits}"},
    "cli.person.score_range": {
        "es": "{trait}: {value} no es un puntaje de 0 a 100",
        "en": "{trait}: {value} is not a score from 0 to 100",
    },
    # The API's problem answers (title and detail of application/problem+json).
    "problem.invalid_request.title": {"es": "Solicitud no válida", "en": "Invalid request"},
    "problem.invalid_request.detail": {
        "es": "Campos no válidos: {names}{more}.",
        "en": "Invalid fields: {names}{more}.",
    },
    "problem.more": {"es": " y {count} más", "en": " and {count} more"},
    "problem.unknown_role.title": {"es": "Rol desconocido", "en": "Unknown role"},
    "problem.unknown_role.detail": {
        "es": "El catálogo no tiene el rol {role_id!r}.",
        "en": "Unknown role {role_id!r}.",
    },
    "problem.did_you_mean": {"es": " ¿Quisiste decir: {ids}?", "en": " Did you mean: {ids}?"},
    "problem.unknown_transition.title": {
        "es": "Transición desconocida",
        "en": "Unknown transition",
    },
    "problem.unknown_transition.detail": {
        "es": "El catálogo no tiene una transición de {source!r} a {target!r}.",
        "en": "No transition from {source!r} to {target!r} in the catalog.",
    },
    "problem.invalid_query.title": {
        "es": "Consulta de ruta no válida",
        "en": "Invalid route query",
    },
    # The search's query errors (graph.errors.InvalidQueryError, by code).
    "query.same_ends": {
        "es": "La ruta debe terminar en un rol distinto del de partida.",
        "en": "The route must end at a role other than its start.",
    },
    "query.via_reachable": {
        "es": "Los roles de paso (via) no se aplican a una consulta de alcance.",
        "en": "Via roles do not apply to a reachability query.",
    },
    "query.end_avoided": {
        "es": "{role!r} es un extremo de la ruta y a la vez un rol a evitar.",
        "en": "{role!r} is both an end of the route and avoided.",
    },
    "query.via_twice": {
        "es": "Un rol aparece dos veces en via.",
        "en": "A role is listed twice in via.",
    },
    "query.via_is_end": {
        "es": "{role!r} es un extremo de la ruta, no un rol de paso.",
        "en": "{role!r} is an end of the route, not a via role.",
    },
    "query.via_avoided": {
        "es": "{role!r} es a la vez obligatorio (via) y a evitar.",
        "en": "{role!r} is both required (via) and avoided.",
    },
    "query.via_steps": {
        "es": "Pasar por {count} roles de paso necesita más de {max_steps} pasos.",
        "en": "Passing through {count} via roles needs more than {max_steps} steps.",
    },
    "query.k_range": {
        "es": "k debe estar entre 1 y {top}; llegó {k}.",
        "en": "k must be between 1 and {top}; got {k}.",
    },
    # A request's invalid fields (pydantic's error types, usecases.error_text).
    "field.missing": {"es": "Falta este campo.", "en": "Field required."},
    "field.missing_start": {
        "es": "Falta 'from': da un rol de partida o una persona de la que partir.",
        "en": "Field required: give 'from', or a person to start from.",
    },
    "field.extra": {
        "es": "Campo desconocido: no se admite.",
        "en": "Unknown field: not allowed.",
    },
    "field.gt": {"es": "Debe ser mayor que {gt}.", "en": "Must be greater than {gt}."},
    "field.ge": {
        "es": "Debe ser mayor o igual que {ge}.",
        "en": "Must be greater than or equal to {ge}.",
    },
    "field.lt": {"es": "Debe ser menor que {lt}.", "en": "Must be less than {lt}."},
    "field.le": {
        "es": "Debe ser menor o igual que {le}.",
        "en": "Must be less than or equal to {le}.",
    },
    "field.int": {"es": "Debe ser un número entero.", "en": "Must be a whole number."},
    "field.float": {"es": "Debe ser un número.", "en": "Must be a number."},
    "field.finite": {"es": "Debe ser un número finito.", "en": "Must be a finite number."},
    "field.bool": {"es": "Debe ser true o false.", "en": "Must be true or false."},
    "field.string": {"es": "Debe ser un texto.", "en": "Must be a string."},
    "field.empty": {"es": "No puede estar vacío.", "en": "Must not be empty."},
    "field.string_too_long": {
        "es": "Admite como mucho {max_length} caracteres.",
        "en": "Must have at most {max_length} characters.",
    },
    "field.string_too_short": {
        "es": "Necesita al menos {min_length} caracteres.",
        "en": "Must have at least {min_length} characters.",
    },
    "field.too_long": {
        "es": "Admite como mucho {max_length} elementos.",
        "en": "Must have at most {max_length} items.",
    },
    "field.too_short": {
        "es": "Necesita al menos {min_length} elementos.",
        "en": "Must have at least {min_length} items.",
    },
    "field.pattern": {
        "es": "No tiene la forma esperada ({pattern}).",
        "en": "Does not have the expected form ({pattern}).",
    },
    "field.one_of": {
        "es": "Valor no admitido; se espera {expected}.",
        "en": "Value not accepted; expected {expected}.",
    },
    "field.object": {"es": "Debe ser un objeto JSON.", "en": "Must be a JSON object."},
    "field.list": {"es": "Debe ser una lista.", "en": "Must be a list."},
    "field.json": {"es": "JSON no válido.", "en": "Invalid JSON."},
    "field.unknown_role": {
        "es": "El catálogo no tiene el rol '{role_id}'.",
        "en": "Unknown role '{role_id}'.",
    },
    "problem.catalog_write.title": {
        "es": "La escritura rompería el catálogo",
        "en": "The write would break the catalog",
    },
    "problem.catalog_write.detail": {
        "es": "Reglas del catálogo incumplidas: {count}; el catálogo no cambió.",
        "en": "Catalog rules broken: {count}; the catalog is unchanged.",
    },
    "problem.version_conflict.title": {
        "es": "Conflicto de versión del catálogo",
        "en": "Catalog version conflict",
    },
    "problem.version_conflict.detail": {
        "es": "El catálogo está en la versión {current}, no en la {expected}; recarga y reintenta.",
        "en": "The catalog is at version {current}, not {expected}; reload and retry.",
    },
    "problem.already_exists.title": {"es": "Ya existe", "en": "Already exists"},
    "problem.already_exists.detail": {
        "es": "Ya existe ({what}); una escritura que solo crea no cambia nada.",
        "en": "It already exists ({what}); a create-only write changes nothing.",
    },
    "problem.read_only.title": {
        "es": "El catálogo es de solo lectura",
        "en": "The catalog is read-only",
    },
    "problem.read_only.bundled": {
        "es": "El catálogo incluido es parte del paquete instalado y se sirve en solo "
        "lectura. {writable}",
        "en": "The bundled catalog is part of the installed package and is served read-only. "
        "{writable}",
    },
    "problem.read_only.folder": {
        "es": "Esta carpeta de catálogo se sirve en solo lectura: una escritura guardada solo "
        "en memoria se perdería al reiniciar. {writable}",
        "en": "This catalog folder is served read-only: a write held only in memory would be "
        "lost on restart. {writable}",
    },
    "problem.read_only.writable": {
        "es": "Para aceptar escrituras, sirve una carpeta de catálogo propia con `rumbo serve "
        "--catalog DIR --writable` (RUMBO_CATALOG_WRITABLE=true), que guarda cada escritura en "
        "ella, o Neo4j con `--neo4j URI`.",
        "en": "To accept writes, serve a catalog folder of your own with `rumbo serve --catalog "
        "DIR --writable` (RUMBO_CATALOG_WRITABLE=true), which saves each write to it, or Neo4j "
        "with `--neo4j URI`.",
    },
    "problem.store_unavailable.title": {
        "es": "Almacén del catálogo no disponible",
        "en": "Catalog store unavailable",
    },
    "problem.store_unavailable.detail": {
        "es": "No se puede acceder al almacén del catálogo; reintenta en {seconds} s. La causa "
        "queda registrada con el id de solicitud {request_id}.",
        "en": "The catalog store cannot be reached; retry in {seconds} s. The cause is logged "
        "under request id {request_id}.",
    },
    "problem.store_stale.detail": {
        "es": "Se sirve una copia antigua del catálogo: el almacén no responde; reintenta en "
        "{seconds} s.",
        "en": "Serving a stale copy of the catalog: the store does not answer; retry in "
        "{seconds} s.",
    },
    "problem.projection_not_loaded.title": {
        "es": "Grafo de búsqueda no cargado",
        "en": "Search projection not loaded",
    },
    "problem.projection_not_loaded.detail": {
        "es": "El grafo de búsqueda aún no coincide con el catálogo.",
        "en": "The search graph does not match the catalog yet.",
    },
    "problem.query_too_broad.title": {
        "es": "Consulta de ruta demasiado amplia",
        "en": "Route query too broad",
    },
    "problem.query_too_broad.detail": {
        "es": "La búsqueda superó su tiempo de {seconds} s. Acótala: menos pasos, un ajuste mínimo "
        "por paso mayor o menos alternativas.",
        "en": "The search took longer than its {seconds} s budget. Narrow it: fewer steps, a "
        "higher minimum step fit or fewer alternatives.",
    },
    "problem.too_busy.title": {
        "es": "Demasiadas búsquedas a la vez",
        "en": "Too many searches at once",
    },
    "problem.too_busy.detail": {
        "es": "Hay demasiadas búsquedas en curso; reintenta en {seconds} s.",
        "en": "Too many searches are running; retry in {seconds} s.",
    },
    "problem.too_busy.waited": {
        "es": "La solicitud esperó más que su tiempo de búsqueda; reintenta en {seconds} s.",
        "en": "The request waited past its search budget; retry in {seconds} s.",
    },
    "problem.missing_api_key.title": {"es": "Falta la clave de API", "en": "API key required"},
    "problem.missing_api_key.detail": {
        "es": "Envía una clave válida en la cabecera {header}.",
        "en": "Send a valid key in the {header} header.",
    },
    "problem.invalid_api_key.title": {
        "es": "Clave de API no aceptada",
        "en": "API key not accepted",
    },
    "problem.invalid_api_key.detail": {
        "es": "La clave de {header} no es una de las del servicio.",
        "en": "The key in {header} is not one of the service's keys.",
    },
    "problem.precondition_failed.title": {
        "es": "Precondición no cumplida",
        "en": "Precondition failed",
    },
    "problem.precondition_failed.detail": {
        "es": 'If-Match debe llevar una ETag como la envía el servicio, p. ej. W/"9f2c1a-12".',
        "en": 'If-Match must hold an ETag as the service sends it, e.g. W/"9f2c1a-12".',
    },
    "problem.catalog_mismatch.title": {
        "es": "ETag de otro catálogo",
        "en": "Entity tag of another catalog",
    },
    "problem.catalog_mismatch.detail": {
        "es": "If-Match nombra otro catálogo que el servido (ahora {etag}); recarga y reintenta.",
        "en": "If-Match names another catalog than the one served (now {etag}); reload and retry.",
    },
    "problem.body_too_large.title": {
        "es": "Cuerpo de la solicitud demasiado grande",
        "en": "Request body too large",
    },
    "problem.body_too_large.detail": {
        "es": "Los cuerpos de solicitud están limitados a {limit} bytes.",
        "en": "Request bodies are limited to {limit} bytes.",
    },
    "problem.not_found.title": {"es": "No encontrado", "en": "Not Found"},
    "problem.not_found.detail": {
        "es": "No hay nada en {path}.",
        "en": "Nothing is served at {path}.",
    },
    "problem.method_not_allowed.title": {
        "es": "Método no permitido",
        "en": "Method Not Allowed",
    },
    "problem.method_not_allowed.detail": {
        "es": "{method} no se permite aquí; usa {allow}.",
        "en": "{method} is not allowed here; use {allow}.",
    },
    "problem.bad_body.title": {"es": "Solicitud incorrecta", "en": "Bad Request"},
    "problem.bad_body.detail": {
        "es": "No se pudo leer el cuerpo de la solicitud (JSON en UTF-8).",
        "en": "The request body could not be read (UTF-8 JSON).",
    },
    "problem.bad_request.title": {"es": "Solicitud incorrecta", "en": "Bad request"},
    "problem.http.title": {"es": "Error HTTP {status}", "en": "HTTP error {status}"},
    "problem.internal.title": {"es": "Error interno del servidor", "en": "Internal server error"},
    "problem.internal.detail": {
        "es": "Ocurrió un error inesperado; quedó registrado.",
        "en": "An unexpected error occurred; it has been logged.",
    },
}


def say(key: str, lang: Language, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in.

    Raises
    ------
    KeyError
        When no message is called ``key``.
    """
    return MESSAGES[key][lang].format(**values)


def percent(value: float, lang: Language) -> str:
    """A fraction as a whole percentage, spaced as each language writes it.

    >>> percent(0.482, "en"), percent(0.482, "es")
    ('48%', '48 %')
    """
    return f"{value:.0%}" if lang == "en" else f"{value * 100:.0f} %"


def develop_text(develop: dict[Trait, int], lang: Language) -> str:
    """Points per trait as ``Apertura +15, Extraversión +8``, in OCEAN+ order.

    >>> develop_text({Trait.EXTRAVERSION: 8, Trait.OPENNESS: 15}, "es")
    'Apertura +15, Extraversión +8'
    """
    return ", ".join(f"{t.label(lang)} +{develop[t]}" for t in TRAITS if t in develop)


def duration_text(months: float, lang: Language) -> str:
    """Months as a person says them: ``8 meses``, ``1 año``, ``7 años y 11 meses``.

    >>> duration_text(8.4, "en"), duration_text(12, "es"), duration_text(26, "en")
    ('8 months', '1 año', '2 years 2 months')
    """
    whole = round(months)
    years, rest = divmod(whole, 12)
    month_part = (
        say("duration.one_month", lang) if rest == 1 else say("duration.months", lang, months=rest)
    )
    if years == 0:
        return month_part
    year_part = (
        say("duration.one_year", lang) if years == 1 else say("duration.years", lang, years=years)
    )
    if rest == 0:
        return year_part
    return say("duration.years_months", lang, years=year_part, months=month_part)


def level_text(change: int | None, lang: Language) -> str:
    """A step's change of seniority: ``nivel +1``, ``level =``; empty when unknown.

    >>> level_text(1, "es"), level_text(0, "en"), level_text(-2, "en"), level_text(None, "en")
    ('nivel +1', 'level =', 'level −2', '')
    """
    if change is None:
        return ""
    return say("route.level", lang, change=signed_levels(change))


def signed_levels(change: int) -> str:
    """``+1``, ``=`` or ``−1`` (a true minus sign, as the web page writes it).

    >>> signed_levels(2), signed_levels(0), signed_levels(-1)
    ('+2', '=', '−1')
    """
    if change == 0:
        return "="
    return f"+{change}" if change > 0 else f"−{-change}"
