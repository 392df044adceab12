package io.vnft.api.roles;

import io.vnft.api.InvalidInputException;
import io.vnft.api.PipelineException;
import io.vnft.api.VnftException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** What every role shares: the service loop, message unwrapping, safe listener calls. */
final class Roles {
  private Roles() {}

  /**
   * Runs {@code pass} until {@code keepGoing} says no, pausing between passes; a pass that throws
   * is reported and the loop goes on (its work is retried next pass).
   */
  static void loop(String role, RoleListener listener, Supplier<?> pass, Duration pause, BooleanSupplier keepGoing) {
    Objects.requireNonNull(pass, "pass");
    Objects.requireNonNull(keepGoing, "keepGoing");
    if (pause == null || pause.isNegative()) {
      throw new InvalidInputException("pause: must be >= 0, got " + pause);
    }
    int failures = 0;
    while (keepGoing.getAsBoolean()) {
      try {
        pass.get();
        failures = 0;
      } catch (RuntimeException e) {
        failures++;
        int n = failures;
        call(() -> listener.passFailed(role, e, n));
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static void say(RoleListener listener, String role, String line) {
    call(() -> listener.progress(role, line));
  }

  private static void call(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Roles.class).warn("role listener threw; ignored", e);
    }
  }

  /** @return the message of the most meaningful cause: the first vnft error below wrappers */
  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && (c instanceof CompletionException || c instanceof PipelineException
        || !(c instanceof VnftException))) {
      c = c.getCause();
    }
    return c.getMessage();
  }
}
