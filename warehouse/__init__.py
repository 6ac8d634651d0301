"""The warehouse: one DuckDB file, versioned migrations, the single writer, audit views."""
