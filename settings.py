"""The project's settings: one typed object read from the environment, with defaults that just run."""

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent


@dataclass(frozen=True)
class Settings:
    """Every setting, each documented in the README; defaults run with nothing configured."""

    database_url: str
    """DATABASE_URL: any SQLAlchemy URL; unset, an SQLite file under DATA_DIR."""
    data_dir: Path
    """DATA_DIR: where the embedded SQLite file lives (default ./data)."""
    busy_timeout_s: float = 15.0
    """STORE_BUSY_TIMEOUT: seconds a writer waits for another writer before giving up."""
    seed_samples: bool = True
    """SEED_SAMPLES: load the fictional sample trackers into an empty store (1/0)."""
    regions: tuple[str, ...] = ("01", "09", "10", "14")
    """REGIONS: the regions in scope, as CUT codes separated by commas."""
    access_file: Path = ROOT / "acceso.toml"
    """ACCESS_FILE: the roles file (people and identity-provider groups -> role and regions)."""
    samples_dir: Path = ROOT / "sample_data"

    @property
    def is_sqlite(self) -> bool:
        """Whether the store is an SQLite file."""
        return self.database_url.startswith("sqlite")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (or the mapping given)."""
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("DATA_DIR", ROOT / "data"))
    url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'tablero.db'}"
    if url.startswith(("postgres://", "postgresql://")):
        # a bare PostgreSQL URL means the psycopg 3 driver this project installs
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return Settings(
        database_url=url,
        data_dir=data_dir,
        busy_timeout_s=float(env.get("STORE_BUSY_TIMEOUT", 15)),
        seed_samples=env.get("SEED_SAMPLES", "1") not in ("0", "false", "no"),
        access_file=Path(env.get("ACCESS_FILE", ROOT / "acceso.toml")),
        regions=tuple(
            code.strip().zfill(2) for code in env.get("REGIONS", "01,09,10,14").split(",")
        ),
    )
