from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "000_b6446a1b2c005969.txt"
SEED_CLEAN = FIXTURES / "000_b6446a1b2c005969.clean.txt"


@pytest.fixture(scope="session")
def cleaner():  # type: ignore[no-untyped-def]
    import cleanpress

    return cleanpress.Cleaner()


def read_exact(path: Path) -> str:
    """A fixture as stored: bytes decoded without newline translation."""
    return path.read_bytes().decode("utf-8")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- no network: any test that opens an internet socket fails ---------------------------------------
# cleanpress never touches the network (README, "Offline by design"). In every test, creating an
# IPv4/IPv6 socket or resolving a name raises; Unix sockets and pipes (multiprocessing, subprocess)
# are local and allowed. Tests marked ``dask`` run a LocalCluster that talks over loopback TCP:
# for them only loopback addresses may be reached. Child processes are guarded by
# tests/test_hardening_offline.py and tests/test_network.py.
_INTERNET = (socket.AF_INET, socket.AF_INET6)
_REAL_SOCKET = socket.socket


class NetworkAccess(OSError):
    """Raised by the test guard instead of opening a network connection."""


class _NoInternetSocket(_REAL_SOCKET):
    def __init__(self, family: Any = -1, type: Any = -1, proto: Any = -1, fileno: Any = None) -> None:
        if fileno is None and (socket.AF_INET if family == -1 else family) in _INTERNET:
            raise NetworkAccess(f"a test opened an internet socket (family {family})")
        super().__init__(family, type, proto, fileno)


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return True  # a Unix socket path as bytes
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return "/" in host  # a Unix socket path


class _LoopbackOnlySocket(_REAL_SOCKET):
    def connect(self, address: Any) -> None:
        if not _is_loopback(address):
            raise NetworkAccess(f"a test connected to {address!r}")
        super().connect(address)

    def connect_ex(self, address: Any) -> int:
        if not _is_loopback(address):
            raise NetworkAccess(f"a test connected to {address!r}")
        return super().connect_ex(address)


def _refuse_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
    raise NetworkAccess(f"a test resolved the host name {host!r}")


_REAL_GETADDRINFO = socket.getaddrinfo


def _loopback_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
    if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()):
        raise NetworkAccess(f"a test resolved the host name {host!r}")
    return _REAL_GETADDRINFO(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest) -> Iterator[None]:
    loopback = request.node.get_closest_marker("dask") is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "socket", _LoopbackOnlySocket if loopback else _NoInternetSocket)
        patch.setattr(socket, "getaddrinfo", _loopback_lookup if loopback else _refuse_lookup)
        patch.setattr(socket, "gethostbyname", _loopback_lookup if loopback else _refuse_lookup)
        yield
