"""Reading a busy route's query and JSON body with one pydantic call each, not FastAPI's.

FastAPI reads each declared parameter on every request by looking at its
type again (is it a sequence, which aliases, a copy of its default): for
`/match`'s seven parameters and its body that was more than half of a
one-query request's CPU in the app. The routes asked most declare only the
request and read it here: the query string into one pydantic model (one
call; none when the query string is empty), the body from its JSON bytes
into another (one call, no `json.loads` first). `openapi_extra` (`documented`)
keeps the OpenAPI document saying what FastAPI would have said.

Invariants:
- What is accepted and refused is what FastAPI accepts and refuses for the
  same declarations: a body is read only when sent as JSON (`application/json`
  or `application/*+json`), a list parameter from every repetition of its name,
  any other from its last, and unknown query parameters are ignored.
- A refusal is FastAPI's `RequestValidationError`, its locations prefixed by
  `query` or `body` as FastAPI's are, so it is answered in the one error shape
  (`errors._invalid`) with the same `field` (`query.limit`, `body.queries`).
"""

from __future__ import annotations

import typing
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)

_LISTS: dict[type[BaseModel], frozenset[str]] = {}  # each model's list-typed fields


def _lists(model: type[BaseModel]) -> frozenset[str]:
    """The fields of `model` read from every repetition of their name in a query string."""
    got = _LISTS.get(model)
    if got is None:
        got = _LISTS[model] = frozenset(
            name
            for name, field in model.model_fields.items()
            if typing.get_origin(field.annotation) in (list, tuple, set, frozenset)
        )
    return got


def _refused(where: str, error: ValidationError) -> RequestValidationError:
    """FastAPI's error for `error`, each location under `where` (`query` or `body`)."""
    found = error.errors(include_url=False)
    return RequestValidationError([{**e, "loc": (where, *e["loc"])} for e in found])


def query_of(request: Request, model: type[Model], default: Model) -> Model:
    """The request's query string as `model` (`default`, shared, when it is empty)."""
    params = request.query_params
    if not params:
        return default
    lists = _lists(model)
    given: dict[str, Any] = {}
    for name in model.model_fields:
        if name in params:
            given[name] = params.getlist(name) if name in lists else params[name]
    try:
        return model.model_validate(given)
    except ValidationError as e:
        raise _refused("query", e) from None


def _is_json(content_type: str | None) -> bool:
    """Whether a Content-Type says JSON, as FastAPI decides it."""
    if not content_type:
        return False
    kind = content_type.partition(";")[0].strip().lower()
    main, _, sub = kind.partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


async def body_of(request: Request, model: type[Model]) -> Model:
    """The request's JSON body as `model`."""
    raw = await request.body()
    if not raw:
        missing = {"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}
        raise RequestValidationError([missing])
    if not _is_json(request.headers.get("content-type")):
        wrong = {
            "type": "model_attributes_type",
            "loc": ("body",),
            "msg": "Input should be a valid dictionary or object to extract fields from",
            "input": None,
        }
        raise RequestValidationError([wrong])
    try:
        return model.model_validate_json(raw)
    except ValidationError as e:
        raise _refused("body", e) from None


def documented(
    query: type[BaseModel] | None, body: type[BaseModel], path: tuple[str, ...] = ()
) -> dict[str, Any]:
    """`openapi_extra` for a route reading its `path` parameters (strings) from
    `request.path_params`, and `query` and `body` here: as FastAPI would have documented
    them (the body's nested models inlined)."""
    schema = query.model_json_schema() if query is not None else {"properties": {}}
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in path
    ]
    parameters += [
        {"name": name, "in": "query", "required": False, "schema": prop}
        for name, prop in schema["properties"].items()
    ]
    content = {"application/json": {"schema": _inlined(body.model_json_schema())}}
    return {"parameters": parameters, "requestBody": {"required": True, "content": content}}


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON schema with its `$defs` put in place of their `$ref`s (OpenAPI resolves a `$ref`
    from the document's root, where a model's own `$defs` are not)."""
    defs = schema.pop("$defs", {})

    def put(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return put(dict(defs[ref.removeprefix("#/$defs/")]))
            return {k: put(v) for k, v in node.items()}
        if isinstance(node, list):
            return [put(v) for v in node]
        return node

    return dict(put(schema))
