"""The web app and archive over a store: ``create_app(db)`` for ASGI servers, ``warbrief serve`` on the CLI."""

from warbrief.web.app import create_app

__all__ = ["create_app"]
