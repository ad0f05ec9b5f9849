"""Roles and region codes as operators write them, checked against the roles and the official regions."""

from functools import cache

from access.identity import ROLES
from loaders.gazetteer import gazetteer


@cache
def known_regions() -> frozenset[str]:
    """The official CUT region codes ("01" … "16"), from the DPA layer."""
    return frozenset(gazetteer().regions["region_code"])


def check_role(value: object) -> str:
    """The role named, or ValueError with a Spanish message naming the roles known."""
    if value not in ROLES:
        raise ValueError(f"rol «{value}» desconocido; use {', '.join(ROLES[:-1])} o {ROLES[-1]}")
    return value


def check_regions(values: object) -> frozenset[str]:
    """Region codes as CUT codes ("1" and "01" alike), or ValueError naming every bad one."""
    if isinstance(values, str) or not isinstance(values, list | tuple | set | frozenset):
        raise ValueError(
            f'las regiones deben ser una lista de códigos, como ["01", "09"], no «{values}»'
        )
    if not values:
        raise ValueError("la lista de regiones está vacía; omítala para dar todas las regiones")
    codes, bad = set(), []
    for value in values:
        code = str(value).strip().zfill(2) if isinstance(value, str | int) else ""
        if isinstance(value, bool) or code not in known_regions():
            bad.append(f"«{value}»")
        else:
            codes.add(code)
    if bad:
        raise ValueError(
            f"código de región inválido {', '.join(bad)}; use los códigos CUT de dos dígitos, "
            f"de {min(known_regions())} a {max(known_regions())}"
        )
    return frozenset(codes)
