"""Catalog: valid entries → the graph of nodes (articles, events, organizations, people, places,
topics, pages) with their links both ways. Never fails: the validator reported what cannot resolve.
"""
