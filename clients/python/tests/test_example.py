"""The README's example: code under test that uploads with paramiko and retries, tested with one fault rule."""

import io

import paramiko


def upload_report(host, port, user, password, path, data, attempts=3):
    """The code under test: uploads a report, on a new connection per attempt; returns the attempts it took."""
    for attempt in range(1, attempts + 1):
        transport = paramiko.Transport((host, port))
        try:
            transport.connect(username=user, password=password)
            paramiko.SFTPClient.from_transport(transport).putfo(io.BytesIO(data), path)
            return attempt
        except IOError:
            if attempt == attempts:
                raise
        finally:
            transport.close()


# tag::pytest[]
def test_retries_when_the_first_upload_fails(sftp_server):
    rule = sftp_server.fault("OPEN /*.csv status=FAILURE once")

    attempts = upload_report(sftp_server.host, sftp_server.port, sftp_server.user, sftp_server.password,
                             "/report.csv", b"id,total\n1,42\n")

    assert attempts == 2
    assert rule.fired == 1
    assert sftp_server.read_file("/report.csv") == b"id,total\n1,42\n"
    opens = sftp_server.requests(operation="OPEN", path="/report.csv")
    assert [open_["status"] for open_ in opens] == ["FAILURE", "OK"]
# end::pytest[]
