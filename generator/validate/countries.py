"""Countries by ISO 3166-1 code, from pycountry (the maintained ISO tables): names to show, codes to write."""

from __future__ import annotations

import pycountry


def name(code: str) -> str | None:
    """The common English name of an alpha-2 code ('CN' → 'China', 'KR' → 'South Korea'); None if unknown."""
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def code_for(text: str) -> str | None:
    """The alpha-2 code an editor meant by a code in any case, an alpha-3 code or a country's name."""
    try:
        return str(pycountry.countries.lookup(text.strip()).alpha_2)
    except LookupError:
        return None
