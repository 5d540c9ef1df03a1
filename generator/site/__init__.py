"""Outputs: pages, feeds, calendars and data files generated from the catalog."""
