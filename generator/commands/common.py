"""What the commands share: logging like MkDocs' own CLI, loading mkdocs.yml,
and telling why a build failed in one place."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort, BuildError, MkDocsException

from .. import config as config_module


class _Formatter(logging.Formatter):
    def format(self, record):
        message = super().format(record)
        if record.levelno >= logging.WARNING:
            return f"{record.levelname:<8} -  {message}"
        return f"INFO     -  {message}"


_handler = logging.StreamHandler()
_handler.setFormatter(_Formatter("%(message)s"))


def setup_logging(verbose: bool = False) -> None:
    _handler.setStream(sys.stderr)  # the one in use now (a test runner swaps it)
    for name in ("mkdocs", "generator"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [_handler]
        logger.setLevel(logging.DEBUG if verbose else logging.INFO)
        logger.propagate = False


def load(config_file: str, **overrides):
    """Load mkdocs.yml (ConfigError lists every bad value with its line);
    `pdfs=False` switches PDF rendering off."""
    pdfs = overrides.pop("pdfs", None)
    config = config_module.load(config_file, **overrides)
    if pdfs is not None:
        config.plugins[config_module.PLUGIN].config.pdfs = pdfs
    return config


def project_root(config_file: str) -> Path:
    return Path(config_file).resolve().parent


class _HoldBuildErrors(logging.Filter):
    """Keeps back what MkDocs logs as it aborts a build (the error's text),
    so that the command says it once, as its last words, instead of MkDocs'
    closing 'Aborted with a BuildError!'."""

    def __init__(self):
        super().__init__()
        self.held: list[logging.LogRecord] = []

    def filter(self, record):
        if record.name == "mkdocs.commands.build" and record.levelno >= logging.ERROR:
            self.held.append(record)
            return False
        return True


@contextlib.contextmanager
def failure_reason():
    """Run a build; on failure raise `MkDocsException` whose text is the real
    reason (a configuration error, the content errors, a plugin's error)."""
    hold = _HoldBuildErrors()
    _handler.addFilter(hold)
    reason = None
    try:
        yield
    except Abort as exc:
        cause = exc.__context__
        reason = str(cause) if isinstance(cause, BuildError) else str(exc)
        raise MkDocsException(reason) from None
    finally:
        _handler.removeFilter(hold)
        for record in hold.held:
            if record.getMessage() != reason:  # anything else MkDocs said on the way out
                _handler.handle(record)
