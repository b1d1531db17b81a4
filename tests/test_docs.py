"""The README documents every command, option, format and setting the project offers."""

from pathlib import Path

import pytest

from cli import parser
from extractors.limits import Limits
from extractors.registry import FORMATS
from settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subcommands():
    action = next(a for a in parser()._actions if a.dest == "command")
    return action.choices


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_command_is_documented(name):
    assert f"cli.py {name}" in README


@pytest.mark.parametrize(
    "option",
    sorted(
        {
            o
            for sub in _subcommands().values()
            for a in sub._actions
            for o in a.option_strings
            if o.startswith("--") and o != "--help"
        }
    ),
)
def test_every_option_is_documented(option):
    assert option in README


@pytest.mark.parametrize("extension", sorted({e for f in FORMATS for e in f.extensions}))
def test_every_format_is_documented(extension):
    assert f".{extension}" in README


@pytest.mark.parametrize("limit", [name for name in vars(Limits) if name.isupper()])
def test_every_reader_limit_is_documented(limit):
    assert limit in README


def test_the_two_commands_are_documented():
    assert "make run" in README and "make test" in README


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_every_setting_is_documented(name):
    assert f"`{name}`" in README


def test_every_page_of_the_app_is_documented():
    import re

    app = (Path(__file__).resolve().parent.parent / "app.py").read_text(encoding="utf-8")
    titles = re.findall(r'st\.Page\(\s*"pages/\w+\.py",\s*title="([^"]+)"', app)
    assert len(titles) == len(list((Path(__file__).resolve().parent.parent / "pages").glob("*.py")))
    for title in titles:
        assert f"**{title}**" in README, title
