"""A small TCP proxy a test owns, to cut and restore a connection to a real server.

The database outage test routes Django's connection through it, so it can take the database
away from the site without ever stopping the shared PostgreSQL server.
"""

import contextlib
import selectors
import socket
import threading


class TCPProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = None
        self._listener = None
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = None

    def start(self) -> "TCPProxy":
        self._open_listener()
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def cut(self) -> None:
        """Drop every connection and refuse new ones, as if the database host went away."""
        self._stopping.set()
        self._thread.join(timeout=5)
        with self._lock:
            for client, upstream in self._pairs:
                for end in (client, upstream):
                    end.close()
            self._pairs.clear()
        self._listener.close()

    def restore(self) -> None:
        """Accept connections again, on the same port."""
        self.start()

    def stop(self) -> None:
        if not self._stopping.is_set():
            self.cut()

    def _open_listener(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(16)
        listener.setblocking(False)
        self.port = listener.getsockname()[1]
        self._listener = listener

    def _run(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self._listener, selectors.EVENT_READ, None)
        peers: dict[socket.socket, socket.socket] = {}
        try:
            while not self._stopping.is_set():
                for key, _ in selector.select(timeout=0.05):
                    if key.fileobj is self._listener:
                        self._accept(selector, peers)
                    else:
                        self._pump(key.fileobj, selector, peers)
        finally:
            selector.close()

    def _accept(self, selector, peers) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        upstream = socket.create_connection(self.target, timeout=5)
        for end in (client, upstream):
            end.setblocking(False)
            selector.register(end, selectors.EVENT_READ, None)
        peers[client], peers[upstream] = upstream, client
        with self._lock:
            self._pairs.append((client, upstream))

    def _pump(self, source, selector, peers) -> None:
        destination = peers.get(source)
        try:
            data = source.recv(65536)
        except OSError:
            data = b""
        if data and destination is not None:
            try:
                destination.setblocking(True)
                destination.sendall(data)
                destination.setblocking(False)
                return
            except OSError:
                pass
        for end in (source, destination):
            if end is None:
                continue
            with contextlib.suppress(KeyError, ValueError):
                selector.unregister(end)
            peers.pop(end, None)
            end.close()
