package com.seqplay.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that trains a real network for more than a few seconds. {@code mvn test -Pfast} leaves
 * these out, for a quick check while working; a plain {@code mvn test} (and CI) runs them all.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SlowTest.TAG)
public @interface SlowTest {
    String TAG = "slow";
}
