"""Access: who may read, upload and administer, and the roles file (local accounts live in the store)."""

from access.config import AccessConfig, Grant, load_access
from access.errors import AccessConfigError, AccessError, AccountError, LoginRefused
from access.identity import NOBODY, ROLES, SYSTEM, Identity

__all__ = [
    "NOBODY",
    "ROLES",
    "SYSTEM",
    "AccessConfig",
    "AccessConfigError",
    "AccessError",
    "AccountError",
    "Grant",
    "Identity",
    "LoginRefused",
    "load_access",
]
