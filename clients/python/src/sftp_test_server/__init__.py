"""Drive an sftp-test-server runner from Python tests.

The runner (``sftp-test-server-<version>-cli.jar``) is a real SFTP server on an in-memory filesystem. Started with
``--admin-port``, it takes per-test fault rules, resets, files and awaits over a small HTTP/JSON API; this package
wraps that API (:class:`SftpServer`), starts the runner (:class:`Runner`), and registers the pytest fixture
``sftp_server`` (see :mod:`sftp_test_server.plugin`). Standard library only.
"""

from sftp_test_server.client import AwaitTimeout, FaultRule, SftpServer, SftpServerError
from sftp_test_server.runner import Runner

__all__ = ["AwaitTimeout", "FaultRule", "Runner", "SftpServer", "SftpServerError"]
