"""cleanpress never touches the network and never writes to the home directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SEED, SEED_CLEAN

GUARD = r"""
import socket, sys
opened = []
def refuse(*args, **kwargs):
    opened.append(args)
    raise OSError("network access attempted")
# Creating a socket is not network access (urllib3 probes for IPv6 at import); reaching out is.
for name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, name, refuse)
socket.create_connection = refuse
socket.getaddrinfo = refuse
import cleanpress
text = open(sys.argv[1], encoding="utf-8", newline="").read()
out = cleanpress.clean(text).text
expected = open(sys.argv[2], encoding="utf-8", newline="").read()
assert out == expected, "seed not cleaned"
cleanpress.clean("See https://unknown-host.example.co.uk/a and www.bbc.co.uk/news now.")
sys.exit(3 if opened else 0)
"""


def test_no_socket_and_nothing_written_to_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    env.pop("TLDEXTRACT_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", GUARD, str(SEED), str(SEED_CLEAN)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == []
