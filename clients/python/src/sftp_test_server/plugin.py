"""The pytest plugin: the ``sftp_server`` fixture and the requests a failed test's report shows.

``sftp_server`` is an :class:`~sftp_test_server.SftpServer`, reset before each test::

    def test_upload_retries(sftp_server):
        rule = sftp_server.fault("WRITE status=FAILURE once")
        upload(sftp_server.host, sftp_server.port, sftp_server.user, sftp_server.password, "/out/a.csv")
        sftp_server.await_file("/out/a.csv")
        assert rule.fired == 1

The session starts one runner (``--sftp-server-jar``, ini ``sftp_server_jar`` or ``$SFTP_TEST_SERVER_JAR``), or
attaches to a running one (``--sftp-server-admin URL`` or ``$SFTP_TEST_SERVER_ADMIN``, with the token in
``$SFTP_TEST_SERVER_ADMIN_TOKEN``). Under pytest-xdist each worker starts its own runner.
"""

from __future__ import annotations

import os
import shlex
from typing import Iterator, Optional

import pytest

from sftp_test_server.client import SftpServer, SftpServerError
from sftp_test_server.runner import Runner

_SERVER = pytest.StashKey[SftpServer]()
_REPORTED = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sftp-test-server")
    group.addoption("--sftp-server-jar", help="the runner's -cli.jar to start for the session "
                    "(default: ini sftp_server_jar, else $SFTP_TEST_SERVER_JAR)")
    group.addoption("--sftp-server-admin", help="attach to a running runner's admin API, e.g. "
                    "http://127.0.0.1:8080/, instead of starting one; the token comes from "
                    "$SFTP_TEST_SERVER_ADMIN_TOKEN (default: $SFTP_TEST_SERVER_ADMIN)")
    group.addoption("--sftp-server-user", help="NAME:PASSWORD the tests log in with (default: ini "
                    "sftp_server_user, else user:password)")
    parser.addini("sftp_server_jar", "the runner's -cli.jar to start for the session")
    parser.addini("sftp_server_args", "further runner options, e.g. --personality no-setstat")
    parser.addini("sftp_server_user", "NAME:PASSWORD the tests log in with", default="user:password")
    parser.addini("sftp_server_java", "the java executable (default: $JAVA_HOME/bin/java, else java on the PATH)")
    parser.addini("sftp_server_requests_on_failure", "how many of the last requests a failed test's report shows; "
                  "0: none", default="20")


def _setting(config: pytest.Config, option: str, ini: str, variable: Optional[str]) -> Optional[str]:
    value = config.getoption(option)
    if not value and variable:
        value = os.environ.get(variable)
    if not value and ini:
        value = config.getini(ini)
    return value or None


@pytest.fixture(scope="session")
def sftp_server_session(request: pytest.FixtureRequest) -> Iterator[SftpServer]:
    """The session's server, not reset between tests: for fixtures of a wider scope than a test."""
    config = request.config
    user, _, password = (_setting(config, "sftp_server_user", "sftp_server_user", None) or "user:password") \
        .partition(":")
    admin = _setting(config, "sftp_server_admin", "", "SFTP_TEST_SERVER_ADMIN")
    if admin:
        if os.environ.get("PYTEST_XDIST_WORKER"):
            raise pytest.UsageError("several pytest-xdist workers attached to one runner would reset it under each "
                                    "other's tests: let each worker start its own (--sftp-server-jar) instead of "
                                    "--sftp-server-admin / $SFTP_TEST_SERVER_ADMIN")
        token = os.environ.get("SFTP_TEST_SERVER_ADMIN_TOKEN")
        if not token:
            raise pytest.UsageError("attaching to the runner at " + admin + " needs its token in "
                                    "$SFTP_TEST_SERVER_ADMIN_TOKEN (the runner printed it: Admin on ... token TOKEN)")
        yield SftpServer(admin, token, user, password)
        return
    jar = _setting(config, "sftp_server_jar", "sftp_server_jar", "SFTP_TEST_SERVER_JAR")
    if jar and not config.getoption("sftp_server_jar") and not os.environ.get("SFTP_TEST_SERVER_JAR") \
            and config.inipath is not None:
        jar = str(config.inipath.parent / jar)  # an ini path is relative to the ini file
    if not jar:
        raise pytest.UsageError("sftp_server needs the runner: pass --sftp-server-jar PATH (or set "
                                "$SFTP_TEST_SERVER_JAR, or ini sftp_server_jar) to the sftp-test-server-<version>-"
                                "cli.jar that `mvn -P cli package` builds; or attach to a running one with "
                                "--sftp-server-admin URL and $SFTP_TEST_SERVER_ADMIN_TOKEN")
    runner = Runner(jar, java=config.getini("sftp_server_java") or None,
                    args=shlex.split(config.getini("sftp_server_args") or ""), user=user, password=password)
    server = runner.start()
    try:
        yield server
    finally:
        runner.stop()


@pytest.fixture
def sftp_server(sftp_server_session: SftpServer, request: pytest.FixtureRequest) -> SftpServer:
    """The session's server, reset before the test: no file, rule, connection or request of an earlier test."""
    sftp_server_session.reset()
    request.node.stash[_SERVER] = sftp_server_session
    return sftp_server_session


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    server = item.stash.get(_SERVER, None)
    if not report.failed or server is None or item.stash.get(_REPORTED, False):
        return
    shown = int(item.config.getini("sftp_server_requests_on_failure"))
    if shown <= 0:
        return
    item.stash[_REPORTED] = True
    report.sections.append((f"SFTP server {server.uri}", _describe(server, shown)))


def _describe(server: SftpServer, shown: int) -> str:
    """What the server received during the test, as the JUnit extension shows it."""
    try:
        total, last = server._summary(shown, connection_events=False)
    except (SftpServerError, OSError) as e:
        return f"cannot read the recording: {e}"
    if total == 0:
        return "received no SFTP request during this test"
    head = f"received {total} {'request' if total == 1 else 'requests'} during this test"
    head += f", the last {len(last)}:" if total > len(last) else ":"
    return "\n".join([head] + ["    " + line for line in last])
