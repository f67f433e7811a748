"""GeoJSON (RFC 7946) for places: a FeatureCollection of Points, coordinates [lon, lat].

A place without coordinates is still a Feature, with `"geometry": null` as RFC 7946
allows, so that the collection lists every place and its event count.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from app.formats.ndjson import dumps


def feature(place: dict[str, Any]) -> dict[str, Any]:
    located = place["lat"] is not None and place["lon"] is not None
    geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]} if located else None
    properties = {k: v for k, v in place.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": place["id"], "geometry": geometry, "properties": properties}


def feature_collection(places: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The FeatureCollection as text, written a feature at a time."""
    yield '{"type":"FeatureCollection","features":['
    for index, place in enumerate(places):
        yield ("," if index else "") + dumps(feature(place))
    yield "]}\n"
