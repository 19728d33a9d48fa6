"""Location text -> primary location, ISO 3166-1 alpha-2 country, US state, and remote/hybrid/onsite.

Country comes from the first location that names one: a country name or code, a US state or
Canadian province, or a well-known tech city. Unknown stays ``None`` rather than guessed.

State (two-letter USPS code) comes from the first location that names a US state, by name ("Austin,
Texas", "New York") or by code ("San Francisco, CA"), and only when the country is the US. A city
alone names no state ("San Francisco", "NYC": ``None``). Codes that are also words or other places'
abbreviations (IN, OR, ME, OH, OK, DE, HI, LA, CA, and the time zones CT, MT) count only in the "City,
ST" shape, in capitals.
"""

from __future__ import annotations

import re

COUNTRIES = {
    "united states": "US", "united states of america": "US", "usa": "US", "us": "US", "u.s.": "US",
    "america": "US", "canada": "CA", "united kingdom": "GB", "uk": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "great britain": "GB", "ireland": "IE", "germany": "DE", "deutschland": "DE",
    "france": "FR", "netherlands": "NL", "the netherlands": "NL", "belgium": "BE", "switzerland": "CH",
    "austria": "AT", "spain": "ES", "portugal": "PT", "italy": "IT", "poland": "PL", "sweden": "SE",
    "norway": "NO", "denmark": "DK", "finland": "FI", "czech republic": "CZ", "czechia": "CZ",
    "romania": "RO", "greece": "GR", "hungary": "HU", "estonia": "EE", "lithuania": "LT", "latvia": "LV",
    "ukraine": "UA", "serbia": "RS", "bulgaria": "BG", "croatia": "HR", "israel": "IL", "turkey": "TR",
    "united arab emirates": "AE", "uae": "AE", "saudi arabia": "SA", "india": "IN", "singapore": "SG",
    "japan": "JP", "south korea": "KR", "korea": "KR", "china": "CN", "hong kong": "HK", "taiwan": "TW",
    "australia": "AU", "new zealand": "NZ", "brazil": "BR", "mexico": "MX", "argentina": "AR",
    "colombia": "CO", "chile": "CL", "peru": "PE", "south africa": "ZA", "nigeria": "NG", "kenya": "KE",
    "egypt": "EG", "philippines": "PH", "vietnam": "VN", "indonesia": "ID", "malaysia": "MY",
    "thailand": "TH", "pakistan": "PK", "bangladesh": "BD", "luxembourg": "LU", "iceland": "IS",
    "cyprus": "CY", "malta": "MT", "slovakia": "SK", "slovenia": "SI", "costa rica": "CR", "uruguay": "UY",
}
US_STATES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
    "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID",
    "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
    "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX",
    "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
    "wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC", "washington dc": "DC", "d.c.": "DC",
    "washington d.c.": "DC", "washington d.c": "DC", "d.c": "DC",
}
CA_PROVINCES = {
    "ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia",
    "new brunswick", "newfoundland", "prince edward island", "on", "qc", "bc", "ab",
}
CITIES = {
    "san francisco": "US", "sf": "US", "new york city": "US", "nyc": "US", "seattle": "US", "boston": "US",
    "austin": "US", "los angeles": "US", "palo alto": "US", "mountain view": "US", "menlo park": "US",
    "sunnyvale": "US", "san jose": "US", "san mateo": "US", "redwood city": "US", "chicago": "US",
    "denver": "US", "atlanta": "US", "miami": "US", "pittsburgh": "US", "philadelphia": "US",
    "san diego": "US", "bay area": "US", "sf bay area": "US", "toronto": "CA", "montreal": "CA",
    "montréal": "CA", "vancouver": "CA", "waterloo": "CA", "ottawa": "CA", "calgary": "CA",
    "london": "GB", "cambridge, uk": "GB", "manchester": "GB", "edinburgh": "GB", "oxford": "GB",
    "dublin": "IE", "berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE", "cologne": "DE",
    "köln": "DE", "frankfurt": "DE", "paris": "FR", "amsterdam": "NL", "zurich": "CH", "zürich": "CH",
    "geneva": "CH", "vienna": "AT", "madrid": "ES", "barcelona": "ES", "lisbon": "PT", "milan": "IT",
    "warsaw": "PL", "krakow": "PL", "stockholm": "SE", "copenhagen": "DK", "oslo": "NO", "helsinki": "FI",
    "prague": "CZ", "tel aviv": "IL", "bangalore": "IN", "bengaluru": "IN", "hyderabad": "IN",
    "mumbai": "IN", "pune": "IN", "chennai": "IN", "delhi": "IN", "new delhi": "IN", "gurgaon": "IN",
    "gurugram": "IN", "noida": "IN", "tokyo": "JP", "seoul": "KR", "beijing": "CN", "shanghai": "CN",
    "shenzhen": "CN", "sydney": "AU", "melbourne": "AU", "são paulo": "BR", "sao paulo": "BR",
    "mexico city": "MX", "bucharest": "RO", "cluj": "RO", "kyiv": "UA", "lviv": "UA", "belgrade": "RS",
    "athens": "GR", "budapest": "HU", "tallinn": "EE", "vilnius": "LT", "riga": "LV", "sofia": "BG",
    "zagreb": "HR", "brussels": "BE", "rotterdam": "NL", "utrecht": "NL", "bogota": "CO", "bogotá": "CO",
    "santiago": "CL", "lima": "PE", "cape town": "ZA", "lagos": "NG", "nairobi": "KE", "cairo": "EG",
    "manila": "PH", "jakarta": "ID", "kuala lumpur": "MY", "bangkok": "TH", "ho chi minh city": "VN",
    "hanoi": "VN", "karachi": "PK", "lahore": "PK", "osaka": "JP", "brooklyn": "US", "cupertino": "US",
    "santa clara": "US", "bellevue": "US", "kirkland": "US", "raleigh": "US", "durham": "US",
    "salt lake city": "US", "portland": "US", "phoenix": "US", "dallas": "US", "houston": "US",
    "washington, dc": "US", "edinburgh, uk": "GB", "bristol": "GB", "belfast": "GB", "galway": "IE", "buenos aires": "AR", "taipei": "TW", "dubai": "AE", "abu dhabi": "AE",
}
US_STATE_CODES = set(US_STATES.values())
# State codes that are also words ("in", "or", "me"...) or other places' abbreviations ("DE" Germany,
# "LA" Los Angeles): a country clue elsewhere, a state only in the "City, ST" shape.
_COUNTRY_CODE_WORDS = ("in", "de", "me", "or", "oh", "ok")
# For the state, also "LA" (Los Angeles), "HI", "CA" (Canada: "Remote (US/CA)") and time zones ("ET/CT/MT").
_STATE_CODE_WORDS = (*_COUNTRY_CODE_WORDS, "hi", "la", "ca", "ct", "mt")
_CITY_ST = re.compile(r",\s*([A-Z]{2})\b")
# For the state, the "City" must be a place, not a country or a qualifier ("Remote, OR", "US only, LA or SF").
_CITY_ST_STRICT = re.compile(r"(?<!\bUS)(?<!\bUSA)(?<![Oo]nly)(?<!ONLY)(?<![Rr]emote)(?<!REMOTE),\s*([A-Z]{2})\b")
# The places one location lists: "Boston, MA or Washington, DC", "SF / NYC", "Honolulu, HI; Austin, TX".
_STATE_PARTS = re.compile(r"[^;/|&]+?(?=\s+(?:or|and)\s+|[;/|&]|$)")
_SPLIT = re.compile(r"\s*(?:[,;/|()\-–—•·]|\bor\b|\band\b)\s*", re.I)


def primary_location(location_raw: str | None) -> str | None:
    if not location_raw:
        return None
    first = location_raw.split(" | ")[0]
    return " ".join(first.split()) or None


def country(location_raw: str | None) -> str | None:
    """The ISO alpha-2 country of the first location that names one."""
    return place(location_raw)[0]


def state(location_raw: str | None) -> str | None:
    """The USPS code of the first location that names a US state; ``None`` unless the country is the US."""
    return place(location_raw)[1]


def place(location_raw: str | None) -> tuple[str | None, str | None]:
    """(country, state): the country of the first location naming one, and the US state of the first
    location naming one when that country is the US (else ``None``)."""
    if not location_raw:
        return None, None
    locations = location_raw.split(" | ")
    found = next(filter(None, map(_country_of, locations)), None)
    if found != "US":
        return found, None
    return found, next(filter(None, map(_state_of, locations)), None)


def _tokens(lowered: str) -> list[str]:
    return [t for t in _SPLIT.split(lowered) if t]


def _state_of(location: str) -> str | None:
    """The US state one location names, or None (whatever its country; ``place`` checks that)."""
    lowered = " ".join(location.lower().split())
    several = len(_tokens(lowered)) > 1  # a bare code ("CA", "IN") alone is no state
    # One location may list several places ("Boston, MA or Washington, DC"; "Honolulu, HI; Austin, TX"):
    # the first that names a state wins; within one, scan from the end ("City, State, Country").
    for part in _STATE_PARTS.finditer(location):
        for token in reversed(_tokens(" ".join(part.group().lower().split()))):
            token = token.strip(" .")
            if token in US_STATES:
                return US_STATES[token]
            if token.upper() in US_STATE_CODES and several and token not in _STATE_CODE_WORDS:
                return token.upper()
        for match in _CITY_ST_STRICT.finditer(location, part.start(), len(location)):
            if match.start() >= part.end():
                break
            if match.group(1) in US_STATE_CODES:
                return match.group(1)
    # Last, a state's name among other words ("New York Office", "Remote - Texas preferred").
    words = re.findall(r"[\w.]+", lowered)
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in US_STATES:
                return US_STATES[phrase]
    return None


def _country_of(location: str) -> str | None:
    lowered = " ".join(location.lower().split())
    if lowered in CITIES:
        return CITIES[lowered]
    tokens = _tokens(lowered)
    # Scan from the end: "City, State, Country" names the country last.
    for token in reversed(tokens):
        token = token.strip(" .")
        if token in COUNTRIES:
            return COUNTRIES[token]
        if token in US_STATES:
            return "US"
        if token.upper() in US_STATE_CODES and len(tokens) > 1 and token not in _COUNTRY_CODE_WORDS:
            return "US"
        if token in CA_PROVINCES and len(tokens) > 1:
            return "CA"
        if token in CITIES:
            return CITIES[token]
    # Two-letter US state codes that are also words need the "City, ST" shape.
    match = _CITY_ST.search(location)
    if match and match.group(1) in US_STATE_CODES:
        return "US"
    # Last, any run of words naming a place ("Remote US", "New York Office", "SF Bay Area").
    words = re.findall(r"[\w.]+", lowered)
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            found = COUNTRIES.get(phrase) or CITIES.get(phrase) or ("US" if phrase in US_STATES else None)
            if found:
                return found
    return None


REMOTE_VALUES = ("remote", "hybrid", "onsite", "unknown")
_WORKPLACE = {
    "remote": "remote", "fully remote": "remote", "isremote=true": "remote", "hybrid": "hybrid",
    "onsite": "onsite", "on-site": "onsite", "on site": "onsite", "in office": "onsite", "office": "onsite",
    "in-office": "onsite", "telecommute": "remote",
}


def remote(workplace_raw: str | None, location_raw: str | None, title: str | None) -> str:
    """remote | hybrid | onsite | unknown, from the API's field first, then the location and title text."""
    text = " ".join(filter(None, (location_raw, title))).lower()
    if workplace_raw:
        value = _WORKPLACE.get(workplace_raw.strip().lower())
        if value:
            return value
        if workplace_raw.strip().lower() == "isremote=false":
            # Ashby says "not remote": hybrid when the text says so, else on-site.
            return "hybrid" if "hybrid" in text else "onsite"
    if "hybrid" in text:
        return "hybrid"
    if re.search(r"\bremote\b|\banywhere\b|\bdistributed\b", text):
        return "remote"
    if re.search(r"\b(?:on-?site|in[- ]office)\b", text):
        return "onsite"
    return "unknown"
