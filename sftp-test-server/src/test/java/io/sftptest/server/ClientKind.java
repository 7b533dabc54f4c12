package io.sftptest.server;

/** The Java SFTP client libraries the server is tested with. */
enum ClientKind {
    MINA, JSCH, SSHJ;

    /** Connects as a user with a password to the server's address. */
    InteropClient connect(SftpTestServer server, String user, String password) {
        return connect(server.host(), server.port(), user, password);
    }

    /** Connects as a user with a password to an address. */
    InteropClient connect(String host, int port, String user, String password) {
        return switch (this) {
            case MINA -> MinaClient.connect(host, port, user, password);
            case JSCH -> JschClient.connect(host, port, user, password);
            case SSHJ -> SshjClient.connect(host, port, user, password);
        };
    }
}
