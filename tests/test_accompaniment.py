"""The accompaniment analytics against counts worked out by hand on small frames of activities and
status history in Tarapacá (which holds a mesa regional) and Los Ríos."""

import datetime as dt

import pandas as pd
import pytest

import analytics
from loaders import ACTIVITY_COLUMNS, COLUMNS

CUT = dt.date(2025, 9, 30)
REGIONS = {"01": "Tarapacá", "14": "Los Ríos"}
COMUNAS = {
    "01101": "Iquique",
    "01107": "Alto Hospicio",
    "01401": "Pozo Almonte",
    "14101": "Valdivia",
    "14104": "Los Lagos",
    "14108": "Panguipulli",
}
# (comuna, date, activity, platform, participants)
ACTIVITIES = [
    ("01101", "2025-03-10", "reunion_inicial", "", 8),
    ("01101", "2025-04-02", "capacitacion_tecnica", "firmagob", 12),
    ("01101", "2025-04-02", "capacitacion_tecnica", "docdigital", 12),  # the same 12 people
    ("01107", "2025-03-20", "reunion_inicial", "", None),
    ("01107", "2025-05-15", "capacitacion_tecnica", "firmagob", 5),
    ("01107", "2025-07-01", "capacitacion_tecnica", "firmagob", 4),  # trained again
    ("01401", "2025-04-20", "mesa_regional", "", None),  # one mesa for two comunas:
    ("01101", "2025-04-20", "mesa_regional", "", None),  # its total cannot be split
    ("14101", "2025-04-05", "reunion_inicial", "", 6),
    ("14101", "2025-06-10", "capacitacion_tecnica", "firmagob", 10),
    ("14104", "2025-06-10", "diagnostico", "", 3),
    ("14101", "2025-10-15", "asesoria_tecnica", "firmagob", 2),  # after the cut-off
    ("14108", "2025-08-15", "capacitacion_tecnica", "docdigital", 7),  # 46 days before it
    ("14104", "2025-05-05", "otra", "", 9),
    ("14104", "2025-05-05", "capacitacion_tecnica", "pisee", 3),  # no status data on PISEE
]
# (upload, cut-off, comuna, platform, stage). Upload 3 re-reports Valdivia's FirmaGob on the
# same date as upload 2 with another stage; it comes first so that row order alone gets it wrong.
HISTORY = [
    (3, "2025-09-30", "14101", "firmagob", "en_proceso"),
    (1, "2025-03-31", "01101", "firmagob", "en_proceso"),
    (2, "2025-06-30", "01101", "firmagob", "habilitada"),
    (2, "2025-09-30", "01101", "firmagob", "habilitada"),
    (1, "2025-03-31", "01101", "docdigital", "habilitada"),
    (2, "2025-06-30", "01101", "docdigital", "en_uso"),
    (1, "2025-03-31", "01107", "firmagob", "sin_iniciar"),
    (2, "2025-06-30", "01107", "firmagob", "en_proceso"),
    (2, "2025-09-30", "01107", "firmagob", "habilitada"),
    (1, "2025-03-31", "01107", "docdigital", "en_uso"),
    (2, "2025-06-30", "01107", "docdigital", "en_uso"),
    (1, "2025-03-31", "14101", "firmagob", "sin_iniciar"),
    (2, "2025-06-30", "14101", "firmagob", "sin_iniciar"),
    (2, "2025-09-30", "14101", "firmagob", "en_uso"),  # loses the tie to upload 3
    (1, "2025-03-31", "01401", "firmagob", "sin_iniciar"),
    (2, "2025-06-30", "01401", "firmagob", "en_proceso"),
    (2, "2025-09-30", "01401", "firmagob", "en_proceso"),
    (1, "2025-03-31", "14104", "firmagob", "en_proceso"),
    (2, "2025-06-30", "14104", "firmagob", "en_proceso"),
    (2, "2025-09-30", "14104", "firmagob", "habilitada"),
    (2, "2025-06-30", "14108", "firmagob", "habilitada"),
]


def make_activities(rows=ACTIVITIES) -> pd.DataFrame:
    """The contract's activities frame plus the upload number, as Store.activities() gives it."""
    frame = pd.DataFrame(
        rows, columns=["comuna_code", "date", "activity", "platform", "participants"]
    )
    code = frame["comuna_code"]
    frame = frame.assign(
        region_code=code.str[:2],
        region=code.str[:2].map(REGIONS),
        comuna=code.map(COMUNAS),
        date=pd.to_datetime(frame["date"]).astype("datetime64[s]"),
        participants=frame["participants"].astype("Int64"),
        topic="",
        modality="presencial",
        source="UFRO",
        file="actividades.xlsx",
        sheet="Actividades",
        cell="A" + (frame.index + 2).astype("str"),
        upload_id=9,
    )
    return frame[[*ACTIVITY_COLUMNS, "upload_id"]]


def make_history(rows=HISTORY) -> pd.DataFrame:
    """The contract's frame plus the upload number, as Store.history() gives it."""
    frame = pd.DataFrame(rows, columns=["upload_id", "as_of", "comuna_code", "platform", "stage"])
    code = frame["comuna_code"]
    frame = frame.assign(
        region_code=code.str[:2],
        region=code.str[:2].map(REGIONS),
        comuna=code.map(COMUNAS),
        status_raw=frame["stage"].str.upper(),
        alternative="",
        as_of=pd.to_datetime(frame["as_of"]).astype("datetime64[s]"),
        source="prueba",
        file="seguimiento.xlsx",
        sheet="Seguimiento",
        cell="B" + (frame.index + 2).astype("str"),
    )
    return frame[[*COLUMNS, "upload_id"]]


@pytest.fixture
def activities() -> pd.DataFrame:
    """The activities up to the cut-off, as the page reads them."""
    return analytics.filter_activities(make_activities(), as_of=CUT)


@pytest.fixture
def history() -> pd.DataFrame:
    return make_history()


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_filter_keeps_activities_without_platform_for_any_platform_and_drops_later_ones():
    kept = analytics.filter_activities(
        make_activities(), regions=["14"], platforms=["firmagob"], as_of=CUT
    )
    assert sorted(zip(kept["comuna"], kept["activity"], kept["platform"], strict=True)) == [
        ("Los Lagos", "diagnostico", ""),
        ("Los Lagos", "otra", ""),
        ("Valdivia", "capacitacion_tecnica", "firmagob"),
        ("Valdivia", "reunion_inicial", ""),
    ]


def test_an_empty_platform_read_as_missing_counts_as_no_platform():
    rows = make_activities()
    rows["platform"] = rows["platform"].replace("", None)
    kept = analytics.filter_activities(rows, platforms=["pisee"], as_of=CUT)
    assert len(kept) == 8  # seven activities without platform and Los Lagos' PISEE training


def test_reference_date_is_the_chosen_cut_off_else_the_newest_status_else_the_newest_activity(
    history,
):
    acts = make_activities()
    assert analytics.reference_date(history, acts, dt.date(2025, 6, 30)) == dt.date(2025, 6, 30)
    assert analytics.reference_date(history, acts) == CUT
    assert analytics.reference_date(history.iloc[0:0], acts) == dt.date(2025, 10, 15)
    assert analytics.reference_date(history.iloc[0:0], acts.iloc[0:0]) is None


def test_coverage_lists_every_comuna_of_the_region_and_the_first_date_of_each_step(activities):
    grid = analytics.plan_coverage(activities, ["01", "14"])
    assert grid["comuna_code"].nunique() == 7 + 12  # the gazetteer's comunas, reached or not
    assert grid.groupby("comuna_code").size().unique().tolist() == [11]
    had = grid.dropna(subset=["first_date"])
    assert sorted(zip(had["comuna"], had["step"], had["first_date"], strict=True)) == [
        ("Alto Hospicio", "Capacitación técnica FirmaGob", day("2025-05-15")),  # the first one
        ("Alto Hospicio", "Reunión inicial", day("2025-03-20")),
        ("Iquique", "Capacitación técnica DocDigital", day("2025-04-02")),
        ("Iquique", "Capacitación técnica FirmaGob", day("2025-04-02")),
        ("Iquique", "Mesa regional", day("2025-04-20")),
        ("Iquique", "Reunión inicial", day("2025-03-10")),
        ("Los Lagos", "Capacitación técnica PISEE", day("2025-05-05")),
        ("Los Lagos", "Diagnóstico", day("2025-06-10")),
        ("Panguipulli", "Capacitación técnica DocDigital", day("2025-08-15")),
        ("Pozo Almonte", "Mesa regional", day("2025-04-20")),
        ("Valdivia", "Capacitación técnica FirmaGob", day("2025-06-10")),
        ("Valdivia", "Reunión inicial", day("2025-04-05")),
    ]


def test_coverage_orders_comunas_by_region_and_province_and_steps_as_the_plan(activities):
    grid = analytics.plan_coverage(activities, ["14", "01"], platforms=["pisee", "firmagob"])
    comunas = list(dict.fromkeys(grid["comuna"]))
    assert comunas[:3] == ["Alto Hospicio", "Iquique", "Camiña"]  # Iquique, then Tamarugal
    # then Los Ríos: Ranco province before Valdivia, as the Brechas heatmap orders them
    assert comunas[7:12] == ["Futrono", "La Unión", "Lago Ranco", "Río Bueno", "Corral"]
    assert list(dict.fromkeys(grid["step"])) == [
        "Reunión inicial",
        "Diagnóstico",
        "Capacitación teórica",
        "Taller práctico",
        "Capacitación técnica FirmaGob",
        "Capacitación técnica PISEE",
        "Asesoría técnica",
        "Mesa regional",
    ]


def test_a_technical_training_without_platform_is_a_step_of_its_own():
    rows = make_activities([("14101", "2025-06-10", "capacitacion_tecnica", "", 10)])
    grid = analytics.plan_coverage(rows, ["14"], platforms=["firmagob"])
    valdivia = grid[(grid["comuna"] == "Valdivia") & grid["first_date"].notna()]
    assert valdivia["step"].tolist() == ["Capacitación técnica (sin plataforma)"]


def test_shares_count_over_the_regions_comunas_and_leave_the_mesa_where_none_is_held(activities):
    shares = analytics.coverage_shares(analytics.plan_coverage(activities, ["01", "14"]))
    got = {
        (r.region, r.step): (r.reached, r.comunas, None if pd.isna(r.share) else round(r.share, 4))
        for r in shares.itertuples()
        if r.reached or r.step == "Mesa regional"
    }
    assert got == {
        ("Tarapacá", "Reunión inicial"): (2, 7, round(2 / 7, 4)),
        ("Tarapacá", "Capacitación técnica DocDigital"): (1, 7, round(1 / 7, 4)),
        ("Tarapacá", "Capacitación técnica FirmaGob"): (2, 7, round(2 / 7, 4)),
        ("Tarapacá", "Mesa regional"): (2, 7, round(2 / 7, 4)),
        ("Los Ríos", "Reunión inicial"): (1, 12, round(1 / 12, 4)),
        ("Los Ríos", "Diagnóstico"): (1, 12, round(1 / 12, 4)),
        ("Los Ríos", "Capacitación técnica DocDigital"): (1, 12, round(1 / 12, 4)),
        ("Los Ríos", "Capacitación técnica FirmaGob"): (1, 12, round(1 / 12, 4)),
        ("Los Ríos", "Capacitación técnica PISEE"): (1, 12, round(1 / 12, 4)),
        ("Los Ríos", "Mesa regional"): (0, 12, None),  # Los Ríos holds no mesa: it does not apply
    }


def test_an_activity_on_two_platforms_is_one_activity_with_one_headcount(activities):
    one = analytics.one_per_activity(activities)
    iquique = one[(one["comuna"] == "Iquique") & (one["activity"] == "capacitacion_tecnica")]
    assert iquique[["platform", "participants"]].values.tolist() == [["firmagob,docdigital", 12]]
    assert len(one) == 13  # 14 rows up to the cut-off, two of them one activity


def test_activities_per_month_count_each_activity_once_and_sum_the_known_headcounts(activities):
    monthly = analytics.monthly_activities(activities)
    got = [
        (
            f"{r.month:%Y-%m}",
            r.region_code,
            r.activity,
            r.activities,
            r.participants,
            r.without_headcount,
        )
        for r in monthly.itertuples()
    ]
    assert got == [
        ("2025-03", "01", "reunion_inicial", 2, 8, 1),
        ("2025-04", "01", "capacitacion_tecnica", 1, 12, 0),
        ("2025-04", "01", "mesa_regional", 2, 0, 2),
        ("2025-04", "14", "reunion_inicial", 1, 6, 0),
        ("2025-05", "01", "capacitacion_tecnica", 1, 5, 0),
        ("2025-05", "14", "capacitacion_tecnica", 1, 3, 0),
        ("2025-05", "14", "otra", 1, 9, 0),
        ("2025-06", "14", "diagnostico", 1, 3, 0),
        ("2025-06", "14", "capacitacion_tecnica", 1, 10, 0),
        ("2025-07", "01", "capacitacion_tecnica", 1, 4, 0),
        ("2025-08", "14", "capacitacion_tecnica", 1, 7, 0),
    ]


def test_tiles_give_comunas_reached_activities_participants_and_shares_per_region(activities):
    grid = analytics.plan_coverage(activities, ["01", "14", "09"])
    tiles = analytics.accompaniment_tiles(activities, grid, ["01", "14", "09"])
    got = {
        r.region: (r.comunas_total, r.comunas_reached, r.activities, r.participants)
        for r in tiles.itertuples()
    }
    assert got == {
        "Tarapacá": (7, 3, 7, 29),
        "Los Ríos": (12, 3, 6, 38),
        "La Araucanía": (32, 0, 0, 0),  # no activities yet: zeros, not a missing row
    }
    shares = tiles.set_index("region_code")[["pct_initial", "pct_technical"]]
    assert shares.loc["01"].tolist() == pytest.approx([2 / 7, 2 / 7])
    assert shares.loc["14"].tolist() == pytest.approx([1 / 12, 3 / 12])
    assert shares.loc["09"].tolist() == [0.0, 0.0]


def test_training_without_use_lists_trainings_at_least_n_days_old_not_in_use(activities, history):
    rows = analytics.training_without_use(activities, history, CUT, days=60)
    got = [
        (
            r.comuna,
            r.platform,
            f"{r.training_date:%d-%m}",
            r.days_since,
            None if pd.isna(r.stage_then) else r.stage_then,
            None if pd.isna(r.stage_now) else r.stage_now,
        )
        for r in rows.itertuples()
    ]
    assert got == [
        ("Iquique", "firmagob", "02-04", 181, "en_proceso", "habilitada"),
        ("Alto Hospicio", "firmagob", "01-07", 91, "en_proceso", "habilitada"),  # the latest
        # upload 3 wins the tie on 30-09: en_proceso, not en_uso, so Valdivia is listed
        ("Valdivia", "firmagob", "10-06", 112, "sin_iniciar", "en_proceso"),
        ("Los Lagos", "pisee", "05-05", 148, None, None),  # no status data: listed, not dropped
    ]
    assert rows.iloc[0]["stage_then_as_of"] == day("2025-03-31")
    assert rows.iloc[2]["stage_now_as_of"] == day("2025-09-30")
    assert rows.iloc[0]["province"] == "Iquique"


@pytest.mark.parametrize(("days", "comunas"), [(91, 4), (92, 3), (181, 1), (182, 0)])
def test_a_training_exactly_n_days_old_counts(activities, history, days, comunas):
    assert len(analytics.training_without_use(activities, history, CUT, days=days)) == comunas


def test_training_without_use_on_an_earlier_cut_off_sees_that_cut_offs_stage(history):
    june = dt.date(2025, 6, 30)
    rows = analytics.training_without_use(
        analytics.filter_activities(make_activities(), as_of=june), history, june, days=50
    )
    # at 30-06 Iquique's DocDigital is already en_uso, its FirmaGob habilitada; Los Lagos' PISEE
    # training is 56 days old; Alto Hospicio's (46) and Valdivia's (20) too recent
    stages = rows["stage_now"].astype("object").where(rows["stage_now"].notna(), None)
    assert list(zip(rows["comuna"], rows["platform"], stages, strict=True)) == [
        ("Iquique", "firmagob", "habilitada"),
        ("Los Lagos", "pisee", None),
    ]


def test_headline_names_the_largest_group_with_its_plural(activities, history):
    rows = analytics.training_without_use(activities, history, CUT, days=60)
    assert analytics.without_use_headline(rows, 60) == (
        "En Tarapacá, 2 comunas recibieron capacitación técnica en FirmaGob hace al menos 60 días "
        "y aún no la usan. En total, 4 capacitaciones técnicas sin uso en la selección."
    )
    one = rows[rows["comuna"] == "Los Lagos"]
    assert analytics.without_use_headline(one, 90) == (
        "En Los Ríos, 1 comuna recibió capacitación técnica en PISEE hace al menos 90 días y aún "
        "no la usa."
    )
    assert analytics.without_use_headline(rows, 60, scope="la región", total=False) == (
        "En Tarapacá, 2 comunas recibieron capacitación técnica en FirmaGob hace al menos 60 días "
        "y aún no la usan."
    )
    assert analytics.without_use_headline(rows.iloc[0:0], 60) == (
        "Ninguna comuna de la selección recibió capacitación técnica hace al menos 60 días sin "
        "llegar a usar la plataforma."
    )


def test_training_to_use_gives_medians_with_their_counts_and_the_comparison(activities, history):
    table = analytics.training_to_use(activities, history, CUT).set_index("platform")
    assert table.index.tolist() == ["docdigital", "firmagob", "pisee"]
    firmagob = table.loc["firmagob"]
    # Iquique habilitada 89 days after 02-04, Alto Hospicio 138 after 15-05; Valdivia never
    # (its 30-09 en_uso lost the tie to upload 3's en_proceso)
    assert (firmagob["trained"], firmagob["days_to_enabled"], firmagob["n_to_enabled"]) == (
        3,
        113.5,
        2,
    )
    assert (firmagob["n_to_use"], pd.isna(firmagob["days_to_use"])) == (0, True)
    # 90 days after training: Iquique and Alto Hospicio went up, Valdivia stayed
    assert (firmagob["trained_window"], firmagob["trained_advanced"]) == (3, 2)
    # untrained: from the median training date (15-05) to 13-08, Pozo Almonte went up, Los
    # Lagos stayed, Panguipulli had no stage on 15-05 and does not count
    assert (firmagob["untrained_window"], firmagob["untrained_advanced"]) == (2, 1)
    assert firmagob["pct_trained_advanced"] == pytest.approx(2 / 3)
    assert firmagob["pct_untrained_advanced"] == 0.5
    assert (firmagob["window_start"], firmagob["window_end"]) == (
        day("2025-05-15"),
        day("2025-08-13"),
    )
    # DocDigital: Iquique was habilitada when trained, so it counts only for en_uso (89 days);
    # Panguipulli's training (15-08) is too recent for a 90-day window
    docdigital = table.loc["docdigital"]
    assert (docdigital["n_to_enabled"], docdigital["days_to_use"], docdigital["n_to_use"]) == (
        0,
        89,
        1,
    )
    assert (docdigital["trained"], docdigital["trained_window"]) == (2, 1)
    assert (docdigital["untrained_window"], docdigital["untrained_advanced"]) == (1, 0)
    pisee = table.loc["pisee"]
    assert (pisee["trained"], pisee["trained_window"], pisee["untrained_window"]) == (1, 0, 0)
    assert pd.isna(pisee["pct_trained_advanced"])


def test_everything_is_empty_without_activities(history):
    none = analytics.filter_activities(make_activities().iloc[0:0])
    grid = analytics.plan_coverage(none, ["01"])
    assert grid["first_date"].isna().all()
    assert analytics.monthly_activities(none).empty
    assert analytics.training_without_use(none, history, CUT).empty
    assert analytics.training_to_use(none, history, CUT).empty
    tiles = analytics.accompaniment_tiles(none, grid, ["01"])
    assert tiles[["activities", "participants", "comunas_reached"]].values.tolist() == [[0, 0, 0]]
