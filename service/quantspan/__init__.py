"""quantspan: normalized quantities from raw text, served over gRPC."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quantspan")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
