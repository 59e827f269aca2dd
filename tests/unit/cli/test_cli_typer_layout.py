"""The one private import of the CLI, pinned: typer's vendored click (``typer._click``).

typer 0.29 no longer uses the installed click: it carries its own copy and raises that
copy's exceptions, which its public API names only in part (``typer.BadParameter``).
``rumbo_cli.errors`` imports the rest from ``typer._click.exceptions``; these tests fail
loudly if typer moves them, or raises errors of another class (click's again, say), so
that the CLI's error reports are not silently replaced by tracebacks or English text.
"""

from __future__ import annotations

import click
import pytest
import typer
from typer._click import exceptions as vendored

from rumbo_cli import errors
from rumbo_cli.main import app


def raised_by(*args: str) -> Exception:
    """What the app raises for a command line, as :func:`rumbo_cli.main.run` runs it."""
    with pytest.raises(Exception) as caught:
        app(list(args), prog_name="rumbo", standalone_mode=False)
    return caught.value


def test_typer_raises_its_vendored_clicks_errors_not_clicks() -> None:
    assert typer.BadParameter is vendored.BadParameter  # the one public name
    assert errors.ClickException is vendored.ClickException
    assert errors.NoArgsIsHelpError is vendored.NoArgsIsHelpError
    # click is installed (uvicorn and flask need it), but typer's errors are not its own:
    # importing them from click would catch nothing.
    assert not issubclass(vendored.ClickException, click.ClickException)


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (("roles", "--nope"), vendored.NoSuchOption),
        (("role",), vendored.MissingParameter),
        (("fit-now", "--top", "x"), vendored.BadParameter),
        ((), vendored.NoArgsIsHelpError),
    ],
)
def test_each_usage_error_is_of_the_class_the_cli_tells_apart(
    args: tuple[str, ...], kind: type[Exception]
) -> None:
    error = raised_by(*args)
    assert type(error) is kind
    assert isinstance(error, errors.ClickException)


def test_a_bad_value_keeps_pydantics_error_which_words_it() -> None:
    """typer converts values with pydantic; the CLI words the cause, not typer's English."""
    error = raised_by("serve", "--workers", "0")
    assert isinstance(error, vendored.BadParameter)
    assert errors.usage_problem(error, "es") == "--workers: debe ser ≥ 1"
    assert errors.usage_problem(error, "en") == "--workers: must be ≥ 1"
