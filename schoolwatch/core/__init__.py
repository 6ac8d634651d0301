"""Shared types every layer may import: config models, ids, categories, clock, landing format.

Nothing here imports the warehouse, connectors, transforms, alerts or faces.
"""
