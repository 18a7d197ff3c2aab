package dev.stepwise.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void render_numericColumn_isRightAlignedMarkdown() {
        String text = Table.withColumns("name", "value>")
                .row("a", 1)
                .row("longer", "12.5 ms")
                .render();

        assertThat(text)
                .isEqualTo("| name   |   value |\n"
                        + "| ------ | ------: |\n"
                        + "| a      |       1 |\n"
                        + "| longer | 12.5 ms |\n");
    }

    @Test
    void row_pipeInCell_isEscaped() {
        assertThat(Table.withColumns("x").row("a|b").render()).contains("a\\|b");
    }

    @Test
    void row_wrongCellCount_isRejected() {
        assertThatThrownBy(() -> Table.withColumns("a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 2 cells");
    }
}
