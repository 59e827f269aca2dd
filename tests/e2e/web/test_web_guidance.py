"""What the page tells a coach: the person's Pareto chart, what to develop first, the
role guide in the page's language with the person's fit, imputed profiles, and an
explorer whose names do not overlap. Expected figures come from the API's own answers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402
from web_helpers import SCORES, Page, fill_scores, open_page, pick_role  # noqa: E402


def search_for_the_person(page: Page, mode: str = "alternatives", **changed: str) -> dict[str, Any]:
    """MLOps Engineer's person (``SCORES``, ``changed`` ones replaced) to Chief Data Officer;
    returns the API's route answer."""
    open_page(page, "#/route")
    page.locator("input[name=start][value=person]").check()
    pick_role(page, "from", "MLOps", "mlops-engineer")
    pick_role(page, "to", "Chief Data", "chief-data-officer")
    fill_scores(page, **changed)
    page.get_by_label("Modo").select_option(mode)
    with page.expect_response(lambda r: "/v1/routes" in r.url) as answered:
        page.get_by_role("button", name="Buscar rutas").click()
    expect(page.locator("#route-detail")).to_be_visible()
    answer: dict[str, Any] = answered.value.json()
    return answer


def test_the_persons_pareto_chart_spreads_routes_by_months(page: Page, shots: Path) -> None:
    answer = search_for_the_person(page)
    months = [r["totals"]["months"] for r in answer["routes"]]
    assert len(set(months)) > 1  # the person's routes take different times
    chart = page.locator(".pareto-chart")
    expect(chart).to_have_attribute("data-x", "months")
    expect(page.locator(".pareto h3")).to_have_text("Ajuste acumulado frente a meses")
    centres = chart.locator(".pareto-point circle").evaluate_all(
        "cs => cs.map(c => Number(c.getAttribute('cx')))"
    )
    assert len(centres) == len(months)
    assert len({round(x) for x in centres}) > 1  # not one vertical line
    # Later routes sit further right.
    by_months = sorted(range(len(months)), key=months.__getitem__)
    assert centres[by_months[0]] < centres[by_months[-1]]
    expect(chart.locator(".pareto-point").first).to_have_attribute("aria-label", re.compile("≈"))
    page.locator(".pareto").screenshot(path=shots / "pareto-person.png")

    # From a role, effort stays on the horizontal axis.
    open_page(page, "#/route?from=mlops-engineer&to=chief-data-officer")
    expect(page.locator(".pareto-chart")).to_have_attribute("data-x", "effort")


def expected_fit_change(route: dict[str, Any], baseline: dict[str, Any]) -> str:
    points = round(route["totals"]["cumulative_fit"] * 100) - round(
        baseline["totals"]["cumulative_fit"] * 100
    )
    if points == 0:
        return "sin cambio"
    return f"+{points} p. p." if points > 0 else f"−{-points} p. p."


def leverage_for(page: Page, **changed: str) -> dict[str, Any]:
    """The person (``SCORES`` with ``changed`` ones) from MLOps Engineer to Chief Data Officer:
    the API's leverage answer, once the page shows it, with its fit changes checked."""
    with page.expect_response(lambda r: "/v1/leverage" in r.url) as answered:
        search_for_the_person(page, **changed)
    lev: dict[str, Any] = answered.value.json()
    section = page.locator("#leverage")
    expect(section.locator("tbody tr")).to_have_count(7)
    headers = section.locator("thead th").all_inner_texts()
    assert "Cambio de ajuste" in headers and "Cambio en meses" in headers
    assert not any("Mejora" in h for h in headers)  # no raw objective units
    for item in lev["by_trait"]:
        row = section.locator(f"tr[data-trait={item['trait']}]")
        expect(row.locator(".fit-change")).to_have_text(
            expected_fit_change(item["route"], lev["baseline"])
        )
    return lev


def leading_traits(lev: dict[str, Any]) -> list[str]:
    top = lev["by_trait"][0]["improvement"]
    return [i["trait"] for i in lev["by_trait"] if abs(i["improvement"] - top) < 1e-9]


def test_leverage_says_when_two_traits_tie(page: Page, shots: Path) -> None:
    # SCORES: raising extraversion or relational engagement by 10 helps exactly as much.
    lev = leverage_for(page)
    tied = leading_traits(lev)
    assert tied == ["extraversion", "relational_engagement"]
    section = page.locator("#leverage")
    message = section.locator(".lev-best")
    expect(message).to_contain_text("empatan")
    expect(message).to_have_attribute("data-tied", ",".join(tied))
    expect(section.locator("tr.tied")).to_have_count(2)
    expect(section.locator(".badge", has_text="empate")).to_have_count(2)
    expect(section.locator(".badge", has_text="primero")).to_have_count(0)
    section.screenshot(path=shots / "leverage-tie.png")


def test_leverage_badges_a_clear_winner_first(page: Page, shots: Path) -> None:
    # Relational engagement already at 60: extraversion alone helps most.
    lev = leverage_for(page, relational_engagement="60")
    assert leading_traits(lev) == ["extraversion"]
    section = page.locator("#leverage")
    expect(section.locator(".lev-best")).to_contain_text("es lo que más mejora")
    expect(section.locator(".lev-best")).to_have_attribute("data-best-trait", "extraversion")
    expect(section.locator("tr.best[data-trait=extraversion]")).to_have_count(1)
    expect(section.locator("tr.tied")).to_have_count(0)
    expect(section.locator(".badge", has_text="primero")).to_have_count(1)
    section.screenshot(path=shots / "leverage.png")


def test_the_role_guide_with_the_persons_fit_and_in_english(page: Page, shots: Path) -> None:
    search_for_the_person(page)
    with page.expect_response(lambda r: "/v1/fit-now" in r.url) as answered:
        page.locator("#route-detail .route-diagram a.node-goal").click()
    # Only this role's fit is asked for, whatever the size of the catalog.
    assert answered.value.request.post_data_json["ids"] == ["chief-data-officer"]
    [cdo] = answered.value.json()["roles"]
    assert cdo["id"] == "chief-data-officer"
    value = page.locator(".person-fit-value")
    expect(value).to_have_text(f"Ajuste de hoy: {round(cdo['fit'] * 100)} %")
    gaps = page.locator(".gap-table tbody tr")
    expect(gaps).to_have_count(6)
    ideal = float(page.locator(".gap-table tr[data-trait=extraversion] td").nth(1).inner_text())
    person_minus_ideal = int(SCORES["extraversion"]) - ideal
    expect(page.locator(".gap-table tr[data-trait=extraversion] td").nth(2)).to_have_text(
        f"−{-person_minus_ideal:g}" if person_minus_ideal < 0 else f"+{person_minus_ideal:g}"
    )
    expect(page.locator(".radar-chart .series-person").first).to_be_attached()
    expect(page.locator(".profile [data-state=disclaimer]")).to_be_visible()
    page.screenshot(path=shots / "role-person.png", full_page=True)

    # The guide in English, as the API answers it with ?lang=en.
    with page.expect_response(
        lambda r: "/v1/roles/chief-data-officer" in r.url and "lang=en" in r.url
    ) as answered:
        page.locator(".lang-switch button[data-lang=en]").click()
    guide = answered.value.json()
    expect(page.locator(".strengths li").first).to_have_text(guide["strengths"][0])
    notes = [t for t in guide["traits"] if t["note"]]
    expect(page.locator(".trait-notes > div")).to_have_count(len(notes))
    if notes:
        expect(page.locator(".trait-notes dd").first).to_have_text(notes[0]["note"])
    expect(page.locator(".archetypes dt")).to_have_count(len(guide["archetypes"]))
    expect(page.locator(".questions li")).to_have_count(len(guide["interview_questions"]))
    expect(page.locator(".person-fit-value")).to_contain_text("Fit today")
    expect(page.locator(".role-head .badge", has_text="Family: Leadership")).to_have_count(1)


# The O*NET 30.x fixture release, as `rumbo import` makes it a catalog: Computer
# Occupations, All Other has no work-style ratings, so its profile is imputed from
# Software Developers and Data Scientists (both rated).
DEVELOPERS, OTHER, SCIENTISTS = "onet-15-1252-00", "onet-15-1299-00", "onet-15-2051-00"


def test_an_imputed_profile_says_so_in_the_role_guide(onet_page: Page, shots: Path) -> None:
    page = onet_page
    open_page(page, "#/role")
    page.locator("input[name=role]").fill("Computer Occupations")
    option = page.locator(f".combo-option[data-id={OTHER}]")
    expect(option.locator("[data-imputed]")).to_have_text("Perfil imputado")
    page.locator("input[name=role]").fill("Software Developers")
    expect(page.locator(f".combo-option[data-id={DEVELOPERS}]")).to_be_visible()
    expect(page.locator(f".combo-option[data-id={DEVELOPERS}] [data-imputed]")).to_have_count(0)

    open_page(page, f"#/role/{OTHER}")
    badge = page.locator(".role-head [data-imputed]")
    expect(badge).to_have_text("Perfil imputado")
    expect(badge).to_have_attribute("title", re.compile("media de roles afines"))
    note = page.locator("[data-state=imputed]")
    expect(note).to_contain_text("no se ha valorado directamente")
    expect(note.get_by_role("link", name="Data Scientists")).to_have_attribute(
        "href", f"#/role/{SCIENTISTS}"
    )
    expect(note.get_by_role("link", name="Software Developers")).to_have_count(1)
    page.locator(".role-head").screenshot(path=shots / "role-imputed.png")

    open_page(page, f"#/role/{DEVELOPERS}")
    expect(page.locator(".role-head")).to_be_visible()
    expect(page.locator(".role-head [data-imputed]")).to_have_count(0)


def test_an_english_only_guide_says_so_on_the_spanish_page(onet_page: Page) -> None:
    page = onet_page
    with page.expect_response(lambda r: f"/v1/roles/{OTHER}?" in r.url) as answered:
        open_page(page, f"#/role/{OTHER}")
    guide = answered.value.json()
    assert (guide["lang"], guide["guide_lang"]) == ("es", "en")  # O*NET's text is English
    hint = page.locator("[data-state=guide-lang]")
    expect(hint).to_have_text(
        "Los textos de esta guía están en inglés: el catálogo no los tiene en español."
    )
    expect(page.locator(".role-head .description")).to_have_attribute("lang", "en")
    expect(page.locator(".role-head .description")).to_have_text(guide["description"])
    expect(page.locator(".strengths")).to_have_attribute("lang", "en")
    expect(page.locator(".strengths h2")).to_have_attribute("lang", "es")

    # On the English page the guide is in the page's language: nothing to say.
    page.locator(".lang-switch button[data-lang=en]").click()
    expect(page.locator(".role-head .description")).to_have_attribute("lang", "en")
    expect(page.locator(".role-head [data-imputed]")).to_have_text("Imputed profile")
    expect(page.locator("[data-state=guide-lang]")).to_have_count(0)


def test_routes_and_the_explorer_mark_imputed_roles(onet_page: Page, shots: Path) -> None:
    page = onet_page
    with page.expect_response(lambda r: "/v1/routes" in r.url) as answered:
        open_page(page, f"#/route?from={DEVELOPERS}&to={SCIENTISTS}&mode=alternatives&k=5")
    expect(page.locator("#route-detail")).to_be_visible()
    [first, *_] = answered.value.json()["routes"]
    assert first["imputed"] == [OTHER]  # the first route passes through the imputed role
    rows = page.locator("#route-detail .steps tbody tr")
    expect(rows).to_have_count(len(first["steps"]))
    for row, step in zip(rows.all(), first["steps"], strict=True):
        imputed_ends = [r for r in (step["from"], step["to"]) if r == OTHER]
        expect(row.locator("[data-imputed]")).to_have_count(len(imputed_ends))
    expect(page.locator("#route-detail .steps [data-imputed]").first).to_have_text(
        "Perfil imputado"
    )
    page.locator("#route-detail .steps").screenshot(path=shots / "route-imputed.png")

    with page.expect_response(lambda r: "/reachable" in r.url) as answered:
        open_page(page, f"#/explore/{DEVELOPERS}?steps=2")
    reachable = answered.value.json()
    imputed = {r for e in reachable["roles"] for r in e["route"]["imputed"]}
    assert imputed == {OTHER}
    table = page.locator(".reach-list tbody")
    expect(table.locator("tr")).to_have_count(reachable["total"])
    expect(table.locator("[data-imputed]")).to_have_count(1)
    expect(table.locator("tr", has=page.locator("[data-imputed]"))).to_contain_text(
        "Computer Occupations, All Other"
    )
    node = page.locator(f".gnode[data-role={OTHER}]")
    node.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".graph-panel [data-imputed]")).to_have_count(1)
    page.locator(f".gnode[data-role={DEVELOPERS}]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".graph-panel .panel-name")).to_contain_text("Software Developers")
    expect(page.locator(".graph-panel [data-imputed]")).to_have_count(0)


def test_explorer_names_do_not_overlap_and_families_are_translated(page: Page, shots: Path) -> None:
    open_page(page, "#/explore/mlops-engineer?steps=2")
    graph = page.locator("svg.graph")
    expect(graph.locator(".gnode").first).to_be_visible()
    boxes = graph.locator(".gnode-label").evaluate_all(
        """labels => labels.filter(l => getComputedStyle(l).display !== 'none').map(l => {
          const b = l.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom];
        })"""
    )
    total = graph.locator(".gnode-label").count()
    assert len(boxes) >= total // 2, (len(boxes), total)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)

    crowded = graph.locator(".gnode:has(.gnode-label.crowded)")
    if crowded.count():
        label = crowded.first.locator(".gnode-label")
        expect(label).to_be_hidden()
        crowded.first.focus()
        expect(label).to_be_visible()

    legend = page.locator(".graph-figure .legend")
    expect(legend.locator("[data-family=data]")).to_have_text("Datos")
    expect(legend.locator("[data-family=leadership]")).to_have_text("Dirección")
    page.screenshot(path=shots / "explorer-labels.png", full_page=True)
    page.locator(".lang-switch button[data-lang=en]").click()
    expect(page.locator(".graph-figure .legend [data-family=leadership]")).to_have_text(
        "Leadership"
    )
