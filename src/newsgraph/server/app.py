"""The FastAPI app: REST API under /api, web pages, local static assets.

``create_app(db_path, settings)`` builds it.  Every route opens the database read-only
(``mode=ro`` plus ``PRAGMA query_only``) with the ``sql_time_limit_ms`` limit, except
``POST /api/analyze?store=true``, which writes one article.  Every error comes back as
``{"error": {"code", "message"}}`` (an HTML page for the web pages), never a traceback.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..config import Settings, load_settings
from ..errors import ConfigError, InputError, NewsgraphError, StoreError
from ..store import SQLiteStore, open_store

HERE = Path(__file__).resolve().parent
log = logging.getLogger("newsgraph.server")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_parameter",
    503: "unavailable",
    504: "timeout",
}


class AppState:
    """What the routes share: the database path, the settings and, for PostgreSQL, idle read-only
    connections (opening one costs more than most queries; a SQLite file is opened per request)."""

    POOL = 8  # idle PostgreSQL connections kept
    WORKERS = 6  # threads running pages' other reads at once (``together``), shared by the requests: at most
    #              this many connections beyond each request's own

    def __init__(self, db_path: str, settings: Settings) -> None:
        self.db_path = db_path
        self.settings = settings
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._workers: ThreadPoolExecutor | None = None
        self._closed = False
        if settings.parallel_reads not in ("auto", "on", "off"):
            raise ConfigError(f"setting 'parallel_reads' is 'auto', 'on' or 'off', not {settings.parallel_reads!r}",
                              code="E202")

    def cap(self, limit: int) -> int:
        """``limit`` capped at ``max_returned_rows``."""
        return max(1, min(limit, self.settings.max_returned_rows))

    def open_ro(self) -> SQLiteStore:
        with self._lock:
            while self._idle:
                kept = self._idle.pop()
                if not (kept.pg.closed or kept.pg.broken):
                    return kept  # type: ignore[no-any-return]
                kept.close()
        store: SQLiteStore = open_store(self.db_path, read_only=True, timeout_ms=self.settings.sql_time_limit_ms)
        store.cache_size = self.settings.result_cache
        store.fulltext_cap = self.settings.fulltext_cap
        return store

    def done(self, store: Any) -> None:
        """A request's store back: a PostgreSQL connection in good order is kept for the next one."""
        pg = getattr(store, "pg", None)
        if pg is not None and not (pg.closed or pg.broken) and pg.info.transaction_status == 0:
            with self._lock:
                if len(self._idle) < self.POOL and not self._closed:
                    self._idle.append(store)
                    return
        store.close()

    def parallel(self, store: Any) -> bool:
        """Whether ``together`` runs its calls at once over ``store``'s database (setting ``parallel_reads``;
        "auto": on PostgreSQL only, where the server runs each connection's query on its own core)."""
        mode = self.settings.parallel_reads
        return mode == "on" or (mode == "auto" and getattr(store, "pg", None) is not None)

    def together(self, store: Any, calls: Sequence[Callable[[Any], Any]]) -> list[Any]:
        """Each call's result (a call takes a store), in order: at once when ``parallel(store)``, the first
        call on the request's ``store`` and each other on its own read-only store from ``open_ro`` (given
        back afterwards), else one after the other on ``store``.  The page reads the same either way: a
        read-only store runs every query in its own snapshot (autocommit), whichever connection runs it."""
        with self._lock:
            closing = self._closed
        if len(calls) < 2 or not self.parallel(store) or closing:
            return [call(store) for call in calls]
        with self._lock:
            if self._workers is None:
                self._workers = ThreadPoolExecutor(self.WORKERS, thread_name_prefix="newsgraph-read")
            workers = self._workers
        futures = [workers.submit(self._on_own_store, call) for call in calls[1:]]
        try:
            first = calls[0](store)
        finally:
            wait(futures)  # every borrowed store is back before the request goes on, even after an error
        return [first, *(f.result() for f in futures)]

    def close(self) -> None:
        """At the server's shutdown: the reader threads stopped once their reads are done, and the idle
        PostgreSQL connections closed; a store given back afterwards is closed, not kept, and reads no
        longer run at once."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, None
        if workers is not None:
            workers.shutdown(wait=True)
        with self._lock:
            idle, self._idle = self._idle, []
        for kept in idle:
            kept.close()

    def _on_own_store(self, call: Callable[[Any], Any]) -> Any:
        own = self.open_ro()
        try:
            return call(own)
        finally:
            self.done(own)


def state_of(request: Request) -> AppState:
    st: AppState = request.app.state.newsgraph
    return st


def read_store(request: Request) -> Iterator[SQLiteStore]:
    """FastAPI dependency: a read-only store for this request, closed afterwards."""
    state = state_of(request)
    store = state.open_ro()
    try:
        yield store
    finally:
        state.done(store)


def _is_api(request: Request) -> bool:
    p = request.url.path
    return p.startswith("/api") or p in ("/openapi.json", "/healthz")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    """JSON for the API, a small escaped HTML page for the web pages."""
    if _is_api(request) or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    from .pages import render_error

    return render_error(request, status, code, message)


def _store_status(exc: StoreError) -> int:
    return {"E304": 504, "E301": 503, "E302": 503}.get(exc.code, 500)


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def create_app(db_path: str | Path, settings: Settings | None = None) -> FastAPI:
    """The web app over the database at ``db_path`` (opened read-only per request)."""
    from .pages import router as pages_router
    from .rest import router as api_router

    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.newsgraph.close()  # the reader threads and the idle connections, at shutdown

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=__version__,
        description="Query articles, entities, CAMEO events, quotes and dyads stored by newsgraph.",
        docs_url=None,
        redoc_url=None,  # the interactive docs load assets from a CDN
        openapi_url="/openapi.json",
    )
    app.state.newsgraph = AppState(str(db_path), settings)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return error_response(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid_parameter", "; ".join(parts) or "invalid request")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        status = _store_status(exc)
        message = exc.detail if status != 500 else "the database could not answer this request"
        if status == 503:
            message = "the database is not available"
        return error_response(request, status, exc.code, message)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return error_response(request, 422, exc.code, exc.detail)

    @app.exception_handler(ConfigError)
    async def config_error(request: Request, exc: ConfigError) -> Response:
        log.error("configuration error: %s", exc)
        return error_response(request, 500, exc.code, "the server's configuration is invalid: " + exc.detail)

    @app.exception_handler(NewsgraphError)
    async def ng_error(request: Request, exc: NewsgraphError) -> Response:
        log.warning("request failed: %s", exc)
        return error_response(request, 500, exc.code, "the request could not be completed")

    @app.exception_handler(Exception)
    async def any_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal", "internal error; see the server log")

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        query = request.scope.get("query_string", b"").lower()
        if b"%00" in query or "\x00" in request.scope.get("path", ""):
            response: Response = JSONResponse(
                {"error": {"code": "bad_request", "message": "NUL characters are not allowed in a request"}},
                status_code=400,
            )
            return _secure(response)
        length = request.headers.get("content-length", "")
        # JSON escaping can double the size of a document
        limit = 2 * request.app.state.newsgraph.settings.max_bytes + 65536
        if length.isdigit() and int(length) > limit:
            return _secure(
                JSONResponse(
                    {"error": {"code": "too_large", "message": f"request body over {limit} bytes"}},
                    status_code=413,
                )
            )
        if query:  # an empty field (?from=&to=) means "no filter", as web forms send them
            pairs = parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip() != ""]
            if len(kept) != len(pairs):
                request.scope["query_string"] = urlencode(kept).encode("latin-1")
        try:
            response = await call_next(request)
        except Exception:  # an error escaping the handlers: still JSON, still no traceback
            log.exception("unexpected error on %s", request.url.path)
            response = JSONResponse(
                {"error": {"code": "internal", "message": "internal error"}}, status_code=500
            )
        return _secure(response)

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


def run(db_path: str, settings: Settings, *, host: str | None = None, port: int | None = None) -> None:
    """Serve the app with uvicorn (used by ``newsgraph serve``)."""
    import uvicorn

    app = create_app(db_path, settings)
    # What the server holds from its start (modules, the app: some 60,000 objects) is never garbage: kept out
    # of the collector's full passes, which otherwise stop a request now and then for 40-120 ms to walk it all
    gc.collect()
    gc.freeze()
    uvicorn.run(
        app,
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
        server_header=False,
        proxy_headers=False,
    )


__all__ = ["AppState", "create_app", "read_store", "run"]
