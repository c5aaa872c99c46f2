"""store: Articles, Events (with Mentions) and Rejections in -> a DuckDB file out; queries back.

Tables (created by the ordered migrations in :mod:`whimbrel.store.schema`):
``schema_version``, ``articles``, ``events``, ``mentions`` (one row per mention of each
event; an event without mentions is its own single mention) and ``rejections``.
"""

from whimbrel.errors import StoreError, StoreLocked
from whimbrel.store.duck import Store
from whimbrel.store.schema import MIGRATIONS, Migration

__all__ = ["MIGRATIONS", "Migration", "Store", "StoreError", "StoreLocked"]
