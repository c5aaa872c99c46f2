"""One exception tree for whimbrel; every error carries a short stable code.

    WhimbrelError                 W-000  base class
    ├── ConfigError               W-CONFIG-001  unknown key, bad value, unreadable file
    ├── IngestError               W-INGEST-001  a document cannot be read
    │   ├── EmptyDocument         W-INGEST-002  nothing but whitespace
    │   ├── BinaryDocument        W-INGEST-003  looks like binary data
    │   ├── DocumentTooLarge      W-INGEST-004  over ingest.max_bytes
    │   ├── MalformedRecord       W-INGEST-005  a JSONL line that is not a JSON object with text
    │   └── DecodeFailure         W-INGEST-006  bytes that decode as no supported encoding
    ├── ExtractError              W-EXTRACT-001 the extractor failed on one document
    │   ├── DocumentTimeout       W-SCALE-001   over scale.doc_timeout_s
    │   └── WorkerCrashed         W-SCALE-002   the worker process died on it
    ├── StoreError                W-STORE-001   the database cannot be opened or written
    │   └── StoreLocked           W-STORE-002   another process holds the database
    └── EvalError                 W-EVAL-001    a gold file that cannot be scored

Bad input never aborts a batch: the pipeline turns an ``IngestError`` or ``ExtractError``
into a stored :class:`whimbrel.records.Rejection` with the code and the reason.
"""

from __future__ import annotations


class WhimbrelError(Exception):
    code = "W-000"


class ConfigError(WhimbrelError):
    code = "W-CONFIG-001"


class IngestError(WhimbrelError):
    code = "W-INGEST-001"


class EmptyDocument(IngestError):
    code = "W-INGEST-002"


class BinaryDocument(IngestError):
    code = "W-INGEST-003"


class DocumentTooLarge(IngestError):
    code = "W-INGEST-004"


class MalformedRecord(IngestError):
    code = "W-INGEST-005"


class DecodeFailure(IngestError):
    code = "W-INGEST-006"


class ExtractError(WhimbrelError):
    code = "W-EXTRACT-001"


class DocumentTimeout(ExtractError):
    """A document took longer than ``scale.doc_timeout_s`` to process."""

    code = "W-SCALE-001"


class WorkerCrashed(ExtractError):
    """The worker process handling a document died (crash or out of memory)."""

    code = "W-SCALE-002"


class StoreError(WhimbrelError):
    code = "W-STORE-001"


class StoreLocked(StoreError):
    code = "W-STORE-002"


class EvalError(WhimbrelError):
    code = "W-EVAL-001"
