"""Who is acting and what they may do: roles lector, coordinador and admin, with their regions."""

from dataclasses import dataclass

ROLES = ("lector", "coordinador", "admin")
ROLE_LABELS = {"lector": "lector", "coordinador": "coordinador", "admin": "administrador"}


@dataclass(frozen=True)
class Identity:
    """A person (or the system) and their role; regions None means every region."""

    name: str
    role: str = "lector"
    regions: frozenset[str] | None = frozenset()
    via: str = "anonimo"  # oidc, local, localhost, cli, sistema, anonimo
    organization: str | None = None
    """The organisation the roles file names for them (e.g. UFRO): the source their uploads
    suggest."""

    @property
    def can_upload(self) -> bool:
        """Whether this identity may save uploads (coordinators and admins)."""
        return self.role in ("coordinador", "admin")

    @property
    def is_admin(self) -> bool:
        """Whether this identity may retire and restore uploads and read the audit log."""
        return self.role == "admin"

    def may_write(self, region_code: str) -> bool:
        """Whether this identity may save rows of a region."""
        if not self.can_upload:
            return False
        return self.regions is None or region_code in self.regions

    def describe(self) -> str:
        """The identity as the pages show it: «Ana Pérez (coordinador: 01, 09)»."""
        scope = "" if self.regions is None else ": " + ", ".join(sorted(self.regions))
        return f"{self.name} ({ROLE_LABELS.get(self.role, self.role)}{scope})"


NOBODY = Identity("anónimo")
SYSTEM = Identity("sistema", "admin", None, "sistema")
