"""``python -m transition``: the same as the ``transition`` command."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess
    main()
