package io.sftptest.server.internal.personality;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Change;
import io.sftptest.server.internal.personality.PersonalityFile.Extension;
import io.sftptest.server.internal.personality.PersonalityFile.Sizes;
import io.sftptest.server.internal.personality.PersonalityFile.Ssh;

/**
 * Writes a personality file as indented JSON, in the order docs/PERSONALITY-FILES.md describes; points that were not
 * probed are left out. {@link PersonalityFileReader} reads back exactly what this writes.
 */
public final class PersonalityFileWriter {
    private final JsonGenerator json;

    private PersonalityFileWriter(JsonGenerator json) {
        this.json = json;
    }

    /**
     * Turns a file's content into its JSON text.
     *
     * @param file the content
     * @return the text, ending with a newline
     */
    public static String write(PersonalityFile file) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JsonFactory.builder().build().createGenerator(text)) {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            json.setPrettyPrinter(pretty);
            new PersonalityFileWriter(json).file(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private void file(PersonalityFile file) throws IOException {
        json.writeStartObject();
        json.writeNumberField("format", PersonalityFile.FORMAT);
        json.writeStringField("name", file.name());
        json.writeStringField("description", file.description());
        if (file.probe() != null) {
            json.writeObjectFieldStart("probe");
            text("target", file.probe().target());
            text("date", file.probe().date());
            text("tool", file.probe().tool());
            json.writeBooleanField("readOnly", file.probe().readOnly());
            text("hostKey", file.probe().hostKey());
            texts("incomplete", file.probe().incomplete());
            json.writeEndObject();
        }
        ssh(file.ssh());
        if (file.sftp() != null) {
            json.writeObjectFieldStart("sftp");
            if (file.sftp().versions() != null) {
                json.writeArrayFieldStart("versions");
                for (int version : file.sftp().versions()) {
                    json.writeNumber(version);
                }
                json.writeEndArray();
            }
            text("noiseBeforeVersion", file.sftp().noiseBeforeVersion());
            if (file.sftp().extensions() != null) {
                json.writeArrayFieldStart("extensions");
                for (Extension extension : file.sftp().extensions()) {
                    extension(extension);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        sizes(file.sizes());
        if (file.attributes() != null) {
            json.writeObjectFieldStart("attributes");
            change("setstat", file.attributes().setstat(), "applied");
            change("fsetstat", file.attributes().fsetstat(), "applied");
            json.writeEndObject();
        }
        if (file.rename() != null) {
            json.writeObjectFieldStart("rename");
            change("ontoExisting", file.rename().ontoExisting(), "replaced");
            change("posixOntoExisting", file.rename().posixOntoExisting(), "replaced");
            json.writeEndObject();
        }
        if (file.writes() != null) {
            json.writeObjectFieldStart("writes");
            change("append", file.writes().append(), "appended");
            change("overwrite", file.writes().overwrite(), "replaced");
            json.writeEndObject();
        }
        if (file.names() != null) {
            json.writeObjectFieldStart("names");
            if (file.names().caseSensitive() != null) {
                json.writeBooleanField("caseSensitive", file.names().caseSensitive());
            }
            text("realpathForm", file.names().realpathForm());
            json.writeEndObject();
        }
        if (file.links() != null && file.links().symlink() != null) {
            json.writeObjectFieldStart("links");
            json.writeObjectFieldStart("symlink");
            answerFields(file.links().symlink());
            text("argumentOrder", file.links().argumentOrder());
            json.writeEndObject();
            json.writeEndObject();
        }
        if (file.errors() != null) {
            json.writeObjectFieldStart("errors");
            answer("statMissing", file.errors().statMissing());
            answer("openMissing", file.errors().openMissing());
            answer("mkdirExisting", file.errors().mkdirExisting());
            answer("rmdirNotEmpty", file.errors().rmdirNotEmpty());
            answer("openDirectory", file.errors().openDirectory());
            answer("readDirectory", file.errors().readDirectory());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void ssh(Ssh ssh) throws IOException {
        if (ssh == null) {
            return;
        }
        json.writeObjectFieldStart("ssh");
        text("identification", ssh.identification());
        text("banner", ssh.banner());
        texts("keyExchanges", ssh.keyExchanges());
        texts("hostKeyAlgorithms", ssh.hostKeyAlgorithms());
        texts("ciphers", ssh.ciphers());
        texts("macs", ssh.macs());
        texts("compressions", ssh.compressions());
        texts("userKeyAlgorithms", ssh.userKeyAlgorithms());
        json.writeEndObject();
    }

    private void extension(Extension extension) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", extension.name());
        if (isText(extension.data())) {
            json.writeStringField("data", extension.data());
        } else {
            json.writeStringField("dataBase64", Base64.getEncoder().encodeToString(
                    extension.data().getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (extension.answer() != null) {
            answerFields(extension.answer());
        }
        json.writeEndObject();
    }

    /** Whether extension data is printable ASCII; other data (such as {@code supported2}) is written as Base64. */
    private static boolean isText(String data) {
        for (char c : data.toCharArray()) {
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private void sizes(Sizes sizes) throws IOException {
        if (sizes == null) {
            return;
        }
        json.writeObjectFieldStart("sizes");
        if (sizes.read() != null) {
            json.writeObjectFieldStart("read");
            json.writeNumberField("asked", sizes.read().asked());
            json.writeNumberField("answered", sizes.read().answered());
            json.writeEndObject();
        }
        if (sizes.write() != null) {
            json.writeObjectFieldStart("write");
            json.writeNumberField("largestAccepted", sizes.write().largestAccepted());
            if (sizes.write().tooLarge() != null) {
                json.writeObjectFieldStart("tooLarge");
                json.writeNumberField("bytes", sizes.write().tooLarge().bytes());
                if (sizes.write().tooLarge().closesChannel()) {
                    json.writeBooleanField("closesChannel", true);
                } else {
                    answerFields(sizes.write().tooLarge().answer());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        if (sizes.readdir() != null) {
            json.writeObjectFieldStart("readdir");
            json.writeNumberField("entries", sizes.readdir().entries());
            json.writeNumberField("largestReply", sizes.readdir().largestReply());
            json.writeEndObject();
        }
        if (sizes.limits() != null) {
            json.writeObjectFieldStart("limits");
            json.writeNumberField("maxPacketLength", sizes.limits().maxPacketLength());
            json.writeNumberField("maxReadLength", sizes.limits().maxReadLength());
            json.writeNumberField("maxWriteLength", sizes.limits().maxWriteLength());
            json.writeNumberField("maxOpenHandles", sizes.limits().maxOpenHandles());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void change(String key, Change change, String effectKey) throws IOException {
        if (change == null) {
            return;
        }
        json.writeObjectFieldStart(key);
        answerFields(change.answer());
        if (change.effect() != null) {
            json.writeBooleanField(effectKey, change.effect());
        }
        json.writeEndObject();
    }

    private void answer(String key, Answer answer) throws IOException {
        if (answer == null) {
            return;
        }
        json.writeObjectFieldStart(key);
        answerFields(answer);
        json.writeEndObject();
    }

    private void answerFields(Answer answer) throws IOException {
        String name = PersonalityFile.statusName(answer.status());
        if (name.chars().allMatch(Character::isDigit)) {
            json.writeNumberField("status", answer.status());
        } else {
            json.writeStringField("status", name);
        }
        if (!answer.isOk() && answer.message() != null) {
            json.writeStringField("message", answer.message());
        }
    }

    private void text(String key, String value) throws IOException {
        if (value != null) {
            json.writeStringField(key, value);
        }
    }

    private void texts(String key, List<String> values) throws IOException {
        if (values == null) {
            return;
        }
        json.writeArrayFieldStart(key);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
