"""The Tarapacá mesa sees, per municipality and platform, the SGD's platform, an own solution or a
private provider; and a file with personal data is not offered back."""

from tests.pages.conftest import page_text


def test_brechas_lists_own_and_private_solutions_with_downloads(app):
    at = app("pages/brechas.py", region="Tarapacá")
    assert "Plataforma SGD, solución propia o proveedor privado" in page_text(at)
    table = next(d.value for d in at.dataframe if "Alternativa" in d.value.columns)
    shown = set(zip(table["Comuna"], table["Plataforma"], table["Alternativa"], strict=True))
    assert shown == {
        ("Alto Hospicio", "DocDigital", "Propia"),
        ("Iquique", "FirmaGob", "Privada"),
        ("Pica", "DocDigital", "Privada"),
        ("Pozo Almonte", "FirmaGob", "Propia"),
    }
    keys = {b.key for b in at.get("download_button")}
    assert {"alternativas-csv", "alternativas-xlsx", "soluciones-png"} <= keys


def test_brechas_says_so_when_no_comuna_of_the_selection_uses_another_solution(app):
    at = app("pages/brechas.py", region="Tarapacá", plataforma="ClaveÚnica")
    assert "Ninguna comuna de la selección usa una solución propia" in page_text(at)
    assert not any("Alternativa" in d.value.columns for d in at.dataframe)


def test_the_ficha_names_the_solution_a_comuna_uses_instead(app):
    at = app("pages/comuna.py", cut="01107")
    assert "Solución propia" in [s.value for s in at.header]
    provenance = next(d.value for d in at.dataframe if "Celda" in d.value.columns)
    docdigital = provenance[provenance["Plataforma"] == "DocDigital"].iloc[0]
    assert (docdigital["Alternativa"], docdigital["Escrito en la planilla"]) == (
        "Propia",
        "Sistema propio",
    )


def test_the_history_does_not_offer_an_original_that_held_personal_data(app):
    at = app("pages/historial.py")
    carga = at.selectbox(key="carga")
    label = next(o for o in carga.options if "tarapaca_mesa_2025-09" in o)  # «n.º 4 · archivo»
    carga.set_value(int(label.removeprefix("n.º ").split(" ")[0])).run()
    assert "no se guardó porque tenía columnas con datos personales" in page_text(at)
    assert "Descargar archivo original" not in [b.label for b in at.get("download_button")]
    at.pills(key=f"gravedad-carga-{carga.value}").set_value(["Nota"]).run()
    report = next(d.value for d in at.dataframe if "Mensaje" in d.value.columns)
    assert report["Mensaje"].str.contains("«Responsable»").any()
    assert not report["Mensaje"].str.contains("Oficina de Partes|Encargado/a TI").any()
