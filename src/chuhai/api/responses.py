"""Response classes of the routes that answer no JSON, so that /openapi.json names what they
send (a CSV file, an event stream) instead of an empty JSON schema."""

from __future__ import annotations

from fastapi.responses import Response, StreamingResponse

__all__ = ["CsvResponse", "EventStreamResponse"]


class CsvResponse(Response):
    media_type = "text/csv"


class EventStreamResponse(StreamingResponse):
    media_type = "text/event-stream"
