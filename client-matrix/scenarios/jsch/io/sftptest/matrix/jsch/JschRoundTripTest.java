package io.sftptest.matrix.jsch;

import io.sftptest.matrix.MatrixClient;
import io.sftptest.matrix.RoundTripContract;

/** The round trip with this module's JSch. */
class JschRoundTripTest extends RoundTripContract {
    @Override
    protected MatrixClient connect(String host, int port, String user, String password) throws Exception {
        return JschClient.connect(host, port, user, password);
    }
}
