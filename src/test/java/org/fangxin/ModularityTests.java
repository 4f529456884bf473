package org.fangxin;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(FangxinApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void writesModuleDiagramsToDocsInAStableOrder() {
        String generated = "target/modulith-docs";
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        StableModuleDocs.copy(Path.of(generated), Path.of("docs/modules"));
    }
}
