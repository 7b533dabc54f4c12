"""Starts the runner jar as a child process and connects to its admin API."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from typing import List, Optional, Sequence

from sftp_test_server.client import SftpServer

_ADMIN_LINE = re.compile(r"^Admin on (http://\S+) token (\S+)$", re.MULTILINE)


class Runner:
    """The runner jar in a child process: ``java -jar JAR --port 0 --admin-port 0 --quiet --user USER:PASSWORD``.

    Its output goes to a private temporary file (never a pipe nobody reads, which would block it once full); the
    admin URL and token are read from its ``Admin on ...`` line::

        runner = Runner("sftp-test-server-0.1.0-cli.jar")
        server = runner.start()
        ...
        runner.stop()

    :param jar: the ``-cli.jar``
    :param java: the java executable (default: ``$JAVA_HOME/bin/java``, else ``java`` on the PATH)
    :param args: further runner options, e.g. ``["--personality", "no-setstat"]``
    :param user: the user tests log in as
    :param password: that user's password
    :param startup_timeout: how long to wait for the runner to listen, in seconds
    """

    def __init__(self, jar: str, java: Optional[str] = None, args: Sequence[str] = (), user: str = "user",
                 password: str = "password", startup_timeout: float = 60.0) -> None:
        self.jar = jar
        self.java = java or _find_java()
        self.args = list(args)
        self.user = user
        self.password = password
        self.startup_timeout = startup_timeout
        self._process: Optional[subprocess.Popen] = None
        self._log_path: Optional[str] = None

    def command(self) -> List[str]:
        """The command line the runner is started with."""
        return [self.java, "-jar", self.jar, "--port", "0", "--admin-port", "0", "--quiet",
                "--user", f"{self.user}:{self.password}", *self.args]

    def start(self) -> SftpServer:
        """Starts the runner and returns the server once its admin API answers.

        :raises RuntimeError: when the jar is missing, or the runner exits or does not listen in time (with its
            output)
        """
        if not os.path.isfile(self.jar):
            raise RuntimeError(f"no runner jar at {os.path.abspath(self.jar)}: build it with `mvn -P cli package "
                               f"-pl sftp-test-server -am` (target/sftp-test-server-<version>-cli.jar)")
        handle, self._log_path = tempfile.mkstemp(prefix="sftp-test-server-", suffix=".log")
        with os.fdopen(handle, "wb") as log:
            self._process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.startup_timeout
        while True:
            output = self.output()
            match = _ADMIN_LINE.search(output)
            if match:
                return SftpServer(match.group(1), match.group(2), self.user, self.password)
            if self._process.poll() is not None:
                self.stop()
                raise RuntimeError(f"the runner exited with code {self._process.returncode} before it listened; "
                                   f"{' '.join(self.command())} printed:\n{output}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the runner did not print its Admin line within {self.startup_timeout} s; "
                                   f"it printed:\n{output}")
            time.sleep(0.02)  # polls the log file for the line; the runner needs ~0.5-2 s to start

    def output(self) -> str:
        """What the runner printed so far."""
        if not self._log_path or not os.path.exists(self._log_path):
            return ""
        with open(self._log_path, "rb") as log:
            return log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        """Stops the runner (SIGTERM, then SIGKILL after 10 s) and deletes its output file."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(10)
        if self._log_path and os.path.exists(self._log_path):
            os.remove(self._log_path)
            self._log_path = None


def _find_java() -> str:
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = os.path.join(home, "bin", "java")
        if os.path.isfile(candidate):
            return candidate
    found = shutil.which("java")
    if not found:
        raise RuntimeError("no java: set JAVA_HOME, put java on the PATH, or pass java=... (Java 17 or newer)")
    return found
