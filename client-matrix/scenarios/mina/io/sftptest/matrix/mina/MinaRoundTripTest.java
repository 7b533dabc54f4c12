package io.sftptest.matrix.mina;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.junit.jupiter.api.Test;

import io.sftptest.matrix.MatrixClient;
import io.sftptest.matrix.RoundTripContract;

/** The round trip with this module's MINA SSHD client: at the version it negotiates, and at SFTP v3. */
class MinaRoundTripTest extends RoundTripContract {
    @Override
    protected MatrixClient connect(String host, int port, String user, String password) throws Exception {
        return MinaClient.connect(host, port, user, password, SftpVersionSelector.CURRENT);
    }

    @Override
    protected MatrixClient connectSftpV3(String host, int port, String user, String password) throws Exception {
        return MinaClient.connect(host, port, user, password, SftpVersionSelector.fixedVersionSelector(3));
    }

    @Test
    void negotiatesSftpV6ByDefault() throws Exception {
        try (MatrixClient client = connect(runner().host(), runner().port(), USER, PASSWORD)) {
            assertThat(client.sftpVersion()).isEqualTo(6);
        }
    }
}
