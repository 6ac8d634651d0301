"""Versioned SQL migrations, applied in order on open (NNN_name.sql)."""
