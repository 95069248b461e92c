"""One error body for every failure: ``{"error": {"status", "code", "message", "details"}}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from queries.errors import NotFound
from queries.graph import StoreError


class ErrorDetail(BaseModel):
    status: int = Field(description="HTTP status code.", examples=[404])
    code: str = Field(description="Machine-readable error kind.", examples=["not_found"])
    message: str = Field(
        description="Human-readable explanation.",
        examples=["no country 'XX': use an ISO 3166-1 alpha-2 code such as FR"],
    )
    details: list[dict[str, Any]] = Field(
        description="Extra details, such as field errors.", default_factory=list
    )


class ErrorBody(BaseModel):
    error: ErrorDetail = Field(description="The error.")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameter"},
}

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid_parameter",
    503: "unavailable",
}


def error_response(
    status: int,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(
        error=ErrorDetail(
            status=status, code=_CODES.get(status, "error"), message=message, details=details or []
        )
    )
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return error_response(404, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        return error_response(422, f"{'.'.join(first['loc'])}: {first['msg']}", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers) if exc.headers else None
        return error_response(exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        return error_response(503, f"the graph store is unavailable: {exc}")

    document_errors(app)


# --- what the OpenAPI says about errors --------------------------------------------------------

_KEY_RESPONSES = {
    "401": "Missing or wrong X-API-Key.",
    "403": "Writes through the API are off: no HARMONIA_API_KEY is configured.",
}


def document_errors(app: FastAPI) -> None:
    """Make the OpenAPI say what the handlers above send: every error is an ``ErrorBody``
    (FastAPI's own 422 schema is never sent), and operations taking the X-API-Key header
    declare their 401 and 403, so clients and contract tests see the real answers."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()  # FastAPI caches it; the edits below are idempotent
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(body.pop("$defs", {}))
        components.setdefault("ErrorBody", body)
        content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                if "422" in responses:
                    responses["422"]["content"] = content
                headers = {
                    p.get("name", "").lower()
                    for p in operation.get("parameters", [])
                    if p.get("in") == "header"
                }
                if "x-api-key" in headers:
                    for status, text in _KEY_RESPONSES.items():
                        responses.setdefault(status, {"description": text, "content": content})
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
