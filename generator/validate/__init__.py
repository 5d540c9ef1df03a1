"""Validate: documents → valid entries (models, field checks, references, bodies, placeholders,
duplicates, characters, countries). Every problem becomes a diagnostic; nothing here raises.
"""
