"""The demo: a realistic sample for three markets, imported through the real pipeline."""

from chuhai.demo.run import DemoResult, run_demo
from chuhai.demo.sample import ImportStep, write_sample

__all__ = ["DemoResult", "ImportStep", "run_demo", "write_sample"]
