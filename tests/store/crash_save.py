"""Child process of the crash test: saves one tracker, printing when the save starts and ends."""

import sys
from pathlib import Path

from settings import load_settings
from store import Store
from tests.store.conftest import admin


def main(path: str) -> None:
    """Open the store and read the file, print «ready», save, print «saved N», then wait."""
    store = Store(load_settings())
    file = Path(path)
    prepared = store.prepare(file.read_bytes(), file.name)
    print("ready", flush=True)
    saved = store.save(prepared, user=admin("prueba de cortes"))
    print(f"saved {saved.upload_id}", flush=True)
    sys.stdin.read()  # until the test closes stdin, or kills it after the commit


if __name__ == "__main__":
    main(sys.argv[1])
