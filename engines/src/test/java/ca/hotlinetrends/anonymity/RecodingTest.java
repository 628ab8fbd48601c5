package ca.hotlinetrends.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecodingTest {

    private static Recoding recoding() {
        // Node (0,1): (M, 20-29) published, (F, 30-39) suppressed.
        return Recoding.of(List.of(TinyTable.SEX, TinyTable.AGE), List.of(0, 1), List.of(List.of("M", "20-29")));
    }

    @Test
    void publishedRecord_isGeneralised() {
        assertThat(recoding().apply("M", "25")).containsExactly("M", "20-29");
    }

    @Test
    void recordOfASuppressedClass_isNull() {
        assertThat(recoding().apply("F", "35")).isNull();
        assertThat(recoding().isSuppressed("F", "35")).isTrue();
    }

    @Test
    void combinationNeverPublished_isSuppressed() {
        // (F, 20) generalises to (F, 20-29), which was not a published class.
        assertThat(recoding().apply("F", "20")).isNull();
    }

    @Test
    void valueNotInHierarchy_isRejectedWithoutNamingIt() {
        assertThatThrownBy(() -> recoding().apply("M", "forty"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value not in hierarchy for attribute 'age'");
    }

    @Test
    void wrongNumberOfValues_isRejected() {
        assertThatThrownBy(() -> recoding().apply("M"))
                .hasMessage("a record must have one value per quasi-identifier (2). Provided length: 1");
    }

    @Test
    void columnMappings_coverEveryLeaf() {
        assertThat(recoding().valueMapping(1)).containsEntry("30", "30-39").hasSize(4);
        assertThat(recoding().valueMapping(0)).containsEntry("F", "F");
        assertThat(recoding().publishedTuples()).containsExactly(List.of("M", "20-29"));
    }

    @Test
    void recoding_survivesJavaSerialisation() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(recoding());
        }
        Recoding copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Recoding) in.readObject();
        }

        assertThat(copy.apply("M", "20")).containsExactly("M", "20-29");
        assertThat(copy.apply("F", "30")).isNull();
        assertThat(copy.levels()).containsExactly(0, 1);
    }
}
