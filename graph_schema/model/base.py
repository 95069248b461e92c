"""The base node and edge models, and the rows the stores keep them as (flat properties)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict

from graph_schema import ids
from graph_schema.provenance import Provenance

JsonValue = Any
PROVENANCE_PREFIX = "prov_"
ModelT = TypeVar("ModelT", bound=BaseModel)


# Records are plain dataclasses, not pydantic models: they are built from already validated
# models or from the store's own rows, by the hundred thousand at ingest and at every graph read.
@dataclass(frozen=True, slots=True)
class NodeRecord:
    """A node as the stores keep it."""

    id: str
    label: str
    properties: dict[str, JsonValue]


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    """An edge as the stores keep it."""

    id: str
    type: str
    source: str
    target: str
    properties: dict[str, JsonValue]


def _flatten(payload: dict[str, JsonValue]) -> dict[str, JsonValue]:
    """Move the dumped ``provenance`` map into ``prov_*`` keys of ``payload``."""
    for key, value in payload.pop("provenance").items():
        payload[PROVENANCE_PREFIX + key] = value
    return payload


def _json_payload(model: BaseModel) -> dict[str, JsonValue]:
    """The model's fields as JSON values. Ingest converts tens of thousands of validated models;
    pydantic's JSON serialiser read back by orjson is about three times faster than
    ``model_dump(mode="json")``.
    """
    payload: dict[str, JsonValue] = orjson.loads(model.model_dump_json())
    return payload


def _unflatten(properties: dict[str, JsonValue]) -> tuple[dict[str, JsonValue], Provenance]:
    plain = {k: v for k, v in properties.items() if not k.startswith(PROVENANCE_PREFIX)}
    prov = {
        k[len(PROVENANCE_PREFIX) :]: v
        for k, v in properties.items()
        if k.startswith(PROVENANCE_PREFIX)
    }
    return plain, Provenance.model_validate(prov)


def _typed(
    types: Mapping[str, type[ModelT]],
    name: str,
    what: str,
    keys: dict[str, JsonValue],
    properties: dict[str, JsonValue],
) -> ModelT:
    """The model of type ``types[name]`` back from a stored row: its ``keys`` (id, or source
    and target), provenance and plain properties. An unknown name is an error, not a guess.
    """
    cls = types.get(name)
    if cls is None:
        raise ValueError(f"unknown {what} {name!r}")
    plain, prov = _unflatten(properties)
    return cls.model_validate({**keys, "provenance": prov, **plain})


#: Every node type by its label and every edge type by its type name, filled as the types are
#: declared (in ``nodes.py`` and ``edges.py``).
NODE_TYPES: dict[str, type[Node]] = {}
EDGE_TYPES: dict[str, type[Edge]] = {}


class Node(BaseModel):
    """Base of every node type; a subclass declaring its ``LABEL`` is registered by it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    LABEL: ClassVar[str]
    #: Properties worth a Neo4j index besides ``id`` (which always has a uniqueness constraint).
    INDEXED: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "LABEL" in vars(cls):
            NODE_TYPES[cls.LABEL] = cls

    id: str
    provenance: Provenance

    def to_record(self) -> NodeRecord:
        payload = _json_payload(self)
        del payload["id"]
        return NodeRecord(id=self.id, label=self.LABEL, properties=_flatten(payload))


Labels = str | tuple[str, ...]


class Edge(BaseModel):
    """Base of every edge type. ``key`` separates parallel edges of one type between two nodes.

    A type is declared with its stored name and the labels of the nodes it joins, and registered
    by it: ``class Contains(Edge, stored_as="CONTAINS", source="ControlList", ...)``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    TYPE: ClassVar[str]
    SOURCE_LABELS: ClassVar[tuple[str, ...]]
    TARGET_LABELS: ClassVar[tuple[str, ...]]

    def __init_subclass__(
        cls, stored_as: str = "", source: Labels = (), target: Labels = (), **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if source:
            cls.SOURCE_LABELS = (source,) if isinstance(source, str) else source
        if target:
            cls.TARGET_LABELS = (target,) if isinstance(target, str) else target
        if stored_as:
            cls.TYPE = stored_as
            EDGE_TYPES[stored_as] = cls

    source: str
    target: str
    key: str = ""
    provenance: Provenance

    @property
    def id(self) -> str:
        return ids.edge_id(self.TYPE, self.source, self.target, self.key)

    def to_record(self) -> EdgeRecord:
        payload = _json_payload(self)
        del payload["source"], payload["target"]
        return EdgeRecord(
            id=self.id,
            type=self.TYPE,
            source=self.source,
            target=self.target,
            properties=_flatten(payload),
        )


Record = Node | Edge
