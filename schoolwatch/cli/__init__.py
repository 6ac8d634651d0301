"""The `schoolwatch` command line (Typer). Faces only wire package functions."""
