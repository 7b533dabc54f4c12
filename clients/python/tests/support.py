"""Helpers of the plugin's tests."""

import threading
import time

import paramiko


class Client:
    """A paramiko SFTP session as the fixture's user."""

    def __init__(self, server):
        self.transport = paramiko.Transport((server.host, server.port))
        self.transport.connect(username=server.user, password=server.password)
        self.sftp = paramiko.SFTPClient.from_transport(self.transport)

    def close(self):
        self.sftp.close()
        self.transport.close()


def wait_until(condition, timeout=10.0):
    """Polls a condition until it holds; fails after the timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the condition"
        time.sleep(0.01)


def in_background(action):
    """Runs an action on a daemon thread; the thread's ``errors`` list holds what the action raised."""
    errors = []

    def run():
        try:
            action()
        except BaseException as e:  # reported by the test through errors
            errors.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.errors = errors
    thread.start()
    return thread
