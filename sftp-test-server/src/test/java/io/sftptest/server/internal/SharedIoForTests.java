package io.sftptest.server.internal;

import org.apache.sshd.common.io.IoServiceFactoryFactory;

/** Lets the tests' MINA clients use the servers' channel group, whose event threads never strand an event. */
public final class SharedIoForTests {
    private SharedIoForTests() {
    }

    /**
     * The servers' I/O services, for a client ({@code SshClient.setIoServiceFactoryFactory}).
     *
     * @return a factory of MINA NIO2 services on the shared group
     */
    public static IoServiceFactoryFactory serviceFactories() {
        return SharedIo.serviceFactories();
    }
}
