"""chuhai's HTTP API (FastAPI): the same analysis as ``chuhai analyze``, for the live room."""

from chuhai.api.app import create_app

__all__ = ["create_app"]
