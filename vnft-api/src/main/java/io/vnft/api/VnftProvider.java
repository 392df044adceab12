package io.vnft.api;

/**
 * Base of the service-provider interfaces found with {@link java.util.ServiceLoader}. A provider
 * is cheap to construct and must not load native code or open connections until
 * {@link #create()}; a failure there is a {@link BackendUnavailableException}.
 *
 * @param <T> the backend type it creates
 */
public interface VnftProvider<T> {
  /** @return a short unique name, e.g. {@code djl-cppn} or {@code local-store} */
  String name();

  /**
   * Lower runs first when several providers of one type are on the class path.
   *
   * @return the priority, default 100
   */
  default int priority() {
    return 100;
  }

  /**
   * @return a new backend configured from system properties / environment as documented by the
   *     provider
   * @throws BackendUnavailableException if the backend cannot run here
   */
  T create();
}
