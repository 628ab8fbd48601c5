package ca.hotlinetrends.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class (or one test of a class) that runs whole commands, child JVMs, kills, faults, soaks or scale cases:
 * tagged {@code integration}, it runs in {@code ./mvnw verify} (failsafe, after the jar is built) and not in
 * {@code ./mvnw test}, which stays the fast inner loop of unit and property tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {}
