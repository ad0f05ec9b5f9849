"""Property: a generated truth rendered in every arrangement, as .xlsx and as CSV, reads back as
exactly that truth."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import load
from loaders.gazetteer import gazetteer
from loaders.vocabulary import PLATFORMS, read_table
from tests.fixtures import renderers
from tests.fixtures.renderers import YES_NO, Answer, Comuna, Truth

COMUNAS = gazetteer().comunas.query("region_code in ['01', '09', '10', '14']")
REGIONS = {
    region: [Comuna(r.comuna_code, r.comuna, r.province) for r in group.itertuples()]
    for region, group in COMUNAS.groupby("region")
}
SPELLINGS = {
    p: [r["phrase"] for r in read_table("platforms.csv") if r["platform"] == p] for p in PLATFORMS
}
WORDS = [(r["stage"], r["phrase"].capitalize()) for r in read_table("stages.csv")]
WORDS.append(("sin_informacion", ""))
ANSWERS = {
    answer: [r["phrase"].capitalize() for r in read_table("yes_no.csv") if r["answer"] == answer]
    for answer in ("yes", "no")
}
OBSERVED = [
    r["phrase"].capitalize() for r in read_table("date_columns.csv") if r["role"] == "observed"
]
SNAPSHOTS = {
    "wide": renderers.wide,
    "long": renderers.long,
    "transposed": renderers.transposed,
    "stacked_by_province": renderers.stacked_by_province,
}
# derandomized: every run tries the same examples, so a failure is the code's, not the clock's
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def spellings(name: str):
    """A comuna's name as trackers write it: official, in capitals, without accents or with the
    municipality's title."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return st.sampled_from([name, name.upper(), plain, f"Municipalidad de {name}"])


@st.composite
def truths(draw, stages: frozenset[str] | None = None, days: int = 1) -> Truth:
    """A few comunas of one region × platforms, each status spelled from the vocabulary (only
    the given stages, if any), on one cut-off or, with `days` > 1, each comuna answering on
    some of that many days."""
    region = draw(st.sampled_from(sorted(REGIONS)))
    official = draw(st.lists(st.sampled_from(REGIONS[region]), min_size=1, max_size=5, unique=True))
    comunas = [Comuna(c.code, draw(spellings(c.name)), c.province) for c in official]
    platforms = draw(st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=5, unique=True))
    labels = tuple(draw(st.sampled_from(SPELLINGS[p])).title() for p in platforms)
    words = [w for w in WORDS if stages is None or w[0] in stages]
    calendar = draw(
        st.lists(
            st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
            min_size=days,
            max_size=days,
            unique=True,
        )
    )
    answers = []
    for comuna in comunas:
        answered = (
            calendar[:1] if days == 1 else draw(st.sets(st.sampled_from(calendar), min_size=1))
        )
        for day in answered:
            statuses = tuple((p, *draw(st.sampled_from(words))) for p in platforms)
            answers.append(Answer(day, comuna, statuses))
    return Truth(
        region=region,
        labels=labels,
        answers=tuple(sorted(answers, key=lambda a: (a.day, a.comuna.code))),
        yes=draw(st.sampled_from(ANSWERS["yes"])),
        no=draw(st.sampled_from(ANSWERS["no"])),
        date_header=draw(st.sampled_from(OBSERVED)),
    )


DELIMITERS = {"csv-comma": ",", "csv-semicolon": ";"}
FORMATS = ["xlsx", *DELIMITERS]


def read_back(truth: Truth, rows: renderers.Rows, file_format: str, sheet: str, pad: int):
    """The rows written `pad` columns from the left, as .xlsx or CSV, and loaded: the
    (comuna_code, platform, stage, date) rows read, with no warning or error on the way."""
    rows = [[None] * pad + row if row else row for row in rows]
    if file_format == "xlsx":
        result = load(renderers.as_xlsx(rows, sheet), name="seguimiento.xlsx")
    else:
        result = load(renderers.as_csv(rows, DELIMITERS[file_format]), name="seguimiento.csv")
    assert not [i for i in result.issues if i.severity != "info"], [
        f"{i.cell}: {i.message}" for i in result.issues
    ]
    assert result.as_of == max(a.day for a in truth.answers)
    frame = result.frame
    days = frame.as_of.dt.strftime("%Y-%m-%d")
    got = list(zip(frame.comuna_code, frame.platform, frame.stage, days, strict=True))
    assert len(got) == len(set(got))
    return set(got)


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("arrangement", SNAPSHOTS)
@PROPERTY
@given(truth=truths(), in_region_sheet=st.booleans(), pad=st.integers(0, 2))
def test_a_snapshot_in_every_arrangement_reads_back_as_its_truth(
    arrangement, file_format, truth, in_region_sheet, pad
):
    rows = SNAPSHOTS[arrangement](truth)
    sheet = truth.region if in_region_sheet else "Seguimiento"
    assert read_back(truth, rows, file_format, sheet, pad) == truth.expected()


@pytest.mark.parametrize("file_format", FORMATS)
@PROPERTY
@given(truth=truths(stages=frozenset(YES_NO)), pad=st.integers(0, 2))
def test_a_yes_no_survey_reads_back_as_its_truth(file_format, truth, pad):
    rows = renderers.yes_no(truth)
    assert read_back(truth, rows, file_format, "Autodiagnóstico", pad) == truth.expected()


@pytest.mark.parametrize("file_format", FORMATS)
@PROPERTY
@given(truth=truths(days=3), pad=st.integers(0, 2))
def test_a_log_with_a_date_on_every_row_reads_back_as_its_history(file_format, truth, pad):
    rows = renderers.log(truth)
    assert read_back(truth, rows, file_format, "Bitácora", pad) == truth.expected()
