package io.vnft.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds {@link VnftProvider}s with {@link ServiceLoader}. Stateless and thread-safe; nothing is
 * cached globally — each call looks again, so the caller (a {@link Vnft} instance) owns what it
 * creates.
 */
public final class Providers {
  private Providers() {}

  /**
   * @param type the provider interface, e.g. {@code VideoGeneratorProvider.class}
   * @param loader the class loader to search
   * @param <P> the provider type
   * @return all providers, sorted by {@link VnftProvider#priority()} then name
   * @throws BackendUnavailableException if a provider is declared but cannot be instantiated
   */
  public static <P extends VnftProvider<?>> List<P> all(Class<P> type, ClassLoader loader) {
    List<P> out = new ArrayList<>();
    try {
      for (P p : ServiceLoader.load(type, loader)) {
        out.add(p);
      }
    } catch (ServiceConfigurationError e) {
      throw new BackendUnavailableException("cannot load provider of " + type.getSimpleName(), e);
    }
    out.sort(Comparator.<P>comparingInt(VnftProvider::priority).thenComparing(VnftProvider::name));
    return out;
  }

  /**
   * @param type the provider interface
   * @param name the provider's name
   * @param <P> the provider type
   * @return the provider with that name, if any
   */
  public static <P extends VnftProvider<?>> Optional<P> named(Class<P> type, String name) {
    return all(type, Thread.currentThread().getContextClassLoader()).stream()
        .filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * @param type the provider interface
   * @param <P> the provider type
   * @return the first provider by priority, if any
   */
  public static <P extends VnftProvider<?>> Optional<P> first(Class<P> type) {
    List<P> all = all(type, Thread.currentThread().getContextClassLoader());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }
}
