"""What the CLI says about its input: person files, percents, flags, no route, no match.

Every error names the flag, or the file and line, in the chosen language (Spanish by
default), exits 2, and never speaks of "problems in the catalog" for a person; a query
that finds no route exits 3 with the web page's hints.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.cli.cli_batch import Result, rumbo_batch

SCORES = "O=72,C=78,E=38,A=58,ES=70,RE=44"
ROUTE = ["route", "mlops-engineer", "chief-data-officer"]
#: The CLI's English words, which must not appear in its Spanish output.
ENGLISH = {"curated", "derived", "entry", "route", "routes", "step", "steps", "months", "level",
           "develop", "carries", "weakest", "effort", "strengths", "trait", "raised", "gain",
           "problems", "missing", "unknown", "expected", "invalid", "you"}  # fmt: skip


def person_file(folder: Path, text: str, name: str = "persona.yaml") -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_person_file_takes_the_codes_of_scores_and_the_names(tmp_path: Path) -> None:
    codes = person_file(
        tmp_path,
        "# the same person as --scores\nscores: {O: 72, C: 78, E: 38, A: 58, ES: 70, RE: 44}\n",
        "codes.yaml",
    )
    names = person_file(
        tmp_path,
        "scores:\n  openness: 72\n  Responsabilidad: 78\n  Extraversion: 38\n"
        "  agreeableness: 58\n  emotional_stability: 70\n  RE: 44\n"
        "current_role: mlops-engineer\ntolerance: 10\n",
        "names.yaml",
    )
    by_scores, by_codes, by_names = rumbo_batch(
        [
            ["fit-now", "--scores", SCORES, "--json"],
            ["fit-now", "--person", codes, "--json"],
            ["fit-now", "--person", names, "--json"],
        ]
    )
    for result in (by_scores, by_codes, by_names):
        assert result.returncode == 0, result.stderr
    assert json.loads(by_codes.stdout) == json.loads(by_scores.stdout)
    assert json.loads(by_names.stdout) == json.loads(by_scores.stdout)


def test_person_errors_name_the_file_and_line_or_the_flag(tmp_path: Path) -> None:
    bad = person_file(tmp_path, "scores:\n  O: 72\n  Cx: 78\n  E: alto\n  A: 58\n  ES: 170\n")
    unknown = person_file(tmp_path, "nombre: Ana\nscores: {O: 1}\n", "unknown.yaml")
    broken = person_file(tmp_path, "scores: [1, 2\n", "broken.yaml")
    range_ = person_file(
        tmp_path, "scores: {O: 72, C: 78, E: 38, A: 58, ES: 70, RE: 440}\n", "range.yaml"
    )
    results = rumbo_batch(
        [
            ["fit-now", "--person", bad],
            ["fit-now", "--person", unknown],
            ["fit-now", "--person", broken],
            ["fit-now", "--person", range_],
            ["fit-now", "--person", str(tmp_path / "missing.yaml")],
            ["fit-now", "--scores", "O=72,C=78"],
            ["fit-now", "--scores", "O=72,C=78,E=38,A=58,ES=70,RE=440"],
            ["fit-now", "--scores", "O=72", "--lang", "en"],
            ["fit-now"],
        ]
    )
    for result in results:
        assert result.returncode == 2, (result.args, result.stdout)
        assert "Traceback" not in result.stderr and "catálogo" not in result.stderr
        assert "catalog" not in result.stderr
    said = [" ".join(r.stderr.split()) for r in results]
    assert f"{bad}:3: rasgo desconocido 'Cx'" in said[0]
    assert f"{bad}:4: Extraversión: se espera un número" in said[0]
    assert f"{unknown}:1: clave desconocida 'nombre'" in said[1]
    assert f"{broken}:2: YAML no válido" in said[2]
    assert f"{range_}:1: Engagement Relacional: 440 no es un puntaje de 0 a 100" in said[3]
    assert "missing.yaml: no existe el archivo" in said[4]
    assert "--scores: faltan rasgos: Extraversión, Amabilidad" in said[5]
    assert "--scores: Engagement Relacional: 440 no es un puntaje" in said[6]
    assert "--scores: missing traits: Conscientiousness" in said[7]
    assert "--person/--scores: da una sola de --person ARCHIVO y --scores" in said[8]


def test_min_step_fit_is_a_percent_as_the_fits_are_shown() -> None:
    fraction, percent, with_sign, english, unbounded = rumbo_batch(
        [
            [*ROUTE, "--min-step-fit", "0.5"],
            [*ROUTE, "--k", "3", "--min-step-fit", "70", "--json"],
            [*ROUTE, "--k", "3", "--min-step-fit", "70 %", "--json"],
            [*ROUTE, "--min-step-fit", "0.25", "--lang", "en"],
            [*ROUTE, "--k", "3", "--json"],
        ]
    )
    assert fraction.returncode == 2
    assert "--min-step-fit: es un porcentaje: ¿quisiste decir 50?" in fraction.stderr
    assert "did you mean 25?" in english.stderr
    assert percent.returncode == 0 and percent.stdout == with_sign.stdout

    def weakest(result: Result) -> float:
        routes = json.loads(result.stdout)["routes"]
        return min(float(s["fit"]) for r in routes for s in r["steps"])

    assert weakest(percent) >= 0.7 > weakest(unbounded)  # the JSON keeps fits as fractions


def test_flag_errors_name_the_flag_in_the_chosen_language() -> None:
    results = rumbo_batch(
        [
            ["reachable", "mlops-engineer", "--steps", "0"],
            ["reachable", "mlops-engineer", "--steps", "dos"],
            [*ROUTE, "--max-steps", "0"],
            [*ROUTE, "--min-step-fit", "150"],
            [*ROUTE, "--k", "0", "--lang", "en"],
            [*ROUTE, "--no-such-flag"],
            ["fit-now", "--scores", SCORES, "--tolerance", "99"],
            ["route", "mlops", "chief-data-officer"],
            ["roles", "--lang", "fr"],
            ["route", "mlops-engineer", "mlops-engineer"],
        ]
    )
    for result in results:
        assert result.returncode == 2, (result.args, result.stdout)
        assert "Traceback" not in result.stderr
        assert "max_steps" not in result.stderr and "min_step_fit" not in result.stderr
    said = [" ".join(r.stderr.split()) for r in results]
    assert said[0] == "error: --steps: debe ser ≥ 1"
    assert said[1] == "error: --steps: se espera un número entero"
    assert said[2] == "error: --max-steps: debe ser ≥ 1"
    assert said[3].startswith("error: --min-step-fit: se espera un porcentaje entre 0 y 100")
    assert said[4] == "error: --k: must be ≥ 1"
    assert said[5].startswith("error: opción desconocida: --no-such-flag")
    assert said[6] == "error: --tolerance: debe ser ≤ 50"
    assert said[7] == "error: Rol desconocido: mlops. ¿Quisiste decir: mlops-engineer?"
    assert said[8] == "error: --lang: usa es o en"
    assert said[9] == "error: TO: La ruta debe terminar en un rol distinto del de partida."


def test_no_route_gives_the_web_pages_hints_and_exit_status_3() -> None:
    spanish, english, as_json = rumbo_batch(
        [
            [*ROUTE, "--max-steps", "1", "--min-step-fit", "90"],
            [*ROUTE, "--max-steps", "1", "--min-step-fit", "90", "--lang", "en"],
            [*ROUTE, "--max-steps", "1", "--min-step-fit", "90", "--json"],
        ]
    )
    assert spanish.returncode == 3 and english.returncode == 3
    text = " ".join(spanish.stdout.split())
    assert text.startswith("No hay ruta con estas restricciones.")
    assert "pero ninguna cumple estas restricciones" in text  # the reason
    assert "Prueba a permitir más pasos (--max-steps)" in text
    assert "No route under these constraints." in english.stdout
    # --json prints the API's answer, as the API would, and exits 0.
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["routes"] == []


def test_a_search_with_no_match_says_so_instead_of_an_empty_table() -> None:
    [nothing] = rumbo_batch([["roles", "--search", "xq-zz"]])
    assert nothing.returncode == 0
    assert nothing.stdout.strip() == "Ningún rol coincide con la búsqueda."


SPANISH_DEFAULT = {
    "route-k5": [*ROUTE, "--k", "5"],
    "route-pareto": [*ROUTE, "--pareto"],
    "route-person": ["route", "-", "chief-data-officer", "--scores", SCORES],
    "reachable": ["reachable", "mlops-engineer", "--steps", "1"],
    "roles": ["roles"],
    "role": ["role", "mlops-engineer"],
    "fit-now": ["fit-now", "--scores", SCORES],
    "leverage": ["leverage", "chief-data-officer", "--from", "mlops-engineer", "--scores", SCORES],
}


def test_the_spanish_default_prints_no_english_word() -> None:
    for name, result in zip(
        SPANISH_DEFAULT, rumbo_batch(list(SPANISH_DEFAULT.values()), columns=80), strict=True
    ):
        assert result.returncode == 0, (name, result.stderr)
        words = {w.strip(".,;:()«»·").lower() for w in result.stdout.split()}
        assert not words & ENGLISH, (name, words & ENGLISH)


def test_admin_commands_name_the_flag_or_folder_in_the_chosen_language(tmp_path: Path) -> None:
    """import, serve, validate, audit and db: errors from the same table as the queries'."""
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("a coach's file", encoding="utf-8")
    bundled = "loaders/bundled"
    results = rumbo_batch(
        [
            ["import", bundled, "--out", str(tmp_path / "o"), "--format", "xml"],
            ["import", bundled, "--out", str(tmp_path / "o"), "--from", "web", "--lang", "en"],
            ["import", bundled, bundled, "--out", str(tmp_path / "o")],
            ["import", bundled, "--out", str(full)],
            ["serve", "--writable"],
            ["serve", "--writable", "--catalog", str(full), "--workers", "2"],
            ["serve", "--writable", "--catalog", bundled, "--lang", "en"],
            ["serve", "--workers", "0"],
            ["serve", "--port", "70000", "--lang", "en"],
            ["db", "export", str(tmp_path / "e"), "--format", "xml"],
            ["db", "status", "--neo4j", ""],
            ["roles", "--catalog", bundled, "--neo4j", "bolt://x:7687"],
            ["audit", "--sample", "0"],
            ["validate", bundled, "--lang", "fr"],
        ]
    )
    for result in results:
        assert result.returncode == 2, (result.args, result.stdout)
        assert "Traceback" not in result.stderr
    said = [" ".join(r.stderr.split()) for r in results]
    assert said == [
        "error: --format: usa yaml o csv",
        "error: --from: use onet, catalog or guide",
        "error: FILE_OR_DIR...: da una sola carpeta, o páginas de guía",
        f"error: {full}: no está vacía; añade --replace para escribir el catálogo encima (se "
        "borran los archivos de los roles que no estén en el catálogo nuevo)",
        "error: --writable: necesita una carpeta de catálogo (--catalog DIR)",
        "error: --workers: una carpeta escribible se sirve con un solo worker (cada uno "
        "tendría su copia)",
        "error: --writable: the bundled catalog is read-only: copy it to a folder of your own",
        "error: --workers: debe ser ≥ 1",
        "error: --port: must be ≤ 65535",
        "error: --format: usa yaml o csv",
        "error: falta la URI de Neo4j: da --neo4j o define RUMBO_NEO4J_URI",
        "error: da --catalog o --neo4j, no ambos",
        "error: --sample: debe ser ≥ 1",
        "error: --lang: usa es o en",
    ]
    assert (full / "keep.txt").exists()
