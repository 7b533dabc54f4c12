package io.sftptest.server.internal;

import java.util.List;

import org.apache.sshd.common.util.buffer.Buffer;

import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpStatus;

/**
 * The answer to one request as the {@link RequestPipeline} decided it: MINA's own encoded reply, or one the
 * server makes itself (a fault's status, a listener's answer, virtual mode). The pipeline's reply step encodes
 * it with {@link SftpCodec}, so every answer leaves by one path.
 */
sealed interface Reply {
    /**
     * The reply MINA wrote when it performed the request, left as MINA encoded it.
     *
     * @param packet the reply, positioned at its length
     */
    record Mina(Buffer packet) implements Reply {
    }

    /**
     * A status.
     *
     * @param status the status, before it is mapped to the client's version
     * @param message the message text
     * @param explicit whether a listener or fault chose the message, so that the builder's message for the
     *     status does not replace it
     */
    record Status(SftpStatus status, String message, boolean explicit) implements Reply {
    }

    /**
     * An open's handle.
     *
     * @param handle the handle
     */
    record Handle(String handle) implements Reply {
    }

    /**
     * A read's data.
     *
     * @param data the bytes
     * @param length how many of them are sent
     */
    record Data(byte[] data, int length) implements Reply {
    }

    /**
     * A stat's attributes.
     *
     * @param attributes the attributes
     */
    record Attributes(SftpFileAttributes attributes) implements Reply {
    }

    /**
     * Names that exist only in a listener's answer: a resolved path, or a chunk of a virtual listing.
     *
     * @param names the names
     * @param attributes their attributes, in the same order
     * @param endOfList whether the listing ends with these
     */
    record Names(List<String> names, List<SftpFileAttributes> attributes, boolean endOfList) implements Reply {
    }
}
