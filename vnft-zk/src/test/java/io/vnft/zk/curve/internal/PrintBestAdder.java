package io.vnft.zk.curve.internal;

/** Test helper run in a child JVM by {@link BatchAdderTest}: prints the adder the MSMs would use. */
public final class PrintBestAdder {
  private PrintBestAdder() {}

  /**
   * Prints {@link BatchAdderProvider#best()}'s name.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("best=" + BatchAdderProvider.best().name());
  }
}
