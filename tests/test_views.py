"""What the pages write for people: untrusted text made inert, the freshness line, day labels."""

import re

import pandas as pd
import pytest

import views

JOINER = "\u2060"


def rendered(markdown: str) -> str:
    """The text a Markdown renderer shows for backslash-escaped text."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(
    "text",
    [
        "[clic](http://x.example)",
        "<script>alert(1)</script>",
        "**negrita** _cursiva_ `código` # título",
        "$x^2$ ~~tachado~~ | tabla |",
        ":material/lock: :red[rojo]",
        "a\\b",
    ],
)
def test_markup_is_escaped_and_reads_as_written(text):
    escaped = views.escape_markdown(text)
    assert rendered(escaped).replace(JOINER, "") == text
    for mark in "[]()<>*_`#$~|:":
        assert f"\\{mark}" in escaped or mark not in text


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("http://x.example", "http:" + JOINER + "//"),
        ("visite www.x.example", "www" + JOINER + "."),
        ("ana@x.example", "ana" + JOINER + "@"),
        ("HTTPS://X.EXAMPLE", "HTTPS:" + JOINER + "//"),
    ],
)
def test_addresses_are_kept_from_becoming_links(text, broken):
    assert broken in rendered(views.escape_markdown(text))


def test_freshness_names_the_newest_date_and_the_sources_escaped():
    frame = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2025-08-31", "2025-09-30"]),
            "source": ["UFRO", "[x](http://y)"],
        }
    )
    line = views.freshness(frame)
    assert line.startswith("Datos al 30-09-2025 · ")
    assert "\\[x\\]" in line and "](" not in line
    assert views.freshness(frame.iloc[0:0]) == "Sin datos para la selección."


def test_day_label_is_written_as_in_chile():
    assert views.day_label("2025-09-30") == "30-09-2025"
