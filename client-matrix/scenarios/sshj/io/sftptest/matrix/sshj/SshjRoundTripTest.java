package io.sftptest.matrix.sshj;

import io.sftptest.matrix.MatrixClient;
import io.sftptest.matrix.RoundTripContract;

/** The round trip with this module's sshj. */
class SshjRoundTripTest extends RoundTripContract {
    @Override
    protected MatrixClient connect(String host, int port, String user, String password) throws Exception {
        return SshjClient.connect(host, port, user, password);
    }
}
