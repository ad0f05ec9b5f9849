"""Tests of the gazetteer: the official DPA 2023 lists and how tracker names are matched to them."""

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.gazetteer import ComunaMatch, Gazetteer, fold, gazetteer
from loaders.vocabulary import read_table


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return gazetteer()


OFFICIAL_NAMES = gazetteer().comunas[["comuna_code", "comuna"]].itertuples(index=False)
OFFICIAL = [(row.comuna_code, row.comuna) for row in OFFICIAL_NAMES]


# --- the official lists ---------------------------------------------------------------


def test_layer_has_345_comunas_and_16_regions(places):
    assert len(places.comunas) == 345
    assert places.comunas["comuna_code"].is_unique
    assert len(places.regions) == 16
    assert places.regions["region_code"].tolist() == [f"{n:02d}" for n in range(1, 17)]


def test_frames_have_the_documented_columns_sorted_by_code(places):
    assert places.comunas.columns.tolist() == [
        "comuna_code",
        "comuna",
        "province_code",
        "province",
        "region_code",
        "region",
    ]
    assert places.regions.columns.tolist() == ["region_code", "region"]
    assert places.comunas["comuna_code"].is_monotonic_increasing


def test_codes_are_strings_with_their_leading_zeros(places):
    assert places.comunas["comuna_code"].map(lambda c: bool(re.fullmatch(r"\d{5}", c))).all()
    assert places.regions["region_code"].map(lambda c: bool(re.fullmatch(r"\d{2}", c))).all()
    assert (places.comunas["comuna_code"].str[:2] == places.comunas["region_code"]).all()
    assert "09112" in set(places.comunas["comuna_code"])


@pytest.mark.parametrize(("region_code", "count"), [("01", 7), ("09", 32), ("10", 30), ("14", 12)])
def test_default_regions_have_their_number_of_comunas(places, region_code, count):
    assert (places.comunas["region_code"] == region_code).sum() == count


def test_region_names_are_the_official_ones(places):
    assert places.region_name("09") == "La Araucanía"
    assert places.region_name("13") == "Metropolitana de Santiago"
    assert places.region_name("06") == "Libertador General Bernardo O'Higgins"
    assert places.region_name("14") == "Los Ríos"


def test_comuna_row_by_code(places):
    row = places.comuna("09112")
    assert row["comuna"] == "Padre Las Casas"
    assert row["province"] == "Cautín"
    assert row["region"] == "La Araucanía"
    with pytest.raises(KeyError):
        places.comuna("99999")


def test_gazetteer_is_built_once():
    assert gazetteer() is gazetteer()


# --- folding and exact matches ----------------------------------------------------------


def test_fold_drops_case_accents_punctuation_and_extra_spaces():
    assert fold("  Padre   LAS Casas ") == "padre las casas"
    assert fold("Pucón") == "pucon"
    assert fold("Ñuñoa") == "nunoa"
    assert fold("O'Higgins") == "o higgins"
    assert fold("Pto.Montt") == "pto montt"


@pytest.mark.parametrize("text", ["PADRE LAS CASAS", "padre  las casas", "Padre Las Casas "])
def test_case_and_spacing_differences_are_exact(places, text):
    match = places.match_comuna(text)
    assert match == ComunaMatch(
        "09112", "Padre Las Casas", "09", "La Araucanía", "Cautín", "exact", 100.0
    )
    assert match.is_exact


@pytest.mark.parametrize(
    ("text", "code"),
    [("Pucon", "09115"), ("PITRUFQUEN", "09114"), ("nunoa", "13120"), ("Los Ángeles", "08301")],
)
def test_missing_or_extra_accents_are_exact(places, text, code):
    match = places.match_comuna(text)
    assert (match.code, match.kind) == (code, "exact")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I. Municipalidad de Temuco", "09101"),
        ("Municipalidad de Pucón", "09115"),
        ("Ilustre Municipalidad de Padre Las Casas", "09112"),
        ("Comuna de Valdivia", "14101"),
    ],
)
def test_municipality_prefixes_are_dropped_and_still_exact(places, text, code):
    match = places.match_comuna(text)
    assert (match.code, match.kind) == (code, "exact")


def test_a_prefix_alone_is_not_a_comuna(places):
    assert places.match_comuna("Municipalidad") is None


# --- abbreviations and known variants -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pto. Montt", "10101"),
        ("P. Montt", "10101"),
        ("P. Las Casas", "09112"),
        ("Nva. Imperial", "09111"),
        ("S. J. de la Costa", "10306"),
        ("T. Schmidt", "09117"),
        ("Pto Varas", "10109"),
        ("Pto. Saavedra", "09116"),
    ],
)
def test_abbreviated_names_are_spelled_out(places, text, code):
    match = places.match_comuna(text)
    assert (match.code, match.kind, match.score) == (code, "alias", 100.0)
    assert not match.is_exact


@pytest.mark.parametrize(
    ("text", "code", "official"),
    [
        ("Puerto Saavedra", "09116", "Saavedra"),
        ("San José de la Mariquina", "14106", "Mariquina"),
        ("Chol Chol", "09121", "Cholchol"),
        ("Con Con", "05103", "Concón"),
        ("Alto Bío Bío", "08314", "Alto Biobío"),
        ("Coyhaique", "11101", "Coihaique"),
        ("Puerto Natales", "12401", "Natales"),
    ],
)
def test_old_and_long_forms_are_aliases_of_the_official_name(places, text, code, official):
    match = places.match_comuna(text)
    assert (match.code, match.name, match.kind) == (code, official, "alias")


def test_every_alias_names_a_real_comuna_without_shadowing_an_official_name(places):
    official = dict(
        zip(places.comunas["comuna"].map(fold), places.comunas["comuna_code"], strict=True)
    )
    for row in read_table("comuna_aliases.csv"):
        assert row["comuna_code"] in set(official.values()), row
        assert fold(row["alias"]) not in official, row


# --- typos and things that are not comunas --------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Villarica", "09120"),
        ("Panguipuli", "14108"),
        ("Puerto Mont", "10101"),
        ("Pto. Mont", "10101"),
        ("Frutilar", "10105"),
        ("Lonquimai", "09205"),
        ("Ercila", "09204"),
        ("Curacatin", "09203"),
    ],
)
def test_a_small_typo_is_accepted_and_reported_as_fuzzy(places, text, code):
    match = places.match_comuna(text)
    assert (match.code, match.kind) == (code, "fuzzy")
    assert 80.0 <= match.score < 100.0


@pytest.mark.parametrize(
    "text",
    [
        "Villa Imaginaria",
        "Santiago Centro Norte Sur",
        "Total",
        "Región de Los Ríos",
        "Los Ríos",
        "La Araucanía",
        "Provincia de Cautín",
        "Promedio",
        "Observaciones",
        "Punto",
        "Provincia",
        "A",
        "",
        "   ",
        "N/A",
    ],
)
def test_names_that_are_not_comunas_are_rejected(places, text):
    assert places.match_comuna(text) is None


@pytest.mark.parametrize("value", [None, 9101, 3.5, float("nan")])
def test_non_text_is_not_a_comuna(places, value):
    assert places.match_comuna(value) is None


@pytest.mark.parametrize(
    ("text", "near"),
    [("Cochane", ("Colchane", "Cochrane")), ("Nemuco", ("Temuco", "Pemuco"))],
)
def test_a_typo_as_close_to_two_comunas_is_rejected(places, text, near):
    for name in near:
        assert places.match_comuna(name).is_exact
    assert places.match_comuna(text) is None


def test_short_names_must_be_written_in_full(places):
    assert places.match_comuna("Picaa") is None
    assert places.match_comuna("Pica").code == "01405"


@pytest.mark.parametrize(
    ("text", "near"),
    [("Camila", "Camiña"), ("OLIVER", "Olivar"), ("Temuko", "Temuco"), ("Freyre", "Freire")],
)
def test_one_letter_off_a_name_under_seven_letters_is_not_that_comuna(places, text, near):
    assert places.match_comuna(near).is_exact
    assert places.match_comuna(text) is None


@pytest.mark.parametrize("text", ["C", "[°C]", "c.", "V", "P. S.", "S", "(p)", "T. J."])
def test_initials_and_symbols_are_not_comunas(places, text):
    # "C" alone would otherwise be spelled out as Cerro, Cabo or Curaco, and that guessed as Curicó
    assert places.match_comuna(text) is None


# Common Chilean first names and surnames that are not comunas (Molina, Lautaro or Victoria are).
PEOPLE = [
    "Camila",
    "Oliver",
    "Cristina",
    "Carolina",
    "Valentina",
    "Francisca",
    "Fernando",
    "Florencia",
    "Ignacio",
    "Antonio",
    "Vicente",
    "Catalina",
    "Martina",
    "Isidora",
    "Josefa",
    "Benjamín",
    "Agustina",
    "Constanza",
    "Javiera",
    "Fernanda",
    "Alejandro",
    "Rodrigo",
    "Patricio",
    "Eduardo",
    "Gabriel",
    "Claudio",
    "Cristóbal",
    "Marcela",
    "Paulina",
    "Carmen",
    "Daniela",
    "Lorena",
    "Andrea",
    "González",
    "Muñoz",
    "Sepúlveda",
    "Valenzuela",
    "Contreras",
    "Martínez",
    "Rodríguez",
    "Fuentes",
    "Hernández",
    "Espinoza",
    "Castillo",
    "Gutiérrez",
    "Pizarro",
    "Álvarez",
    "Vásquez",
    "Sánchez",
    "Fernández",
    "Ramírez",
    "Carrasco",
    "Herrera",
    "Vergara",
    "Figueroa",
    "Riquelme",
    "Miranda",
    "Sandoval",
    "Orellana",
    "Olivares",
    "Alarcón",
    "Gallardo",
    "Garrido",
    "Salazar",
    "Henríquez",
    "Navarro",
    "Aguilera",
    "Aravena",
    "Cárdenas",
    "Jiménez",
    "Villarroel",
    "Quezada",
    "Cifuentes",
    "Bustamante",
    "Poblete",
    "Mendoza",
    "Medina",
    "Toledo",
    "Ulloa",
]


@pytest.mark.parametrize("name", PEOPLE)
def test_names_of_people_are_not_read_as_comunas(places, name):
    assert places.match_comuna(name) is None
    assert places.match_comuna(name.upper(), ["09"]) is None


@pytest.mark.parametrize(
    "text",
    [
        "Тemuco",  # Cyrillic Т
        "Темуко",
        "Привет c",
        "Пуэрто Монтт",
        "Valdivia Ω",
        "Ωsorno",
        "東京 Temuco",
        "Ercilla ß",
    ],
)
def test_a_text_with_letters_of_another_script_is_no_comuna(places, text):
    assert places.match_comuna(text) is None


# --- Los Lagos and region scoping ----------------------------------------------------


@pytest.mark.parametrize("regions", [None, ["14"], {"14", "09"}])
def test_los_lagos_as_a_comuna_is_the_comuna_of_los_rios(places, regions):
    match = places.match_comuna("Los Lagos", regions)
    assert (match.code, match.region_code, match.kind) == ("14104", "14", "exact")


def test_a_comuna_of_another_region_is_flagged_other_region(places):
    match = places.match_comuna("Los Lagos", ["10"])
    assert (match.code, match.kind, match.other_region) == ("14104", "exact", True)
    assert places.match_comuna("Temuco", ["14"]).other_region
    assert not places.match_comuna("Temuco", ["09"]).other_region
    assert not places.match_comuna("Temuco").other_region


def test_region_scope_settles_a_typo_close_to_comunas_of_two_regions(places):
    # "Cochane" is one letter from Colchane (Tarapacá) and from Cochrane (Aysén)
    assert places.match_comuna("Cochane") is None
    match = places.match_comuna("Cochane", ["01"])
    assert (match.code, match.kind, match.other_region) == ("01403", "fuzzy", False)


def test_a_typo_found_only_in_another_region_is_flagged_other_region(places):
    match = places.match_comuna("Lago Ranko", ["10"])
    assert (match.code, match.kind, match.other_region) == ("14203", "fuzzy", True)
    assert match.score < 100.0


def test_a_real_name_elsewhere_beats_a_typo_guess_at_home(places):
    # Fresia (Los Lagos) is not a typo of Freire (La Araucanía)
    match = places.match_comuna("Fresia", ["09"])
    assert (match.code, match.kind, match.other_region) == ("10104", "exact", True)


def test_match_code_knows_cut_codes(places):
    assert places.match_code("09112").name == "Padre Las Casas"
    assert places.match_code("09112").kind == "exact"
    assert places.match_code("9112") is None
    assert places.match_code(9112) is None


# --- regions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("La Araucanía", "09"),
        ("Araucanía", "09"),
        ("Región de La Araucanía", "09"),
        ("IX Región", "09"),
        ("Región IX", "09"),
        ("Novena Región", "09"),
        ("Los Ríos", "14"),
        ("XIV Región", "14"),
        ("Los Lagos", "10"),
        ("X Región", "10"),
        ("Tarapacá", "01"),
        ("I Región", "01"),
        ("Metropolitana", "13"),
        ("RM", "13"),
        ("Región Metropolitana", "13"),
        ("Región Metropolitana de Santiago", "13"),
        ("Biobío", "08"),
        ("Bío Bío", "08"),
        ("Región del Bío-Bío", "08"),
        ("O'Higgins", "06"),
        ("Región del Libertador General Bernardo O'Higgins", "06"),
        ("Aysén", "11"),
        ("Magallanes", "12"),
        ("Arica y Parinacota", "15"),
        ("XV Región", "15"),
        ("Ñuble", "16"),
        ("Región del Maule", "07"),
    ],
)
def test_match_region_reads_official_short_and_numbered_names(places, text, code):
    assert places.match_region(text) == code


@pytest.mark.parametrize(
    "text", ["Temuco", "IX", "X", "I", "Hoja 1", "Región", "Seguimiento La Araucanía", None, 9]
)
def test_match_region_rejects_what_is_not_a_whole_region_name(places, text):
    assert places.match_region(text) is None


def test_every_official_region_name_matches_its_code(places):
    for code, name in zip(places.regions["region_code"], places.regions["region"], strict=True):
        assert places.match_region(name) == code
        assert places.match_region(f"Región de {name}") == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Región de Los Ríos", "14"),
        ("Seguimiento 2025 - La Araucanía", "09"),
        ("Los Lagos", "10"),
        ("Tarapacá (Mesa TD)", "01"),
        ("IX Región", "09"),
        ("IX Región de La Araucanía", "09"),
        ("Avance municipios Región X", "10"),
        ("Magallanes y de la Antártica Chilena", "12"),
    ],
)
def test_find_region_in_reads_sheet_names_and_titles(places, text, code):
    assert places.find_region_in(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Resumen",
        "Instrucciones",
        "Hoja 1",
        "Anexo I",
        "Tabla X",
        "Total y promedio",
        "Semana i",
        "Los Ríos y Los Lagos",
        "Región de La Araucanía y Los Ríos",
        "",
        None,
    ],
)
def test_find_region_in_finds_nothing_or_refuses_two_regions(places, text):
    assert places.find_region_in(text) is None


def test_region_aliases_name_real_regions_and_numerals_need_the_word_region(places):
    numeral = re.compile(r"^(?:[ivx]+|\d+a?)$")
    for row in read_table("region_aliases.csv"):
        assert row["region_code"] in set(places.regions["region_code"]), row
        words = fold(row["alias"]).split()
        if any(numeral.match(word) for word in words):
            assert "region" in words, row


# --- properties -----------------------------------------------------------------------------

PREFIXES = [
    "",
    "I. Municipalidad de ",
    "Ilustre Municipalidad de ",
    "Municipalidad de ",
    "Comuna de ",
]
# derandomized: every run tries the same examples, so a failure is the code's, not the clock's
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True)
LONG_NAMES = [(code, name) for code, name in OFFICIAL if len(fold(name).replace(" ", "")) >= 7]
# written forms of the first words of names ("Puerto Montt" -> "Pto. Montt", "P. Montt")
SHORT_FORMS: dict[str, list[str]] = {}
for _row in read_table("abbreviations.csv"):
    SHORT_FORMS.setdefault(_row["expansion"], []).append(_row["abbreviation"])
OTHER_SCRIPTS = st.sampled_from(
    [chr(c) for c in range(0x0410, 0x0450)]  # Cyrillic
    + [chr(c) for c in range(0x03B1, 0x03CA)]  # Greek
    + [chr(c) for c in range(0x05D0, 0x05EB)]  # Hebrew
    + [chr(c) for c in range(0x0627, 0x064B)]  # Arabic
    + ["東", "京", "ß", "ø", "ł", "ı"]
)


def _without_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def _typo(name: str, position: int, edit: str, letter: str) -> str:
    folded = fold(name)
    i = position % len(folded)
    return {
        "delete": folded[:i] + folded[i + 1 :],
        "replace": folded[:i] + letter + folded[i + 1 :],
        "insert": folded[:i] + letter + folded[i:],
        "swap": folded[:i] + folded[i + 1 : i + 2] + folded[i : i + 1] + folded[i + 2 :],
    }[edit]


def test_every_official_name_matches_its_comuna_exactly(places):
    for code, name in OFFICIAL:
        match = places.match_comuna(name)
        assert (match.code, match.kind) == (code, "exact"), name
        assert places.match_comuna(name, [code[:2]]).code == code, name


@PROPERTY
@given(
    official=st.sampled_from(OFFICIAL),
    flips=st.lists(st.booleans(), min_size=40, max_size=40),
    strip_accents=st.booleans(),
    gap=st.sampled_from([" ", "  ", "   "]),
    prefix=st.sampled_from(PREFIXES),
    padding=st.sampled_from(["", " ", "  "]),
)
def test_any_spelling_of_an_official_name_matches_it_exactly(
    places, official, flips, strip_accents, gap, prefix, padding
):
    code, name = official
    text = "".join(ch.swapcase() if flip else ch for ch, flip in zip(name, flips, strict=False))
    if strip_accents:
        text = _without_accents(text)
    text = padding + prefix + text.replace(" ", gap) + padding
    match = places.match_comuna(text)
    assert match is not None, text
    assert (match.code, match.kind) == (code, "exact"), text


@PROPERTY
@given(
    official=st.sampled_from(
        [(c, n) for c, n in OFFICIAL if len(n.split()) > 1 and fold(n.split()[0]) in SHORT_FORMS]
    ),
    choice=st.integers(min_value=0, max_value=10),
    dot=st.sampled_from(["", "."]),
    prefix=st.sampled_from(PREFIXES),
    strip_accents=st.booleans(),
)
def test_an_abbreviated_first_word_still_names_the_comuna(
    places, official, choice, dot, prefix, strip_accents
):
    code, name = official
    first, rest = name.split(" ", 1)
    forms = SHORT_FORMS[fold(first)]
    text = f"{prefix}{forms[choice % len(forms)].capitalize()}{dot} {rest}"
    if strip_accents:
        text = _without_accents(text)
    match = places.match_comuna(text)
    assert match is not None and match.code == code, (text, match)


@PROPERTY
@given(
    official=st.sampled_from(OFFICIAL),
    position=st.integers(min_value=0, max_value=40),
    edit=st.sampled_from(["delete", "replace", "insert", "swap"]),
    letter=st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
)
def test_a_one_letter_typo_is_never_guessed_as_another_comuna(
    places, official, position, edit, letter
):
    code, name = official
    typo = _typo(name, position, edit, letter)
    match = places.match_comuna(typo)
    if match is not None and match.kind == "fuzzy":
        assert match.code == code, (name, typo, match.name)


@PROPERTY
@given(
    official=st.sampled_from(LONG_NAMES),
    position=st.integers(min_value=0, max_value=40),
    edit=st.sampled_from(["delete", "replace", "insert", "swap"]),
    letter=st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    prefix=st.sampled_from(PREFIXES),
)
def test_one_typo_in_a_name_of_seven_letters_or_more_is_that_comuna_or_none(
    places, official, position, edit, letter, prefix
):
    code, name = official
    typo = _typo(name, position, edit, letter)
    match = places.match_comuna(prefix + typo)
    # None only when the typo is as close to another comuna ("Cochane": Colchane, Cochrane)
    assert match is None or match.code == code or match.is_exact, (name, typo, match)


def test_almost_every_dropped_or_swapped_letter_of_a_long_name_is_still_read():
    places = gazetteer()
    read = refused = 0
    for code, name in LONG_NAMES:
        folded = fold(name)
        for i in range(len(folded)):
            for edit in ("delete", "swap"):
                typo = _typo(name, i, edit, "")
                if typo == folded:
                    continue
                match = places.match_comuna(typo)
                if match is None:
                    refused += 1
                    continue
                assert match.code == code or match.is_exact, (name, typo, match.name)
                read += 1
    assert read / (read + refused) > 0.99, (read, refused)


LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúñÑ"


@PROPERTY
@given(text=st.text(alphabet=LETTERS + " .-°[]()0123456789", max_size=10))
@example("C")
@example("[°C]")
@example("Pica.")
def test_a_text_of_under_six_letters_is_never_guessed(places, text):
    letters = fold(text).replace(" ", "")
    if sum(ch.isalpha() for ch in letters) >= 6:
        return
    match = places.match_comuna(text)
    assert match is None or match.kind != "fuzzy", (text, match)


@PROPERTY
@given(
    base=st.one_of(st.sampled_from([name for _, name in OFFICIAL]), st.text(LETTERS + " ")),
    foreign=st.lists(OTHER_SCRIPTS, min_size=1, max_size=8),
    position=st.integers(min_value=0, max_value=40),
)
def test_letters_of_another_script_never_make_a_comuna(places, base, foreign, position):
    i = position % (len(base) + 1)
    text = base[:i] + "".join(foreign) + base[i:]
    assert places.match_comuna(text) is None, text
    assert places.match_comuna(text, ["09"]) is None, text
