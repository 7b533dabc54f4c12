package io.sftptest.server.internal.personality;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.sftptest.server.SftpStatus;
import io.sftptest.server.internal.personality.JsonTree.Node;
import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Attributes;
import io.sftptest.server.internal.personality.PersonalityFile.Change;
import io.sftptest.server.internal.personality.PersonalityFile.Errors;
import io.sftptest.server.internal.personality.PersonalityFile.Extension;
import io.sftptest.server.internal.personality.PersonalityFile.Limits;
import io.sftptest.server.internal.personality.PersonalityFile.Links;
import io.sftptest.server.internal.personality.PersonalityFile.Names;
import io.sftptest.server.internal.personality.PersonalityFile.Probe;
import io.sftptest.server.internal.personality.PersonalityFile.Read;
import io.sftptest.server.internal.personality.PersonalityFile.Readdir;
import io.sftptest.server.internal.personality.PersonalityFile.Rename;
import io.sftptest.server.internal.personality.PersonalityFile.Sftp;
import io.sftptest.server.internal.personality.PersonalityFile.Sizes;
import io.sftptest.server.internal.personality.PersonalityFile.Ssh;
import io.sftptest.server.internal.personality.PersonalityFile.TooLarge;
import io.sftptest.server.internal.personality.PersonalityFile.Write;
import io.sftptest.server.internal.personality.PersonalityFile.Writes;

/**
 * Reads a personality file, strictly: an unknown field, a value of the wrong type or out of range, and a format this
 * version does not know are refused with the file, the line, the field's path, the rule and the fix, e.g.
 * {@code partner.json: line 12: sizes.read.answered: must be a whole number from 1 to 2147483647, was -5}.
 */
public final class PersonalityFileReader {
    private final String source;

    private PersonalityFileReader(String source) {
        this.source = source;
    }

    /**
     * Reads a file.
     *
     * @param reader the JSON text
     * @param source the file or resource name, for messages
     * @return the content
     * @throws IllegalArgumentException for anything that is not a valid personality file of a known format
     * @throws IOException when the reader fails
     */
    public static PersonalityFile read(Reader reader, String source) throws IOException {
        return new PersonalityFileReader(source).file(JsonTree.read(reader, source));
    }

    private PersonalityFile file(Node root) {
        Map<String, Node> fields = object(root, "the file");
        Node format = fields.get("format");
        if (format == null) {
            throw error(root, "format", "is missing: a personality file starts with \"format\": "
                    + PersonalityFile.FORMAT + " (the format this version reads)");
        }
        long version = wholeNumber(format, "format", 1, Integer.MAX_VALUE);
        if (version > PersonalityFile.FORMAT) {
            throw error(format, "format", "is " + version + ", newer than this version of sftp-test-server reads ("
                    + PersonalityFile.FORMAT + "): use a newer sftp-test-server, or probe the server again with "
                    + "this one");
        }
        if (version < PersonalityFile.FORMAT) {
            throw error(format, "format", "is " + version + ", but format " + PersonalityFile.FORMAT
                    + " is the first: write " + PersonalityFile.FORMAT);
        }
        known(root, "", Set.of("format", "name", "description", "probe", "ssh", "sftp", "sizes", "attributes",
                "rename", "writes", "names", "links", "errors"));
        Node name = fields.get("name");
        if (name == null) {
            throw error(root, "name", "is missing: give the personality a short name, e.g. \"name\": "
                    + "\"partner-mft\"");
        }
        String nameText = text(name, "name");
        if (nameText.isBlank()) {
            throw error(name, "name", "is blank: give the personality a short name, e.g. \"partner-mft\"");
        }
        return new PersonalityFile(nameText, optionalText(fields, "description", "description"),
                section(fields, "probe", this::probe), section(fields, "ssh", this::ssh),
                section(fields, "sftp", this::sftp), section(fields, "sizes", this::sizes),
                section(fields, "attributes", this::attributes), section(fields, "rename", this::rename),
                section(fields, "writes", this::writes), section(fields, "names", this::names),
                section(fields, "links", this::links), section(fields, "errors", this::errors));
    }

    private <T> T section(Map<String, Node> fields, String key, Function<Node, T> reader) {
        Node node = fields.get(key);
        return node == null || node.value() == null ? null : reader.apply(node);
    }

    private Probe probe(Node node) {
        known(node, "probe", Set.of("target", "date", "tool", "readOnly", "hostKey", "incomplete"));
        Map<String, Node> f = object(node, "probe");
        List<String> incomplete = f.containsKey("incomplete") ? texts(f.get("incomplete"), "probe.incomplete")
                : List.of();
        return new Probe(optionalText(f, "target", "probe.target"), optionalText(f, "date", "probe.date"),
                optionalText(f, "tool", "probe.tool"), f.containsKey("readOnly") && bool(f.get("readOnly"),
                        "probe.readOnly"), optionalText(f, "hostKey", "probe.hostKey"), incomplete);
    }

    private Ssh ssh(Node node) {
        known(node, "ssh", Set.of("identification", "banner", "keyExchanges", "hostKeyAlgorithms", "ciphers", "macs",
                "compressions", "userKeyAlgorithms"));
        Map<String, Node> f = object(node, "ssh");
        String identification = optionalText(f, "identification", "ssh.identification");
        if (identification != null && !identification.matches("SSH-[0-9.]+-\\S.*")) {
            throw error(f.get("identification"), "ssh.identification", "is \"" + identification + "\", which is no SSH "
                    + "identification: write it as the server sends it, e.g. \"SSH-2.0-OpenSSH_9.6\"");
        }
        return new Ssh(identification, optionalText(f, "banner", "ssh.banner"), names(f, "keyExchanges", "ssh"),
                names(f, "hostKeyAlgorithms", "ssh"), names(f, "ciphers", "ssh"), names(f, "macs", "ssh"),
                names(f, "compressions", "ssh"), names(f, "userKeyAlgorithms", "ssh"));
    }

    private List<String> names(Map<String, Node> fields, String key, String section) {
        Node node = fields.get(key);
        if (node == null || node.value() == null) {
            return null;
        }
        List<String> names = texts(node, section + "." + key);
        for (String name : names) {
            if (name.isBlank() || name.contains(",") || name.contains(" ")) {
                throw error(node, section + "." + key, "holds \"" + name + "\", which is no algorithm name: give one "
                        + "name per string, e.g. [\"aes128-ctr\", \"aes256-ctr\"]");
            }
        }
        return names;
    }

    private Sftp sftp(Node node) {
        known(node, "sftp", Set.of("versions", "noiseBeforeVersion", "extensions"));
        Map<String, Node> f = object(node, "sftp");
        List<Integer> versions = null;
        if (f.get("versions") != null) {
            versions = new ArrayList<>();
            for (Node item : array(f.get("versions"), "sftp.versions")) {
                int version = (int) wholeNumber(item, "sftp.versions", 3, 6);
                if (!versions.isEmpty() && version <= versions.get(versions.size() - 1)) {
                    throw error(item, "sftp.versions", "must list each version once, in ascending order, e.g. "
                            + "[3, 4, 5, 6]");
                }
                versions.add(version);
            }
        }
        List<Extension> extensions = null;
        if (f.get("extensions") != null) {
            extensions = new ArrayList<>();
            List<Node> items = array(f.get("extensions"), "sftp.extensions");
            for (int i = 0; i < items.size(); i++) {
                extensions.add(extension(items.get(i), "sftp.extensions[" + i + "]"));
            }
        }
        return new Sftp(versions, optionalText(f, "noiseBeforeVersion", "sftp.noiseBeforeVersion"), extensions);
    }

    private Extension extension(Node node, String path) {
        known(node, path, Set.of("name", "data", "dataBase64", "status", "message"));
        Map<String, Node> f = object(node, path);
        if (f.get("name") == null) {
            throw error(node, path + ".name", "is missing: name the extension, e.g. \"posix-rename@openssh.com\"");
        }
        String data = optionalText(f, "data", path + ".data");
        if (f.get("dataBase64") != null) {
            if (data != null) {
                throw error(f.get("dataBase64"), path + ".dataBase64", "and data are both given: keep one");
            }
            try {
                data = new String(Base64.getDecoder().decode(text(f.get("dataBase64"), path + ".dataBase64")),
                        StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException e) {
                throw error(f.get("dataBase64"), path + ".dataBase64", "is no Base64: " + e.getMessage());
            }
        }
        Answer answer = f.get("status") == null ? null : answer(node, path, f);
        if (answer == null && f.get("message") != null) {
            throw error(f.get("message"), path + ".message", "is given without a status: add \"status\", e.g. "
                    + "\"OP_UNSUPPORTED\", or drop the message");
        }
        return new Extension(text(f.get("name"), path + ".name"), data, answer);
    }

    private Sizes sizes(Node node) {
        known(node, "sizes", Set.of("read", "write", "readdir", "limits"));
        Map<String, Node> f = object(node, "sizes");
        return new Sizes(section(f, "read", this::read), section(f, "write", this::write),
                section(f, "readdir", this::readdir), section(f, "limits", this::limits));
    }

    private Read read(Node node) {
        known(node, "sizes.read", Set.of("asked", "answered"));
        Map<String, Node> f = object(node, "sizes.read");
        int asked = (int) required(f, node, "asked", "sizes.read", 1, Integer.MAX_VALUE);
        int answered = (int) required(f, node, "answered", "sizes.read", 1, Integer.MAX_VALUE);
        if (answered > asked) {
            throw error(f.get("answered"), "sizes.read.answered", "is " + answered + ", more than asked (" + asked
                    + "): a READ answer holds at most what was asked");
        }
        return new Read(asked, answered);
    }

    private Write write(Node node) {
        known(node, "sizes.write", Set.of("largestAccepted", "tooLarge"));
        Map<String, Node> f = object(node, "sizes.write");
        int largest = (int) required(f, node, "largestAccepted", "sizes.write", 0, Integer.MAX_VALUE);
        TooLarge tooLarge = null;
        Node large = f.get("tooLarge");
        if (large != null && large.value() != null) {
            String path = "sizes.write.tooLarge";
            known(large, path, Set.of("bytes", "closesChannel", "status", "message"));
            Map<String, Node> t = object(large, path);
            int bytes = (int) required(t, large, "bytes", path, 1, Integer.MAX_VALUE);
            if (bytes <= largest) {
                throw error(t.get("bytes"), path + ".bytes", "is " + bytes + ", not more than largestAccepted ("
                        + largest + "): the refused size is larger than every accepted one");
            }
            boolean closes = t.containsKey("closesChannel") && bool(t.get("closesChannel"), path + ".closesChannel");
            Answer answer = t.get("status") == null ? null : answer(large, path, t);
            if (closes == (answer != null)) {
                throw error(large, path, "must say either \"closesChannel\": true or the \"status\" the server "
                        + "answered, not both or neither");
            }
            tooLarge = new TooLarge(bytes, closes, answer);
        }
        return new Write(largest, tooLarge);
    }

    private Readdir readdir(Node node) {
        known(node, "sizes.readdir", Set.of("entries", "largestReply"));
        Map<String, Node> f = object(node, "sizes.readdir");
        int entries = (int) required(f, node, "entries", "sizes.readdir", 0, Integer.MAX_VALUE);
        int largest = (int) required(f, node, "largestReply", "sizes.readdir", 0, Integer.MAX_VALUE);
        if (largest > entries) {
            throw error(f.get("largestReply"), "sizes.readdir.largestReply", "is " + largest + ", more than entries ("
                    + entries + ")");
        }
        return new Readdir(entries, largest);
    }

    private Limits limits(Node node) {
        String path = "sizes.limits";
        known(node, path, Set.of("maxPacketLength", "maxReadLength", "maxWriteLength", "maxOpenHandles"));
        Map<String, Node> f = object(node, path);
        return new Limits(required(f, node, "maxPacketLength", path, 0, Long.MAX_VALUE),
                required(f, node, "maxReadLength", path, 0, Long.MAX_VALUE),
                required(f, node, "maxWriteLength", path, 0, Long.MAX_VALUE),
                required(f, node, "maxOpenHandles", path, 0, Long.MAX_VALUE));
    }

    private Attributes attributes(Node node) {
        known(node, "attributes", Set.of("setstat", "fsetstat"));
        Map<String, Node> f = object(node, "attributes");
        return new Attributes(change(f, "setstat", "attributes", "applied"),
                change(f, "fsetstat", "attributes", "applied"));
    }

    private Rename rename(Node node) {
        known(node, "rename", Set.of("ontoExisting", "posixOntoExisting"));
        Map<String, Node> f = object(node, "rename");
        return new Rename(change(f, "ontoExisting", "rename", "replaced"),
                change(f, "posixOntoExisting", "rename", "replaced"));
    }

    private Writes writes(Node node) {
        known(node, "writes", Set.of("append", "overwrite"));
        Map<String, Node> f = object(node, "writes");
        return new Writes(change(f, "append", "writes", "appended"), change(f, "overwrite", "writes", "replaced"));
    }

    private Names names(Node node) {
        known(node, "names", Set.of("caseSensitive", "realpathForm"));
        Map<String, Node> f = object(node, "names");
        Boolean caseSensitive = f.get("caseSensitive") == null || f.get("caseSensitive").value() == null ? null
                : bool(f.get("caseSensitive"), "names.caseSensitive");
        String form = optionalText(f, "realpathForm", "names.realpathForm");
        if (form != null && !form.equals(Names.UNIX) && !form.equals(Names.WINDOWS_DRIVE)) {
            throw error(f.get("realpathForm"), "names.realpathForm", "is \"" + form + "\": use \"" + Names.UNIX
                    + "\" (/home/alice) or \"" + Names.WINDOWS_DRIVE + "\" (/C:/Users/alice)");
        }
        return new Names(caseSensitive, form);
    }

    private Links links(Node node) {
        known(node, "links", Set.of("symlink"));
        Map<String, Node> f = object(node, "links");
        Node symlink = f.get("symlink");
        if (symlink == null || symlink.value() == null) {
            return new Links(null, null);
        }
        String path = "links.symlink";
        known(symlink, path, Set.of("status", "message", "argumentOrder"));
        Map<String, Node> s = object(symlink, path);
        Answer answer = answer(symlink, path, s);
        String order = optionalText(s, "argumentOrder", path + ".argumentOrder");
        if (order != null && !order.equals(Links.TARGET_FIRST) && !order.equals(Links.LINK_FIRST)) {
            throw error(s.get("argumentOrder"), path + ".argumentOrder", "is \"" + order + "\": use \""
                    + Links.TARGET_FIRST + "\" (OpenSSH's order) or \"" + Links.LINK_FIRST + "\" (the drafts' order)");
        }
        if (answer.isOk() && order == null) {
            throw error(symlink, path + ".argumentOrder", "is missing: an OK symlink says which order the server "
                    + "takes, \"" + Links.TARGET_FIRST + "\" or \"" + Links.LINK_FIRST + "\"");
        }
        return new Links(answer, answer.isOk() ? order : null);
    }

    private Errors errors(Node node) {
        known(node, "errors", Set.of("statMissing", "openMissing", "mkdirExisting", "rmdirNotEmpty", "openDirectory",
                "readDirectory"));
        Map<String, Node> f = object(node, "errors");
        return new Errors(plainAnswer(f, "statMissing"), plainAnswer(f, "openMissing"), plainAnswer(f, "mkdirExisting"),
                plainAnswer(f, "rmdirNotEmpty"), plainAnswer(f, "openDirectory"), plainAnswer(f, "readDirectory"));
    }

    private Answer plainAnswer(Map<String, Node> fields, String key) {
        Node node = fields.get(key);
        if (node == null || node.value() == null) {
            return null;
        }
        String path = "errors." + key;
        known(node, path, Set.of("status", "message"));
        return answer(node, path, object(node, path));
    }

    private Change change(Map<String, Node> fields, String key, String section, String effectKey) {
        Node node = fields.get(key);
        if (node == null || node.value() == null) {
            return null;
        }
        String path = section + "." + key;
        known(node, path, Set.of("status", "message", effectKey));
        Map<String, Node> f = object(node, path);
        Answer answer = answer(node, path, f);
        Node effect = f.get(effectKey);
        if (answer.isOk() && (effect == null || effect.value() == null)) {
            throw error(node, path + "." + effectKey, "is missing: an OK answer says whether the change took place "
                    + "(true or false)");
        }
        if (!answer.isOk() && effect != null) {
            throw error(effect, path + "." + effectKey, "is given for a refusal (" + PersonalityFile.statusName(answer.status())
                    + "): drop it, or make the status OK");
        }
        return new Change(answer, answer.isOk() ? bool(effect, path + "." + effectKey) : null);
    }

    private Answer answer(Node node, String path, Map<String, Node> fields) {
        Node status = fields.get("status");
        if (status == null || status.value() == null) {
            throw error(node, path + ".status", "is missing: give the SFTP status, e.g. \"OK\", \"FAILURE\" or "
                    + "\"PERMISSION_DENIED\"");
        }
        int code;
        if (status.value() instanceof String name) {
            code = statusCode(status, path + ".status", name);
        } else {
            code = (int) wholeNumber(status, path + ".status", 0, 255);
        }
        String message = optionalText(fields, "message", path + ".message");
        return code == Answer.OK ? new Answer(code, null) : new Answer(code, message == null ? "" : message);
    }

    private int statusCode(Node node, String path, String name) {
        try {
            return SftpStatus.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')).code();
        } catch (IllegalArgumentException unknown) {
            throw error(node, path, "is \"" + name + "\", which is no SFTP status: use a name such as OK, "
                    + "NO_SUCH_FILE, PERMISSION_DENIED, FAILURE, OP_UNSUPPORTED (the SSH_FX_ names without the prefix), "
                    + "or the number for a code no draft names");
        }
    }

    // ------------------------------------------------------------------ values

    @SuppressWarnings("unchecked")
    private Map<String, Node> object(Node node, String path) {
        if (!(node.value() instanceof Map)) {
            throw error(node, path, "must be a JSON object {...}, was " + describe(node));
        }
        return (Map<String, Node>) node.value();
    }

    @SuppressWarnings("unchecked")
    private List<Node> array(Node node, String path) {
        if (!(node.value() instanceof List)) {
            throw error(node, path, "must be a JSON array [...], was " + describe(node));
        }
        return (List<Node>) node.value();
    }

    private void known(Node node, String path, Set<String> keys) {
        for (Map.Entry<String, Node> field : object(node, path.isEmpty() ? "the file" : path).entrySet()) {
            if (!keys.contains(field.getKey())) {
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                throw error(field.getValue(), where, "is no field of format " + PersonalityFile.FORMAT + ": "
                        + (path.isEmpty() ? "a personality file has " : path + " has ") + String.join(", ",
                                sorted(keys)) + " (check the spelling; docs/PERSONALITY-FILES.md lists every field)");
            }
        }
    }

    private static List<String> sorted(Set<String> keys) {
        List<String> list = new ArrayList<>(keys);
        list.sort(null);
        return list;
    }

    private String text(Node node, String path) {
        if (!(node.value() instanceof String text)) {
            throw error(node, path, "must be a string, was " + describe(node));
        }
        return text;
    }

    private String optionalText(Map<String, Node> fields, String key, String path) {
        Node node = fields.get(key);
        return node == null || node.value() == null ? null : text(node, path);
    }

    private List<String> texts(Node node, String path) {
        List<String> texts = new ArrayList<>();
        for (Node item : array(node, path)) {
            texts.add(text(item, path + "[" + texts.size() + "]"));
        }
        return texts;
    }

    private boolean bool(Node node, String path) {
        if (!(node.value() instanceof Boolean value)) {
            throw error(node, path, "must be true or false, was " + describe(node));
        }
        return value;
    }

    private long required(Map<String, Node> fields, Node parent, String key, String section, long min, long max) {
        Node node = fields.get(key);
        if (node == null || node.value() == null) {
            throw error(parent, section + "." + key, "is missing: give a whole number from " + min + " to " + max);
        }
        return wholeNumber(node, section + "." + key, min, max);
    }

    private long wholeNumber(Node node, String path, long min, long max) {
        if (!(node.value() instanceof Long value) || value < min || value > max) {
            throw error(node, path, "must be a whole number from " + min + " to " + max + ", was " + describe(node));
        }
        return value;
    }

    private static String describe(Node node) {
        Object value = node.value();
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string \"" + text + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return String.valueOf(value);
    }

    private IllegalArgumentException error(Node node, String path, String problem) {
        return new IllegalArgumentException(source + ": line " + node.line() + ": " + path + " " + problem);
    }
}
