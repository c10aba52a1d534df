package com.seqplay;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.engine.inference.PredictionException;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules, checked on every build: DL4J stays in the engine (the trainer process),
 * the specification and the task definitions know neither the server nor the engine, the UI goes
 * through services, and features do not depend on each other in cycles.
 */
@AnalyzeClasses(packages = "com.seqplay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule only_the_engine_uses_dl4j_and_nd4j = noClasses()
            .that().resideOutsideOfPackage("com.seqplay.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
            .because("the control plane never trains; DL4J stays inside the engine (trainer process)");

    /**
     * Predictions run in the inference worker process; the server may hold the engine's plain
     * request and answer types, never a class that would load ND4J into it.
     */
    @ArchTest
    static final ArchRule the_server_never_loads_the_engine = noClasses()
            .that().resideInAnyPackage("com.seqplay.run..", "com.seqplay.ui..", "com.seqplay.api..",
                    "com.seqplay.upload..", "com.seqplay.inference..")
            .should().dependOnClassesThat(resideInAPackage("com.seqplay.engine..")
                    .and(not(type(PredictRequest.class)).and(not(type(Prediction.class)))
                            .and(not(type(PredictionException.class)))
                            .and(not(type(Inspection.class))).and(not(type(LayerStates.class)))))
            .because("the server stays small and a native crash cannot end it: models load in the inference worker");

    @ArchTest
    static final ArchRule the_ui_never_uses_repositories = noClasses()
            .that().resideInAPackage("com.seqplay.ui..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
            .because("the UI goes through the same services as the REST API");

    @ArchTest
    static final ArchRule the_engine_does_not_know_the_server = noClasses()
            .that().resideInAnyPackage("com.seqplay.engine..", "com.seqplay.spec..", "com.seqplay.events..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..",
                    "com.seqplay.run..", "com.seqplay.ui..")
            .because("a trainer must be able to run anywhere, without the web application");

    @ArchTest
    static final ArchRule the_specification_depends_on_no_other_feature = noClasses()
            .that().resideInAPackage("com.seqplay.spec..")
            .should().dependOnClassesThat().resideInAnyPackage("com.seqplay.task..", "com.seqplay.engine..",
                    "com.seqplay.run..", "com.seqplay.ui..", "com.seqplay.upload..", "com.seqplay.dataset..")
            .because("a specification is plain data that every other part reads");

    @ArchTest
    static final ArchRule task_definitions_know_neither_engine_nor_server = noClasses()
            .that().resideInAPackage("com.seqplay.task..")
            .should().dependOnClassesThat().resideInAnyPackage("com.seqplay.engine..", "com.seqplay.run..",
                    "com.seqplay.ui..", "org.springframework..", "com.vaadin..")
            .because("the control plane checks specifications with them without loading the engine");

    @ArchTest
    static final ArchRule the_api_and_ui_do_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("com.seqplay.run.api..")
            .should().dependOnClassesThat().resideInAPackage("com.seqplay.ui..");

    @ArchTest
    static final ArchRule features_have_no_cycles = slices()
            .matching("com.seqplay.(*)..")
            .should().beFreeOfCycles();
}
