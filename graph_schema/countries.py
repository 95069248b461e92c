"""Country identity: ISO 3166 codes and the many names sources give countries.

pycountry provides ISO 3166-1 with names in many languages; the few names export-control texts
use that ISO does not (``Korea, South``, ``Burma``, Kosovo) are listed in ``countries_extra.yaml``.
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache
from importlib import resources

import pycountry
import yaml


class UnknownCountry(ValueError):
    pass


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace(".", " ").replace("’", "'")
    return " ".join(text.split())


@cache
def _extra() -> dict[str, object]:
    text = resources.files("graph_schema").joinpath("countries_extra.yaml").read_text("utf-8")
    data: dict[str, object] = yaml.safe_load(text)
    return data


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name", "alpha_2", "alpha_3"):
            value = getattr(c, attr, None)
            if value:
                index[_key(value)] = c.alpha_2
    extra = _extra()
    for iso2, names in dict(extra["aliases"]).items():  # type: ignore[call-overload]
        for name in names:
            index[_key(name)] = iso2
    for iso2, info in dict(extra["non_iso"]).items():  # type: ignore[call-overload]
        index[_key(iso2)] = iso2
        index[_key(info["name"])] = iso2
        for name in info.get("aliases", []):
            index[_key(name)] = iso2
    return index


def resolve(name: str) -> str:
    """ISO alpha-2 code for a country name or code, or :class:`UnknownCountry`."""
    found = _index().get(_key(name))
    if found is None:
        raise UnknownCountry(f"unknown country name {name!r}")
    return found


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def names(iso2: str, languages: tuple[str, ...] = ("en", "fr", "ar")) -> dict[str, str]:
    """The country's name per language, from the ISO 3166 translations."""
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        extra = dict(_extra()["non_iso"]).get(iso2)  # type: ignore[call-overload]
        if extra is None:
            raise UnknownCountry(f"unknown ISO code {iso2!r}")
        return {lang: extra["names"][lang] for lang in languages if lang in extra["names"]}
    base = getattr(country, "common_name", None) or country.name
    out = {}
    for lang in languages:
        out[lang] = base if lang == "en" else _translation(lang).gettext(country.name)
    return out


def all_codes() -> list[str]:
    """Every ISO 3166-1 alpha-2 code plus the non-ISO codes the project knows (Kosovo)."""
    codes = {c.alpha_2 for c in pycountry.countries}
    codes.update(dict(_extra()["non_iso"]))  # type: ignore[call-overload]
    return sorted(codes)


def display_name(iso2: str) -> str:
    return names(iso2, ("en",))["en"]


def iso3(iso2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None
