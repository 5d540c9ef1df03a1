"""Standards News Portal: content pipeline (load → validate → catalog → outputs)."""

__version__ = "0.1.0"
