"""The plugin's tests: a paramiko client against the runner jar the build made (``$SFTP_TEST_SERVER_JAR``).

The plugin itself is loaded from its installation (the ``pytest11`` entry point), as users get it; from a source tree
run ``PYTHONPATH=clients/python/src python3 -m pytest -p sftp_test_server.plugin clients/python/tests``.
"""

import pytest

from support import Client

pytest_plugins = ["pytester"]


@pytest.fixture
def client(sftp_server):
    """A paramiko SFTP session to the test's (freshly reset) server."""
    connected = Client(sftp_server)
    yield connected
    connected.close()
