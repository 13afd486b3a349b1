"""``cleanpress`` and ``python -m cleanpress``: the command line's entry point.

``cleanpress --version`` is answered here, before click and the commands are imported, so that
asking for the version costs no more than starting Python.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from cleanpress._version import __version__

        sys.stdout.write(f"cleanpress {__version__}\n")
        return 0
    from cleanpress.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
