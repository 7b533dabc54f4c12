"""The plugin against the runner jar, with paramiko as the client under test."""

import io
import os

import paramiko
import pytest

from sftp_test_server import AwaitTimeout, Runner, SftpServerError
from support import Client, in_background, wait_until


def test_fails_a_download_once_with_a_fault_added_by_the_test(sftp_server, client):
    sftp_server.put_file("/in/a.csv", "x,y\n")
    rule = sftp_server.fault("OPEN /in/*.csv status=PERMISSION_DENIED once")
    assert rule.fired == 0 and not rule.used

    with pytest.raises(PermissionError):
        client.sftp.open("/in/a.csv").read()
    assert client.sftp.open("/in/a.csv").read() == b"x,y\n"

    assert rule.fired == 1
    assert rule.code == 'on(OPEN).path("/in/*.csv").times(1) -> status(PERMISSION_DENIED)'


def test_a_removed_rule_no_longer_fires_and_keeps_its_last_count(sftp_server, client):
    rule = sftp_server.fault("STAT /probe status=FAILURE")
    with pytest.raises(IOError):
        client.sftp.stat("/probe")
    assert rule.remove() is True
    assert rule.remove() is False, "removing twice is fine"
    assert rule.fired == 1
    with pytest.raises(FileNotFoundError):
        client.sftp.stat("/probe")
    assert sftp_server.faults() == []


def test_a_rule_that_does_not_parse_raises_the_command_lines_message(sftp_server):
    with pytest.raises(SftpServerError) as refused:
        sftp_server.fault("OPEN /in status=NOPE")
    assert refused.value.status == 400
    assert refused.value.message.startswith('"OPEN /in status=NOPE": at 17: unknown status "NOPE": use one of OK,')
    assert sftp_server.faults() == []


def test_holds_an_upload_in_a_hang_rule_until_the_test_releases_it(sftp_server, client):
    client.sftp.mkdir("/out")
    # tag::hang[]
    rule = sftp_server.fault("WRITE /out/* hang")
    upload = in_background(lambda: client.sftp.putfo(io.BytesIO(b"id,total\n1,42\n"), "/out/report.csv"))

    assert rule.await_fired(1, timeout=30) == 1
    assert upload.is_alive(), "the upload is held"
    assert sftp_server.read_file("/out/report.csv") == b"", "opened, nothing written yet"
    assert sftp_server.requests(operation="CLOSE", path="/out/report.csv") == []

    rule.release()
    upload.join(30)
    assert not upload.is_alive() and upload.errors == []
    # end::hang[]
    assert sftp_server.read_file("/out/report.csv") == b"id,total\n1,42\n"
    assert sftp_server.await_file("/out/report.csv")["closeStatus"] == "OK"
    assert rule.fired == 1


def test_await_fired_times_out_with_the_count_reached(sftp_server, client):
    rule = sftp_server.fault("STAT /probe status=FAILURE")
    with pytest.raises(IOError):
        client.sftp.stat("/probe")
    assert rule.await_fired(timeout=0.05) == 1, "fired before the call: answers at once"
    with pytest.raises(AwaitTimeout) as timeout:
        rule.await_fired(2, timeout=0.05)
    assert timeout.value.fired == 1
    assert timeout.value.message.startswith(f"fault rule {rule.id} fired once, not 2 times, within 50 ms")
    assert any(" STAT /probe : FAILURE" in line for line in timeout.value.received)
    rule.remove()
    with pytest.raises(SftpServerError) as gone:
        rule.await_fired()
    assert gone.value.status == 404
    with pytest.raises(SftpServerError):
        rule.release()


def test_drops_the_connection_in_the_middle_of_an_upload(sftp_server, client):
    sftp_server.fault("WRITE /out/* disconnect once")
    client.sftp.mkdir("/out")
    with pytest.raises(paramiko.SSHException, match="Server connection dropped"):
        client.sftp.putfo(io.BytesIO(b"x" * 100_000), "/out/big.bin")
    writes = sftp_server.requests(operation="WRITE", path="/out/*")
    assert writes and writes[0]["fault"] == "disconnect()"


def test_records_every_request_with_the_keys_of_record_json(sftp_server, client):
    client.sftp.mkdir("/out")
    client.sftp.putfo(io.BytesIO(b"total\n42\n"), "/out/report.csv")

    writes = sftp_server.requests(operation="WRITE", path="/out/*.csv")
    assert [(w["op"], w["path"], w["bytes"], w["status"]) for w in writes] == [
        ("WRITE", "/out/report.csv", 9, "OK")]
    opens = sftp_server.requests(operation="OPEN,MKDIR", user=sftp_server.user)
    assert [r["op"] for r in opens] == ["MKDIR", "OPEN"]
    assert all(r["op"] not in ("CONNECT", "AUTH") for r in sftp_server.requests(connection_events=False))
    later = sftp_server.requests(since=writes[0]["seq"])
    assert later and all(r["seq"] > writes[0]["seq"] for r in later)
    assert any(" MKDIR /out " in line and line.endswith(" : OK") for line in sftp_server.summary())


def test_await_file_answers_once_the_upload_completed(sftp_server, client):
    client.sftp.mkdir("/out")
    upload = in_background(lambda: client.sftp.putfo(io.BytesIO(b"a,b\n"), "/out/late.csv"))
    done = sftp_server.await_file("/out/*.csv", timeout=30)
    upload.join(30)
    assert upload.errors == []
    assert done["path"] == "/out/late.csv"
    assert done["bytesWritten"] == 4 and done["closeStatus"] == "OK"
    assert sftp_server.read_file("/out/late.csv") == b"a,b\n"


def test_await_file_times_out_listing_what_the_server_received(sftp_server, client):
    client.sftp.mkdir("/in")
    with pytest.raises(AwaitTimeout) as timeout:
        sftp_server.await_file("/out/never.csv", timeout=0.05)
    assert isinstance(timeout.value, AssertionError)
    assert timeout.value.message.startswith("no completed upload of /out/never.csv within 50 ms")
    assert any(" MKDIR /in " in line for line in timeout.value.received)
    assert " MKDIR /in " in str(timeout.value)


def test_await_request_counts_only_requests_after_since(sftp_server, client):
    client.sftp.mkdir("/a")
    since = sftp_server.requests(operation="MKDIR")[-1]["seq"]
    waiting = in_background(lambda: (client.sftp.mkdir("/b"), client.sftp.mkdir("/c")))
    found = sftp_server.await_request(operation="MKDIR", since=since, count=2, timeout=30)
    waiting.join(30)
    assert [r["path"] for r in found] == ["/b", "/c"]


def test_puts_reads_lists_and_deletes_files(sftp_server, client):
    sftp_server.put_file("/in/data.bin", bytes(range(256)))
    sftp_server.put_file("/in/name with blanks.txt", "é")
    assert client.sftp.open("/in/data.bin").read() == bytes(range(256))
    client.sftp.putfo(io.BytesIO(b"up"), "/in/up.txt")
    assert sftp_server.read_text("/in/up.txt") == "up"
    assert sftp_server.read_text("/in/name with blanks.txt") == "é"
    assert [(e["name"], e["type"]) for e in sftp_server.list_dir("/in")] == [
        ("data.bin", "file"), ("name with blanks.txt", "file"), ("up.txt", "file")]
    assert sftp_server.delete_file("/in/up.txt") is True
    assert sftp_server.delete_file("/in/up.txt") is False
    with pytest.raises(SftpServerError) as missing:
        sftp_server.read_file("/in/up.txt")
    assert missing.value.status == 404
    assert missing.value.message == "no file /in/up.txt on the server; /in has data.bin, name with blanks.txt"
    with pytest.raises(SftpServerError) as traversal:
        sftp_server.read_file("/in/../etc/passwd")
    assert traversal.value.status == 400


def test_mkdir_creates_an_empty_directory_with_its_parents_once(sftp_server, client):
    assert sftp_server.mkdir("/out/new dir") is True
    assert sftp_server.mkdir("/out/new dir/") is False, "idempotent"
    assert client.sftp.listdir("/out/new dir") == []
    assert [(e["name"], e["type"]) for e in sftp_server.list_dir("/out")] == [("new dir", "directory")]
    client.sftp.putfo(io.BytesIO(b"x"), "/out/new dir/a.csv")
    assert sftp_server.mkdir("/out/new dir") is False
    assert sftp_server.read_file("/out/new dir/a.csv") == b"x"
    with pytest.raises(SftpServerError) as in_the_way:
        sftp_server.mkdir("/out/new dir/a.csv/sub")
    assert in_the_way.value.status == 409
    assert in_the_way.value.message == ("cannot create directory /out/new dir/a.csv/sub: /out/new dir/a.csv is a "
                                        "file, not a directory")


def test_disconnect_all_drops_the_clients_connection(sftp_server, client):
    connections = sftp_server.connections()
    assert [c["user"] for c in connections] == [sftp_server.user]
    assert sftp_server.disconnect_all() == 1
    wait_until(lambda: not client.transport.is_active())
    assert sftp_server.connections() == []
    other = Client(sftp_server)
    try:
        assert sftp_server.disconnect(sftp_server.connections()[0]["id"]) is True
        wait_until(lambda: not other.transport.is_active())
    finally:
        other.close()


def _inner_pytest(pytester, pytestconfig, monkeypatch, server):
    """Runs pytest in a child process on the files written into pytester, attached to this session's runner (or,
    with ``server=None``, to none)."""
    for variable in ("SFTP_TEST_SERVER_JAR", "SFTP_TEST_SERVER_ADMIN", "SFTP_TEST_SERVER_ADMIN_TOKEN",
                     "PYTEST_XDIST_WORKER"):
        monkeypatch.delenv(variable, raising=False)
    if server is not None:
        monkeypatch.setenv("SFTP_TEST_SERVER_ADMIN", server.admin_url)
        monkeypatch.setenv("SFTP_TEST_SERVER_ADMIN_TOKEN", server.admin_token)
    # installed, the plugin loads by its entry point; from a source tree it is named
    plugin = [] if pytestconfig.pluginmanager.has_plugin("sftp_test_server") else ["-p", "sftp_test_server.plugin"]
    return pytester.runpytest_subprocess(*plugin, "-p", "no:cacheprovider")


INNER_CLIENT = '''
import io
import paramiko

def connect(server):
    transport = paramiko.Transport((server.host, server.port))
    transport.connect(username=server.user, password=server.password)
    return transport, paramiko.SFTPClient.from_transport(transport)
'''


def test_resets_files_faults_connections_and_the_recording_between_tests(pytester, pytestconfig, monkeypatch,
                                                                            sftp_server_session):
    pytester.makepyfile(INNER_CLIENT + '''
def test_first(sftp_server):
    transport, sftp = connect(sftp_server)
    sftp.putfo(io.BytesIO(b"left behind"), "/left.txt")
    sftp_server.fault("OPEN status=FAILURE")
    # the connection stays open: the reset before the next test drops it

def test_second(sftp_server):
    assert sftp_server.list_dir("/") == []
    assert sftp_server.faults() == []
    assert sftp_server.connections() == []
    assert sftp_server.requests() == []
    transport, sftp = connect(sftp_server)
    sftp.putfo(io.BytesIO(b"fine"), "/left.txt")
    transport.close()
''')
    result = _inner_pytest(pytester, pytestconfig, monkeypatch, sftp_server_session)
    result.assert_outcomes(passed=2)


def test_a_failed_tests_report_shows_the_requests_the_server_received(pytester, pytestconfig, monkeypatch,
                                                                      sftp_server_session):
    pytester.makepyfile(INNER_CLIENT + '''
def test_download(sftp_server):
    transport, sftp = connect(sftp_server)
    sftp.putfo(io.BytesIO(b"1,2"), "/report.csv")
    try:
        sftp.open("/reports.csv").read()
    finally:
        transport.close()

def test_no_request(sftp_server):
    assert 1 == 2

def test_passes(sftp_server):
    pass
''')
    result = _inner_pytest(pytester, pytestconfig, monkeypatch, sftp_server_session)
    result.assert_outcomes(failed=2, passed=1)
    port = sftp_server_session.port
    result.stdout.re_match_lines([
        rf"_+ test_download _+",
        rf"-+ SFTP server sftp://127\.0\.0\.1:{port}/ -+",
        r"received 5 requests during this test:",
        r"    #\d+\.1 user OPEN /report\.csv \(write,create,truncate\) : OK",
        r"    #\d+\.2 user WRITE /report\.csv @0 3 bytes : OK",
        r"    #\d+\.3 user CLOSE /report\.csv : OK",
        r"    #\d+\.4 user STAT /report\.csv : OK",
        r"    #\d+\.5 user OPEN /reports\.csv \(read\) : NO_SUCH_FILE \(No such file or directory\)",
    ])
    result.stdout.re_match_lines([r"_+ test_no_request _+", rf"-+ SFTP server sftp://127\.0\.0\.1:{port}/ -+",
                                  r"received no SFTP request during this test"])
    assert result.stdout.str().count("SFTP server sftp://") == 2, "a passing test shows nothing"


def test_shows_only_the_last_requests_when_configured(pytester, pytestconfig, monkeypatch, sftp_server_session):
    pytester.makeini("[pytest]\nsftp_server_requests_on_failure = 2\n")
    pytester.makepyfile(INNER_CLIENT + '''
def test_many(sftp_server):
    transport, sftp = connect(sftp_server)
    for name in "abcde":
        sftp.mkdir("/" + name)
    transport.close()
    assert False
''')
    result = _inner_pytest(pytester, pytestconfig, monkeypatch, sftp_server_session)
    result.assert_outcomes(failed=1)
    result.stdout.re_match_lines([r"received 5 requests during this test, the last 2:",
                                  r"    #\d+\.4 user MKDIR /d .*: OK", r"    #\d+\.5 user MKDIR /e .*: OK"])


def test_says_how_to_get_a_runner_when_none_is_configured(pytester, pytestconfig, monkeypatch):
    pytester.makepyfile("def test_needs_it(sftp_server):\n    pass\n")
    result = _inner_pytest(pytester, pytestconfig, monkeypatch, None)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*sftp_server needs the runner: pass --sftp-server-jar PATH*"])


def test_a_runner_that_cannot_start_says_why():
    jar = os.environ.get("SFTP_TEST_SERVER_JAR")
    if not jar:
        pytest.skip("needs the runner jar in $SFTP_TEST_SERVER_JAR")
    runner = Runner(jar, args=["--personality", "read-only"])
    with pytest.raises(RuntimeError) as failed:
        runner.start()
    assert "the runner exited with code 2 before it listened" in str(failed.value)
    assert 'unknown personality "read-only"' in str(failed.value)
