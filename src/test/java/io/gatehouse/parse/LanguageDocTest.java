package io.gatehouse.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/language.md pins the grammar: its grammar section must be the grammar file, character for character. */
class LanguageDocTest {

    @Test
    void whenTheGrammarChangesThenTheLanguageReferenceMustChangeWithIt() throws Exception {
        String grammar = Files.readString(Path.of("grammar/Pol.g4"));
        String reference = Files.readString(Path.of("docs/language.md"));

        assertThat(reference).contains("```antlr\n" + grammar + "```\n");
    }
}
