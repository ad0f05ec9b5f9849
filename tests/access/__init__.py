"""Tests of access: the roles file, local accounts and their command line."""
