"""Command-line faces of schoolwatch (Typer)."""
