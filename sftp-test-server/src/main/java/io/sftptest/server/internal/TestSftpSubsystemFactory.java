package io.sftptest.server.internal;

import java.io.IOException;

import org.apache.sshd.common.util.GenericUtils;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** Creates {@link TestSftpSubsystem}s, MINA's SFTP subsystem with this server's additions. */
public final class TestSftpSubsystemFactory extends SftpSubsystemFactory {
    private final ServerContext context;

    /**
     * Creates the factory.
     *
     * @param context the server's shared state
     */
    public TestSftpSubsystemFactory(ServerContext context) {
        this.context = context;
        setErrorStatusDataHandler(FileStateException.MESSAGES);
    }

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
        TestSftpSubsystem subsystem = new TestSftpSubsystem(channel, this, context);
        GenericUtils.forEach(getRegisteredListeners(), subsystem::addSftpEventListener);
        return subsystem;
    }
}
