package io.sftptest.server.internal.personality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

/** The personality file format: what the writer writes the reader reads back, and every bad input is named. */
class PersonalityFileFormatTest {

    static final PersonalityFile EVERY_POINT = new PersonalityFile("partner", "the partner's gateway",
            new Probe("sftp://sftp.example.com:22/upload/probe", "2026-12-03T12:00:00Z", "sftp-test-server 1.0",
                    false, "ssh-ed25519 SHA256:abc", List.of("write size: no answer within 10 s")),
            new Ssh("SSH-2.0-PartnerMFT_7.1", "Authorised use only\n", List.of("curve25519-sha256", "ext-info-s"),
                    List.of("rsa-sha2-512", "ssh-ed25519"), List.of("aes128-ctr"), List.of("hmac-sha2-256"),
                    List.of("none"), List.of("ssh-ed25519", "rsa-sha2-256")),
            new Sftp(List.of(3, 4), "Welcome to the partner\n", List.of(
                    new Extension("posix-rename@openssh.com", "1", new Answer(8, "Operation unsupported")),
                    new Extension("newline", "\r\n", null),
                    new Extension("vendor-id", "\0\0\u0001binary", null),
                    new Extension("statvfs@openssh.com", "2", Answer.ok()))),
            new Sizes(new Read(1048576, 32768), new Write(65536, new TooLarge(131072, false,
                    new Answer(4, "packet too long"))), new Readdir(103, 1), new Limits(34000, 32768, 32768, 64)),
            new Attributes(new Change(new Answer(3, "not allowed"), null), new Change(Answer.ok(), false)),
            new Rename(new Change(Answer.ok(), true), null),
            new Writes(new Change(Answer.ok(), false), new Change(new Answer(3, "no overwrite"), null)),
            new Names(false, Names.WINDOWS_DRIVE),
            new Links(new Answer(8, "Symbolic links are not supported"), null),
            new Errors(new Answer(2, "The system cannot find the file specified."), new Answer(42, "vendor's own"),
                    new Answer(4, ""), new Answer(4, "Directory not empty"), Answer.ok(), new Answer(4, "Failure")));

    @Test
    void readsBackEveryPointItWrote() throws IOException {
        String json = PersonalityFileWriter.write(EVERY_POINT);

        assertThat(read(json)).isEqualTo(EVERY_POINT);
        assertThat(json).startsWith("{\n  \"format\" : 1,\n  \"name\" : \"partner\",")
                .contains("\"status\" : \"OP_UNSUPPORTED\"", "\"status\" : 42", "\"dataBase64\" : ",
                        "\"data\" : \"\\r\\n\"", "\"applied\" : false");
    }

    @Test
    void leavesOutThePointsThatWereNotProbed() throws IOException {
        PersonalityFile sparse = new PersonalityFile("sparse", "", null, null, new Sftp(List.of(3), null, null), null,
                null, null, null, new Names(true, null), null, null);

        String json = PersonalityFileWriter.write(sparse);

        assertThat(json).doesNotContain("probe", "ssh", "sizes", "errors", "extensions", "realpathForm");
        assertThat(read(json)).isEqualTo(sparse);
    }

    @Test
    void acceptsStatusNamesInAnyCaseAndNumbers() throws IOException {
        PersonalityFile file = read("{\"format\": 1, \"name\": \"n\", \"errors\": {"
                + "\"statMissing\": {\"status\": \"no_such_file\", \"message\": \"gone\"},"
                + "\"openMissing\": {\"status\": 2}}}");

        assertThat(file.errors().statMissing()).isEqualTo(new Answer(2, "gone"));
        assertThat(file.errors().openMissing()).isEqualTo(new Answer(2, ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty file | '' | the file is empty
            no JSON | 'name: x' | line 1: not valid JSON
            an array | '[1]' | line 1: the file must be a JSON object
            no format | '{"name": "x"}' | format is missing: a personality file starts with "format": 1
            a newer format | '{"format": 2, "name": "x"}' | format is 2, newer than this version of sftp-test-server reads (1): use a newer sftp-test-server
            format zero | '{"format": 0, "name": "x"}' | format must be a whole number from 1
            a text format | '{"format": "1", "name": "x"}' | format must be a whole number from 1 to 2147483647, was the string "1"
            no name | '{"format": 1}' | name is missing: give the personality a short name
            a blank name | '{"format": 1, "name": " "}' | name is blank
            an unknown field | '{"format": 1, "name": "x", "colour": 1}' | colour is no field of format 1: a personality file has attributes, description, errors
            an unknown nested field | '{"format": 1, "name": "x", "sizes": {"raed": {}}}' | sizes.raed is no field of format 1: sizes has limits, read, readdir, write (check the spelling
            a key twice | '{"format": 1, "name": "x", "name": "y"}' | "name" is given twice in one object: keep one
            text after the object | '{"format": 1, "name": "x"} {}' | text after the end of the JSON object
            an unknown status | '{"format": 1, "name": "x", "errors": {"statMissing": {"status": "GONE"}}}' | errors.statMissing.status is "GONE", which is no SFTP status: use a name such as OK, NO_SUCH_FILE
            a status out of range | '{"format": 1, "name": "x", "errors": {"statMissing": {"status": 300}}}' | errors.statMissing.status must be a whole number from 0 to 255, was 300
            no status | '{"format": 1, "name": "x", "errors": {"statMissing": {"message": "m"}}}' | errors.statMissing.status is missing: give the SFTP status
            an OK change without its effect | '{"format": 1, "name": "x", "attributes": {"setstat": {"status": "OK"}}}' | attributes.setstat.applied is missing: an OK answer says whether the change took place
            an effect of a refusal | '{"format": 1, "name": "x", "rename": {"ontoExisting": {"status": "FAILURE", "replaced": true}}}' | rename.ontoExisting.replaced is given for a refusal (FAILURE): drop it, or make the status OK
            an effect of another point | '{"format": 1, "name": "x", "writes": {"append": {"status": "OK", "applied": true}}}' | writes.append.applied is no field of format 1: writes.append has appended, message, status
            versions out of order | '{"format": 1, "name": "x", "sftp": {"versions": [4, 3]}}' | sftp.versions must list each version once, in ascending order
            a version out of range | '{"format": 1, "name": "x", "sftp": {"versions": [2]}}' | sftp.versions must be a whole number from 3 to 6, was 2
            an extension without a name | '{"format": 1, "name": "x", "sftp": {"extensions": [{"data": "1"}]}}' | sftp.extensions[0].name is missing
            an extension message without status | '{"format": 1, "name": "x", "sftp": {"extensions": [{"name": "a", "message": "m"}]}}' | sftp.extensions[0].message is given without a status
            bad Base64 | '{"format": 1, "name": "x", "sftp": {"extensions": [{"name": "a", "dataBase64": "%%"}]}}' | sftp.extensions[0].dataBase64 is no Base64
            a read beyond the request | '{"format": 1, "name": "x", "sizes": {"read": {"asked": 10, "answered": 20}}}' | sizes.read.answered is 20, more than asked (10)
            a negative size | '{"format": 1, "name": "x", "sizes": {"read": {"asked": 10, "answered": -5}}}' | sizes.read.answered must be a whole number from 1 to 2147483647, was -5
            a refused write not larger | '{"format": 1, "name": "x", "sizes": {"write": {"largestAccepted": 10, "tooLarge": {"bytes": 10, "closesChannel": true}}}}' | sizes.write.tooLarge.bytes is 10, not more than largestAccepted (10)
            a refused write both ways | '{"format": 1, "name": "x", "sizes": {"write": {"largestAccepted": 10, "tooLarge": {"bytes": 20, "closesChannel": true, "status": "FAILURE"}}}}' | sizes.write.tooLarge must say either "closesChannel": true or the "status"
            more in a reply than listed | '{"format": 1, "name": "x", "sizes": {"readdir": {"entries": 3, "largestReply": 4}}}' | sizes.readdir.largestReply is 4, more than entries (3)
            a realpath form | '{"format": 1, "name": "x", "names": {"realpathForm": "dos"}}' | names.realpathForm is "dos": use "unix" (/home/alice) or "windows-drive"
            a symlink order | '{"format": 1, "name": "x", "links": {"symlink": {"status": "OK", "argumentOrder": "any"}}}' | links.symlink.argumentOrder is "any": use "target-first"
            an OK symlink without order | '{"format": 1, "name": "x", "links": {"symlink": {"status": "OK"}}}' | links.symlink.argumentOrder is missing
            no identification | '{"format": 1, "name": "x", "ssh": {"identification": "OpenSSH_9.6"}}' | ssh.identification is "OpenSSH_9.6", which is no SSH identification: write it as the server sends it, e.g. "SSH-2.0-OpenSSH_9.6"
            algorithms in one string | '{"format": 1, "name": "x", "ssh": {"ciphers": ["aes128-ctr,aes256-ctr"]}}' | ssh.ciphers holds "aes128-ctr,aes256-ctr", which is no algorithm name: give one name per string
            a list that is a string | '{"format": 1, "name": "x", "ssh": {"macs": "hmac-sha2-256"}}' | ssh.macs must be a JSON array [...], was the string "hmac-sha2-256"
            a flag that is a string | '{"format": 1, "name": "x", "names": {"caseSensitive": "no"}}' | names.caseSensitive must be true or false, was the string "no"
            """)
    void refusesBadInputNamingTheFieldTheRuleAndTheFix(String what, String json, String message) {
        assertThatThrownBy(() -> read(json)).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("partner.json: ").hasMessageContaining(message);
    }

    @Test
    void namesTheLineOfTheBadField() {
        String json = "{\n  \"format\": 1,\n  \"name\": \"x\",\n  \"sizes\": {\n    \"read\": {\"asked\": 1, "
                + "\"answered\": 0}\n  }\n}";

        assertThatThrownBy(() -> read(json)).hasMessage("partner.json: line 5: sizes.read.answered must be a whole "
                + "number from 1 to 2147483647, was 0");
    }

    private static PersonalityFile read(String json) throws IOException {
        return PersonalityFileReader.read(new StringReader(json), "partner.json");
    }
}
