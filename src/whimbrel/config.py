"""Layered configuration: packaged default.toml < file < WHIMBREL_* env < --set overrides."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from whimbrel.errors import ConfigError

ENV_PREFIX = "WHIMBREL_"


def _packaged_defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("whimbrel").joinpath("default.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _coerce(raw: str, like: Any, key: str) -> Any:
    """Turn a string from the environment or --set into the type of the default."""
    try:
        if isinstance(like, bool):
            low = raw.strip().lower()
            if low in {"1", "true", "yes", "on"}:
                return True
            if low in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if isinstance(like, int):
            return int(raw)
        if isinstance(like, float):
            return float(raw)
        if isinstance(like, list):
            return [part.strip() for part in raw.split(",") if part.strip()]
    except ValueError as exc:
        raise ConfigError(f"{key}: cannot read {raw!r} as {type(like).__name__}") from exc
    return raw


@dataclass(frozen=True)
class Config:
    """Resolved settings, read-only. Access with ``config.get("section.key")``."""

    values: Mapping[str, Mapping[str, Any]]

    def get(self, dotted: str) -> Any:
        section, _, key = dotted.partition(".")
        try:
            return self.values[section][key]
        except KeyError as exc:
            raise ConfigError(f"unknown setting {dotted!r}") from exc

    def to_toml(self) -> str:
        lines: list[str] = []
        for section, items in self.values.items():
            lines.append(f"[{section}]")
            for key, value in items.items():
                lines.append(f"{key} = {_toml_value(value)}")
            lines.append("")
        return "\n".join(lines)

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        *,
        overrides: Iterable[str] = (),
        environ: Mapping[str, str] | None = None,
    ) -> Config:
        values = _packaged_defaults()
        if path is not None:
            try:
                user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read config file {path}: {exc}") from exc
            for section, items in user.items():
                if not isinstance(items, dict):
                    raise ConfigError(f"{path}: [{section}] must be a table")
                for key, value in items.items():
                    _check_known(values, section, key)
                    values[section][key] = value
        env = os.environ if environ is None else environ
        for name, raw in env.items():
            if not name.startswith(ENV_PREFIX) or "__" not in name:
                continue
            section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
            _check_known(values, section, key)
            values[section][key] = _coerce(raw, values[section][key], f"{section}.{key}")
        for item in overrides:
            dotted, sep, raw = item.partition("=")
            section, dot, key = dotted.strip().partition(".")
            if not sep or not dot:
                raise ConfigError(f"--set expects section.key=value, got {item!r}")
            _check_known(values, section, key)
            values[section][key] = _coerce(raw, values[section][key], dotted)
        return cls(values)


def _check_known(values: Mapping[str, Mapping[str, Any]], section: str, key: str) -> None:
    if section not in values or key not in values[section]:
        raise ConfigError(f"unknown setting {section}.{key}")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
