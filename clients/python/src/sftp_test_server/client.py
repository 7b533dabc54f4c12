"""The runner's admin API as Python calls: :class:`SftpServer`, its fault rules and its errors."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Optional, Tuple, Union

# Requests other than awaits get an answer at once; this only bounds a runner that hangs.
_HTTP_TIMEOUT = 60.0

# A proxy from the environment (HTTP_PROXY) must never see loopback calls that carry the token.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class SftpServerError(Exception):
    """A call the admin API refused: ``status`` is the HTTP status, ``message`` the API's one-line explanation."""

    def __init__(self, status: int, message: str, method: str = "", path: str = "") -> None:
        super().__init__(f"{method} {path}: {status}: {message}" if method else f"{status}: {message}")
        self.status = status
        self.message = message


class AwaitTimeout(SftpServerError, AssertionError):
    """An await whose time was up; ``received`` lists the last requests the server received, as summary lines, and
    ``fired`` is the count a fault rule reached (:meth:`FaultRule.await_fired`; None for other awaits)."""

    def __init__(self, message: str, received: List[str], fired: Optional[int] = None) -> None:
        SftpServerError.__init__(self, 408, message)
        self.received = received
        self.fired = fired

    def __str__(self) -> str:
        lines = [self.message] + ["    " + line for line in self.received]
        return "\n".join(lines)


class FaultRule:
    """One fault rule added with :meth:`SftpServer.fault`; ``fired`` asks the server how often it fired.

    A ``hang`` rule holds the requests it fires on until the test releases them::

        rule = sftp_server.fault("WRITE /out/* hang once")
        ...                      # the code under test starts an upload in another thread
        rule.await_fired()       # the upload's first write is held now
        ...                      # look at what the code under test does meanwhile
        rule.release()           # the write goes on
    """

    def __init__(self, server: "SftpServer", data: Dict[str, Any]) -> None:
        self._server = server
        self.id: int = data["id"]
        self.rule: str = data["rule"]
        self.code: str = data["code"]
        self.origin: str = data["origin"]
        self._fired: int = data["fired"]
        self._removed = False

    @property
    def fired(self) -> int:
        """How often the rule fired so far; after :meth:`remove` (or a reset), the last count known."""
        if not self._removed:
            try:
                self._fired = self._server._call("GET", f"/faults/{self.id}")["fired"]
            except SftpServerError as e:
                if e.status != 404:
                    raise
                self._removed = True
        return self._fired

    @property
    def used(self) -> bool:
        """Whether the rule fired at least once."""
        return self.fired > 0

    def await_fired(self, n: int = 1, timeout: float = 10.0) -> int:
        """Waits until the rule fired at least ``n`` times (those before the call count), e.g. until a request is
        held by a ``hang`` rule; returns the count.

        Raises :class:`AwaitTimeout` (an ``AssertionError``; ``fired`` is the count reached, ``received`` what the
        server received) when the time is up, and :class:`SftpServerError` (404) when the rule is removed, also while
        waiting (by :meth:`remove`, :meth:`SftpServer.clear_faults` or a reset).
        """
        answer = self._server._call("POST", f"/faults/{self.id}/await",
                                    {"fired": int(n), "timeoutMs": _milliseconds(timeout)},
                                    timeout=timeout + _HTTP_TIMEOUT)
        self._fired = answer["fired"]
        return self._fired

    def release(self) -> None:
        """Lets every request the rule holds (``hang``) and every connection it holds (``stallKeyExchange``) go on.
        Requests that fire the rule later are held again: :meth:`remove` it to stop that."""
        self._fired = self._server._call("POST", f"/faults/{self.id}/release")["fired"]

    def remove(self) -> bool:
        """Removes the rule; returns whether it was still there (removing twice is fine)."""
        answer = self._server._call("DELETE", f"/faults/{self.id}")
        self._removed = True
        if answer["removed"]:
            self._fired = answer["fired"]
        return bool(answer["removed"])

    def __repr__(self) -> str:
        return f"FaultRule(id={self.id}, rule={self.rule!r}, fired={self._fired})"


class SftpServer:
    """A running sftp-test-server, driven over its admin API.

    ``host``, ``port``, ``user`` and ``password`` are what an SFTP client connects with::

        transport = paramiko.Transport((server.host, server.port))
        transport.connect(username=server.user, password=server.password)

    :param admin_url: the API's base URL, as the runner printed it: ``http://127.0.0.1:PORT/``
    :param token: the token the runner printed (or was given)
    :param user: the user tests log in as (one of the runner's ``--user`` options)
    :param password: that user's password
    """

    def __init__(self, admin_url: str, token: str, user: str = "user", password: str = "password") -> None:
        self.admin_url = admin_url.rstrip("/") + "/"
        self._token = token
        self.user = user
        self.password = password
        info = self._call("GET", "/")
        self.uri: str = info["sftp"]
        self.host: str = info["host"]
        self.port: int = info["port"]
        self.users: List[str] = info["users"]
        self.host_key_fingerprint: str = info["hostKey"]["fingerprint"]
        self.known_hosts_line: str = info["hostKey"]["knownHostsLine"]

    @property
    def admin_token(self) -> str:
        """The admin API's token, e.g. to hand to a child process that attaches to the same runner."""
        return self._token

    # ------------------------------------------------------------------ faults

    def fault(self, rule: str) -> FaultRule:
        """Adds a fault rule in the runner's ``--fault`` grammar, e.g. ``OPEN /in/*.csv status=FAILURE once``.

        Rules added here are tried before those given at start, and go away with :meth:`reset`. A rule that does not
        parse raises :class:`SftpServerError` with the position and what was expected.
        """
        return FaultRule(self, self._call("POST", "/faults", {"rule": rule}))

    def faults(self) -> List[FaultRule]:
        """The rules the server has, in the order it tries them, with their counts."""
        return [FaultRule(self, data) for data in self._call("GET", "/faults")["faults"]]

    def clear_faults(self) -> int:
        """Removes every rule (those given at start too, until the next reset); returns how many."""
        return self._call("DELETE", "/faults")["removed"]

    def reset(self) -> None:
        """Back to the state the runner started with: connections dropped, files re-created, recording cleared,
        the rules added here removed and those given at start re-created."""
        self._call("POST", "/reset")

    # ------------------------------------------------------------------ files

    def put_file(self, path: str, content: Union[bytes, str], encoding: str = "utf-8") -> None:
        """Writes a file on the server, creating its directories; text is encoded with ``encoding``."""
        data = content.encode(encoding) if isinstance(content, str) else bytes(content)
        self._call("PUT", _files(path), data)

    def read_file(self, path: str) -> bytes:
        """Returns a file's bytes; a missing file raises :class:`SftpServerError` (404) naming what is there."""
        return self._call("GET", _files(path), raw=True)

    def read_text(self, path: str, encoding: str = "utf-8") -> str:
        """Returns a file's text."""
        return self.read_file(path).decode(encoding)

    def delete_file(self, path: str) -> bool:
        """Deletes a file, or a directory with everything below it; returns whether it existed."""
        return self._call("DELETE", _files(path))["deleted"]

    def mkdir(self, path: str) -> bool:
        """Creates a directory and its missing parents (as ``mkdir -p``); returns whether it was created (False when
        it was there). A file in the way raises :class:`SftpServerError` (409)."""
        return self._call("PUT", _files(path).rstrip("/") + "/")["created"]

    def list_dir(self, path: str = "/") -> List[Dict[str, Any]]:
        """Lists a directory: one dict per entry with ``name``, ``type`` (file, directory, link) and ``size``."""
        return self._call("GET", _files(path) + "?list")["entries"]

    # ------------------------------------------------------------------ recording

    def requests(self, operation: Optional[str] = None, path: Optional[str] = None, user: Optional[str] = None,
                 since: Optional[int] = None, status: Optional[str] = None, connection: Optional[int] = None,
                 connection_events: bool = True) -> List[Dict[str, Any]]:
        """The requests the server received since the last reset, oldest first, as dicts with the keys of the
        runner's ``--record-json`` lines (``seq``, ``op``, ``path``, ``status``, ``bytes``, ...).

        :param operation: e.g. ``"OPEN"`` or ``"OPEN,WRITE"``
        :param path: a path or glob, e.g. ``"/out/*.csv"``
        :param since: only requests whose ``seq`` is greater
        :param connection_events: False leaves out CONNECT, AUTH and DISCONNECT
        """
        query = _query(operation=operation, path=path, user=user, since=since, status=status, connection=connection,
                       connectionEvents=None if connection_events else "false")
        text = self._call("GET", "/recording" + query, raw=True).decode("utf-8")
        return [json.loads(line) for line in text.splitlines() if line]

    def summary(self, last: Optional[int] = None, connection_events: bool = False) -> List[str]:
        """The requests as the runner prints them, e.g. ``#1.3 alice OPEN /in/a.csv (read) : OK``; ``last`` keeps
        only the last ones."""
        return self._summary(last, connection_events)[1]

    def _summary(self, last: Optional[int], connection_events: bool) -> Tuple[int, List[str]]:
        query = _query(last=last, connectionEvents=None if connection_events else "false", format="summary")
        headers, content = self._http("GET", "/recording" + query, None, _HTTP_TIMEOUT)
        lines = content.decode("utf-8").splitlines()
        return int(headers.get("Sftp-Recording-Matched", len(lines))), lines

    def await_file(self, path: str, timeout: float = 10.0) -> Dict[str, Any]:
        """Waits until an upload of ``path`` (or a glob) completed: opened for writing, closed with OK.

        Returns the upload's summary (``path``, ``user``, ``bytesWritten``, ``writes``, ...); raises
        :class:`AwaitTimeout`, listing what the server received, when none completed in time.
        """
        return self._await({"file": path}, timeout)["file"]

    def await_request(self, operation: Optional[str] = None, path: Optional[str] = None,
                      user: Optional[str] = None, since: Optional[int] = None, count: int = 1,
                      timeout: float = 10.0) -> List[Dict[str, Any]]:
        """Waits until ``count`` requests match (those already received count); returns the first ``count``."""
        body = {k: v for k, v in {"operation": operation, "path": path, "user": user, "since": since}.items()
                if v is not None}
        body["count"] = count
        return self._await(body, timeout)["requests"]

    def _await(self, body: Dict[str, Any], timeout: float) -> Dict[str, Any]:
        body["timeoutMs"] = _milliseconds(timeout)
        return self._call("POST", "/recording/await", body, timeout=timeout + _HTTP_TIMEOUT)

    # ------------------------------------------------------------------ connections

    def connections(self) -> List[Dict[str, Any]]:
        """The open SSH connections: ``id``, ``user``, ``remoteAddress``, ``authenticated``, ``connectedAt``."""
        return self._call("GET", "/connections")["connections"]

    def disconnect(self, connection_id: int) -> bool:
        """Drops one connection; returns whether it was open."""
        return self._call("DELETE", f"/connections/{int(connection_id)}")["disconnected"]

    def disconnect_all(self) -> int:
        """Drops every open connection; returns how many."""
        return self._call("DELETE", "/connections")["disconnected"]

    # ------------------------------------------------------------------ HTTP

    def _call(self, method: str, path: str, body: Union[None, bytes, Dict[str, Any]] = None, raw: bool = False,
              timeout: float = _HTTP_TIMEOUT) -> Any:
        content = self._http(method, path, body, timeout)[1]
        return content if raw else json.loads(content)

    def _http(self, method: str, path: str, body: Union[None, bytes, Dict[str, Any]],
              timeout: float) -> Tuple[Any, bytes]:
        data = json.dumps(body).encode("utf-8") if isinstance(body, dict) else body
        request = urllib.request.Request(self.admin_url + path.lstrip("/"), data=data, method=method)
        request.add_header("Authorization", "Bearer " + self._token)
        if isinstance(body, dict):
            request.add_header("Content-Type", "application/json")
        elif data is not None:
            request.add_header("Content-Type", "application/octet-stream")
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return response.headers, response.read()
        except urllib.error.HTTPError as e:
            raise _error(e, method, path) from None
        except urllib.error.URLError as e:
            raise SftpServerError(0, f"cannot reach the runner's admin API at {self.admin_url}: {e.reason}",
                                  method, path) from None

    def __repr__(self) -> str:
        return f"SftpServer({self.uri}, admin {self.admin_url})"


def _milliseconds(timeout: float) -> int:
    return max(1, int(timeout * 1000))


def _files(path: str) -> str:
    return "/files/" + urllib.parse.quote(path.lstrip("/"), safe="/")


def _query(**parameters: Any) -> str:
    given = {name: value for name, value in parameters.items() if value is not None}
    return "?" + urllib.parse.urlencode(given) if given else ""


def _error(e: urllib.error.HTTPError, method: str, path: str) -> SftpServerError:
    text = e.read().decode("utf-8", "replace")
    try:
        answer = json.loads(text)
    except ValueError:
        return SftpServerError(e.code, text.strip() or e.reason, method, path)
    if e.code == 408:
        return AwaitTimeout(answer.get("error", ""), answer.get("received", []), answer.get("fired"))
    return SftpServerError(e.code, answer.get("error", text), method, path)
