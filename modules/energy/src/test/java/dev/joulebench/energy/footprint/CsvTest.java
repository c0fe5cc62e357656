package dev.joulebench.energy.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    private static List<List<String>> parse(String s) throws Exception {
        return Csv.parse(new StringReader(s));
    }

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertThat(Csv.quote("plain")).isEqualTo("plain");
        assertThat(Csv.quote("Intel(R) Xeon(R), 2.2GHz")).isEqualTo("\"Intel(R) Xeon(R), 2.2GHz\"");
        assertThat(Csv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.quote(null)).isEmpty();
    }

    @Test
    void parsesQuotedCommasQuotesAndLineBreaks() throws Exception {
        assertThat(parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"))
                .containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"));
    }

    @Test
    void acceptsCrlfBomEmptyFieldsAndNoFinalLineEnd() throws Exception {
        assertThat(parse("\uFEFFa,b\r\n,\r\n1,\"\"")).containsExactly(List.of("a", "b"), List.of("", ""),
                List.of("1", ""));
        assertThat(parse("")).isEmpty();
    }

    @Test
    void roundTripsAnyLine() throws Exception {
        List<String> fields = List.of("", "a,b", "\"", "x\r\ny", "plain", " spaced ");
        assertThat(parse(Csv.line(fields) + "\n")).containsExactly(fields);
    }

    @Test
    void rejectsBrokenQuoting() {
        assertThatThrownBy(() -> parse("a,\"open\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> parse("\"a\"b,c\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after a closing quote");
    }
}
