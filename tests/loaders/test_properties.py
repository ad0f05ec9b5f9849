"""Property tests: any arrangement of known words, in any layout, is read back as written."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import load
from loaders.gazetteer import gazetteer
from loaders.vocabulary import PLATFORMS, read_table
from tests.conftest import xlsx_bytes

COMUNAS = gazetteer().comunas.query("region_code in ['01', '09', '10', '14']")
OFFICIAL = list(zip(COMUNAS.comuna_code, COMUNAS.comuna, strict=True))
SPELLINGS = {
    p: [r["phrase"] for r in read_table("platforms.csv") if r["platform"] == p] for p in PLATFORMS
}
WORDS = [(r["phrase"], r["stage"]) for r in read_table("stages.csv")]


def mangle_case(draw, text: str) -> str:
    """The text in upper, lower, title or original case."""
    return draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))


@st.composite
def trackers(draw):
    """A random tracker: comunas, platforms, statuses, layout, title rows and column offset."""
    comunas = draw(st.lists(st.sampled_from(OFFICIAL), min_size=1, max_size=6, unique=True))
    platforms = draw(st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=5, unique=True))
    cells = {(code, p): draw(st.sampled_from(WORDS)) for code, _ in comunas for p in platforms}
    date = draw(st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31)))
    pad = [None] * draw(st.integers(0, 3))
    title = [["Seguimiento de plataformas"]] * draw(st.integers(0, 3))
    title.append([*pad, f"Fecha de corte: {date:%d/%m/%Y}"])
    title += [[]] * draw(st.integers(0, 2))
    prefix = draw(st.sampled_from(["", "Municipalidad de ", "I. Municipalidad de "]))
    names = {code: prefix + mangle_case(draw, name) for code, name in comunas}
    headers = {p: mangle_case(draw, draw(st.sampled_from(SPELLINGS[p]))) for p in platforms}
    if draw(st.booleans()):
        rows = [[*pad, "Comuna", *headers.values(), "Observaciones"]]
        for code, _ in comunas:
            statuses = [mangle_case(draw, cells[code, p][0]) for p in platforms]
            rows.append([*pad, names[code], *statuses, "sin comentarios"])
    else:
        rows = [[*pad, "Municipio", "Plataforma", "Estado"]]
        for code, _ in comunas:
            for p in platforms:
                rows.append([*pad, names[code], headers[p], mangle_case(draw, cells[code, p][0])])
    expected = {key: stage for key, (_, stage) in cells.items()}
    return xlsx_bytes({"Datos": title + rows}), expected, date


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers())
def test_any_arrangement_of_known_words_is_read_back(tracker):
    data, expected, date = tracker
    result = load(data, name="propiedad.xlsx")
    assert not result.errors, [i.message for i in result.errors]
    keys = zip(result.frame.comuna_code, result.frame.platform, strict=True)
    read = dict(zip(keys, result.frame.stage, strict=True))
    assert read == expected
    assert result.as_of == date
