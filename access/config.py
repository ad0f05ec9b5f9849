"""The roles file (ACCESS_FILE): who is coordinator or admin of which regions, and the login rules."""

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from access.errors import AccessConfigError
from access.identity import ROLES, Identity
from access.scope import check_regions, check_role
from formats import os_reason

# The sections and keys an operator may write; anything else is a typo worth reporting.
_SECTIONS = {
    "lectura": {"requiere_ingreso"},
    "cuentas_locales": {"intentos", "bloqueo_minutos"},
    "persona": {"correo", "rol", "regiones", "organizacion"},
    "grupo": {"nombre", "rol", "regiones", "organizacion"},
}
_ORGANIZATION_LENGTH = 120  # as long as an upload's source, which it suggests
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Grant:
    """The role and regions the roles file gives a person or a group (regions None is every
    region), and the organisation it names, if any."""

    role: str
    regions: frozenset[str] | None
    organization: str | None = None


@dataclass(frozen=True)
class AccessConfig:
    """The roles file read: reading rules, local-account lockout, people and groups."""

    read_requires_login: bool = False
    attempts: int = 5
    lock_minutes: int = 15
    people: Mapping[str, Grant] = field(default_factory=dict)
    """By lower-cased e-mail (or local user name)."""
    groups: Mapping[str, Grant] = field(default_factory=dict)
    """By the group's name as the identity provider sends it."""

    def identity_for(
        self, name: str, email: str | None, groups: Iterable[str] = (), via: str = "oidc"
    ) -> Identity:
        """Who this is: a listed person, else the strongest matching group, else a reader."""
        # A display name is the user's to choose at most providers, so only an e-mail, or
        # the name of a local account, may match a [[persona]].
        keys = [email, name] if via == "local" else [email]
        for key in keys:
            grant = self.people.get((key or "").strip().lower())
            if grant:
                return Identity(name, grant.role, grant.regions, via, grant.organization)
        names = sorted({str(g) for g in groups} & self.groups.keys())
        matched = [self.groups[g] for g in names]
        if not matched:
            return Identity(name, "lector", frozenset(), via)
        role = max((g.role for g in matched), key=ROLES.index)
        scopes = [g.regions for g in matched if g.role == role]
        regions = None if None in scopes else frozenset().union(*scopes)
        # the organisation of the strongest groups, the first by group name when several say one
        named = [g.organization for g in matched if g.role == role and g.organization]
        return Identity(name, role, regions, via, named[0] if named else None)


def load_access(path: Path | None) -> AccessConfig:
    """The roles file at path; the defaults (no people, reading open) if there is none."""
    if path is None or not path.exists():
        return AccessConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AccessConfigError(
            f"No se pudo leer el archivo de acceso {path}: {os_reason(exc)}."
        ) from exc
    except UnicodeDecodeError as exc:
        raise AccessConfigError(
            f"El archivo de acceso {path} no está en UTF-8; guárdelo con esa codificación."
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        where = f" en la línea {found[1]}, columna {found[2]}" if found else ""
        raise AccessConfigError(
            f"El archivo de acceso {path} no es TOML válido: error de sintaxis{where} ({exc})."
        ) from exc
    problems: list[str] = []
    config = _read(data, problems)
    if problems:
        listed = "\n".join(f"- {problem}" for problem in problems)
        count = "un problema" if len(problems) == 1 else f"{len(problems)} problemas"
        raise AccessConfigError(f"El archivo de acceso {path} tiene {count}:\n{listed}")
    return config


def _read(data: dict, problems: list[str]) -> AccessConfig:
    """The configuration in data, with every problem found appended to problems."""
    for section in data.keys() - _SECTIONS.keys():
        problems.append(
            f"sección [{section}] desconocida; las conocidas son "
            + ", ".join(f"[{s}]" for s in _SECTIONS)
        )
    reading = _table(data, "lectura", problems)
    local = _table(data, "cuentas_locales", problems)
    requires = reading.get("requiere_ingreso", False)
    if not isinstance(requires, bool):
        problems.append(f"[lectura] requiere_ingreso debe ser true o false, no «{requires}»")
    attempts = _positive(local, "intentos", 5, problems)
    minutes = _positive(local, "bloqueo_minutos", 15, problems)
    people = _grants(data, "persona", "correo", problems, key=str.lower)
    groups = _grants(data, "grupo", "nombre", problems, key=str)
    return AccessConfig(requires is True, attempts, minutes, people, groups)


def _table(data: dict, section: str, problems: list[str]) -> dict:
    """One [section] of the file, its unknown keys reported."""
    table = data.get(section, {})
    if not isinstance(table, dict):
        problems.append(f"[{section}] debe ser una sección, no un valor")
        return {}
    for key in table.keys() - _SECTIONS[section]:
        problems.append(f"[{section}]: clave «{key}» desconocida")
    return table


def _positive(table: dict, key: str, default: int, problems: list[str]) -> int:
    """A whole number of at least 1 from [cuentas_locales]."""
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(
            f"[cuentas_locales] {key} debe ser un número entero mayor que 0, no «{value}»"
        )
        return default
    return value


def _grants(
    data: dict, section: str, name_key: str, problems: list[str], *, key
) -> dict[str, Grant]:
    """The [[persona]] or [[grupo]] entries by name, each checked."""
    entries = data.get(section, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(f"cada {section} debe escribirse como [[{section}]]")
        return {}
    grants: dict[str, Grant] = {}
    for number, entry in enumerate(entries, 1):
        name = entry.get(name_key)
        label = f"{section} n.º {number}" + (f" ({name})" if isinstance(name, str) else "")
        for unknown in entry.keys() - _SECTIONS[section]:
            problems.append(f"{label}: clave «{unknown}» desconocida")
        wrong = [] if isinstance(name, str) and name.strip() else [f"falta {name_key}"]
        role, regions = "lector", None
        try:
            role = check_role(entry.get("rol"))
        except ValueError as exc:
            wrong.append("falta rol" if "rol" not in entry else str(exc))
        if "regiones" in entry:
            try:
                regions = check_regions(entry["regiones"])
            except ValueError as exc:
                wrong.append(str(exc))
        organization = entry.get("organizacion")
        if organization is not None:
            organization = organization.strip() if isinstance(organization, str) else ""
            if not 0 < len(organization) <= _ORGANIZATION_LENGTH:
                wrong.append(
                    f"organizacion debe ser un texto de 1 a {_ORGANIZATION_LENGTH} caracteres, "
                    f"no «{entry['organizacion']}»"
                )
        problems.extend(f"{label}: {problem}" for problem in wrong)
        if wrong:
            continue
        found = key(name.strip())
        if found in grants:
            problems.append(f"{label}: {name_key} «{name}» repetido")
        grants[found] = Grant(role, None if role == "admin" else regions, organization or None)
    return grants
