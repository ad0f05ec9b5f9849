"""The access layer's named errors, with Spanish messages for people."""


class AccessError(Exception):
    """Base of the access layer's errors; the message is Spanish and meant for people."""


class AccessConfigError(AccessError):
    """The roles file cannot be read or says something that is not allowed."""


class AccountError(AccessError):
    """A local account cannot be created or changed as asked (name, role, regions, password)."""


class LoginRefused(AccessError):
    """A local login refused: wrong user name or password, or an account locked for a while."""
