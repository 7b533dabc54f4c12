package io.sftptest.server.internal.probe;

import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFile.Answer;

/** Status codes in words, for the report and for messages. */
final class Statuses {
    private Statuses() {
    }

    /**
     * Names a status code after the protocol.
     *
     * @param code an {@code SSH_FX_*} code
     * @return e.g. {@code PERMISSION_DENIED}, or the number for a code no draft defines
     */
    static String name(int code) {
        return PersonalityFile.statusName(code);
    }

    /**
     * Describes an answer.
     *
     * @param answer the answer
     * @return e.g. {@code FAILURE "Failure"}, or {@code OK}
     */
    static String describe(Answer answer) {
        if (answer.isOk()) {
            return "OK";
        }
        return name(answer.status()) + (answer.message() == null ? "" : " \"" + answer.message() + "\"");
    }
}
