"""What the commands share: logging like MkDocs' own CLI, and loading mkdocs.yml."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config import load_config


class _Formatter(logging.Formatter):
    def format(self, record):
        message = super().format(record)
        if record.levelno >= logging.WARNING:
            return f"{record.levelname:<8} -  {message}"
        return f"INFO     -  {message}"


def setup_logging(verbose: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter("%(message)s"))
    for name in ("mkdocs", "generator"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG if verbose else logging.INFO)
        logger.propagate = False


def load(config_file: str, **overrides):
    """Load mkdocs.yml; `pdfs=False` switches PDF rendering off."""
    pdfs = overrides.pop("pdfs", None)
    config = load_config(config_file, **overrides)
    if pdfs is not None:
        config.plugins["career-kit"].config.pdfs = pdfs
    return config


def project_root(config_file: str) -> Path:
    return Path(config_file).resolve().parent
