"""The pipeline: ingest -> privacy -> enrich -> store, with stages chosen by config."""

from chuhai.pipeline.live_feed import LiveFeed, PushResult
from chuhai.pipeline.planning import plan_files
from chuhai.pipeline.report import Counts, FileReport, IngestReport
from chuhai.pipeline.runner import Pipeline
from chuhai.pipeline.stages import STAGES, build_stages
from chuhai.progress import NullProgress, Progress
from chuhai.stage import Stage

__all__ = [
    "STAGES",
    "Counts",
    "FileReport",
    "IngestReport",
    "LiveFeed",
    "NullProgress",
    "Pipeline",
    "Progress",
    "PushResult",
    "Stage",
    "build_stages",
    "plan_files",
]
