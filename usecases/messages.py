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
        "es": "Fit acumulado {fit}, paso más débil {weakest}.",
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
    "notice.steps_down": {
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
        "es": "fit {fit} · paso mínimo {weakest} · esfuerzo {effort}",
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
    "cli.step": {"es": "fit {fit}", "en": "fit {fit}"},
    "cli.same_step": {"es": "(ver ruta {number})", "en": "(see route {number})"},
    "cli.how_to_develop": {"es": "Cómo desarrollar cada rasgo", "en": "How to develop each trait"},
    "cli.no_route": {
        "es": "No hay ruta con estas restricciones.",
        "en": "No route under these constraints.",
    },
    "cli.no_route_hint": {
        "es": "Prueba a permitir más pasos (--max-steps), bajar el fit mínimo por paso "
        "(--min-step-fit), quitar roles de --avoid o de --via, permitir transiciones derivadas "
        "(sin --curated-only) o subir más niveles por paso (--max-level-rise).",
        "en": "Try allowing more steps (--max-steps), lowering the min step fit "
        "(--min-step-fit), removing roles from --avoid or --via, allowing derived transitions "
        "(without --curated-only) or a higher level rise per step (--max-level-rise).",
    },
    "cli.col.fit": {"es": "fit", "en": "fit"},
    "cli.col.role": {"es": "rol (id)", "en": "role (id)"},
    "cli.col.strengths": {"es": "fortalezas", "en": "strengths"},
    "cli.col.gaps": {"es": "a desarrollar", "en": "to develop"},
    "cli.col.trait": {"es": "rasgo", "en": "trait"},
    "cli.col.raised_to": {"es": "sube a", "en": "raised to"},
    "cli.col.route_fit": {"es": "fit acumulado", "en": "cumulative fit"},
    "cli.col.months": {"es": "meses", "en": "months"},
    "cli.col.improvement": {"es": "mejora", "en": "gain"},
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
    "cli.leverage.hint": {
        "es": "«mejora»: cuánto baja el objetivo de la mejor ruta (más es mejor).",
        "en": "“gain”: how much the best route's objective drops (more is better).",
    },
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
