"""The wheel ships every package of the source tree (setup.cfg lists them by hand)."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_setup_cfg_lists_every_package() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(config["options"]["packages"].split())
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "transition").rglob("__init__.py")
    }
    missing = sorted(found - listed)
    assert not missing, f"add these to [options] packages in setup.cfg: {missing}"
