"""The web app: a FastAPI REST API and a server-rendered web UI over a newsgraph database.

``create_app(db_path, settings)`` builds the app; ``newsgraph serve --db FILE`` runs it with
uvicorn on 127.0.0.1:8765 unless told otherwise.  Needs the ``web`` extra (fastapi, uvicorn,
jinja2).
"""

from __future__ import annotations

from .app import create_app, run

__all__ = ["create_app", "run"]
