"""The project's settings: one typed object read from the environment, with defaults that just run."""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROOT = Path(__file__).parent


class SettingsError(ValueError):
    """A setting that cannot be read; the message names the variable and the form expected."""


def _number(kind: type, unit: str, example: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text.strip().replace(",", ".") if kind is float else text.strip())
        except ValueError:
            raise ValueError(f"se esperaba {unit}, por ejemplo {example}") from None
        if value <= 0:
            raise ValueError(f"se esperaba {unit} mayor que cero, por ejemplo {example}")
        return value

    return parse


def _flag(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("1", "true", "si", "sí", "yes"):
        return True
    if answer in ("0", "false", "no"):
        return False
    raise ValueError("se esperaba 1 (sí) o 0 (no)")


def _regions(text: str) -> tuple[str, ...]:
    codes = tuple(code.strip().zfill(2) for code in text.split(",") if code.strip())
    if not codes or not all(code.isdigit() and 1 <= int(code) <= 16 for code in codes):
        raise ValueError(
            "se esperaban códigos CUT de región (01 a 16) separados por comas, p. ej. 01,09"
        )
    return codes


def _zone(text: str) -> ZoneInfo:
    try:
        return ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("se esperaba una zona horaria, por ejemplo America/Santiago") from None


def _url(text: str) -> str:
    text = text.strip()
    if "://" not in text:
        raise ValueError(
            "se esperaba una URL de base de datos, por ejemplo "
            "postgresql://usuario:clave@servidor/tablero o sqlite:///ruta.db"
        )
    if text.startswith(("postgres://", "postgresql://")):
        # a bare PostgreSQL URL means the psycopg 3 driver this project installs
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def _env(variable: str, parse: Callable[[str], object]) -> dict:
    """A field's metadata: the variable it is read from and how its text is parsed."""
    return {"variable": variable, "parse": parse}


@dataclass(frozen=True)
class Settings:
    """Every setting, each documented in the README; defaults run with nothing configured."""

    data_dir: Path = field(default=ROOT / "data", metadata=_env("DATA_DIR", Path))
    """DATA_DIR: where the embedded SQLite file lives (default ./data)."""
    database_url: str = field(default="", metadata=_env("DATABASE_URL", _url))
    """DATABASE_URL: any SQLAlchemy URL; unset, an SQLite file under DATA_DIR."""
    busy_timeout_s: float = field(
        default=15.0,
        metadata=_env("STORE_BUSY_TIMEOUT", _number(float, "un número de segundos", "15")),
    )
    """STORE_BUSY_TIMEOUT: seconds a writer waits for another writer before giving up."""
    seed_samples: bool = field(default=True, metadata=_env("SEED_SAMPLES", _flag))
    """SEED_SAMPLES: load the fictional sample trackers into an empty store (1/0)."""
    regions: tuple[str, ...] = field(
        default=("01", "09", "10", "14"), metadata=_env("REGIONS", _regions)
    )
    """REGIONS: the regions in scope, as CUT codes separated by commas."""
    access_file: Path = field(default=ROOT / "acceso.toml", metadata=_env("ACCESS_FILE", Path))
    """ACCESS_FILE: the roles file (people and identity-provider groups -> role and regions)."""
    time_zone: ZoneInfo = field(
        default=ZoneInfo("America/Santiago"), metadata=_env("TIME_ZONE", _zone)
    )
    """TIME_ZONE: the clock times are shown in (uploads, audit log, lockouts)."""
    upload_max_mb: float = field(
        default=20.0, metadata=_env("UPLOAD_MAX_MB", _number(float, "un número de megabytes", "20"))
    )
    """UPLOAD_MAX_MB: the largest file accepted, as uploaded."""
    upload_max_inflated_mb: float = field(
        default=200.0,
        metadata=_env("UPLOAD_MAX_INFLATED_MB", _number(float, "un número de megabytes", "200")),
    )
    """UPLOAD_MAX_INFLATED_MB: what an .xlsx/.ods may declare once uncompressed, in all."""
    upload_max_member_mb: float = field(
        default=100.0,
        metadata=_env("UPLOAD_MAX_MEMBER_MB", _number(float, "un número de megabytes", "100")),
    )
    """UPLOAD_MAX_MEMBER_MB: what one part of an .xlsx/.ods may declare once uncompressed."""
    upload_max_ratio: float = field(
        default=100.0,
        metadata=_env("UPLOAD_MAX_RATIO", _number(float, "una razón de compresión", "100")),
    )
    """UPLOAD_MAX_RATIO: the largest compression ratio of a part over 1 MB."""
    upload_max_members: int = field(
        default=2000,
        metadata=_env("UPLOAD_MAX_MEMBERS", _number(int, "un número entero de partes", "2000")),
    )
    """UPLOAD_MAX_MEMBERS: the most parts an .xlsx/.ods may hold."""
    training_without_use_days: int = field(
        default=60,
        metadata=_env("TRAINING_WITHOUT_USE_DAYS", _number(int, "un número entero de días", "60")),
    )
    """TRAINING_WITHOUT_USE_DAYS: days after a technical training a platform not yet en uso is
    listed as «capacitación sin uso»."""
    samples_dir: Path = ROOT / "sample_data"

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / 'tablero.db'}")

    @property
    def is_sqlite(self) -> bool:
        """Whether the store is an SQLite file."""
        return self.database_url.startswith("sqlite")


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment (or the mapping given); SettingsError names every variable
    that cannot be read and the form it expects."""
    env = os.environ if env is None else env
    given, problems = {}, []
    for setting in fields(Settings):
        variable = setting.metadata.get("variable")
        text = env.get(variable, "") if variable else ""
        if not text.strip():
            continue
        try:
            given[setting.name] = setting.metadata["parse"](text)
        except ValueError as exc:
            problems.append(f"{variable}=«{text}» no es válido: {exc}")
    if problems:
        raise SettingsError("Configuración inválida. " + "; ".join(problems) + ".")
    return Settings(**given)


if __name__ == "__main__":  # python -m settings: check the environment before starting anything
    import sys

    try:
        load_settings()
    except SettingsError as exc:
        sys.exit(str(exc))
