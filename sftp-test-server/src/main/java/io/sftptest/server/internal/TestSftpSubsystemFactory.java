package io.sftptest.server.internal;

import java.io.IOException;

import org.apache.sshd.common.util.GenericUtils;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Creates {@link TestSftpSubsystem}s, MINA's SFTP subsystem with this server's additions, including the real servers'
 * behaviours MINA lacks: case-only renames on a case-insensitive filesystem ({@link CaseChangingRename}) and, when
 * the server is set to ({@link ServerContext#noSuchPath()}), {@code NO_SUCH_PATH} for a missing directory
 * ({@link MissingDirectoryStatus}).
 */
final class TestSftpSubsystemFactory extends SftpSubsystemFactory {
    private final ServerContext context;

    /**
     * Creates the factory.
     *
     * @param context the server's shared state
     */
    public TestSftpSubsystemFactory(ServerContext context) {
        this.context = context;
        setFileSystemAccessor(new CaseChangingRename());
        setErrorStatusDataHandler(FileStateException.keepingMessages(
                context.noSuchPath() ? new MissingDirectoryStatus() : SftpErrorStatusDataHandler.DEFAULT));
    }

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
        TestSftpSubsystem subsystem = new TestSftpSubsystem(channel, this, context);
        GenericUtils.forEach(getRegisteredListeners(), subsystem::addSftpEventListener);
        return subsystem;
    }
}
