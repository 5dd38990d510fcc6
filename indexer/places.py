"""Local authority areas of England and Wales, by the names documents call them.

Documents write an area many ways ("Kingston-upon-Hull", "Hull City Council",
"Hartlepool Borough", "Dudley MBC", "Durham's children's services"); a filter or
a facet needs one name for each. ``canonical`` returns it for the children's
services authorities of England (including those since merged or split) and the
local authorities of Wales; a place not listed (a partnership of two areas, a
place outside England and Wales) is kept as the document writes it.
"""

from __future__ import annotations

import re
import unicodedata

AREAS = """
Barking and Dagenham; Barnet; Bexley; Brent; Bromley; Camden; City of London; Croydon; Ealing; Enfield;
Greenwich; Hackney; Hammersmith and Fulham; Haringey; Harrow; Havering; Hillingdon; Hounslow; Islington;
Kensington and Chelsea; Kingston upon Thames; Lambeth; Lewisham; Merton; Newham; Redbridge;
Richmond upon Thames; Southwark; Sutton; Tower Hamlets; Waltham Forest; Wandsworth; Westminster;
Barnsley; Birmingham; Bolton; Bradford; Bury; Calderdale; Coventry; Doncaster; Dudley; Gateshead; Kirklees;
Knowsley; Leeds; Liverpool; Manchester; Newcastle upon Tyne; North Tyneside; Oldham; Rochdale; Rotherham;
St Helens; Salford; Sandwell; Sefton; Sheffield; Solihull; South Tyneside; Stockport; Sunderland; Tameside;
Trafford; Wakefield; Walsall; Wigan; Wirral; Wolverhampton;
Cambridgeshire; Cumbria; Derbyshire; Devon; East Sussex; Essex; Gloucestershire; Hampshire; Hertfordshire;
Kent; Lancashire; Leicestershire; Lincolnshire; Norfolk; Northamptonshire; Nottinghamshire; Oxfordshire;
Staffordshire; Suffolk; Surrey; Warwickshire; West Sussex; Worcestershire;
Bath and North East Somerset; Bedford Borough; Blackburn with Darwen; Blackpool; Bournemouth;
Bournemouth, Christchurch and Poole; Bracknell Forest; Brighton and Hove; Bristol; Buckinghamshire;
Central Bedfordshire; Cheshire East; Cheshire West and Chester; Cornwall; County Durham; Cumberland;
Darlington; Derby; Dorset; East Riding of Yorkshire; Halton; Hartlepool; Herefordshire; Isle of Wight;
Isles of Scilly; Kingston upon Hull; Leicester; Luton; Medway; Middlesbrough; Milton Keynes;
North East Lincolnshire; North Lincolnshire; North Northamptonshire; North Somerset; North Yorkshire;
Northumberland; Nottingham; Peterborough; Plymouth; Poole; Portsmouth; Reading; Redcar and Cleveland;
Rutland; Shropshire; Slough; Somerset; South Gloucestershire; Southampton; Southend-on-Sea;
Stockton-on-Tees; Stoke-on-Trent; Swindon; Telford and Wrekin; Thurrock; Torbay; Warrington; West Berkshire;
West Northamptonshire; Westmorland and Furness; Wiltshire; Windsor and Maidenhead; Wokingham; York;
Blaenau Gwent; Bridgend; Caerphilly; Cardiff; Carmarthenshire; Ceredigion; Conwy; Denbighshire; Flintshire;
Gwynedd; Isle of Anglesey; Merthyr Tydfil; Monmouthshire; Neath Port Talbot; Newport; Pembrokeshire; Powys;
Rhondda Cynon Taf; Swansea; Torfaen; Vale of Glamorgan; Wrexham
"""

# Other names for the same areas, as documents write them.
ALIASES = {
    "Bedford": "Bedford Borough", "BCP": "Bournemouth, Christchurch and Poole", "Durham": "County Durham",
    "Hull": "Kingston upon Hull", "Newcastle": "Newcastle upon Tyne", "East Riding": "East Riding of Yorkshire",
    "Southend": "Southend-on-Sea", "Stockton": "Stockton-on-Tees", "Stoke": "Stoke-on-Trent",
    "Blackburn": "Blackburn with Darwen", "Anglesey": "Isle of Anglesey", "Richmond": "Richmond upon Thames",
    "Herefordshire, County of": "Herefordshire", "Bristol, City of": "Bristol", "Telford": "Telford and Wrekin",
    "Rhondda Cynon Taff": "Rhondda Cynon Taf", "Bath and NE Somerset": "Bath and North East Somerset",
    "Windsor": "Windsor and Maidenhead", "Cheshire West": "Cheshire West and Chester",
    "Westmorland": "Westmorland and Furness", "BANES": "Bath and North East Somerset",
}  # fmt: skip

# Words that may follow an area's name in what a document calls its council or services.
TRAILING = {
    "city", "borough", "metropolitan", "mbc", "county", "district", "council", "councils", "local", "authority",
    "authorities", "children", "childrens", "trust", "first", "services", "service", "social", "care",
    "the", "royal", "and", "partnership", "area",
}  # fmt: skip


def key(text: str) -> str:
    """A name for comparing: lower case, '&' as 'and', hyphens and punctuation as spaces, no "'s"."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ").replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.findall(r"[^\W_]+", text))


NAMES = [name.strip() for name in AREAS.replace("\n", " ").split(";") if name.strip()]
_BY_KEY = {key(name): name for name in NAMES} | {key(alias): name for alias, name in ALIASES.items()}
_LONGEST_FIRST = sorted(_BY_KEY, key=lambda k: -len(k))


def canonical(name: str) -> str | None:
    """The listed area this name is (``None``: not a listed area)."""
    words = key(name).split()
    if words[:1] == ["st"]:
        words[0] = "st"  # "St. Helens"
    while words:
        found = _BY_KEY.get(" ".join(words))
        if found:
            return found
        if words[-1] not in TRAILING:
            return None
        words.pop()  # "Hartlepool Borough", "Dudley MBC", "Sandwell Children's Trust"
    return None


def find(text: str) -> str | None:
    """The first listed area named in ``text``, written with a capital (the longest name
    where two start at the same word: "North Somerset", not "Somerset")."""
    words = re.findall(r"[^\W_]+(?:['’]s\b)?", unicodedata.normalize("NFKC", text.replace("&", " and ")))
    keys = [key(w) for w in words]
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        for k in _LONGEST_FIRST:
            n = k.count(" ") + 1
            if " ".join(keys[i : i + n]) == k:
                return _BY_KEY[k]
    return None
