package io.chipledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module rules of DESIGN.md: the domain knows no framework plumbing, and modules depend only downwards. */
@AnalyzeClasses(packages = "io.chipledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoSpringWebOrJdbc = noClasses().that().resideInAPackage("io.chipledger.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule coreDependsOnNoOtherModule = noClasses().that().resideInAPackage("io.chipledger.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chipledger.projections..", "io.chipledger.analytics..", "io.chipledger.api..");

    @ArchTest
    static final ArchRule projectionsDependOnlyOnCore = noClasses().that().resideInAPackage("io.chipledger.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chipledger.analytics..", "io.chipledger.api..");

    /** Empty until the ClickHouse sink and Kafka publisher arrive; the rule is in place for them. */
    @ArchTest
    static final ArchRule analyticsDependsOnlyOnCore = noClasses().that().resideInAPackage("io.chipledger.analytics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chipledger.projections..", "io.chipledger.api..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noPackagesByLayer = noClasses().should().resideInAnyPackage("..service..", "..repository..", "..model..", "..web..");
}
