package io.sftptest.server;

import io.sftptest.server.event.SetAttributesEvent;

/**
 * What the attribute personalities do with {@code SETSTAT}, {@code FSETSTAT} and {@code lsetstat@openssh.com}: answer
 * a status before the server changes anything. An {@code OK} answered before the operation skips it: the client
 * hears success and nothing changes.
 */
final class AttributeChanges implements SftpServerListener {
    private final SftpStatus status;
    private final String message;

    private AttributeChanges(SftpStatus status, String message) {
        this.status = status;
        this.message = message;
    }

    /** Refuses every attribute change with a status and message. */
    static AttributeChanges refused(SftpStatus status, String message) {
        return new AttributeChanges(status, message);
    }

    /** Answers every attribute change OK and changes nothing. */
    static AttributeChanges ignored() {
        return new AttributeChanges(SftpStatus.OK, null);
    }

    @Override
    public void onSetAttributes(SetAttributesEvent e) {
        if (e.beforeExec()) {
            e.setStatusCode(status, message);
        }
    }
}
