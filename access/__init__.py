"""Access: who may read, upload and administer; the roles file and local accounts."""

from access.accounts import (
    MIN_PASSWORD_LENGTH,
    Account,
    add_user,
    authenticate,
    has_accounts,
    list_users,
    set_password,
)
from access.config import AccessConfig, Grant, load_access
from access.errors import AccessConfigError, AccessError, AccountError, LoginRefused
from access.identity import NOBODY, ROLES, SYSTEM, Identity

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "NOBODY",
    "ROLES",
    "SYSTEM",
    "AccessConfig",
    "AccessConfigError",
    "AccessError",
    "Account",
    "AccountError",
    "Grant",
    "Identity",
    "LoginRefused",
    "add_user",
    "authenticate",
    "has_accounts",
    "list_users",
    "load_access",
    "set_password",
]
