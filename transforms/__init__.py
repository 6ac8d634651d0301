"""Pure transforms: normalise payloads to rows, validate batches, classify text.

Nothing here does I/O or imports our other packages, except the shared types in
``schoolwatch.core``.
"""
