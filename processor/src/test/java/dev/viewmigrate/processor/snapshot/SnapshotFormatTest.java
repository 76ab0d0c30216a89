package dev.viewmigrate.processor.snapshot;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewmigrate.processor.model.IndexDefinition;
import dev.viewmigrate.processor.model.Revision;
import dev.viewmigrate.processor.model.ViewDefinition;
import dev.viewmigrate.processor.model.ViewKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotFormatTest {
    private static final ViewDefinition AWKWARD = new ViewDefinition(new ViewKey("Report \"x\"", "yes"), true, false,
            List.of(new IndexDefinition("i", List.of("a", "lower(\"B\")"), true)),
            List.of(new ViewKey("", "base"), new ViewKey("s", "other")),
            "  SELECT a, -- # not a comment for YAML\n\n\tb: c\nFROM t\n  WHERE x = '|-'", "com.example.Odd$Name");

    @Test
    void writeThenRead_returnsTheSameRevisionAndTheSameText() throws Exception {
        Revision revision = new Revision(3, 2, "change view \"yes\": it's odd", "0003_change_view_yes.yaml",
                List.of(AWKWARD), List.of(new ViewKey("", "true"), new ViewKey("x", "null")), Optional.empty());

        String text = SnapshotFormat.write(revision);
        Revision read = SnapshotFormat.read("0003_change_view_yes.yaml", text);

        assertThat(read).isEqualTo(revision);
        assertThat(SnapshotFormat.write(read)).isEqualTo(text);
        assertThat(SnapshotFormat.checksum(read)).isEqualTo(SnapshotFormat.checksum(revision));
    }

    @Test
    void readingIgnoresCrlfLineEndingsSoTheChecksumSurvivesGitAutocrlf() throws Exception {
        Revision revision = new Revision(1, 0, "create view yes", "0001_create_view_yes.yaml", List.of(AWKWARD),
                List.of(), Optional.empty());
        String crlf = SnapshotFormat.write(revision).replace("\n", "\r\n");

        Revision read = SnapshotFormat.read("0001_create_view_yes.yaml", crlf);

        assertThat(SnapshotFormat.checksum(read)).isEqualTo(SnapshotFormat.checksum(revision));
    }

    @Test
    void fileName_isPaddedNumberAndSlug() {
        assertThat(SnapshotFormat.fileName(2, "Change view Active-Users!")).isEqualTo("0002_change_view_active_users.yaml");
        assertThat(SnapshotFormat.fileName(12345, "***")).isEqualTo("12345_revision.yaml");
    }

    @Test
    void unknownKey_isReportedWithItsLine() {
        SnapshotFormat.FormatException e = assertThrows(SnapshotFormat.FormatException.class, () ->
                SnapshotFormat.read("0001_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\ncolour: red\n"));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e).hasMessageThat().isEqualTo("unknown key 'colour'");
    }

    @Test
    void revisionNumberMustMatchTheFileName() {
        SnapshotFormat.FormatException e = assertThrows(SnapshotFormat.FormatException.class, () ->
                SnapshotFormat.read("0002_x.yaml", "formatVersion: 1\nrevision: 1\ndescription: x\n"
                        + "removed:\n  - name: v\n"));

        assertThat(e).hasMessageThat().isEqualTo("revision 1 does not match the number 0002 in the file name");
    }
}
