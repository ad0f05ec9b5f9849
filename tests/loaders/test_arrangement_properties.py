"""Property: one generated truth written upright and on its side reads back the same, each status
from the cell it was written in."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import load
from loaders.gazetteer import gazetteer
from loaders.sheets import cell_ref
from loaders.vocabulary import PLATFORMS, read_table
from tests.conftest import xlsx_bytes

COMUNAS = gazetteer().comunas.query("region_code in ['01', '09', '10', '14']")
OFFICIAL = list(zip(COMUNAS.comuna_code, COMUNAS.comuna, strict=True))
SPELLINGS = {
    p: [r["phrase"] for r in read_table("platforms.csv") if r["platform"] == p] for p in PLATFORMS
}
WORDS = [(r["phrase"], r["stage"]) for r in read_table("stages.csv")]
KEY = ["comuna_code", "platform", "stage", "status_raw", "as_of"]


@st.composite
def truths(draw):
    """Comunas × platforms × stage words, a cut-off, title rows above and blank columns left."""
    comunas = draw(st.lists(st.sampled_from(OFFICIAL), min_size=1, max_size=6, unique=True))
    platforms = draw(st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=5, unique=True))
    words = {(code, p): draw(st.sampled_from(WORDS))[0] for code, _ in comunas for p in platforms}
    labels = {p: draw(st.sampled_from(SPELLINGS[p])).title() for p in platforms}
    date = draw(st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31)))
    pad = draw(st.integers(0, 3))
    title = [["Seguimiento de plataformas"]] * draw(st.integers(0, 2))
    title += [[f"Fecha de corte: {date:%d/%m/%Y}"], []]
    corner = draw(st.sampled_from(["Plataforma", "", "Comuna", "Plataforma / Comuna"]))
    return comunas, platforms, words, labels, title, pad, corner


def upright(truth) -> tuple[bytes, dict]:
    """The truth as a normal table, and the cell each status was written in."""
    comunas, platforms, words, labels, title, pad, _ = truth
    rows = [*title, [None] * pad + ["Comuna", *(labels[p] for p in platforms)]]
    where = {}
    for code, name in comunas:
        for c, p in enumerate(platforms):
            where[code, p] = cell_ref(len(rows), pad + 1 + c)
        rows.append([None] * pad + [name, *(words[code, p] for p in platforms)])
    return xlsx_bytes({"Datos": rows}), where


def on_its_side(truth) -> tuple[bytes, dict]:
    """The truth transposed: comunas across the top, a row per platform."""
    comunas, platforms, words, labels, title, pad, corner = truth
    rows = [*title, [None] * pad + [corner, *(name for _, name in comunas)]]
    where = {}
    for p in platforms:
        for c, (code, _) in enumerate(comunas):
            where[code, p] = cell_ref(len(rows), pad + 1 + c)
        rows.append([None] * pad + [labels[p], *(words[code, p] for code, _ in comunas)])
    return xlsx_bytes({"Datos": rows}), where


def read(data: bytes):
    """The loaded frame sorted by its key, and where it says each status was."""
    result = load(data, name="propiedad.xlsx")
    assert not result.errors, [f"{i.cell}: {i.message}" for i in result.errors]
    frame = result.frame.sort_values(KEY).reset_index(drop=True)
    cells = dict(zip(zip(frame.comuna_code, frame.platform, strict=True), frame.cell, strict=True))
    return frame, cells


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(truths())
def test_a_table_and_its_transpose_read_back_the_same(truth):
    straight, straight_at = upright(truth)
    turned, turned_at = on_its_side(truth)
    straight_frame, straight_cells = read(straight)
    turned_frame, turned_cells = read(turned)
    assert turned_frame[KEY].values.tolist() == straight_frame[KEY].values.tolist()
    assert len(turned_frame) == len(truth[2])
    assert straight_cells == straight_at
    assert turned_cells == turned_at
