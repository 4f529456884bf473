package org.fangxin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.fangxin.notification.Notifications;
import org.junit.jupiter.api.Test;

/** House rules that the compiler does not check (style.md 2.11). */
class ArchitectureTests {

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fangxin");

    @Test
    void nothingReadsTheWallClockExceptTheClockConfiguration() {
        noClasses().that().resideOutsideOfPackage("org.fangxin.shared.time..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("time comes from the injected Clock, so tests can travel in time")
                .check(PRODUCTION);
    }

    @Test
    void domainPackagesAreFreeOfSpringSqlAndWeb() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "jakarta.servlet..", "javax.sql..")
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }

    @Test
    void moneyIsNeverAFloatingPointField() {
        noFields().that().haveNameMatching("(?i).*(amount|price|fee|balance|money|fen|minor).*")
                .should().haveRawType(double.class)
                .orShould().haveRawType(float.class)
                .orShould().haveRawType(Double.class)
                .orShould().haveRawType(Float.class)
                .because("money is integer minor units")
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }

    @Test
    void onlyNoticeListenersSendNotifications() {
        noClasses().that().resideOutsideOfPackage("org.fangxin.notification..")
                .and().haveSimpleNameNotEndingWith("Notices")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.fangxin.notification.Notifications")
                .because("a business transaction publishes an event; its module's <Module>Notices listener sends after commit (ADR 11)")
                .check(PRODUCTION);
    }

    @Test
    void noticesAreMessageKeysInTheReadersLanguage() {
        noClasses().that().resideOutsideOfPackage("org.fangxin.notification..")
                .should().callMethod(Notifications.class, "send", UUID.class, String.class, String.class, String.class)
                .orShould().callMethod(Notifications.class, "send", UUID.class, String.class, String.class)
                .because("a system notice is a Notice (message key + arguments) so the inbox shows it in the reader's language (ADR 11)")
                .check(PRODUCTION);
    }

    @Test
    void nothingUsesLocalDateTime() {
        noClasses().should().dependOnClassesThat().areAssignableTo(LocalDateTime.class)
                .because("instants are Instant and dates people read are LocalDate plus a zone")
                .check(PRODUCTION);
    }
}
