"""analytics against counts worked out by hand on a small history of two regions."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import analytics
from loaders import COLUMNS

D1, D2, D3 = dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 9, 30)
REGIONS = {"01": "Tarapacá", "14": "Los Ríos"}
COMUNAS = {
    "01101": "Iquique",
    "01107": "Alto Hospicio",
    "01401": "Pozo Almonte",
    "14101": "Valdivia",
    "14104": "Los Lagos",
    "14108": "Panguipulli",
}
# (upload, cut-off, comuna, platform, stage). Upload 3 re-reports Valdivia's DocDigital on the
# same date as upload 2 with another stage; it comes first so that row order alone gets it wrong.
ROWS = [
    (3, D2, "14101", "docdigital", "habilitada"),
    (1, D1, "01101", "docdigital", "en_proceso"),
    (1, D1, "01101", "firmagob", "habilitada"),
    (1, D1, "01107", "docdigital", "sin_iniciar"),
    (1, D1, "01107", "firmagob", "en_uso"),
    (1, D1, "14101", "docdigital", "habilitada"),
    (1, D1, "14101", "firmagob", "en_uso"),
    (1, D1, "14104", "docdigital", "no_aplica"),
    (1, D1, "14104", "firmagob", "sin_iniciar"),
    (2, D2, "01101", "docdigital", "habilitada"),
    (2, D2, "01101", "firmagob", "habilitada"),
    (2, D2, "01107", "firmagob", "en_proceso"),  # went back from en_uso
    (2, D2, "01401", "docdigital", "sin_informacion"),  # new comuna, off the scale
    (2, D2, "14101", "docdigital", "en_uso"),  # loses the tie to upload 3
    (2, D2, "14104", "docdigital", "alternativa"),  # off scale to off scale
    (2, D2, "14108", "firmagob", "habilitada"),  # new comuna
    (4, D3, "01107", "docdigital", "en_uso"),
    (4, D3, "14108", "docdigital", "sin_iniciar"),
    (4, D3, "01101", "claveunica", "en_uso"),  # new platform
    (4, D3, "14104", "firmagob", "habilitada"),
]
# Newest state (D3), 12 pairs:
#   Tarapacá  Iquique       doc habilitada   firma habilitada   clave en_uso
#             Alto Hospicio doc en_uso       firma en_proceso
#             Pozo Almonte  doc sin_informacion
#   Los Ríos  Valdivia      doc habilitada   firma en_uso
#             Los Lagos     doc alternativa  firma habilitada
#             Panguipulli   doc sin_iniciar  firma habilitada


def make_history(rows=ROWS) -> pd.DataFrame:
    """The contract's frame plus the upload number, as Store.history() gives it."""
    frame = pd.DataFrame(rows, columns=["upload_id", "as_of", "comuna_code", "platform", "stage"])
    code, upload = frame["comuna_code"], frame["upload_id"].astype("str")
    frame = frame.assign(
        region_code=code.str[:2],
        region=code.str[:2].map(REGIONS),
        comuna=code.map(COMUNAS),
        status_raw=frame["stage"].str.upper(),
        alternative="",
        as_of=pd.to_datetime(frame["as_of"]).astype("datetime64[s]"),
        source="prueba",
        file="carga" + upload + ".xlsx",
        sheet="Seguimiento",
        cell="B" + (frame.index + 2).astype("str"),
    )
    return frame[[*COLUMNS, "upload_id"]]


@pytest.fixture
def history() -> pd.DataFrame:
    return make_history()


@pytest.fixture
def current(history) -> pd.DataFrame:
    return analytics.state_at(history)


def stages(state: pd.DataFrame) -> dict[tuple[str, str], str]:
    return state.set_index(["comuna_code", "platform"])["stage"].to_dict()


def keys(frame: pd.DataFrame, *columns: str) -> list[str]:
    return frame[list(columns)].astype("str").agg("/".join, axis=1).tolist()


def test_cutoffs_are_the_distinct_dates_oldest_first(history):
    assert analytics.cutoffs(history) == [D1, D2, D3]


def test_filter_frame_none_keeps_everything_and_empty_selections_keep_nothing(history):
    assert len(analytics.filter_frame(history)) == 20
    assert analytics.filter_frame(history, regions=[]).empty
    assert analytics.filter_frame(history, platforms=[]).empty
    none = analytics.filter_frame(history, regions=[], platforms=[])
    assert list(none.columns) == list(history.columns)


def test_filter_frame_keeps_rows_of_both_the_regions_and_the_platforms(history):
    # Los Ríos FirmaGob: Valdivia D1, Los Lagos D1, Panguipulli D2, Los Lagos D3
    picked = analytics.filter_frame(history, regions={"14"}, platforms=["firmagob"])
    found = sorted(keys(picked, "comuna_code", "upload_id"))
    assert found == ["14101/1", "14104/1", "14104/4", "14108/2"]
    assert picked.index.tolist() == [0, 1, 2, 3]


def test_state_at_newest_takes_each_pairs_latest_row(current):
    assert len(current) == 12
    assert stages(current)[("01101", "docdigital")] == "habilitada"  # D2 value, nothing at D3
    assert stages(current)[("01107", "docdigital")] == "en_uso"  # D3
    assert stages(current)[("14104", "firmagob")] == "habilitada"  # D3 over D1
    # sorted by comuna, then platforms in the contract's order
    first = keys(current, "comuna_code", "platform")[:3]
    assert first == ["01101/docdigital", "01101/firmagob", "01101/claveunica"]


def test_state_at_a_date_between_cutoffs_is_the_state_of_the_earlier_one(history):
    july = analytics.state_at(history, dt.date(2025, 7, 15))
    assert len(july) == 10  # 8 pairs of D1 + Pozo Almonte doc + Panguipulli firma
    assert stages(july)[("01107", "docdigital")] == "sin_iniciar"  # carried from D1
    assert stages(july)[("01107", "firmagob")] == "en_proceso"
    assert ("01101", "claveunica") not in stages(july)
    assert stages(analytics.state_at(history, D2)) == stages(july)


def test_state_at_breaks_a_same_day_tie_by_the_later_upload_not_row_order(history):
    row = analytics.state_at(history, D2).set_index(["comuna_code", "platform"]).loc["14101"]
    assert (row.loc["docdigital", "stage"], row.loc["docdigital", "upload_id"]) == ("habilitada", 3)


def test_state_at_without_upload_numbers_lets_the_later_row_win(history):
    loaded = history.drop(columns="upload_id")
    assert stages(analytics.state_at(loaded, D2))[("14101", "docdigital")] == "en_uso"


def test_state_at_a_date_before_any_data_is_empty_with_the_frames_columns(history):
    early = analytics.state_at(history, dt.date(2024, 12, 31))
    assert early.empty
    assert list(early.columns) == list(history.columns)


def test_shares_counts_every_stage_per_region_and_platform(current):
    table = analytics.shares(current)
    assert keys(table, "region_code", "platform") == [
        *("01/docdigital", "01/firmagob", "01/claveunica"),
        *("14/docdigital", "14/firmagob"),
    ]
    assert table["region"].tolist() == ["Tarapacá"] * 3 + ["Los Ríos"] * 2
    columns = ["on_scale", "sin_iniciar", "en_proceso", "habilitada", "en_uso", "enabled"]
    columns += ["below", "alternativa", "no_aplica", "sin_informacion"]
    assert table[columns].values.tolist() == [
        [2, 0, 0, 1, 1, 2, 0, 0, 0, 1],  # Iquique hab, Alto Hospicio en_uso, Pozo Almonte s/i
        [2, 0, 1, 1, 0, 1, 1, 0, 0, 0],  # Iquique hab, Alto Hospicio en_proceso
        [1, 0, 0, 0, 1, 1, 0, 0, 0, 0],  # Iquique en_uso
        [2, 1, 0, 1, 0, 1, 1, 1, 0, 0],  # Valdivia hab, Panguipulli sin_iniciar, Los Lagos alt.
        [3, 0, 0, 2, 1, 3, 0, 0, 0, 0],  # Valdivia en_uso, Los Lagos hab, Panguipulli hab
    ]


def test_brecha_de_uso_counts_only_comunas_on_the_scale(current):
    table = analytics.shares(current)
    # Tarapacá DocDigital: 1 habilitada of 2 on the scale (Pozo Almonte's blank cell is out): 1/2
    # Los Ríos DocDigital: 1 habilitada of 2 (Los Lagos' own solution is out), 1 below: 1/2, 1/2
    # Los Ríos FirmaGob: 2 habilitada + 1 en uso of 3: enabled 3/3, in use 1/3, brecha 2/3
    expected = [
        [1.0, 0.5, 0.5, 0.0],
        [0.5, 0.0, 0.5, 0.5],
        [1.0, 1.0, 0.0, 0.0],
        [0.5, 0.0, 0.5, 0.5],
        [1.0, 1 / 3, 2 / 3, 0.0],
    ]
    got = table[["pct_enabled", "pct_en_uso", "brecha_uso", "brecha_habilitacion"]]
    assert got.to_numpy() == pytest.approx(np.array(expected))


def test_shares_by_platform_alone_pool_the_regions_and_drop_the_region_name(current):
    table = analytics.shares(current, by=["platform"])
    assert "region" not in table
    # DocDigital: Iquique hab, Alto Hospicio en_uso, Valdivia hab, Panguipulli sin_iniciar: 2/4
    # FirmaGob: Iquique hab, AH en_proceso, Valdivia en_uso, Los Lagos hab, Panguipulli hab: 3/5
    assert table["platform"].tolist() == ["docdigital", "firmagob", "claveunica"]
    assert table["on_scale"].tolist() == [4, 5, 1]
    assert table["brecha_uso"].tolist() == pytest.approx([0.5, 0.6, 0.0])


def test_shares_of_a_group_with_nothing_on_the_scale_are_nan(current):
    (row,) = analytics.shares(current[current["comuna_code"] == "01401"]).itertuples()
    assert (row.on_scale, row.sin_informacion) == (0, 1)
    assert np.isnan(
        [row.pct_enabled, row.pct_en_uso, row.brecha_uso, row.brecha_habilitacion]
    ).all()


def test_region_tiles_count_official_comunas_and_the_pairs_on_the_scale(current):
    tiles = analytics.region_tiles(current, ["14", "01"]).set_index("region_code")
    assert tiles.index.tolist() == ["14", "01"]  # in the order asked
    # Tarapacá: 7 official comunas, 3 in the data; 5 pairs on the scale, 2 hab + 2 en uso
    # Los Ríos: 12 official comunas, 3 in the data; 5 pairs on the scale, 3 hab + 1 en uso
    counts = ["region", "comunas_total", "comunas_covered"]
    assert tiles.loc["01", counts].tolist() == ["Tarapacá", 7, 3]
    assert tiles.loc["14", ["comunas_total", "comunas_covered"]].tolist() == [12, 3]
    shares = ["pct_enabled", "pct_en_uso", "brecha_uso"]
    assert tiles.loc["01", shares].tolist() == pytest.approx([0.8, 0.4, 0.4])
    assert tiles.loc["14", shares].tolist() == pytest.approx([0.8, 0.2, 0.6])


def test_region_tiles_for_a_region_without_data_are_zeros_and_nan_shares(current):
    (tile,) = analytics.region_tiles(current, ["09"]).itertuples()
    assert (tile.region, tile.comunas_total, tile.comunas_covered) == ("La Araucanía", 32, 0)
    assert np.isnan([tile.pct_enabled, tile.pct_en_uso, tile.brecha_uso]).all()
    empty = analytics.region_tiles(current.iloc[:0], ["01"])
    assert empty[["comunas_total", "comunas_covered"]].values.tolist() == [[7, 0]]


def test_headline_names_the_region_and_platform_with_most_enabled_without_use(current):
    # Los Ríos FirmaGob has 2 habilitada, the others at most 1
    assert analytics.headline(analytics.shares(current)) == (
        "En Los Ríos, FirmaGob está habilitada en 3 de 3 comunas con dato en la escala, pero en uso "
        "en 1."
    )


def test_headline_ranks_by_habilitada_first_then_by_brecha(current):
    # without Panguipulli's DocDigital, Los Ríos DocDigital is 1 habilitada of 1 (brecha 1) but
    # FirmaGob still has more habilitada (2, brecha 2/3): FirmaGob wins
    rest = current[(current["comuna_code"] + current["platform"]) != "14108docdigital"]
    assert analytics.headline(analytics.shares(rest)).startswith("En Los Ríos, FirmaGob ")
    # without Los Ríos FirmaGob too, every group has 1 habilitada: the brecha of 1 wins
    rest = rest[~((rest["region_code"] == "14") & (rest["platform"] == "firmagob"))]
    assert analytics.headline(analytics.shares(rest)) == (
        "En Los Ríos, DocDigital está habilitada en 1 de 1 comuna con dato en la escala, pero no "
        "está en uso en ninguna."
    )
    # and on equal brecha (1/2 each), the first in the contract's order: Tarapacá DocDigital
    rest = current[~current["comuna_code"].str.startswith("14")]
    assert analytics.headline(analytics.shares(rest)) == (
        "En Tarapacá, DocDigital está habilitada en 2 de 2 comunas con dato en la escala, pero en "
        "uso en 1."
    )


def test_headline_without_enabled_unused_or_without_rows(current):
    used = analytics.shares(current[current["platform"] == "claveunica"])
    assert analytics.headline(used) == (
        "Ninguna comuna de la selección tiene plataformas habilitadas sin uso."
    )
    assert analytics.headline(analytics.shares(current.iloc[:0])) == (
        "No hay datos para la selección."
    )


def test_headline_scope_says_the_tile_counts_every_comuna_and_the_headline_those_on_the_scale(
    current,
):
    # Los Ríos FirmaGob: Valdivia en uso, Los Lagos and Panguipulli habilitada; 3 comunas with data
    assert analytics.headline_scope(current, analytics.shares(current)) == (
        "El recuadro de Los Ríos cuenta 3 comunas con datos; la frase, las 3 con una etapa de "
        "FirmaGob en la escala (de No iniciado a En uso): todas."
    )


def test_headline_scope_names_what_the_comunas_off_the_scale_have_instead(current):
    # Los Ríos DocDigital: Valdivia habilitada, Panguipulli sin iniciar, Los Lagos alternativa
    rios = current[current["region_code"] == "14"]
    rios = rios[(rios["comuna_code"] + rios["platform"]) != "14104firmagob"]
    shares = analytics.shares(rios)
    assert analytics.headline(shares).startswith(
        "En Los Ríos, DocDigital está habilitada en 1 de 2"
    )
    assert analytics.headline_scope(rios, shares) == (
        "El recuadro de Los Ríos cuenta 3 comunas con datos; la frase, las 2 con una etapa de "
        "DocDigital en la escala (de No iniciado a En uso). La otra: 1 con «Solución alternativa»."
    )


def test_headline_scope_counts_comunas_without_a_row_for_the_platform(current):
    # Tarapacá without Iquique's DocDigital: FirmaGob leads (Iquique habilitada, Alto Hospicio
    # en proceso); Pozo Almonte has data (DocDigital sin información) but no FirmaGob row
    rest = current[current["region_code"] == "01"]
    rest = rest[(rest["comuna_code"] + rest["platform"]) != "01101docdigital"]
    assert analytics.headline_scope(rest, analytics.shares(rest)) == (
        "El recuadro de Tarapacá cuenta 3 comunas con datos; la frase, las 2 con una etapa de "
        "FirmaGob en la escala (de No iniciado a En uso). La otra: 1 sin dato de FirmaGob."
    )


def test_headline_scope_is_empty_without_a_headline(current):
    used = current[current["platform"] == "claveunica"]
    assert analytics.headline_scope(used, analytics.shares(used)) == ""
    assert analytics.headline_scope(current.iloc[:0], analytics.shares(current.iloc[:0])) == ""


def test_adoption_index_is_the_mean_stage_of_the_platforms_on_the_scale(current):
    index = analytics.adoption_index(current).set_index("comuna_code")
    assert index.index.tolist() == ["01101", "01107", "01401", "14101", "14104", "14108"]
    # stage 0..3 scaled to 0..100: Iquique (2+2+3)/9 = 77.8, Alto Hospicio (3+1)/6 = 66.7,
    # Valdivia (2+3)/6 = 83.3, Los Lagos 2/3 (alternativa out) = 66.7, Panguipulli (0+2)/6 = 33.3
    assert index["index"].tolist() == pytest.approx(
        [700 / 9, 200 / 3, np.nan, 250 / 3, 200 / 3, 100 / 3], nan_ok=True
    )
    assert index["province"].tolist() == ["Iquique", "Iquique", "Tamarugal"] + ["Valdivia"] * 3
    assert index["habilitada_sin_uso"].tolist() == [2, 0, 0, 1, 1, 1]
    assert index["sin_iniciar"].tolist() == [0, 0, 0, 0, 0, 1]
    assert index["en_uso"].tolist() == [1, 1, 0, 1, 0, 0]
    assert index["on_scale"].tolist() == [3, 2, 0, 2, 1, 2]


def test_priorities_put_most_enabled_unused_first_then_most_not_started(current):
    ranked = analytics.priorities(current)
    # Iquique (2 hab), Panguipulli (1 hab, 1 sin iniciar), Los Lagos and Valdivia (1 hab) by
    # name; Alto Hospicio and Pozo Almonte have neither and are left out
    assert ranked["comuna"].tolist() == ["Iquique", "Panguipulli", "Los Lagos", "Valdivia"]
    assert ranked["n_habilitada_sin_uso"].tolist() == [2, 1, 1, 1]
    assert ranked["n_sin_iniciar"].tolist() == [0, 1, 0, 0]
    listed = ranked["habilitada_sin_uso"].tolist()
    assert listed == ["DocDigital, FirmaGob", "FirmaGob", "FirmaGob", "DocDigital"]
    assert ranked["sin_iniciar"].tolist() == ["", "DocDigital", "", ""]
    assert ranked["index"].tolist() == pytest.approx([700 / 9, 100 / 3, 200 / 3, 250 / 3])


def test_trend_carries_each_comunas_last_value_forward_within_a_measured_group(history):
    table = analytics.trend(history).set_index(["as_of", "region_code", "platform"])
    assert table.index.unique("as_of").tolist() == [pd.Timestamp(d) for d in (D1, D2, D3)]
    # D2 Los Ríos FirmaGob: Valdivia en_uso and Los Lagos sin_iniciar (both from D1) +
    # Panguipulli habilitada: 3 on the scale, 2 enabled, 1 in use, brecha 1/3
    d2 = table.loc[(pd.Timestamp(D2), "14", "firmagob")]
    assert d2[["on_scale", "enabled", "en_uso"]].tolist() == [3, 2, 1]
    assert d2["brecha_uso"] == pytest.approx(1 / 3)
    # D3 Tarapacá DocDigital: Iquique habilitada carried from D2, Alto Hospicio en_uso at D3
    d3 = table.loc[(pd.Timestamp(D3), "01", "docdigital")]
    assert d3[["on_scale", "enabled", "en_uso"]].tolist() == [2, 2, 1]
    # D1 Tarapacá DocDigital: en_proceso and sin_iniciar
    d1 = table.loc[(pd.Timestamp(D1), "01", "docdigital")]
    assert d1[["on_scale", "enabled", "en_uso", "pct_enabled"]].tolist() == [2, 0, 0, 0.0]
    # ClaveÚnica only appears from D3 on, and D3 has no Tarapacá FirmaGob row: 4 + 4 + 4 groups
    assert (pd.Timestamp(D3), "01", "firmagob") not in table.index
    assert len(table) == 12
    assert table["region"].loc[(pd.Timestamp(D1), "14", "firmagob")] == "Los Ríos"


def test_trend_breaks_a_same_day_tie_by_the_later_upload(history):
    table = analytics.trend(history).set_index(["as_of", "region_code", "platform"])
    # D2 Los Ríos DocDigital: Valdivia habilitada (upload 3), Los Lagos alternativa
    d2 = table.loc[(pd.Timestamp(D2), "14", "docdigital")]
    assert d2[["on_scale", "enabled", "en_uso", "brecha_uso"]].tolist() == [1, 1, 0, 1.0]


def test_movements_say_which_way_each_pair_went(history):
    moved = analytics.movements(history, D1, D3)
    got = {
        (r.comuna_code, r.platform): (r.before, r.after, r.direction) for r in moved.itertuples()
    }
    assert got[("01101", "docdigital")] == ("en_proceso", "habilitada", "avanza")
    assert got[("01101", "firmagob")] == ("habilitada", "habilitada", "igual")
    assert got[("01107", "docdigital")] == ("sin_iniciar", "en_uso", "avanza")
    assert got[("01107", "firmagob")] == ("en_uso", "en_proceso", "retrocede")
    assert got[("14104", "docdigital")] == ("no_aplica", "alternativa", "cambia")
    assert got[("14104", "firmagob")] == ("sin_iniciar", "habilitada", "avanza")
    assert got[("01401", "docdigital")][2] == "nuevo"
    assert pd.isna(got[("01401", "docdigital")][0])
    counts = moved["direction"].value_counts().to_dict()
    assert counts == {"nuevo": 4, "avanza": 3, "igual": 3, "retrocede": 1, "cambia": 1}
    assert list(moved.columns) == analytics.MOVEMENT_COLUMNS


def test_movements_from_before_any_data_are_all_new(history):
    moved = analytics.movements(history, dt.date(2025, 1, 1), D1)
    assert len(moved) == 8
    assert set(moved["direction"]) == {"nuevo"}


def test_comuna_profile_sets_each_platform_beside_its_regions_shares(current):
    profile = analytics.comuna_profile(current, "14108")
    assert profile["platform"].tolist() == ["docdigital", "firmagob"]
    assert profile["stage"].tolist() == ["sin_iniciar", "habilitada"]
    assert profile["file"].tolist() == ["carga4.xlsx", "carga2.xlsx"]
    # Los Ríos DocDigital: 1 enabled of 2, none in use; FirmaGob: 3 of 3, 1 in use
    assert profile["region_pct_enabled"].tolist() == pytest.approx([0.5, 1.0])
    assert profile["region_pct_en_uso"].tolist() == pytest.approx([0.0, 1 / 3])
    assert analytics.comuna_profile(current, "14102").empty  # Corral: no data


def test_map_measures_per_comuna(current):
    brecha, kind = analytics.map_measure(current, "brecha")
    assert kind == "brecha"
    by_comuna = dict(zip(brecha["comuna_code"], brecha["value"], strict=True))
    assert by_comuna["01101"] == pytest.approx(2 / 3)  # Iquique: doc and firma of 3 enabled sin uso
    assert by_comuna["14104"] == 1.0  # Los Lagos: firma habilitada; doc alternativa is off scale
    assert np.isnan(by_comuna["01401"])  # Pozo Almonte: nothing on the scale
    index, _ = analytics.map_measure(current, "indice")
    assert dict(zip(index["comuna_code"], index["value"], strict=True))["14108"] == pytest.approx(
        100 / 3
    )  # Panguipulli: sin_iniciar (0) and habilitada (2 of 3): mean 1/3 of the scale
    firma, kind = analytics.map_measure(current, "firmagob")
    assert kind == "stage"
    assert dict(zip(firma["comuna_code"], firma["value"], strict=True)) == {
        "01101": "habilitada",
        "01107": "en_proceso",
        "14101": "en_uso",
        "14104": "habilitada",
        "14108": "habilitada",
    }
