"""Role-guide text pages: the coaches' Spanish pages, parsed into roles and transitions.

A page reads, top to bottom (blank lines are ignored)::

    - Guía de Roles /             breadcrumb lines (optional)
    - Perfiles /
    - MLOps Engineer
    MLOps Engineer                the title: the role's name; its slug is the role id
    Diseña y opera ...            the description (one or more lines)
    Perfil OCEAN+ Ideal           six lines: what openness, conscientiousness,
    ...                           extraversion, agreeableness, emotional stability
                                  and relational engagement mean in the role
    Fortalezas y Señales de Alerta
    Fortalezas                    "- " bullets
    Señales de Alerta             "- " bullets
    Preguntas de Entrevista       question lines, each optionally followed by "Evalúa: ..."
    Plan de Carrera               an introduction, then
    Detalle de transiciones
    AI Researcher 62% fit         one block per transition
    Fortalezas para esta transición
    - Comprensión de modelos en producción
    Áreas a desarrollar
    - Apertura +15                trait label (Spanish or English) and points
    Roles Similares               ignored
    Caso de Éxito                 a title line and the story (kept as ``success_story``)
    Perfil OCEAN+ del caso        ignored
    Arquetipos Relacionados       an introduction, then name / description line pairs
    Evaluá candidatos ...         marketing footer: ignored, ends the page

"Perfil OCEAN+ Ideal" and "Plan de Carrera" are required. A page carries no
numeric profile scores: :meth:`GuidePage.to_role` takes them from elsewhere,
and :func:`import_guide_pages` takes them from a base catalog.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from graph.catalog import Catalog, Where
from graph.errors import CatalogError, Problem
from graph.model import Archetype, InterviewQuestion, Role, Transition, is_role_id, slugify
from graph.traits import TRAITS, Profile, Trait, trait_from_label
from loaders._common import (
    Collected,
    FieldWhere,
    describe_error,
    error_path,
    format_field,
    read_text_limited,
    sort_problems,
)

# Headings, compared after :func:`_norm` (case, accents and spacing ignored).
_PROFILE = "perfil ocean+ ideal"
_STRENGTHS_AND_FLAGS = "fortalezas y senales de alerta"
_STRENGTHS = "fortalezas"
_RED_FLAGS = "senales de alerta"
_QUESTIONS = "preguntas de entrevista"
_PLAN = "plan de carrera"
_DETAIL = "detalle de transiciones"
_SIMILAR = "roles similares"
_STORY = "caso de exito"
_STORY_PROFILE = "perfil ocean+ del caso"
_ARCHETYPES = "arquetipos relacionados"
_HEADINGS = {
    _PROFILE: "Perfil OCEAN+ Ideal",
    _STRENGTHS_AND_FLAGS: "Fortalezas y Señales de Alerta",
    _STRENGTHS: "Fortalezas",
    _RED_FLAGS: "Señales de Alerta",
    _QUESTIONS: "Preguntas de Entrevista",
    _PLAN: "Plan de Carrera",
    _DETAIL: "Detalle de transiciones",
    _SIMILAR: "Roles Similares",
    _STORY: "Caso de Éxito",
    _STORY_PROFILE: "Perfil OCEAN+ del caso",
    _ARCHETYPES: "Arquetipos Relacionados",
}
_REQUIRED = (_PROFILE, _PLAN)
_TRANSITION_STRENGTHS = "fortalezas para esta transicion"
_TRANSITION_DEVELOP = "areas a desarrollar"
_EVALUATES = "evalua:"
_FOOTERS = ("evalua candidatos", "usa assessments")
_ARCHETYPE_INTRO = "patrones de personalidad"

_FIT_LINE = re.compile(r"^(?P<name>.*?)\s*(?P<pct>\S+?)\s*%\s*fit$", re.IGNORECASE)
_DEVELOP_LINE = re.compile(r"^(?P<trait>.+?)\s*\+\s*(?P<points>\d+)$")


@dataclass(frozen=True)
class GuideTransition:
    """One block of "Detalle de transiciones"."""

    target: str
    target_name: str
    fit: float
    strengths: tuple[str, ...] = ()
    develop: Mapping[Trait, int] = field(default_factory=dict)
    #: 1-based line of the "<Role Name> NN% fit" line.
    line: int | None = None


@dataclass(frozen=True)
class SuccessStory:
    """The "Caso de Éxito" of a page."""

    title: str
    text: str


@dataclass(frozen=True)
class GuidePage:
    """A parsed role-guide page: everything about a role but its numeric profile."""

    role_id: str
    name: str
    description: str | None = None
    profile_notes: Mapping[Trait, str] = field(default_factory=dict)
    strengths: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    interview_questions: tuple[InterviewQuestion, ...] = ()
    archetypes: tuple[Archetype, ...] = ()
    transitions: tuple[GuideTransition, ...] = ()
    success_story: SuccessStory | None = None
    #: The page's file, for error messages, and the line of its title.
    file: str | None = None
    line: int | None = None

    def to_role(self, profile: Profile, base: Role | None = None) -> Role:
        """The page's role with a numeric ``profile``.

        With a ``base`` role, the fields a page does not carry (``name_en``,
        ``family``, ``level``, ``attribution``) come from it, and so do guide
        fields whose section the page lacks.

        >>> page = parse_guide_page("Data Engineer\\nPerfil OCEAN+ Ideal\\n" + "n\\n" * 6
        ...                         + "Plan de Carrera\\n")
        >>> page.to_role(Profile.from_scores([50] * 6)).id
        'data-engineer'
        """
        kept = base.model_dump(exclude={"id", "profile"}) if base is not None else {}
        guide = {
            "name": self.name,
            "description": self.description,
            "profile_notes": dict(self.profile_notes),
            "strengths": self.strengths,
            "red_flags": self.red_flags,
            "interview_questions": self.interview_questions,
            "archetypes": self.archetypes,
        }
        kept.update({k: v for k, v in guide.items() if v})
        return Role.model_validate({**kept, "id": self.role_id, "profile": profile})

    def transitions_out(self) -> list[Transition]:
        """The page's transitions as curated catalog transitions, in page order."""
        return [
            Transition(
                source=self.role_id,
                target=t.target,
                fit=t.fit,
                strengths=t.strengths,
                develop=dict(t.develop),
            )
            for t in self.transitions
        ]


def _norm(text: str) -> str:
    """Lower case, no accents, single spaces: how headings are compared."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.casefold().split())


def _bullet(text: str) -> str:
    """The text of a bullet line without its marker."""
    return text[1:].strip() if _is_bullet(text) else text


def _is_bullet(text: str) -> bool:
    return text[:1] in ("-", "•", "*") and (len(text) == 1 or text[1] == " ")


Line = tuple[int, str]
_M = TypeVar("_M", bound=BaseModel)


class _Parser:
    def __init__(self, text: str, file: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.lines: list[Line] = []
        for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
            line = " ".join(raw.replace("\xa0", " ").split())
            if line:
                self.lines.append((number, line))
        self.role_id = ""

    def problem(
        self, message: str, line: int | None, record: str | None = None, where: str | None = None
    ) -> None:
        self.problems.append(
            Problem(message, self.file, line, record or self.role_id or None, where)
        )

    def parse(self) -> GuidePage:
        lines = self.lines
        index = 0
        while index < len(lines) and _is_bullet(lines[index][1]):
            index += 1  # breadcrumb
        if index == len(lines) or _norm(lines[index][1]) in _HEADINGS:
            line = lines[index][0] if index < len(lines) else 1
            self.problem("missing the page title (the role's name)", line, where="name")
            raise CatalogError(self.problems)
        title_line, title = lines[index]
        self.role_id = slugify(title)
        if not is_role_id(self.role_id):
            self.problem(f"title {title!r} gives no usable role id", title_line, where="id")
        sections: dict[str, tuple[int, list[Line]]] = {}
        description_lines: list[Line] = []
        current = description_lines
        for number, text in lines[index + 1 :]:
            key = _norm(text)
            if key.startswith(_FOOTERS):
                break
            if key in _HEADINGS:
                if key in sections:
                    self.problem(f"section {_HEADINGS[key]!r} appears twice", number)
                current = []
                sections.setdefault(key, (number, current))
            else:
                current.append((number, text))
        description = [text for _, text in description_lines]
        for key in _REQUIRED:
            if key not in sections:
                self._missing(key, sections)

        def body(key: str) -> list[Line]:
            return sections[key][1] if key in sections else []

        notes = self._profile_notes(sections.get(_PROFILE))
        questions = self._questions(body(_QUESTIONS))
        transitions = self._transitions(sections)
        page = GuidePage(
            role_id=self.role_id,
            name=title,
            description="\n".join(description) or None,
            profile_notes=notes,
            strengths=self._items(body(_STRENGTHS)),
            red_flags=self._items(body(_RED_FLAGS)),
            interview_questions=questions,
            archetypes=self._archetypes(body(_ARCHETYPES)),
            transitions=transitions,
            success_story=self._story(body(_STORY)),
            file=self.file,
            line=title_line,
        )
        self._check_role(page, sections)
        if self.problems:
            raise CatalogError(sort_problems(self.problems))
        return page

    def _missing(self, key: str, sections: dict[str, tuple[int, list[Line]]]) -> None:
        """Report a missing section at the heading it should come before."""
        later = list(_HEADINGS)[list(_HEADINGS).index(key) + 1 :]
        following = [sections[k][0] for k in later if k in sections]
        if following:
            line, hint = min(following), "expected before this line"
        else:
            line, hint = self.lines[-1][0], "expected by the end of the page"
        self.problem(f"missing section {_HEADINGS[key]!r} ({hint})", line, where=_HEADINGS[key])

    def _profile_notes(self, section: tuple[int, list[Line]] | None) -> dict[Trait, str]:
        if section is None:
            return {}
        line, content = section
        if len(content) != len(TRAITS):
            names = ", ".join(t.label() for t in TRAITS)
            self.problem(
                f"expected {len(TRAITS)} lines, one per trait ({names}), got {len(content)}",
                line,
                where="profile_notes",
            )
            return {}
        return {trait: _bullet(text) for trait, (_, text) in zip(TRAITS, content, strict=True)}

    def _items(self, content: list[Line]) -> tuple[str, ...]:
        """Bullet texts of a list section; empty bullets are skipped."""
        return tuple(item for _, text in content if (item := _bullet(text)))

    def _questions(self, content: list[Line]) -> tuple[InterviewQuestion, ...]:
        found: list[tuple[int, str, str | None]] = []
        for number, text in content:
            if _norm(text).startswith(_EVALUATES):
                evaluates = text.split(":", 1)[1].strip()
                if not found or found[-1][2] is not None:
                    self.problem(
                        "an 'Evalúa:' line must follow a question",
                        number,
                        where=f"interview_questions[{len(found)}].evaluates",
                    )
                else:
                    found[-1] = (*found[-1][:2], evaluates or None)
            elif question := _bullet(text):
                found.append((number, question, None))
        questions = []
        for index, (number, text, evaluation) in enumerate(found):
            data = {"question": text, "evaluates": evaluation}
            item = self._model(InterviewQuestion, data, number, f"interview_questions[{index}]")
            if item is not None:
                questions.append(item)
        return tuple(questions)

    def _archetypes(self, content: list[Line]) -> tuple[Archetype, ...]:
        found: list[tuple[int, str, list[str]]] = []
        for number, text in content:
            if not found and _norm(text).startswith(_ARCHETYPE_INTRO):
                continue
            short = len(text.split()) <= 4 and not text.endswith((".", ":"))
            if not found or (found[-1][2] and short):
                found.append((number, text, []))
            else:
                found[-1][2].append(text)
        archetypes = []
        for index, (number, name, lines) in enumerate(found):
            data = {"name": name, "description": " ".join(lines) or None}
            item = self._model(Archetype, data, number, f"archetypes[{index}]")
            if item is not None:
                archetypes.append(item)
        return tuple(archetypes)

    def _model(self, cls: type[_M], data: Mapping[str, object], line: int, where: str) -> _M | None:
        """Validate one small record, reporting its errors at ``line``."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                path = format_field(error_path(error))
                self.problem(describe_error(error), line, where=f"{where}.{path}")
            return None

    def _story(self, content: list[Line]) -> SuccessStory | None:
        if not content:
            return None
        return SuccessStory(content[0][1], "\n".join(text for _, text in content[1:]))

    def _transitions(
        self, sections: dict[str, tuple[int, list[Line]]]
    ) -> tuple[GuideTransition, ...]:
        if _DETAIL not in sections:
            for number, text in sections.get(_PLAN, (0, []))[1]:
                if _FIT_LINE.match(text):
                    self.problem(
                        f"transition line outside a {_HEADINGS[_DETAIL]!r} section",
                        number,
                        where="transitions",
                    )
            return ()
        if _PLAN in sections and sections[_PLAN][0] > sections[_DETAIL][0]:
            self.problem(
                f"{_HEADINGS[_DETAIL]!r} must come after {_HEADINGS[_PLAN]!r}",
                sections[_DETAIL][0],
                where="transitions",
            )
        blocks: list[_Block] = []
        block: _Block | None = None
        for number, text in sections[_DETAIL][1]:
            key = _norm(text)
            if key in (_TRANSITION_STRENGTHS, _TRANSITION_DEVELOP):
                if block is None:
                    self.problem(
                        f"{text!r} before any '<Role Name> NN% fit' line",
                        number,
                        where="transitions",
                    )
                else:
                    block.mode = key
            elif _is_bullet(text):
                if block is None or block.mode is None:
                    if block is None or block.valid:
                        self.problem(
                            "bullet outside 'Fortalezas para esta transición' "
                            "or 'Áreas a desarrollar'",
                            number,
                            where="transitions",
                        )
                elif block.mode == _TRANSITION_STRENGTHS:
                    if strength := _bullet(text):
                        block.strengths.append(strength)
                else:
                    self._develop(block, number, _bullet(text), len(blocks) - 1)
            else:
                block = self._header(number, text, len(blocks))
                blocks.append(block)
        return self._finish(blocks)

    def _header(self, number: int, text: str, index: int) -> _Block:
        where = f"transitions[{index}]"
        match = _FIT_LINE.match(text)
        if match is None or not match["name"]:
            self.problem(
                f"expected a '<Role Name> NN% fit' line, got {text!r}", number, where=where
            )
            return _Block(number, "", "", 0.0, valid=False)
        name = match["name"].strip()
        target = slugify(name)
        record = f"{self.role_id} -> {target}"
        try:
            percent = Decimal(match["pct"].replace(",", "."))
        except InvalidOperation:
            percent = Decimal("NaN")
        if not percent.is_finite():
            self.problem(
                f"expected a percentage in {text!r}, got {match['pct']!r}",
                number,
                record,
                f"{where}.fit",
            )
            return _Block(number, name, target, 0.0, valid=False)
        if not 0 < percent <= 100:
            self.problem(
                f"fit {match['pct']}% is out of range: a fit is above 0% and at most 100%",
                number,
                record,
                f"{where}.fit",
            )
            return _Block(number, name, target, 0.0, valid=False)
        if not is_role_id(target):
            self.problem(f"{name!r} gives no usable role id", number, record, f"{where}.target")
            return _Block(number, name, target, 0.0, valid=False)
        return _Block(number, name, target, float(percent / 100))

    def _develop(self, block: _Block, number: int, text: str, index: int) -> None:
        record = f"{self.role_id} -> {block.target}"
        where = f"transitions[{index}].develop"
        match = _DEVELOP_LINE.match(text)
        if match is None:
            self.problem(f"expected '- <Trait> +N', got {text!r}", number, record, where)
            block.valid = False
            return
        trait = trait_from_label(match["trait"])
        points = int(match["points"])
        if trait is None:
            labels = ", ".join(t.label() for t in TRAITS)
            self.problem(
                f"unknown trait {match['trait']!r} (traits: {labels})", number, record, where
            )
            block.valid = False
        elif trait in block.develop:
            self.problem(f"{trait.label()} appears twice", number, record, f"{where}.{trait.value}")
            block.valid = False
        elif not 0 <= points <= 100:
            self.problem(
                f"development points {points} are out of range 0-100",
                number,
                record,
                f"{where}.{trait.value}",
            )
            block.valid = False
        else:
            block.develop[trait] = points

    def _finish(self, blocks: list[_Block]) -> tuple[GuideTransition, ...]:
        found: list[GuideTransition] = []
        seen: dict[str, int] = {}
        for index, block in enumerate(blocks):
            if not block.valid:
                continue
            if block.target in seen:
                self.problem(
                    f"a second transition to {block.target!r} (first on line {seen[block.target]})",
                    block.line,
                    f"{self.role_id} -> {block.target}",
                    f"transitions[{index}].target",
                )
                continue
            seen[block.target] = block.line
            found.append(
                GuideTransition(
                    target=block.target,
                    target_name=block.name,
                    fit=block.fit,
                    strengths=tuple(block.strengths),
                    develop={t: block.develop[t] for t in TRAITS if t in block.develop},
                    line=block.line,
                )
            )
        return tuple(found)

    def _check_role(self, page: GuidePage, sections: dict[str, tuple[int, list[Line]]]) -> None:
        """Report guide fields the role model rejects (e.g. an over-long text)."""
        if not is_role_id(page.role_id):
            return
        try:
            page.to_role(Profile.from_scores([50.0] * 6))
        except ValidationError as exc:
            lines = {
                "strengths": _STRENGTHS,
                "red_flags": _RED_FLAGS,
                "interview_questions": _QUESTIONS,
                "archetypes": _ARCHETYPES,
                "profile_notes": _PROFILE,
            }
            for error in exc.errors():
                path = error_path(error)
                heading = lines.get(str(path[0]), "")
                line = sections[heading][0] if heading in sections else page.line
                self.problem(describe_error(error), line, where=format_field(path))


@dataclass
class _Block:
    """A transition block while it is being parsed."""

    line: int
    name: str
    target: str
    fit: float
    valid: bool = True
    mode: str | None = None
    strengths: list[str] = field(default_factory=list)
    develop: dict[Trait, int] = field(default_factory=dict)


def parse_guide_page(text: str, file: str | None = None) -> GuidePage:
    """Parse the text of a role-guide page.

    Parameters
    ----------
    text
        The page, in the format described in the module docstring.
    file
        Its file name, for error messages.

    Returns
    -------
    GuidePage
        The role's guide fields and transitions.

    Raises
    ------
    CatalogError
        Listing every problem of the page, each with file and line.

    Examples
    --------
    >>> page = parse_guide_page('''Data Engineer
    ... Perfil OCEAN+ Ideal
    ... a
    ... b
    ... c
    ... d
    ... e
    ... f
    ... Plan de Carrera
    ... Detalle de transiciones
    ... ML Engineer 72% fit
    ... Fortalezas para esta transición
    ... - Pipelines
    ... Áreas a desarrollar
    ... - Apertura +10
    ... ''')
    >>> page.role_id, page.transitions[0].target, page.transitions[0].fit
    ('data-engineer', 'ml-engineer', 0.72)
    >>> dict(page.transitions[0].develop)
    {<Trait.OPENNESS: 'openness'>: 10}
    """
    return _Parser(text, file).parse()


def read_guide_page(path: Path) -> GuidePage:
    """Read and parse a role-guide page file (UTF-8).

    Raises
    ------
    CatalogError
        If the file cannot be read or the page is malformed.
    """
    try:
        text = read_text_limited(path)
    except UnicodeDecodeError as exc:
        raise CatalogError([Problem(f"not UTF-8 text: {exc.reason}", str(path))]) from None
    except OSError as exc:
        message = f"cannot read the page: {exc.strerror or exc}"
        raise CatalogError([Problem(message, str(path))]) from None
    return parse_guide_page(text, str(path))


def import_guide_pages(paths: Iterable[Path], base: Catalog | None = None) -> Catalog:
    """Merge role-guide pages into a catalog.

    A page's role takes its numeric profile (and ``name_en``, ``family``,
    ``level``, ``attribution``) from the base role with the same id; the
    page's guide fields replace the base role's (a section the page lacks
    keeps the base value) and its transitions replace the base role's
    outgoing transitions. Every transition target must exist in the result.

    Parameters
    ----------
    paths
        Page files.
    base
        The catalog that gives the pages' roles their profiles; ``None``
        means an empty one (then no page can be imported).

    Raises
    ------
    CatalogError
        Listing every problem: malformed pages, pages whose role is not in
        the base (they have no numeric profile), two pages for one role,
        transitions to unknown roles.
    """
    out = Collected()
    pages: dict[str, GuidePage] = {}
    base_roles = dict(base.roles) if base is not None else {}
    for path in paths:
        try:
            page = read_guide_page(path)
        except CatalogError as exc:
            out.problems.extend(exc.problems)
            continue
        if page.role_id in pages:
            first = pages[page.role_id].file
            out.problems.append(
                Problem(
                    f"a second page for role {page.role_id!r} (the first is {first})",
                    page.file,
                    page.line,
                    page.role_id,
                    "id",
                )
            )
        elif page.role_id not in base_roles:
            hint = base.suggest(page.role_id) if base is not None else ()
            also = f"; did you mean: {', '.join(hint)}?" if hint else ""
            out.problems.append(
                Problem(
                    f"the page has no numeric profile: role {page.role_id!r} is not in the "
                    f"base catalog{also}",
                    page.file,
                    page.line,
                    page.role_id,
                    "profile",
                )
            )
        else:
            pages[page.role_id] = page
    for role_id, role in base_roles.items():
        page_or_none = pages.get(role_id)
        if page_or_none is None:
            out.roles.append((role, Where()))
        else:
            out.roles.append(
                (
                    page_or_none.to_role(role.profile, base=role),
                    Where(page_or_none.file, page_or_none.line),
                )
            )
    if base is not None:
        out.transitions.extend(
            (t, Where()) for t in base.transitions.values() if t.source not in pages
        )
    for page in pages.values():
        for index, (edge, item) in enumerate(
            zip(page.transitions_out(), page.transitions, strict=True)
        ):
            where = FieldWhere(
                page.file, item.line, renames={"target": f"transitions[{index}].target"}
            )
            out.transitions.append((edge, where))
    return out.build(base.rules if base is not None else None)
