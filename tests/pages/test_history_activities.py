"""The history page says how many accompaniment activities each upload brought."""

from settings import load_settings
from store import Store
from tests.store.conftest import activity_frame, admin, tracker, with_activities

ROWS = [
    ("Temuco", "2025-10-02", "capacitacion_tecnica", "firmagob", 12),
    ("Vilcún", "2025-10-02", "capacitacion_tecnica", "firmagob", None),
]


def test_each_upload_shows_its_activities_beside_its_rows(app, fresh_store):
    at = app("pages/historial.py")
    store = Store(load_settings({"DATA_DIR": str(fresh_store)}))
    prepared = store.prepare(tracker([["Temuco", "En uso"]], as_of="31/10/2025"), "octubre.xlsx")
    saved = store.save(with_activities(prepared, activity_frame(ROWS)), user=admin("ana"))
    listed = store.uploads()
    store.engine.dispose()
    at.run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "Actividades" in d.value.columns)
    columns = list(table.columns)
    assert columns[columns.index("Filas") + 1] == "Actividades"
    shown = table[["N.º", "Filas", "Actividades"]].values.tolist()
    assert (
        shown == listed[["id", "rows", "activities"]].values.tolist()
    )  # every upload, samples too
    assert [saved.upload_id, 1, 2] in shown
