package org.fangxin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableModuleDocsTests {

    @Test
    void relationsInAnyOrderGiveTheSameDiagram() {
        String one = "@startuml\nRel(B, A, \"uses\")\nRel(A, B, \"uses\")\n\nSHOW_LEGEND(true)\n@enduml\n";
        String other = "@startuml\nRel(A, B, \"uses\")\nRel(B, A, \"uses\")\n\nSHOW_LEGEND(true)\n@enduml\n";

        assertThat(StableModuleDocs.stable("module-a.puml", one)).isEqualTo(StableModuleDocs.stable("module-a.puml", other))
                .isEqualTo(other);
    }

    @Test
    void canvasListItemsAreSortedWithTheirContinuationWithoutBlankLinesAndTheCellMarkerStaysFirst() {
        String one = "|Events listened to\n|* `b.Second` -- why\n+\nmore of b\n\n* `a.First` (async) \n|===\n";
        String other = "|Events listened to\n|* `a.First` (async) \n* `b.Second` -- why\n+\nmore of b\n|===\n";

        assertThat(StableModuleDocs.stable("module-a.adoc", one)).isEqualTo(other);
        assertThat(StableModuleDocs.stable("module-a.adoc", other)).isEqualTo(other);
    }
}
