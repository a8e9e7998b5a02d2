"""The extraction engine: pure Python, no gRPC.

extractor = Extractor.load()            # rules shipped with the package
result = extractor.extract("at least 3,800 troops")
result.quantities[0].modifier           # Modifier.AT_LEAST
"""

from quantspan.engine.errors import (
    ExtractionTimeout,
    InvalidRequest,
    QuantspanError,
    RulesError,
    UnsupportedLanguage,
)
from quantspan.engine.extractor import Extractor, default_rules_dir
from quantspan.engine.model import Extraction, Kind, Modifier, Quantity, Rejection, Unit
from quantspan.engine.offsets import OffsetMapper

__all__ = [
    "Extraction",
    "ExtractionTimeout",
    "Extractor",
    "InvalidRequest",
    "Kind",
    "Modifier",
    "OffsetMapper",
    "Quantity",
    "QuantspanError",
    "Rejection",
    "RulesError",
    "Unit",
    "UnsupportedLanguage",
    "default_rules_dir",
]
